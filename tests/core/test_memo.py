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


def _generated(project):
    """Every file the generation step wrote: {path: text}."""
    folders = [project / "content", project / ".generated"]
    return {p.relative_to(project).as_posix(): p.read_bytes() for folder in folders
            for p in folder.rglob("*") if p.is_file() and "/cache/" not in f"/{p.relative_to(project).as_posix()}"}


def test_a_rebuild_that_reuses_pages_writes_what_a_fresh_run_writes(fixture_project, tmp_path, enabled):
    """The dev server's second run re-renders only pages whose views changed; what it writes must
    be, file for file, what a run with nothing kept writes for the same records."""
    import shutil
    from generator.build.generate import generate
    from generator.core.project import Project
    from generator.model.kinds import OWNED_DIRS
    from generator.render import env
    from generator.site.config import load as load_site

    generate(Project(fixture_project), load_site(fixture_project))      # each run starts with memo.next_run()
    record = fixture_project / "cases" / "fx-case-minimal.yaml"
    text = record.read_text(encoding="utf-8")
    assert "title: {en: Fixture minimal case" in text
    record.write_text(text.replace("title: {en: Fixture", "title: {en: Retitled fixture", 1), encoding="utf-8")
    generate(Project(fixture_project), load_site(fixture_project))
    assert env._rendered.hits > 10 and env._rendered.misses < env._rendered.hits     # pages were reused
    kept = _generated(fixture_project)
    assert any(b"Retitled" in body for path, body in kept.items() if path.startswith("content/en/cases/"))

    fresh = tmp_path / "fresh"
    shutil.copytree(fixture_project, fresh, ignore=shutil.ignore_patterns(".generated", "site"))
    for lang in (fresh / "content").iterdir():          # as in a fresh clone: no generated page
        for owned in OWNED_DIRS:
            shutil.rmtree(lang / owned.folder, ignore_errors=True)
    memo._enabled[0] = False
    generate(Project(fresh), load_site(fresh))
    assert sorted(kept) == sorted(_generated(fresh))
    assert [path for path in kept if kept[path] != _generated(fresh)[path]] == []


def test_a_template_edited_while_serving_renders_every_page_again(tmp_path, monkeypatch, enabled):
    from generator.render import env
    folder = tmp_path / "templates"
    (folder / "programme").mkdir(parents=True)
    (folder / "page.md.j2").write_text("a", encoding="utf-8")
    (folder / "programme" / "part.md.j2").write_text("b", encoding="utf-8")
    monkeypatch.setattr(env, "TEMPLATES", folder)
    memo.next_run()
    before = env._templates_state()
    memo.next_run()
    assert env._templates_state() == before                 # nothing changed: the same key part
    (folder / "programme" / "part.md.j2").write_text("bb", encoding="utf-8")   # an included template
    memo.next_run()
    assert env._templates_state() != before
