"""site_swap: publishing a build never leaves a moment without a complete site (on Linux)."""

import sys
import threading

import pytest

from generator.build import swap as site_swap
from generator.build.swap import leftovers, publish, remove_leftovers, staging_dir_for


def _staged(final, text):
    staging = staging_dir_for(final)
    (staging / "assets").mkdir(parents=True)
    (staging / "index.html").write_text(text)
    (staging / "assets" / "site.css").write_text(text)
    return staging


def test_staging_folders_are_unique_and_beside_the_output(tmp_path):
    final = tmp_path / "site"
    names = {staging_dir_for(final) for _ in range(50)}
    assert len(names) == 50
    assert all(p.parent == tmp_path and p.name.startswith("site.partial-") for p in names)


def test_first_publish_is_a_rename(tmp_path):
    final = tmp_path / "site"
    assert publish(_staged(final, "one"), final) == "renamed"
    assert (final / "index.html").read_text() == "one"
    assert leftovers(final) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RENAME_EXCHANGE is Linux only")
def test_a_reader_never_finds_the_site_missing_during_many_swaps(tmp_path):
    final = tmp_path / "site"
    publish(_staged(final, "0"), final)
    stop, missing, reads = threading.Event(), [], [0]

    def reader():
        while not stop.is_set():
            reads[0] += 1
            if not (final / "index.html").exists():
                missing.append(reads[0])

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        hows = {publish(_staged(final, str(n)), final) for n in range(1, 301)}
    finally:
        stop.set()
        thread.join()
    assert hows == {"exchanged"}
    assert missing == []
    assert (final / "index.html").read_text() == "300" and (final / "assets/site.css").read_text() == "300"
    assert leftovers(final) == []


def test_without_an_atomic_exchange_two_renames_still_publish(tmp_path, monkeypatch):
    monkeypatch.setattr(site_swap, "_renameat2", lambda: None)
    final = tmp_path / "site"
    publish(_staged(final, "old"), final)
    assert publish(_staged(final, "new"), final) == "two renames"
    assert (final / "index.html").read_text() == "new"
    assert leftovers(final) == []


def test_leftovers_of_killed_builds_are_found_and_removed(tmp_path):
    final = tmp_path / "site"
    publish(_staged(final, "live"), final)
    for name in ("site.partial", "site.partial-1-ab", "site.old", "site.old-2-cd"):
        (tmp_path / name).mkdir()
    (tmp_path / "site.lock").write_text("")
    (tmp_path / "site.partially-mine").mkdir()        # not ours: a different name
    assert [p.name for p in leftovers(final)] == ["site.old", "site.old-2-cd", "site.partial", "site.partial-1-ab"]
    remove_leftovers(final)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.lock", "site.partially-mine"]
