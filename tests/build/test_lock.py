"""build_lock: one build at a time; the second one says it waits, and gives up after the timeout."""

import os
import threading

import pytest

from generator.build.lock import (DEFAULT_TIMEOUT, BuildLock, LockTimeout, output_lock_path,
                                  project_lock_path, timeout_from_environment)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="builds are locked on POSIX only")


def test_lock_paths_sit_beside_the_output_and_in_the_generated_folder(tmp_path):
    assert output_lock_path(tmp_path / "site") == tmp_path / "site.lock"
    assert project_lock_path(tmp_path) == tmp_path / ".generated" / "build.lock"


def test_a_second_lock_waits_says_so_and_gets_the_lock_when_the_first_lets_go(tmp_path):
    path = tmp_path / "site.lock"
    first = BuildLock([path], timeout=5, say=lambda text: None)
    first.acquire()
    assert path.read_text().strip() == str(os.getpid())
    said, waiting, done = [], threading.Event(), threading.Event()

    def say(text):
        said.append(text)
        waiting.set()

    second = BuildLock([path], timeout=600, say=say)

    def take():
        second.acquire()
        done.set()

    thread = threading.Thread(target=take)
    thread.start()
    assert waiting.wait(60), "the second build never said that it waits"
    assert not done.is_set() and not second.held
    first.release()
    thread.join(60)
    assert done.is_set() and second.held
    second.release()
    assert said == [f"cpsite: waiting for the other build to finish (it holds {path}, pid {os.getpid()}); "
                    "giving up after 600 s (CPSITE_BUILD_LOCK_TIMEOUT)"]


def test_gives_up_with_a_clear_error_and_holds_nothing(tmp_path):
    taken, free = tmp_path / "a.lock", tmp_path / "b.lock"
    with BuildLock([taken], timeout=5, say=lambda text: None):
        late = BuildLock([free, taken], timeout=0, say=lambda text: None)
        with pytest.raises(LockTimeout) as failed:
            late.acquire()
        assert not late.held
        assert str(failed.value) == (
            f"Another build is still running (it holds {taken}, pid {os.getpid()}); gave up waiting "
            "after 0 s. Let it finish and build again, or set CPSITE_BUILD_LOCK_TIMEOUT to wait longer.")
        with BuildLock([free], timeout=0, say=lambda text: None) as other:   # the first one was let go
            assert other.held


def test_release_is_safe_twice_and_the_lock_file_stays(tmp_path):
    lock = BuildLock([tmp_path / "x" / "site.lock"], timeout=0, say=lambda text: None)
    lock.acquire()
    lock.release()
    lock.release()
    assert (tmp_path / "x" / "site.lock").is_file()


def test_timeout_comes_from_the_environment():
    assert timeout_from_environment({}) == DEFAULT_TIMEOUT >= 600
    assert timeout_from_environment({"CPSITE_BUILD_LOCK_TIMEOUT": "2.5"}) == 2.5
    with pytest.raises(ValueError, match="CPSITE_BUILD_LOCK_TIMEOUT='soon' is not a number"):
        timeout_from_environment({"CPSITE_BUILD_LOCK_TIMEOUT": "soon"})
