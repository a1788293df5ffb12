"""What `mkdocs serve` watches: the hand-written pages, not the pages the build writes.

MkDocs watches the whole docs folder. The build writes its generated pages there
(content/<lang>/cases/ … and the converted content/zh-Hans/), so each rebuild would see its
own output as a change and start a second full rebuild. Instead the docs folder is watched
folder by folder: every hand-written folder on its own (not recursively), none of the folders
the generator owns (model/kinds.py OWNED_DIRS) and not the converted edition. The records,
vocabularies, schemas and the generator are watched through mkdocs.yml's `watch:` list.

A hand-written folder created while the server runs is watched after a restart.
"""

from __future__ import annotations

from pathlib import Path

from generator.edition.write import LOCALE
from generator.model.kinds import OWNED_DIRS


def generated_page(src_uri: str) -> bool:
    """Whether a page of the docs folder (`en/cases/x.md`, `zh-Hans/about.md`) is one the
    generator writes from records, as opposed to a hand-written page or its conversion."""
    rel = src_uri.partition("/")[2]
    return any(rel.startswith(o.folder + "/") for o in OWNED_DIRS)


def hand_written_folders(docs_dir: Path) -> list[Path]:
    """Every folder of `docs_dir` that holds hand-written pages (the docs folder included)."""
    owned = {folder for folder in (o.folder for o in OWNED_DIRS)}
    found = [docs_dir]
    for lang_dir in sorted(p for p in docs_dir.iterdir() if p.is_dir()):
        if lang_dir.name == LOCALE:
            continue
        for folder in [lang_dir, *sorted(p for p in lang_dir.rglob("*") if p.is_dir())]:
            rel = folder.relative_to(lang_dir).as_posix()
            if not any(rel == o or rel.startswith(o + "/") for o in owned):
                found.append(folder)
    return found


def watch_hand_written(server, docs_dir: Path) -> None:
    """Replace MkDocs' recursive watch of the docs folder (`server` is its LiveReloadServer)."""
    server.unwatch(str(docs_dir))
    for folder in hand_written_folders(docs_dir):
        server.watch(str(folder), recursive=False)
