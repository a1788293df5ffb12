"""`mkdocs build` with a spare core builds the last edition in a second process meanwhile
(site/parallel_editions.py): the same site, file for file, as one edition after another, and a
failure in that edition fails the whole build and leaves the previous site."""

import os
import subprocess
import sys

import pytest

from conftest import copy_project, site_leftovers, tree_digest

from generator.site.parallel_editions import EVERY_EDITION_UP_TO, languages_for_workers

two_cores = pytest.mark.skipif(not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2,
                               reason="needs fork and two cores")

# A second hook, beside the project's: notes which process renders each edition's pages, and
# with FAIL_IN set, fails one page of that edition.
WATCH_HOOK = '''
import os
from mkdocs.exceptions import PluginError

def on_page_markdown(markdown, page, config, files):
    lang = config.plugins["i18n"].current_language
    with open(os.environ["PAGES_BUILT"], "a") as log:
        log.write(f"{lang} {os.getpid()}\\n")
    if os.environ.get("FAIL_IN") == lang and page.file.src_uri.endswith("about.md"):
        raise PluginError(f"made to fail in {lang}")
    return markdown
'''


def _project(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "watch_hook.py").write_text(WATCH_HOOK)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n  - generator/site/hook.py\n",
                                                 "hooks:\n  - generator/site/hook.py\n  - watch_hook.py\n"))
    assert "watch_hook.py" in config.read_text()
    return project


def _build(project, tmp_path, **env):
    log = tmp_path / "pages.log"
    log.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                          text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
                                              PAGES_BUILT=str(log), **env))
    pids = {}
    for line in log.read_text().splitlines() if log.exists() else []:
        lang, pid = line.split()
        pids.setdefault(lang, set()).add(int(pid))
    return done, pids


@pytest.mark.slow
@two_cores
@pytest.mark.parametrize("workers", ["1", ""])
def test_editions_built_meanwhile_give_the_site_built_one_after_another(tmp_path, workers):
    """"1": zh-Hans in a second process; "" (the default for a small site): every edition its own."""
    project = _project(tmp_path)
    serial, pids = _build(project, tmp_path, CPSITE_PARALLEL_EDITIONS="0")
    assert serial.returncode == 0, serial.stderr[-3000:]
    assert len(pids["en"] | pids["zh"] | pids["zh-Hans"]) == 1
    one_by_one = tree_digest(project / "site")

    parallel, pids = _build(project, tmp_path, CPSITE_PARALLEL_EDITIONS=workers)
    assert parallel.returncode == 0, parallel.stderr[-3000:]
    assert all(len(p) == 1 for p in pids.values())
    if workers == "1":
        assert pids["en"] == pids["zh"] != pids["zh-Hans"]
    else:
        assert len(pids["en"] | pids["zh"] | pids["zh-Hans"]) == 3
    assert tree_digest(project / "site") == one_by_one
    assert site_leftovers(project) == []
    assert "search index: en" in parallel.stderr


@pytest.mark.slow
@two_cores
@pytest.mark.parametrize("edition", ["zh-Hans", "zh", "en"])
def test_a_failure_in_either_process_fails_the_build_and_keeps_the_previous_site(tmp_path, edition):
    project = _project(tmp_path)
    first, _ = _build(project, tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    before = tree_digest(project / "site")

    failed, pids = _build(project, tmp_path, FAIL_IN=edition)       # the default: three processes
    assert failed.returncode != 0
    assert f"made to fail in {edition}" in failed.stderr
    if edition != "en":            # built by a worker
        assert f"Building the '{edition}' edition failed" in failed.stderr
    assert tree_digest(project / "site") == before
    assert site_leftovers(project) == []
    for pid in set().union(*pids.values()):         # no worker left running
        assert not os.path.exists(f"/proc/{pid}") or "zombie" in open(f"/proc/{pid}/status").read().lower()


class _Plugin:
    build_languages = ["en", "zh", "zh-Hans"]
    default_language = "en"


def test_how_many_editions_go_to_workers():
    small, large = EVERY_EDITION_UP_TO, EVERY_EDITION_UP_TO + 1
    spare = min(len(os.sched_getaffinity(0)) - 1, 2)
    # a small site: every edition in a process of its own, given a spare core
    assert languages_for_workers("build", _Plugin, small, {}) == (["zh", "zh-Hans"] if spare else [])
    # a large one: one per spare core (memory)
    assert languages_for_workers("build", _Plugin, large, {}) == (["zh", "zh-Hans"][2 - spare:] if spare else [])
    assert languages_for_workers("build", _Plugin, small, {"CPSITE_PARALLEL_EDITIONS": "0"}) == []
    assert languages_for_workers("build", _Plugin, large, {"CPSITE_PARALLEL_EDITIONS": "1"}) == ["zh-Hans"]
    assert languages_for_workers("build", _Plugin, large, {"CPSITE_PARALLEL_EDITIONS": "9"}) == ["zh", "zh-Hans"]
    assert languages_for_workers("serve", _Plugin, small, {"CPSITE_PARALLEL_EDITIONS": "2"}) == []   # never serve
    with pytest.raises(Exception, match="is not a number of editions"):
        languages_for_workers("build", _Plugin, small, {"CPSITE_PARALLEL_EDITIONS": "two"})
