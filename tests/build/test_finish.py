"""`cpsite build`: MkDocs builds every edition, then, once it has ended, the search index is made
and the site published (build/finish.py), so the two never hold memory at the same time. The
site is the one `mkdocs build` makes, and a failure on the way leaves the previous site."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build, site_leftovers, tree_digest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")]

# Stands in front of the real `python -m pagefind`: notes which process started it and which
# other children that process has at that moment, then runs the real one.
WATCHING_PAGEFIND = '''
import json, os, sys
from pathlib import Path

def cmdline(pid):
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\\0", b" ").decode()

parent = os.getppid()
others = []
for stat in Path("/proc").glob("[0-9]*/stat"):
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        if int(fields[1]) == parent and int(stat.parent.name) != os.getpid():
            others.append(cmdline(stat.parent.name))
    except (OSError, IndexError, ValueError):
        pass
with open(os.environ["PAGEFIND_STARTS"], "a") as log:
    log.write(json.dumps({"parent": cmdline(parent), "siblings": others}) + "\\n")
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != here]
for name in [m for m in sys.modules if m == "pagefind" or m.startswith("pagefind.")]:
    del sys.modules[name]
import runpy
runpy.run_module("pagefind", run_name="__main__", alter_sys=True)
'''


def _watched_env(tmp_path):
    fake = tmp_path / "fake" / "pagefind"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text(WATCHING_PAGEFIND)
    starts = tmp_path / "pagefind-starts.jsonl"
    path = os.pathsep.join(p for p in (str(fake.parent), os.environ.get("PYTHONPATH")) if p)
    return starts, {"PYTHONPATH": path, "PAGEFIND_STARTS": str(starts)}


def _cpsite_build(project, **env):
    return subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **env))


def test_cpsite_build_indexes_after_mkdocs_has_ended_and_gives_the_same_site(tmp_path):
    project = copy_project(tmp_path / "p")
    starts, env = _watched_env(tmp_path)
    result = _cpsite_build(project, **env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "search index: en" in result.stderr
    runs = [json.loads(line) for line in starts.read_text().splitlines()]
    assert len(runs) == 3           # one Pagefind run per page language
    for run in runs:
        assert "-m generator build" in run["parent"], run
        assert not [s for s in run["siblings"] if "mkdocs" in s], run      # MkDocs has ended
    assert site_leftovers(project) == [] and not list(tmp_path.glob("cpsite-build-*"))
    built = tree_digest(project / "site")

    # the same site as `mkdocs build`, which indexes in its own process
    starts.unlink()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert tree_digest(project / "site") == built


def test_cpsite_build_that_fails_leaves_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "p")
    assert _cpsite_build(project).returncode == 0
    before = tree_digest(project / "site")

    main = project / "overrides/main.html"           # the index finds no page to index
    main.write_text(main.read_text().replace("<div data-pagefind-body>", "<div>"))
    result = _cpsite_build(project)
    assert result.returncode == 1
    assert "Search index failed; nothing was published" in result.stderr and "no page" in result.stderr
    assert tree_digest(project / "site") == before
    assert site_leftovers(project) == []

    record = project / "cases/cppp-dp-2009-metal-heat-pump.yaml"   # MkDocs itself fails
    record.write_text(record.read_text().replace("sector: ", "sector: no-such-sector-", 1))
    result = _cpsite_build(project)
    assert result.returncode != 0 and "Invalid records; nothing was built" in result.stderr
    assert tree_digest(project / "site") == before
    assert site_leftovers(project) == []


def test_cpsite_build_site_dir_is_taken_from_the_working_folder(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "sub").mkdir()
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", "out"], cwd=project / "sub",
                            capture_output=True, text=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert (project / "sub/out/cases/cppp-dp-2009-metal-heat-pump/index.html").is_file()
    assert (project / "sub/out/pagefind/pagefind-entry.json").is_file()
    assert not (project / "site").exists()


def test_cpsite_build_holds_the_locks_from_before_mkdocs_until_published(tmp_path):
    """The locks are the parent's for the whole build: once MkDocs has ended, another build still waits."""
    from generator.build import finish

    project = copy_project(tmp_path / "p")
    seen = {}

    def run_mkdocs(env):
        code = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
                              cwd=project, env=dict(env, NO_MKDOCS_2_WARNING="1"), capture_output=True).returncode
        other = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                               env=dict(os.environ, NO_MKDOCS_2_WARNING="1", CPSITE_BUILD_LOCK_TIMEOUT="0"),
                               capture_output=True, text=True)
        seen["other"] = other
        return code

    assert finish.build_site(project, (project / "site").resolve(), run_mkdocs, say=print) == 0
    assert seen["other"].returncode != 0 and "Another build is still running" in seen["other"].stderr
    assert (project / "site/pagefind/pagefind-entry.json").is_file() and site_leftovers(project) == []


def test_the_output_folder_is_the_one_mkdocs_yml_names(tmp_path):
    from generator.site.config import site_dir

    assert site_dir(tmp_path) == (tmp_path / "site").resolve()       # no mkdocs.yml: MkDocs' default
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    assert site_dir(tmp_path) == (tmp_path / "site").resolve()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_dir: ../public\n")
    assert site_dir(tmp_path) == (tmp_path.parent / "public").resolve()
