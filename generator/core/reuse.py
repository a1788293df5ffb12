"""Reuse a generated SVG that an earlier run wrote, when what it was made from is unchanged.

QR codes and charts are slow to make and never change unless their inputs do. Each one
carries a stamp, a comment with a key of its inputs (the data, and the source of the module
that draws it, and the drawing library's version); a later run that computes the same key
finds the stamp in the file already there and takes its text as it is. Same inputs, same
bytes, whether made or reused. Reading only: writing stays `output`'s job.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path
from typing import Callable, Optional


def key(*parts) -> str:
    return hashlib.sha256("\0".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:20]


def code_version(module_file: str, *distributions: str) -> str:
    """Changes whenever the drawing code or a library it uses changes."""
    versions = [metadata.version(d) for d in distributions]
    return key(hashlib.sha256(Path(module_file).read_bytes()).hexdigest(), *versions)


def stamp(svg: str, stamp_key: str) -> str:
    """The SVG with its stamp as the first thing inside the root element."""
    head = svg.index(">") + 1
    return f"{svg[:head]}<!-- cpsite {stamp_key} -->{svg[head:]}"


class Reuse:
    """Looks for earlier files under `folder`/<lang>/<path> (no folder: never reuses)."""

    def __init__(self, folder: Optional[Path] = None):
        self.folder = folder

    def find(self, lang: str, path: str, stamp_key: str) -> Optional[str]:
        if self.folder is None:
            return None
        try:
            text = (self.folder / lang / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return text if f"<!-- cpsite {stamp_key} -->" in text else None

    def text(self, lang: str, path: str, stamp_key: str, make: Callable[[], str]) -> str:
        found = self.find(lang, path, stamp_key)
        return found if found is not None else stamp(make(), stamp_key)
