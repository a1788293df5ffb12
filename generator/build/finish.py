"""`cpsite build`: the search index runs after MkDocs has ended, not beside it.

Pagefind holds every page of the language it indexes until it writes (about 2 GB for one
Chinese edition of 10,000 cases), and the MkDocs process still holds its own structures of
every page of every edition (about 1 GB there) until it ends. Run one after the other in
separate processes, the build's memory is the larger of the two instead of their sum.

So `cpsite build` (`build_site`) takes the build's locks itself, runs MkDocs with
`HANDOFF_VARIABLE` naming a file, and MkDocs' hook (site/hook.py) builds every edition into
its staging folder as always, but leaves the locks to this process and, instead of indexing
and publishing, writes the staging folder's path into that file and ends. This process then
indexes the staging folder and publishes it (`build/swap.py`). Whatever fails on the way
(MkDocs, the index, a signal), the staging folder is removed and the output folder stays as
it was. `mkdocs build` run directly still does everything in its own process.

Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Callable

from generator.build import swap as site_swap
from generator.build.lock import BuildLock, output_lock_path, project_lock_path, timeout_from_environment
from generator.core.output import write_if_changed
from generator.search.index import SearchIndexFailed, index_site, indexed_message

HANDOFF_VARIABLE = "CPSITE_BUILD_HANDOFF"


class BuildFailed(Exception):
    """The build did not finish; the output folder is as it was. The message says why."""


def handoff_file(environ=os.environ) -> Path | None:
    """In the MkDocs process: where to hand the built site over, when `cpsite build` started it."""
    value = environ.get(HANDOFF_VARIABLE, "")
    return Path(value) if value else None


def hand_over(handoff: Path, staging: Path, final: Path) -> None:
    """In the MkDocs process, once every edition is built into `staging`: tell the parent."""
    write_if_changed(handoff, json.dumps({"staging": str(staging), "final": str(final)}))   # whole or not at all


def _handed_over(handoff: Path) -> dict | None:
    try:
        return json.loads(handoff.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def build_site(project_root: Path, final: Path, run_mkdocs: Callable[[dict], int],
               say: Callable[[str], None]) -> int:
    """Build `final` (an absolute path): `run_mkdocs(env)` runs `mkdocs build` into `final`
    with `env` and returns its exit status. Returns the build's exit status; raises
    BuildFailed when MkDocs succeeded but the site could not be finished."""
    lock = BuildLock([project_lock_path(project_root), output_lock_path(final)],
                     timeout=timeout_from_environment(), say=say)
    lock.acquire()
    staging = None
    try:
        with tempfile.TemporaryDirectory(prefix="cpsite-build-") as tmp:
            handoff = Path(tmp) / "handoff.json"
            code = run_mkdocs(dict(os.environ, **{HANDOFF_VARIABLE: str(handoff)}))
            told = _handed_over(handoff)
            if told is not None:
                staging = Path(told["staging"])
            if code != 0:
                return code
            if told is None:
                raise BuildFailed("MkDocs ended without handing over the site it built; nothing was published")
            if Path(told["final"]) != final:
                raise BuildFailed(f"MkDocs built for {told['final']}, not {final}; nothing was published")
        started = time.monotonic()
        try:
            counts = index_site(staging, project_root)
        except SearchIndexFailed as failed:
            raise BuildFailed(f"Search index failed; nothing was published:\n{failed}") from None
        say(indexed_message(counts, time.monotonic() - started))
        site_swap.publish(staging, final)
        staging = None
        return 0
    finally:
        if staging is not None:
            site_swap.remove_folder(staging)
        lock.release()
