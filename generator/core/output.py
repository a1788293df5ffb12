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


@dataclasses.dataclass
class Changes:
    written: list = dataclasses.field(default_factory=list)
    removed: list = dataclasses.field(default_factory=list)
    unchanged: int = 0

    def __bool__(self) -> bool:
        return bool(self.written or self.removed)


def write_if_changed(path: Path, text: str | bytes) -> bool:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)
    return True


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
    keep = {root / rel for rel in files}
    for folder in owned:
        base = root / folder if folder else root
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path not in keep:
                path.unlink()
                changes.removed.append(path)
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
