"""What `mkdocs serve` watches: the hand-written pages, not the pages the build writes.

MkDocs watches the whole docs folder. The build writes its generated pages there
(content/<lang>/cases/ … and the converted content/zh-Hans/), so each rebuild would see its
own output as a change and start a second full rebuild. Instead the docs folder is watched
folder by folder: every hand-written folder on its own (not recursively), none of the folders
the generator owns (model/kinds.py OWNED_DIRS) and not the converted edition. The records,
vocabularies, schemas and the generator are watched through mkdocs.yml's `watch:` list.

A hand-written folder created while the server runs is watched after a restart.

MkDocs looks for changes by listing every watched folder twice a second; `use_file_events`
has the system tell it instead (inotify on Linux, FSEvents on macOS), so a save is seen at
once instead of a quarter of a second later on average, and a project of 10,000 records is not
listed again and again. Where the system offers no file events, MkDocs' polling stays.
"""

from __future__ import annotations

import logging
from pathlib import Path

import watchdog.events
import watchdog.observers
import watchdog.observers.polling

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


log = logging.getLogger("mkdocs.plugins.cpsite")

# What polling reports, and so what MkDocs expects: a file made, changed (its content or its
# times, as `touch` does), removed or moved. File events also report every file opened or read
# (the build reads the records and the generator): those must not start a rebuild.
CHANGES = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent, watchdog.events.FileAttribEvent,
           watchdog.events.FileDeletedEvent, watchdog.events.FileMovedEvent, watchdog.events.FileClosedEvent]


def _changes_only(observer_class):
    class ChangesOnly(observer_class):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **more):
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=event_filter or CHANGES, **more)
    return ChangesOnly


def use_file_events(server) -> bool:
    """Move every path `server` (MkDocs' LiveReloadServer, not yet serving) watches, and every
    later one, from its polling observer to the system's file events. Returns whether it did."""
    observer_class = watchdog.observers.Observer
    if issubclass(observer_class, watchdog.observers.polling.PollingObserver):
        return False                    # this system has no file events: polling it is
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if not isinstance(watched, dict) or not isinstance(refs, dict) or server.observer.is_alive():
        log.debug("cpsite: this MkDocs keeps its watches differently; it polls for changes")
        return False
    again = [(path, count, refs[path].is_recursive) for path, count in watched.items()]
    for path, count, _ in again:
        for _ in range(count):
            server.unwatch(path)
    server.observer = _changes_only(observer_class)()
    for path, count, recursive in again:
        for _ in range(count):
            server.watch(path, recursive=recursive)
    return True
