"""Builds of one project are taken one at a time, and publishing never breaks the site:
a second build waits (and says so), gives up after CPSITE_BUILD_LOCK_TIMEOUT, and a build
killed after staging and before publishing leaves the previous site as it was."""

import os
import subprocess
import sys

import pytest

from conftest import copy_project, mkdocs_build, site_leftovers, tree_digest
from generator.build.lock import BuildLock, output_lock_path, project_lock_path

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.name != "posix", reason="builds are locked on POSIX only")]
WAITING = "waiting for the other build to finish"


def _env(**extra):
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)


def _start_build(project, **env):
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            env=_env(**env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("held", ["output", "project"])
def test_a_build_waits_for_the_other_one_before_writing_anything(tmp_path, held):
    project = copy_project(tmp_path / "p")
    path = output_lock_path(project / "site") if held == "output" else project_lock_path(project)
    other = BuildLock([path], timeout=0, say=print)
    other.acquire()
    build = _start_build(project, CPSITE_BUILD_LOCK_TIMEOUT="600")
    try:
        before = []
        for line in build.stderr:
            before.append(line)
            if WAITING in line:
                break
        assert WAITING in before[-1], "".join(before)
        assert f"it holds {path}, pid {os.getpid()}" in before[-1]
        # nothing generated or staged while it waits: the lock is taken before on_pre_build
        assert not (project / "content/en/cases").exists() and not (project / "site").exists()
        assert site_leftovers(project) == []
    finally:
        other.release()
    rest = build.communicate()[1]
    assert build.returncode == 0, rest[-3000:]
    assert (project / "site/cases/cppp-dp-2009-metal-heat-pump/index.html").is_file()
    assert site_leftovers(project) == []


def test_a_build_gives_up_after_the_timeout_and_changes_nothing(tmp_path):
    project = copy_project(tmp_path / "p")
    with BuildLock([output_lock_path(project / "site")], timeout=0, say=print):
        build = _start_build(project, CPSITE_BUILD_LOCK_TIMEOUT="1")
        _, err = build.communicate()
    assert build.returncode != 0
    assert WAITING in err
    assert ("Another build is still running (it holds " + str(project / "site.lock")) in err
    assert "gave up waiting after 1 s" in err and "CPSITE_BUILD_LOCK_TIMEOUT" in err
    assert not (project / "content/en/cases").exists() and not (project / "site").exists()
    assert site_leftovers(project) == []


def test_two_builds_at_once_both_succeed_with_a_whole_site(tmp_path):
    project = copy_project(tmp_path / "p")
    builds = [_start_build(project), _start_build(project)]
    errors = [b.communicate()[1] for b in builds]
    assert [b.returncode for b in builds] == [0, 0], errors[0][-2000:] + errors[1][-2000:]
    assert site_leftovers(project) == []
    together = tree_digest(project / "site")
    assert mkdocs_build(project).returncode == 0
    assert tree_digest(project / "site") == together     # the same bytes as one build alone


CRASH_BEFORE_PUBLISH = """
import os, signal, sys
from generator.build import swap as site_swap

def crash(staging, final, **how):
    print("staged", staging, file=sys.stderr, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

site_swap.publish = crash
from mkdocs.__main__ import cli
cli(["build", "--strict"])
"""


def test_a_build_killed_between_staging_and_publishing_leaves_the_previous_site(tmp_path):
    project = copy_project(tmp_path / "p")
    assert mkdocs_build(project).returncode == 0
    before = tree_digest(project / "site")
    record = project / "cases/cppp-dp-2009-metal-heat-pump.yaml"
    record.write_text(record.read_text().replace("More efficient heat pumps", "Renamed heat pump case"))
    crashed = subprocess.run([sys.executable, "-c", CRASH_BEFORE_PUBLISH], cwd=project, env=_env(),
                             capture_output=True, text=True)
    assert crashed.returncode == -9, crashed.stderr[-3000:]
    assert tree_digest(project / "site") == before
    [staging] = site_leftovers(project)            # the killed build's staging folder, complete
    assert "Renamed heat pump case" in (project / staging / "cases/cppp-dp-2009-metal-heat-pump/index.html").read_text()
    # the next build is not kept waiting by the dead one, publishes, and clears what it left
    result = mkdocs_build(project)
    assert result.returncode == 0 and WAITING not in result.stderr
    assert site_leftovers(project) == []
    assert "Renamed heat pump case" in (project / "site/cases/cppp-dp-2009-metal-heat-pump/index.html").read_text()
