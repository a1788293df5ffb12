"""Every question the generator asks git, in one place. Read-only; never changes the repository.

- `Git`: what `cpsite l10n-status` asks: which commits changed a file, what a file held at a
  commit, whether a commit exists.
- `at_top`: one git command, only when the folder is the top of a work tree (the feeds' and
  open data's dates: a copied project inside another checkout must not take its history).
- `last_commit_time`: the committer time of HEAD of the checkout holding a folder (the offline
  copy's file times).
Outside git (a copied project, an unpacked archive) each answers None, and callers fall back.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Optional


def at_top(root: Path, *args: str) -> Optional[str]:
    """Output of `git <args>` run in `root`, or None unless `root` is the top of a work tree."""
    try:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, check=True).stdout.strip()
        if not top or Path(top).resolve() != root.resolve():
            return None
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              check=True, encoding="utf-8").stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def last_commit_time(root: Path) -> Optional[int]:
    """Committer time (seconds since the epoch) of HEAD of the checkout holding `root`."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                             text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return int(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip().isdigit() else None


class NotARepository(Exception):
    pass


class Git:
    def __init__(self, root: Path):
        self.root = root
        try:
            top = self._run("rev-parse", "--show-toplevel").strip()
        except (OSError, subprocess.CalledProcessError):
            raise NotARepository(f"{root} is not inside a git checkout") from None
        self.prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
        self.prefix = "" if self.prefix == "." else self.prefix + "/"
        self.has_head = subprocess.run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=root,
                                       capture_output=True).returncode == 0

    def _run(self, *args: str, input_: Optional[bytes] = None) -> str:
        return subprocess.run(["git", *args], cwd=self.root, capture_output=True, check=True,
                              input=input_).stdout.decode("utf-8", "replace")

    def commit_exists(self, commit: str) -> bool:
        return subprocess.run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=self.root,
                              capture_output=True).returncode == 0

    def show(self, commit: str, rel: str) -> Optional[str]:
        """A file (path relative to the project root) as it was at `commit`; None if absent."""
        result = subprocess.run(["git", "show", f"{commit}:{self.prefix}{rel}"], cwd=self.root,
                                capture_output=True)
        return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None

    def last_commit(self, rel: str) -> Optional[str]:
        if not self.has_head:
            return None
        out = self._run("log", "-1", "--format=%H", "--", rel).strip()
        return out or None

    def commits_since(self, commit: str, rel: str) -> int:
        if not self.has_head:
            return 0
        return len(self._run("rev-list", f"{commit}..HEAD", "--", rel).split())

    def dirty(self, rel: str) -> bool:
        """True when the working file differs from HEAD (or is not committed at all)."""
        if not self.has_head:
            return True
        tracked = subprocess.run(["git", "ls-files", "--error-unmatch", rel], cwd=self.root,
                                 capture_output=True).returncode == 0
        if not tracked:
            return True
        return subprocess.run(["git", "diff", "--quiet", "HEAD", "--", rel], cwd=self.root).returncode != 0

    def diff(self, commit: str, rel: str) -> str:
        return self._run("diff", commit, "--", rel)

    def history(self, folders: list[str]) -> dict[str, list[str]]:
        """{path relative to the project root: commits that changed it, oldest first}."""
        if not self.has_head:
            return {}
        # first parent only: one straight line of versions, merges counted as one change
        out = self._run("log", "--first-parent", "-m", "--format=%x00%H", "--name-only", "--no-renames",
                        "--", *folders)
        found: dict[str, list[str]] = {}
        for block in out.split("\x00")[1:]:
            lines = block.strip().splitlines()
            commit, names = lines[0], lines[1:]
            for name in names:
                if name.startswith(self.prefix):
                    found.setdefault(name[len(self.prefix):], []).insert(0, commit)
        return found

    def blobs(self, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], Optional[str]]:
        """Many (commit, path) texts with one `git cat-file --batch`."""
        if not wanted:
            return {}
        request = "".join(f"{c}:{self.prefix}{p}\n" for c, p in wanted).encode("utf-8")
        data = subprocess.run(["git", "cat-file", "--batch"], cwd=self.root, input=request,
                              capture_output=True, check=True).stdout
        out: dict = {}
        pos = 0
        for key in wanted:
            end = data.index(b"\n", pos)
            header = data[pos:end].decode()
            pos = end + 1
            if header.endswith("missing"):
                out[key] = None
                continue
            size = int(header.split()[2])
            out[key] = data[pos:pos + size].decode("utf-8", "replace")
            pos += size + 1
        return out
