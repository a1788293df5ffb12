"""Make a throw-away git repository of a project with commits at fixed dates (for tests of the
dates that feeds and open data take from git). Never touches the checkout's own repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-c", "user.name=cpsite tests", "-c", "user.email=tests@example.org",
                           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                          cwd=root, env=env, capture_output=True, text=True, check=True).stdout


def commit(root: Path, message: str, date: str, *paths: str) -> None:
    git(root, "add", *(("--", *paths) if paths else ("-A",)))
    git(root, "commit", "-q", "-m", message, date=date)


def init(root: Path) -> None:
    """A new repository in `root` that ignores what the real one ignores (generated pages)."""
    git(root, "init", "-q")
    shutil.copy2(ROOT / ".gitignore", root / ".gitignore")
