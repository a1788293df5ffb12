"""One build at a time: an exclusive lock held from the start of a build until it is published.

Two locks, always taken in this order, so two builds can never deadlock:

- the project lock, `.generated/build.lock`: the generator writes `content/<lang>/…` and
  `.generated/` of the project, which every build of it shares, whatever its output folder;
- the output lock, a file beside the output folder (`site.lock` for `site/`): two builds of
  one output folder would otherwise stage and swap over each other.

`mkdocs serve` builds into a private temporary folder, so it takes only the project lock.

A build that finds a lock taken says that it waits for the other build (and which process
holds it), then keeps trying until the lock is free or the timeout passes
(`CPSITE_BUILD_LOCK_TIMEOUT` seconds, default 1800), then gives up with `LockTimeout`.

On POSIX the lock is `fcntl.flock` on the lock file: the system drops it when the holding
process ends, however it ends, so a crashed build never leaves a stale lock. The lock files
stay on disk on purpose (removing one while another build waits on it would let a third in).
Where there is no `fcntl` (Windows), builds are not locked at all: `acquire` only reports
that once, and running two builds of one project at a time is then up to the person.
This module knows nothing of MkDocs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

try:
    import fcntl
except ImportError:          # not POSIX: no locking (see the module docstring)
    fcntl = None

TIMEOUT_VARIABLE = "CPSITE_BUILD_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 1800.0
POLL_SECONDS = 0.2


class LockTimeout(Exception):
    """The other build did not finish in time; the message says which lock and process."""


def project_lock_path(project_root: Path) -> Path:
    return project_root / ".generated" / "build.lock"


def output_lock_path(site_dir: Path) -> Path:
    return site_dir.with_name(site_dir.name + ".lock")


def timeout_from_environment(environ=os.environ) -> float:
    text = environ.get(TIMEOUT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"{TIMEOUT_VARIABLE}={text!r} is not a number of seconds") from None
    return max(seconds, 0.0)


class BuildLock:
    """Exclusive locks on `paths`, taken in the given order with one deadline for all.

    `say` receives the "waiting for the other build" message, once per lock that is taken.
    """

    def __init__(self, paths: list[Path], *, timeout: float, say: Callable[[str], None]):
        self.paths = list(paths)
        self.timeout = timeout
        self.say = say
        self._handles: list = []

    def acquire(self) -> None:
        if fcntl is None:
            self.say("cpsite: this system has no fcntl, so builds are not locked; "
                     "run one build of a project at a time")
            return
        deadline = time.monotonic() + self.timeout
        try:
            for path in self.paths:
                self._handles.append(self._lock_one(path, deadline))
        except BaseException:
            self.release()
            raise

    def _lock_one(self, path: Path, deadline: float):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")
        said = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                pass
            if not said:
                self.say(f"cpsite: waiting for the other build to finish (it holds {path}, "
                         f"{_holder(path)}); giving up after {self.timeout:g} s ({TIMEOUT_VARIABLE})")
                said = True
            if time.monotonic() >= deadline:
                handle.close()
                raise LockTimeout(
                    f"Another build is still running (it holds {path}, {_holder(path)}); gave up "
                    f"waiting after {self.timeout:g} s. Let it finish and build again, or set "
                    f"{TIMEOUT_VARIABLE} to wait longer.")
            time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        return handle

    def release(self) -> None:
        """Drop every lock held (in reverse order); safe to call more than once."""
        while self._handles:
            handle = self._handles.pop()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()

    @property
    def held(self) -> bool:
        return bool(self._handles)

    def __enter__(self) -> "BuildLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def _holder(path: Path) -> str:
    """'pid 1234' from the lock file (written by the holder), or 'process unknown'."""
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "process unknown"
