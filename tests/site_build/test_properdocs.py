"""ProperDocs, the maintained continuation of MkDocs 1.x, builds the site as MkDocs does: the
same pages in all editions (/, /zh/, /zh-Hans/), each page with its edition's <html lang>.
STACK.md names ProperDocs as the first fallback if MkDocs 1.x stops installing or working;
this test keeps that fallback real.

ProperDocs gets a virtual environment of its own, kept in pytest's cache folder
(.pytest_cache/d/properdocs-venv, git-ignored) and made again when requirements.lock,
requirements-properdocs.txt or pyproject.toml change. It holds properdocs at the pin in
requirements-properdocs.txt (its own dependencies held to the requirements.lock versions), then
the packages the build needs: pyproject's dependencies and theirs, at their requirements.lock
versions, installed without their own requirements so that **mkdocs is not there**. ProperDocs
turns every `import mkdocs.…` (in Material, mkdocs-static-i18n and our hook) into the matching
`properdocs.…` module, so a build in that environment shows the site no longer needs mkdocs.

The project itself is not pip-installed there. The hook named in mkdocs.yml imports its own
package, so the build runs with the folder above that package on PYTHONPATH: the code under
test is always the project copy's, never an installed copy that went stale.

The first run needs PyPI. If pip cannot reach it the tests are skipped, unless
CPSITE_REQUIRE_PROPERDOCS=1 is set (.ci/run sets it); then that is a failure.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT, copy_project

pytestmark = pytest.mark.slow

PINS = ROOT / "requirements-properdocs.txt"
LOCK = ROOT / "requirements.lock"
REQUIRED = os.environ.get("CPSITE_REQUIRE_PROPERDOCS", "") not in ("", "0")
# What pip prints when it cannot reach the package index (as opposed to a real install error).
OFFLINE_SIGNS = ("NewConnectionError", "Max retries exceeded", "Temporary failure in name resolution",
                 "Name or service not known", "Network is unreachable", "ConnectTimeoutError",
                 "ReadTimeoutError", "ProxyError", "(from versions: none)")
# The one warning a build without the mkdocs distribution gives: mkdocs-static-i18n reads the
# list of lunr.js languages from mkdocs' installed files at import time and, not finding them,
# uses its own list. Harmless here: the site uses Pagefind, not the search plugin.
KNOWN_WARNING = "mkdocs_static_i18n: Unable to detect lunr languages from mkdocs distribution"


# --- mkdocs.yml ---------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: every tag (!ENV, !!python/…) reads as null."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader) or {}


def _editions(config: dict) -> tuple[str, dict[str, str]]:
    """(default locale, {locale: <html lang> tag}) from the i18n plugin and extra.hreflang."""
    languages = next(p["i18n"]["languages"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    default = next(lang["locale"] for lang in languages if lang.get("default"))
    hreflang = (config.get("extra") or {}).get("hreflang") or {}
    return default, {lang["locale"]: hreflang.get(lang["locale"], lang["locale"]) for lang in languages}


def _import_roots(project: Path, config: dict) -> list[str]:
    """For each hook in mkdocs.yml: the folder above the package it lives in (what its
    `import generator…` needs on sys.path; MkDocs adds only the hook's own folder)."""
    roots = []
    for hook in config.get("hooks") or []:
        path = (project / hook).resolve()
        assert path.is_file(), f"mkdocs.yml names the hook {hook}, which the project copy lacks"
        folder = path.parent
        while (folder / "__init__.py").is_file():
            folder = folder.parent
        roots.append(str(folder))
    assert roots, "mkdocs.yml names no hook: the generator would not run"
    return list(dict.fromkeys(roots))


# --- the virtual environment --------------------------------------------------------------

def _lock() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[canonicalize_name(name)] = f"{name}=={version}"
    return pins


def _build_requirements(lock: dict[str, str]) -> list[str]:
    """requirements.lock pins of pyproject's dependencies and all they need (as this
    interpreter's installed metadata says), leaving out mkdocs and what only mkdocs needs."""
    todo = [Requirement(d) for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    extras_of: dict[str, set] = {}
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name == "mkdocs" or (name in extras_of and set(req.extras) <= extras_of[name]):
            continue
        extras = extras_of.setdefault(name, set())
        extras.update(req.extras)
        try:
            needs = metadata.requires(req.name) or []
        except metadata.PackageNotFoundError:
            pytest.fail(f"{req.name} is not installed here: set up with `python3 dev.py test`")
        for spec in needs:
            dep = Requirement(spec)
            if dep.marker is None or any(dep.marker.evaluate({"extra": e}) for e in extras | {""}):
                todo.append(dep)
    missing = sorted(set(extras_of) - set(lock))
    assert not missing, f"requirements.lock does not pin {missing}"
    return sorted(lock[name] for name in extras_of)


def _pip(python: Path, *args: str) -> None:
    done = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                           "--timeout", "60", "--retries", "2", *args], capture_output=True, text=True)
    if done.returncode == 0:
        return
    output = "\n".join(line for line in (done.stdout + done.stderr).splitlines() if "is ignored" not in line)
    if not REQUIRED and any(sign in output for sign in OFFLINE_SIGNS):
        pytest.skip("pip cannot reach the package index to set up ProperDocs "
                    f"(set CPSITE_REQUIRE_PROPERDOCS=1 to make this a failure):\n{output[-1500:]}")
    pytest.fail(f"pip install {' '.join(args)} failed:\n{output[-4000:]}")


def _cache_folder(request, tmp_path_factory) -> Path:
    cache = getattr(request.config, "cache", None)
    return cache.mkdir("properdocs-venv") if cache is not None else tmp_path_factory.mktemp("properdocs-venv")


@pytest.fixture(scope="module")
def properdocs_venv(request, tmp_path_factory) -> Path:
    """The virtual environment with ProperDocs and the build packages, without mkdocs."""
    import fcntl

    build = _build_requirements(_lock())
    digest = hashlib.sha256(sys.version.encode())
    for part in (LOCK, PINS, ROOT / "pyproject.toml"):
        digest.update(part.read_bytes())
    digest.update("\n".join(build).encode())
    folder = _cache_folder(request, tmp_path_factory)
    venv, stamp = folder / "venv", folder / "venv" / ".cpsite-setup"
    python = venv / "bin" / "python"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # another run setting it up: wait for it
        if stamp.is_file() and stamp.read_text() == digest.hexdigest():
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        _pip(python, "-c", str(LOCK), "-r", str(PINS))     # properdocs and its own dependencies
        _pip(python, "--no-deps", *build)                  # the build packages, never mkdocs
        stamp.write_text(digest.hexdigest())
    return venv


@pytest.fixture(scope="module")
def properdocs_build(properdocs_venv, tmp_path_factory):
    """A copy of the project built with `properdocs build --strict` (mkdocs.yml as it is):
    (project folder, completed process)."""
    project = copy_project(tmp_path_factory.mktemp("properdocs") / "project")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PYTHONPATH=os.pathsep.join(_import_roots(project, _config(project))),
               NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([str(properdocs_venv / "bin" / "properdocs"), "build", "--strict"],
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"properdocs build failed:\n{result.stderr[-6000:]}"
    return project, result


# --- the comparison -----------------------------------------------------------------------

def _site(project: Path) -> Path:
    return project / (_config(project).get("site_dir") or "site")


def _pages_by_edition(project: Path) -> dict[str, set[str]]:
    default, tags = _editions(_config(project))
    site = _site(project)
    pages: dict[str, set[str]] = {locale: set() for locale in tags}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        first = rel.split("/", 1)[0]
        pages[first if first in tags and first != default else default].add(rel)
    return pages


def test_the_environment_has_properdocs_and_no_mkdocs(properdocs_venv):
    python = str(properdocs_venv / "bin" / "python")
    probe = ("import importlib.metadata as m, properdocs.__main__, mkdocs.plugins; "
             "print(m.version('properdocs'), mkdocs.plugins.__name__)")
    shown = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    pinned = next(line for line in PINS.read_text().splitlines() if line.startswith("properdocs=="))
    assert shown == [pinned.split("==")[1], "properdocs.plugins"]
    has_mkdocs = subprocess.run([python, "-c", "import importlib.metadata as m; m.distribution('mkdocs')"],
                                capture_output=True)
    assert has_mkdocs.returncode != 0, "mkdocs is installed beside ProperDocs: the test would prove nothing"
    # pip's only complaint: Material and mkdocs-static-i18n declare mkdocs, which is left out.
    check = subprocess.run([python, "-m", "pip", "check"], capture_output=True, text=True)
    complaints = [line for line in check.stdout.splitlines()
                  if not re.fullmatch(r"\S+ [\w.]+ requires mkdocs, which is not installed\.", line)]
    assert complaints == [], check.stdout


def test_properdocs_builds_the_same_pages_as_mkdocs(properdocs_build, built_site):
    project, _ = properdocs_build
    want, got = _pages_by_edition(built_site), _pages_by_edition(project)
    assert all(want.values()), {locale: len(pages) for locale, pages in want.items()}
    for locale in want:
        missing, extra = sorted(want[locale] - got[locale]), sorted(got[locale] - want[locale])
        assert not missing and not extra, (
            f"edition {locale!r}: ProperDocs lacks {len(missing)} page(s) {missing[:20]} "
            f"and adds {len(extra)} {extra[:20]}")


def test_every_page_has_its_editions_html_lang(properdocs_build):
    project, _ = properdocs_build
    default, tags = _editions(_config(project))
    site = _site(project)
    for locale in tags:                             # each edition's home page is there
        assert (site / ("" if locale == default else f"{locale}/") / "index.html").is_file(), locale
    wrong = []
    for locale, pages in _pages_by_edition(project).items():
        for rel in sorted(pages):
            found = re.search(r'<html\b[^>]*?\blang="([^"]*)"', (site / rel).read_text(encoding="utf-8"))
            if (found.group(1) if found else None) != tags[locale]:
                wrong.append((rel, found.group(1) if found else None, tags[locale]))
    assert wrong == [], f"{len(wrong)} page(s) with the wrong <html lang> (page, found, wanted): {wrong[:20]}"


def test_properdocs_writes_what_mkdocs_writes(properdocs_build, built_site):
    """Not only the pages: every file of the two sites is the same, byte for byte."""
    project, _ = properdocs_build

    def files(site):
        return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}

    want, got = files(_site(built_site)), files(_site(project))
    assert sorted(set(want) ^ set(got)) == []
    differ = [rel for rel in sorted(want) if want[rel].read_bytes() != got[rel].read_bytes()]
    assert differ == [], f"{len(differ)} file(s) differ between the MkDocs and ProperDocs builds: {differ[:20]}"


def test_the_only_warning_is_the_missing_mkdocs_distribution(properdocs_build):
    _, result = properdocs_build
    warnings = sorted({line.split("-", 1)[1].strip() for line in result.stderr.splitlines()
                       if line.startswith(("WARNING", "ERROR"))})
    assert warnings == [KNOWN_WARNING], result.stderr[-4000:]
