"""core/memo.py: results kept between generation runs of the dev server, and only there."""

from __future__ import annotations

import pytest

from generator.core import memo


@pytest.fixture
def enabled(monkeypatch):
    monkeypatch.setattr(memo, "_enabled", [True])


def test_nothing_is_kept_unless_the_process_asks(monkeypatch):
    monkeypatch.setattr(memo, "_enabled", [False])
    m, calls = memo.Memo("test"), []
    for _ in range(2):
        m.get("k", lambda: calls.append(1))
    assert len(calls) == 2 and len(m) == 0


def test_an_entry_unused_for_a_whole_run_is_let_go(enabled):
    m = memo.Memo("test")
    m.get("a", lambda: 1)
    m.get("b", lambda: 2)
    memo.next_run()
    assert m.get("a", lambda: "made again") == 1          # kept from the last run, used in this one
    memo.next_run()
    assert m.find("b") == (False, None)                    # not used in the run between: gone
    assert m.find("a") == (True, 1)


def test_edited_record_is_checked_again_others_are_not(fixture_project, enabled):
    from generator.check.validate import validate_project
    from generator.core.project import Project

    memo.next_run()
    first = validate_project(Project(fixture_project))
    assert first.ok
    record = fixture_project / "cases" / "fx-case-minimal.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("year: ", "year: x", 1), encoding="utf-8")
    memo.next_run()
    second = validate_project(Project(fixture_project))
    assert [p.path for p in second.problems] == ["cases/fx-case-minimal.yaml"]
    from generator.check import validate
    assert validate._checked.hits >= 1 and validate._checked.misses == 1
