"""Write generated files: only when their text changed, and remove the ones no longer made.

The generator owns a fixed set of folders (model.kinds.OWNED_DIRS inside each language folder, and
the snippets folder). Nothing outside them is touched, and inside them every file that this
run did not produce is removed, so a deleted record leaves no page behind.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

from generator.core import memo


@dataclasses.dataclass
class Changes:
    written: list = dataclasses.field(default_factory=list)
    removed: list = dataclasses.field(default_factory=list)
    unchanged: int = 0

    def __bool__(self) -> bool:
        return bool(self.written or self.removed)


# What the last run wrote or found at each path, in a long-lived process (the dev server,
# core/memo.py): a file whose size, time and inode are as they were then, and whose new text is
# that text, is unchanged without reading it again. (The generated folders are the generator's
# alone; a hand edit there that kept the size within the file system's clock tick of our write
# would go unseen until the next change of that file.)
_last = memo.Memo("files written")


def _signature(info: os.stat_result) -> tuple:
    return info.st_size, info.st_mtime_ns, info.st_ino


def write_if_changed(path: Path, text: str | bytes) -> bool:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        info = path.stat()
        held, last = _last.find(path)
        if held and last[0] == _signature(info) and last[1] == data:
            return False
        if info.st_size == len(data) and path.read_bytes() == data:
            _last.put(path, (_signature(info), data))
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    if memo.keeping():
        _last.put(path, (_signature(path.stat()), data))
    return True


def _files_and_folders(base: Path) -> tuple[list[str], list[str]]:
    """Every file under `base`, and every folder below it (deepest first), as path strings
    (thousands of them: no Path object each)."""
    files, folders = [], []
    for folder, dirs, names in os.walk(base, topdown=False):
        files.extend(os.path.join(folder, name) for name in names)
        if folder != str(base):
            folders.append(folder)
    return sorted(files), folders


def sync_tree(root: Path, files: dict[str, str | bytes], owned: tuple[str, ...], changes: Changes) -> None:
    """Make the owned folders under `root` hold exactly `files` ({relative path: text or bytes}).
    A path outside the owned folders is a bug in the caller (its file would never be cleaned
    up): refused before anything is written."""
    stray = [rel for rel in files if rel.startswith("/") or ".." in rel.split("/")
             or not any(not folder or rel.startswith(folder + "/") for folder in owned)]
    if stray:
        raise ValueError(f"not inside the owned folders {owned}: {sorted(stray)[:5]}")
    for rel, text in sorted(files.items()):
        if write_if_changed(root / rel, text):
            changes.written.append(root / rel)
        else:
            changes.unchanged += 1
    keep = {os.path.normpath(os.path.join(root, rel)) for rel in files}
    for folder in owned:
        base = root / folder if folder else root
        if not base.is_dir():
            continue
        found, folders = _files_and_folders(base)
        for path in found:
            if os.path.normpath(path) not in keep:
                os.unlink(path)
                changes.removed.append(Path(path))
        for path in folders:
            if not os.listdir(path):
                os.rmdir(path)


def remove_folders(root: Path, folders: tuple[str, ...], changes: Changes) -> None:
    """Remove folders under `root` that the generator no longer writes, with what they hold."""
    sync_tree(root, {}, folders, changes)
    for folder in folders:
        if (root / folder).is_dir():
            (root / folder).rmdir()
