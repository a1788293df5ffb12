#!/usr/bin/env python3
"""Set up cpsite and run it, on a machine that has nothing but Python 3.11.

    python3 dev.py site     # set up, build the site and serve it on http://127.0.0.1:8000
    python3 dev.py test     # set up and run the whole test suite (extra args go to pytest)
    python3 dev.py build    # set up and build the site into site/
    python3 dev.py cpsite … # set up and run any cpsite command, e.g. `cpsite validate`

Set-up means: a virtual environment in .venv with the exact versions in requirements.lock,
and cpsite itself installed in editable mode. It is redone only when requirements.lock or
pyproject.toml change. For the tests it also installs the site-checking tools in
package-lock.json (axe-core, the Nu HTML Checker, Lighthouse) with npm, when npm is there.

SIGINT and SIGTERM are passed on to the command it runs, and it waits for that to end, so
stopping `dev.py site` stops the server and everything it started (generator/core/signals.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"cpsite needs Python 3.11; this is {sys.version.split()[0]} ({sys.executable})")
    stamp = VENV / ".cpsite-setup"
    want = _fingerprint()
    if stamp.is_file() and stamp.read_text() == want:
        return
    print("Setting up .venv (exact versions from requirements.lock)…", file=sys.stderr)
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["-r", str(ROOT / "requirements.lock")], check=True)
    subprocess.run(pip + ["--no-deps", "-e", str(ROOT)], check=True)
    stamp.write_text(want)


def ensure_node_tools() -> None:
    """npm ci from package-lock.json, redone only when the lock file changes."""
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: the accessibility, HTML and Lighthouse checks will be skipped",
              file=sys.stderr)
        return
    stamp = ROOT / "node_modules" / ".cpsite-setup"
    want = hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == want:
        return
    print("Installing site-checking tools (npm ci)…", file=sys.stderr)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)
    stamp.write_text(want)


def run(*args: str) -> int:
    sys.path.insert(0, str(ROOT))
    from generator.core.signals import run_forwarding_signals   # standard library only

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return run_forwarding_signals(list(args), cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("site", "test", "build", "cpsite"):
        print(__doc__, file=sys.stderr)
        return 2
    ensure_env()
    command, rest = argv[0], argv[1:]
    if command == "site":
        return run(str(BIN / "cpsite"), "serve", *rest)
    if command == "build":
        return run(str(BIN / "cpsite"), "build", *rest)
    if command == "cpsite":
        return run(str(BIN / "cpsite"), *rest)
    ensure_node_tools()
    return run(str(BIN / "python"), "-m", "pytest", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
