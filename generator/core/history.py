"""Dates that make the published files reproducible: the build date and when each case appeared.

- Build date (printed in the open data and the feeds): $SOURCE_DATE_EPOCH when set (the
  reproducible-builds convention), else the committer date of the last commit, else the
  newest modification time of the record, vocabulary and schema files. Never the clock, so
  two builds of one commit give the same bytes.
- Case dates (the Atom feeds of new cases): `published` is the committer date of the first
  commit that added the record file (or a file of one of its former ids); `updated` is that of
  the last commit that changed one of them. A record that is not committed yet takes the
  build date for both.

Git is asked only when the project folder is the top of a work tree, with one `git log` for
all records. Outside git (a copied project, an unpacked archive) the fallbacks apply.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional

from generator.core import git

INPUT_FOLDERS = ("cases", "technologies", "data", "schema")


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.strip()).astimezone(timezone.utc)


def build_date(root: Path) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    stamp = git.at_top(root, "log", "-1", "--format=%cI")
    if stamp and stamp.strip():
        return _parse(stamp)
    newest = 0.0
    for folder in INPUT_FOLDERS:
        for path in (root / folder).rglob("*") if (root / folder).is_dir() else ():
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return datetime.fromtimestamp(int(newest), timezone.utc)


@dataclasses.dataclass(frozen=True)
class Dates:
    published: datetime
    updated: datetime


def record_dates(root: Path, records: dict[str, Iterable[str]], fallback: datetime) -> dict[str, Dates]:
    """`records`: id -> record file paths relative to root (the current one and former ones)."""
    seen: dict[str, list[datetime]] = {}
    folders = sorted({p.split("/", 1)[0] for paths in records.values() for p in paths})
    log = git.at_top(root, "log", "--format=%x1e%cI", "--name-only", "--no-renames", "--", *folders) if folders else None
    for chunk in (log or "").split("\x1e"):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        moment = _parse(lines[0])
        for path in lines[1:]:
            seen.setdefault(path.strip(), []).append(moment)
    out = {}
    for record_id, paths in sorted(records.items()):
        moments = [m for p in paths for m in seen.get(p, ())]
        out[record_id] = Dates(min(moments), max(moments)) if moments else Dates(fallback, fallback)
    return out


def source_date_epoch(root: Path) -> Optional[int]:
    """The build's date for file times: SOURCE_DATE_EPOCH when set, else the time of the last
    commit, so two builds of one commit are byte-identical. None outside a git checkout."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return git.last_commit_time(root)
