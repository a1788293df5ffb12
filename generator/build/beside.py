"""Lay the files the generator wrote beside the docs folder into the built site, as they are.

The short links and their QR codes (model.kinds.BESIDE: <lang>/c/<id>/, <lang>/t/<id>/) are
written by the generation step into .generated/site-files/<lang>/, not into content/: pages
link to them from raw HTML only, and MkDocs (with mkdocs-static-i18n, which reconfigures
every file of every edition in each of its builds) would spend more time on their files, a
third of the site's, than on the pages. After MkDocs has built every edition, `lay_into` puts
them into the site: each language's folder at its place in the site (the default language at
the root).

Each file is hard-linked, or copied where the site is on another file system. A file already
in the site that is the same file (the dev server's rebuild starts from links to the last
site), or a copy with the same size and time, is left as it is; any other is unlinked first and
replaced, so a file the served site shares is never written to. The generation step replaces
a changed file with a new one (core/output.py), so a link never sees a later run's text.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def _same(source: os.stat_result, dest: Path) -> bool:
    try:
        found = dest.stat()
    except FileNotFoundError:
        return False
    if (found.st_ino, found.st_dev) == (source.st_ino, source.st_dev):
        return True
    return found.st_size == source.st_size and found.st_mtime_ns == source.st_mtime_ns


def _lay(source: Path, dest: Path) -> None:
    try:
        os.unlink(dest)
    except FileNotFoundError:
        pass
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, dest)
    except OSError:          # another file system (or one without hard links)
        shutil.copy2(source, dest)


def lay_into(site: Path, files_root: Path, prefixes: dict[str, str]) -> set[str]:
    """Put every file under `files_root`/<lang>/ into `site`/<prefix>/ for each language and
    its prefix in the site ('' for the default language, 'zh/' for zh). Returns the paths laid,
    relative to `site` with '/'. A language with no folder under `files_root` lays nothing."""
    laid = set()
    for lang, prefix in prefixes.items():
        base = files_root / lang
        for folder, _dirs, names in os.walk(base):
            rel_folder = os.path.relpath(folder, base)
            for name in names:
                if name.startswith(".tmp-"):      # a write of core/output.py under way elsewhere
                    continue
                rel = name if rel_folder == "." else f"{rel_folder}/{name}".replace(os.sep, "/")
                source = Path(folder) / name
                dest = site / prefix / rel
                if not _same(source.stat(), dest):
                    _lay(source, dest)
                laid.add(f"{prefix}{rel}")
    return laid
