"""core.output: the generator writes only inside the folders it owns, and cleans them."""

from __future__ import annotations

import time

import pytest

from generator.core.output import Changes, sync_tree


def test_owned_folders_hold_exactly_the_files_given(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "old.md").write_text("stale")
    (tmp_path / "about.md").write_text("hand-written")
    changes = Changes()
    sync_tree(tmp_path, {"cases/new.md": "new"}, ("cases",), changes)
    assert sorted(p.name for p in (tmp_path / "cases").iterdir()) == ["new.md"]
    assert (tmp_path / "about.md").read_text() == "hand-written"
    assert changes.removed == [tmp_path / "cases" / "old.md"]


@pytest.mark.parametrize("path", ["about.md", "casesx/a.md", "cases/../about.md", "/etc/x"])
def test_a_file_outside_the_owned_folders_is_refused_before_anything_is_written(tmp_path, path):
    with pytest.raises(ValueError, match="not inside the owned folders"):
        sync_tree(tmp_path, {"cases/a.md": "a", path: "x"}, ("cases",), Changes())
    assert list(tmp_path.iterdir()) == []


def test_the_dev_servers_memory_of_written_files_never_hides_a_change_on_disk(tmp_path, monkeypatch):
    from generator.core import memo
    from generator.core.output import write_if_changed
    monkeypatch.setattr(memo, "_enabled", [True])
    page = tmp_path / "cases" / "a.md"
    assert write_if_changed(page, "first") is True
    assert write_if_changed(page, "first") is False         # as written: not read, not written
    time.sleep(0.05)                                         # past the file system's clock tick
    page.write_text("other")                                 # someone else writes the same size
    assert write_if_changed(page, "first") is True and page.read_text() == "first"
    assert write_if_changed(page, "second") is True and page.read_text() == "second"
