"""Publish a finished build: put its staging folder in place of the output folder.

Each build writes into its own staging folder beside the output folder
(`site.partial-<pid>-<random>` for `site/`), so builds never share one. When the build has
succeeded, `publish` makes the staging folder the output folder:

- no output folder yet (first build): one rename;
- on Linux: `renameat2(…, RENAME_EXCHANGE)` (through ctypes on libc) swaps the two folders in
  one step, so `site/` is a complete site at every moment, the old one or the new one; the
  old site, now under the staging name, is then removed;
- elsewhere, or where the kernel, C library or file system cannot exchange (then renameat2
  fails with ENOSYS or EINVAL): two renames, `site/` → `site.old-<pid>-<random>`, then the
  staging folder → `site/`. Between the two, for a moment, there is no `site/`.

A build killed before `publish` leaves the previous site as it was, and its staging folder
behind; `remove_leftovers` (called by the next build, under the output lock) removes those.
This module knows nothing of MkDocs.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
# renameat2 fails with these when the kernel or the file system has no RENAME_EXCHANGE
_CANNOT_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


def staging_dir_for(final: Path) -> Path:
    """A staging folder name no other build uses: <name>.partial-<pid>-<random>."""
    return final.with_name(f"{final.name}.partial-{os.getpid()}-{secrets.token_hex(4)}")


def _old_dir_for(final: Path) -> Path:
    return final.with_name(f"{final.name}.old-{os.getpid()}-{secrets.token_hex(4)}")


def leftovers(final: Path) -> list[Path]:
    """Staging and old folders of `final` that earlier builds left (killed ones, or older cpsite)."""
    parent = final.parent
    if not parent.is_dir():
        return []
    names = (f"{final.name}.partial", f"{final.name}.old")
    return sorted(p for p in parent.iterdir()
                  if p.name in names or p.name.startswith(tuple(n + "-" for n in names)))


def remove_leftovers(final: Path) -> None:
    """Only call while holding the output lock: then no other build is using any of them."""
    for path in leftovers(final):
        remove_folder(path)


def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):       # C library older than glibc 2.28, or none found
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically. False when this system cannot (nothing was changed)."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _CANNOT_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def publish(staging: Path, final: Path, remove=None) -> str:
    """Make `staging` the new `final`. Returns how: "renamed" (there was no `final`),
    "exchanged" (atomic swap) or "two renames" (the fallback, with a moment without `final`).
    `remove(folder)` removes the previous site once it is swapped out (default: at once,
    `remove_folder`; the dev server does it after the new site is served)."""
    remove = remove or remove_folder
    if not os.path.lexists(final):
        os.rename(staging, final)
        return "renamed"
    if exchange(staging, final):
        remove(staging)                     # the previous site, now under the staging name
        return "exchanged"
    old = _old_dir_for(final)
    os.replace(final, old)
    os.replace(staging, final)
    remove(old)
    return "two renames"


def remove_folder(path: Path) -> None:
    """Remove a staging or old folder (or a symlink that was swapped into its place)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)
