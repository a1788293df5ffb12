"""Shared test helpers: the repository root, throw-away projects, and one real site build.

Nothing here writes into the checkout: every project and build lives under pytest's tmp dirs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# What a project needs to build the site (generated folders under content/ are not copied).
PROJECT_PARTS = ("cases", "technologies", "data", "schema", "overrides", "generator", "mkdocs.yml")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden from the current templates instead of comparing")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now, for a test server."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_project(dest: Path, *, records_from: Path | None = None) -> Path:
    """A copy of the real project (or of the fixture records) that tests may change freely."""
    for part in PROJECT_PARTS:
        src = ROOT / part
        if part in ("cases", "technologies") and records_from is not None:
            src = records_from / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    tracked = subprocess.run(["git", "ls-files", "content"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    for rel in tracked:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
    return dest


def cpsite(project: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`cpsite ARGS` run in `project`, as an editor would."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True,
                          text=True, env=env, input=stdin)


def mkdocs_build(project: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if site_dir is not None:
        args += ["--site-dir", str(site_dir)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(args, cwd=project, capture_output=True, text=True, env=env)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def failed_rebuild(project: Path, edit) -> subprocess.CompletedProcess:
    """Build, break the project with `edit(project)`, build again: the second build must fail
    and leave the first one's site/ exactly as it was, with no half-written folder beside it."""
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project / "site")
    edit(project)
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert tree_digest(project / "site") == before
    assert site_leftovers(project) == []
    return result


def site_leftovers(project: Path) -> list[str]:
    """Staging or old folders beside site/ (a build that ended, however, must leave none)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(("site.partial", "site.old")))


@pytest.fixture
def fixture_project(tmp_path) -> Path:
    return copy_project(tmp_path / "project", records_from=FIXTURES / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real records built once with `mkdocs build --strict`; returns the project folder
    (the site is in project/site)."""
    project = copy_project(tmp_path_factory.mktemp("real") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project


# --- Browser tests: real headless Chromium from Debian, driven by Playwright -----------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium():
    """A launched Chromium (Playwright Browser). Skips only when the browser is missing and
    CPSITE_REQUIRE_BROWSER is unset; CI sets it, so there a missing browser fails."""
    if not CHROMIUM.exists():
        if os.environ.get("CPSITE_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and CPSITE_REQUIRE_BROWSER is set")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()


class StaticServer:
    """Serves a folder on 127.0.0.1 (random free port) in a background thread."""

    def __init__(self, folder: Path):
        import functools
        import http.server
        import threading

        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _quiet_handler_base():
    import http.server
    return http.server.SimpleHTTPRequestHandler


class _QuietHandler(_quiet_handler_base()):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def served_site(built_site):
    """The real site (built once) served on 127.0.0.1; yields the base URL."""
    server = StaticServer(built_site / "site")
    yield server.url
    server.close()


# --- Site-checking tools from npm (package-lock.json; installed by `python3 dev.py test`) ----

NODE_MODULES = ROOT / "node_modules"


def require_tool(path: Path, what: str) -> Path:
    """A tool the quality checks need; skipped locally when absent, a failure in CI."""
    if path.exists():
        return path
    if os.environ.get("CPSITE_REQUIRE_BROWSER"):
        pytest.fail(f"{what} is missing ({path}); run `python3 dev.py test`, which installs it")
    pytest.skip(f"{what} is not installed ({path}); `python3 dev.py test` installs it with npm")


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    if shutil.which("java") is None:
        if os.environ.get("CPSITE_REQUIRE_BROWSER"):
            pytest.fail("java is missing; the Nu HTML Checker needs it")
        pytest.skip("java is not installed")
    return require_tool(NODE_MODULES / "vnu-jar/build/dist/vnu.jar", "the Nu HTML Checker (vnu-jar)")


@pytest.fixture(scope="session")
def axe_script() -> str:
    return require_tool(NODE_MODULES / "axe-core/axe.min.js", "axe-core").read_text(encoding="utf-8")
