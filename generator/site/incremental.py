"""Dev-server rebuilds that render only what changed (`cpsite serve`).

A full build renders every page of every edition (about 2,600 pages with 150 cases). While
serving, one saved record changes a handful of generated pages: its own page in each edition,
the lists and indexes that show it. The generation step writes a generated file only when its
text changed, so a file's modification time says whether its page needs rendering again.
MkDocs' dirty mode renders exactly those pages (a page whose source is newer than its output,
or that has no output yet); `cpsite serve` turns it on.

What this module adds so that a dirty rebuild serves what a clean build would, and a failed
rebuild still leaves the last good site as it was:

- **Start from the last good site, shared, not touched.** The rebuild's staging folder is a
  copy of the served site made of hard links (`link_sync`, a fraction of a second), so output
  times are kept and unchanged pages are not rendered. Every file the rebuild writes is first
  unlinked from the staging folder (`Fresh`), so the served site never changes under a
  rebuild; it is swapped out whole at the end (`build/swap.py`), or left alone on failure.
- **Pages that include generated fragments.** A hand-written page (the home page, the kit,
  the programme statistics) includes fragments the generator writes (`--8<--`, pymdownx
  snippets); its own source does not change when they do. Such a page is rendered again when
  a fragment it includes is newer than its output (`includes_changed`).
- **Nothing stale.** After every edition is rendered, files in the staging folder that this
  rebuild did not produce (a deleted or renamed record's pages, the last search index, ...)
  are removed (`sweep`) before the post-build steps write theirs afresh.
- **The last site recycled.** Making folders is the slow part of a copy made of links (each
  page is a folder of its own): the site a swap takes out of service is kept (`keep_as_spare`)
  and the next rebuild brings it up to date with the served site (`link_sync`), linking only
  the files that differ.
- **Folders moved, not linked.** Linking costs a system call a file; the search index and the
  short links (thousands of files) are not linked but moved from the served site into the
  rebuild whole, a rename each, just before the swap (`move_over`), then brought up to date.
- **The page first, the search index after.** Indexing every page takes seconds, so a rebuild
  that starts from the last site keeps the last index, is served, and then indexes the served
  site in a process of its own (`index_in_background`: on the other core, never holding this
  process's interpreter lock); the new index replaces the old one whole. A rebuild that starts
  while it runs stops it (its index would be replaced at once) and puts the last whole index
  back (`stop_index`), instead of waiting for it.
- **A clean rebuild when pages depend on more than their source.** The theme overrides,
  mkdocs.yml and the git commit (pages show their last-updated date from git) go into a
  fingerprint; when it differs from the last build's, the rebuild starts from an empty folder
  and renders everything.

The state kept between rebuilds lives here, in a normal module: MkDocs runs the hook file
afresh for every rebuild of `mkdocs serve`. This module does not import MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from generator.core import git
from generator.search.index import mend_interrupted

# The rebuild-to-rebuild memory of one dev server: the fingerprint of the site being served,
# and of the rebuild under way.
_last = {"fingerprint": None}
_pending = {"fingerprint": None}

THEME_INPUTS = ("overrides", "mkdocs.yml")


def fingerprint(root: Path) -> str:
    """Changes when anything every page is rendered with changes: the theme overrides,
    mkdocs.yml, or the commit checked out."""
    digest = hashlib.sha256()
    for name in THEME_INPUTS:
        path = root / name
        paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for p in paths:
            if p.is_file():
                info = p.stat()
                digest.update(f"{p.relative_to(root)}\0{info.st_mtime_ns}\0{info.st_size}\n".encode())
    digest.update((git.at_top(root, "rev-parse", "HEAD") or "no commit").encode())
    return digest.hexdigest()


def start(final: Path, staging: Path, root: Path, moved: tuple[str, ...] = ()) -> bool:
    """Fill `staging` for a rebuild. Returns True when it starts from the last good site (a
    dirty rebuild), False when from nothing (the first build, or the fingerprint changed).
    The folders `moved` are not linked: `move_over` moves them in whole just before the swap."""
    stop_index()
    wait_for_background()
    now = fingerprint(root)
    reuse = _last["fingerprint"] == now and final.is_dir() and any(final.iterdir())
    _last["fingerprint"] = None      # set again only when this build is published
    _pending["fingerprint"] = now
    spare, _spare["folder"] = _spare["folder"], None
    if reuse:
        if spare is not None and spare.is_dir():
            os.rmdir(staging)             # made empty by the caller: the spare takes its name
            os.rename(spare, staging)
        link_sync(final, staging, skip=moved)
    if spare is not None and spare.exists():
        shutil.rmtree(spare, ignore_errors=True)
    return reuse


# The site the last swap took out of service, kept to start the next rebuild from: it has the
# same folders as the served site but for a few, and making folders is the slow part of a copy
# made of links (a page is a folder of its own).
_spare = {"folder": None}


def keep_as_spare(folder: Path, moved: tuple[str, ...]) -> None:
    """After a swap: keep the last site (now at `folder`) for the next rebuild, without the
    folders that rebuild will move over whole. Runs on a thread; the next rebuild waits."""
    def prune():
        for rel in moved:
            shutil.rmtree(folder / rel, ignore_errors=True)
        _spare["folder"] = folder
    _kept_aside.append(folder)
    in_background(prune)


_kept_aside: list[Path] = []     # every folder kept as a spare, for the server's exit


def prepare_spare(final: Path, moved: tuple[str, ...]) -> None:
    """After the dev server's first build, which took no site out of service: make the spare
    the first rebuild starts from (the served site's folders, its files linked, but for the
    folders `moved`) on a thread, while the editor reads, instead of in that rebuild."""
    if _kept_aside or not final.is_dir():
        return
    folder = final.with_name(f"{final.name}.spare-{os.getpid()}")

    def make():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        link_sync(final, folder, skip=moved)
        _spare["folder"] = folder
    _kept_aside.append(folder)
    in_background(make)


def let_go_of_spare() -> None:
    """When the server stops: stop the search index under way, remove the spare site (and any
    kept before it). Does not wait for the work on a thread."""
    stop_index()
    _spare["folder"] = None
    while _kept_aside:
        shutil.rmtree(_kept_aside.pop(), ignore_errors=True)


def published() -> None:
    """The rebuild was swapped in: the next one may start from it."""
    _last["fingerprint"] = _pending["fingerprint"]


_index = {"process": None, "site": None}


def index_in_background(site: Path, root: Path) -> None:
    """Index the served site `site` in a process of its own (search/index.py `main`); it says
    what it indexed on the server's output."""
    stop_index()
    _index.update(site=site, process=subprocess.Popen(
        [sys.executable, "-m", "generator.search.index", str(site), str(root)], cwd=root))


def stop_index() -> None:
    """Stop the search index under way, if any, and leave its site with the last whole index."""
    process, site = _index["process"], _index["site"]
    _index.update(process=None, site=None)
    if process is None:
        return
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        mend_interrupted(site)


_background: list[threading.Thread] = []


def in_background(work, *args) -> None:
    """Run `work(*args)` on a thread (the search index of a rebuild already served)."""
    thread = threading.Thread(target=work, args=args, name="cpsite-after-rebuild", daemon=True)
    _background.append(thread)
    thread.start()


def wait_for_background() -> None:
    """Before the next rebuild copies the site: let the work on it finish."""
    while _background:
        _background.pop().join()


# pymdownx.snippets' block form, as the hand-written pages use it: --8<-- "en/home-stats.md"
_INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"([^"\n]+)"', re.MULTILINE)


def includes_changed(source: Path, output: Path, bases: list[Path]) -> bool:
    """Whether a fragment `source` includes (looked up under `bases`) is newer than `output`."""
    try:
        built = output.stat().st_mtime
    except FileNotFoundError:
        return True
    text = source.read_text(encoding="utf-8")
    for name in _INCLUDE.findall(text):
        for base in bases:
            try:
                if (base / name).stat().st_mtime > built:
                    return True
                break
            except FileNotFoundError:
                continue
    return False


def _remove(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def link_sync(source: Path, dest: Path, skip: tuple[str, ...] = ()) -> int:
    """Make `dest` (an empty folder, or an earlier copy made of links) a copy of `source` made of links,
    touching only what differs: a file that is not the same file (inode) as the one in
    `source` is replaced by a link, anything `source` lacks is removed, a folder made only
    where `source` has a new one. The folders `skip` (relative, with '/') are not copied and
    are removed from `dest`. Returns the count of links made."""
    skipped = set(skip)
    made = 0

    def sync(src: str, dst: str, rel: str) -> None:
        nonlocal made
        try:
            there = {entry.name: entry for entry in os.scandir(dst)}
        except NotADirectoryError:
            os.unlink(dst)
            os.mkdir(dst)
            there = {}
        except FileNotFoundError:
            os.mkdir(dst)
            there = {}
        for entry in os.scandir(src):
            path = f"{rel}/{entry.name}" if rel else entry.name
            old = there.pop(entry.name, None)
            if entry.is_dir(follow_symlinks=False):
                if path in skipped:
                    if old is not None:
                        _remove(old)
                    continue
                if old is not None and not old.is_dir(follow_symlinks=False):
                    os.unlink(old.path)
                sync(entry.path, os.path.join(dst, entry.name), path)
                continue
            if old is not None:
                if not old.is_dir(follow_symlinks=False) and old.inode() == entry.inode():
                    continue
                _remove(old)
            os.link(entry.path, os.path.join(dst, entry.name))
            made += 1
        for old in there.values():      # what the source no longer has
            _remove(old)

    sync(str(source), str(dest), "")
    return made


def move_over(final: Path, staging: Path, folders: tuple[str, ...]) -> list[str]:
    """Just before the swap: move each of `folders` (relative paths) that the served site has
    and the rebuild has not made from the served site into the rebuild, whole (one rename
    each, where linking their files one by one would take a link each: the search index and
    the short links are thousands). The served site lacks them from now until the swap, a
    moment; `move_back` returns them if the rebuild fails before it. Returns the folders moved."""
    moved = []
    for rel in folders:
        source, dest = final / rel, staging / rel
        if source.is_dir() and not os.path.lexists(dest):
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.rename(source, dest)
            moved.append(rel)
    return moved


def move_back(final: Path, staging: Path, moved: list[str]) -> None:
    """A rebuild failed after `move_over`: give the served site its folders back."""
    for rel in reversed(moved):
        if (staging / rel).is_dir() and not os.path.lexists(final / rel):
            os.rename(staging / rel, final / rel)


def fresh(path: Path | str) -> None:
    """Before a file of the staging folder is written: unlink it, so the write makes a new
    file instead of changing the one the served site shares."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def sweep(site: Path, produced: set[str], keep: tuple[str, ...] = ()) -> list[str]:
    """Remove every file under `site` whose path (relative, with '/') is not in `produced`,
    then the folders left empty; the folders `keep` (relative, with '/') are left whole and not
    looked into (the last search index: a quarter of the site's files). Returns the removed
    files' paths."""
    removed, walked = [], []
    kept = {os.path.normpath(site / folder) for folder in keep}
    for folder, dirs, files in os.walk(site):
        dirs[:] = [d for d in dirs if os.path.join(folder, d) not in kept]
        walked.append(folder)
        rel = os.path.relpath(folder, site)
        for name in files:
            path = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")
            if path not in produced:
                os.unlink(os.path.join(folder, name))
                removed.append(path)
    for folder in reversed(walked):         # the deepest first
        if folder != str(site) and not os.listdir(folder):
            os.rmdir(folder)
    return sorted(removed)
