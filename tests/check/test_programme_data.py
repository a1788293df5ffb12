"""The programme data files: a broken value is reported where it is, and one edited value
changes both languages."""

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from generator.build.generate import generate
from generator.check.validate import validate_project
from generator.core.project import Project
from generator.site.config import load as load_site


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("programme") / "project")


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    dest = tmp_path / "p"
    shutil.copytree(pristine, dest)
    return dest


def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(project: Path, name: str, needle: str) -> int:
    lines = (project / "data" / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def _problems(project: Path):
    return [(p.path, p.line, p.code, p.message) for p in validate_project(Project(project)).problems]


BROKEN = [
    ("funding.yaml", "ceiling: {amount: 450000, source: legco-2021}", "ceiling: {amount: 450000, source: legco-2O21}",
     "E205", "phases[3].rules[1].ceiling.source: 'legco-2O21' is not the id of any source in "
             "data/programme-sources.yaml (did you mean 'legco-2021'?)"),
    ("funding.yaml", "ceiling: {amount: 450000, source: legco-2021}", "ceiling: {amount: -450000, source: legco-2021}",
     "E114", "phases[3].rules[1].ceiling.amount: must not be negative (got -450000)"),
    ("funding.yaml", "ceiling: {amount: 450000, source: legco-2021}", "ceiling: {amount: '450,000', source: legco-2021}",
     "E112", "phases[3].rules[1].ceiling.amount: expected a number, got text '450,000'"),
    ("funding.yaml", "current_phase: phase-5", "current_phase: phase-6",
     "E203", "current_phase: 'phase-6' is not a known programme phase (did you mean 'phase-5'?)"),
    ("statistics.yaml", "counts: [90, 149, 101, 151], cumulative: 491", "counts: [90, 149, 101, 151], cumulative: 492",
     "E212", "approvals.rows[0].cumulative: 492 is not the sum of counts (491)"),
    ("recognition.yaml", "total_computed: 139", "total_computed: 140",
     "E212", "rounds[2].total_computed: 140 is not the sum of the category counts (139)"),
    ("recognition.yaml", "organisers: [eeb, gddiit]", "organisers: [eeb, gdiit]",
     "E214", "organisers[1]: 'gdiit' is not an organisation key in data/programme.yaml (did you mean 'gddiit'?)"),
    ("programme.yaml", "zh: 與一間廣東工廠有下列其中一種關係：", "zh: 與 1 間廣東工廠有下列其中一種關係：",
     "E210", "eligibility.connections[0].text.zh: text must not contain digits; put the number in its own field "
             "(and write {field} in the text where it goes)"),
    ("recognition.yaml", "(enquiries: {phone})", "(enquiries: {phon})",
     "E211", "benefits.items[4].en: '{phon}' names no value beside this text"),
]


@pytest.mark.parametrize("name,old,new,code,message", BROKEN, ids=[b[3] + "-" + b[0] for b in BROKEN])
def test_broken_programme_value_is_reported_where_it_is(project, name, old, new, code, message):
    _edit(project, name, old, new)
    line = _line_of(project, name, new)
    problems = _problems(project)
    assert (f"data/{name}", line, code, message) in problems
    assert {(p, n) for p, n, _, _ in problems} == {(f"data/{name}", line)}


def test_a_part_that_no_longer_adds_up_is_reported_at_both_sums(project):
    _edit(project, "statistics.yaml", "counts: [24, 56, 59, 73]", "counts: [24, 56, 59, 74]")
    assert [(c, m) for _, _, c, m in _problems(project)] == [
        ("E212", "approvals.rows[1].counts[3]: 107 is not the sum of the rows that are part of it (108)"),
        ("E212", "approvals.rows[2].cumulative: 212 is not the sum of counts (213)")]


def test_a_source_nobody_cites_is_a_warning(project):
    _edit(project, "recognition.yaml", "    source: zlftm-2019\n", "    source: chengpou-2018\n")
    problems = validate_project(Project(project)).problems
    assert [(p.path, p.code, p.message) for p in problems] == [
        ("data/programme-sources.yaml", "W302", "sources[36].id: 'zlftm-2019' is not cited by any programme data file")]
    assert problems[0].line == _line_of(project, "programme-sources.yaml", "id: zlftm-2019")


def test_real_programme_data_is_valid():
    result = validate_project(Project(ROOT))
    assert [str(p) for p in result.problems if p.path.startswith("data/")] == []
    prog = result.corpus.programme
    assert set(prog.data) == {"programme", "funding", "statistics", "recognition", "glossary"}
    assert prog["funding"]["current_phase"] == "phase-5"


def test_one_edit_changes_both_languages(project):
    _edit(project, "funding.yaml", "ceiling: {amount: 450000, source: legco-2021}",
          "ceiling: {amount: 460000, source: legco-2021}")
    generate(Project(project), load_site(project))
    for lang, shown in (("en", "460,000"), ("zh", "460,000")):
        text = (project / ".generated/snippets" / lang / "programme/funding/matrix.md").read_text(encoding="utf-8")
        assert f'<data value="460000" data-field="funding:phases[3].rules[1].ceiling.amount"' in text
        assert f">{shown}</data>" in text and 'value="450000"' not in text.split("phases[3].rules[1]")[0][-200:]


def test_generation_is_deterministic(project):
    generate(Project(project), load_site(project))
    first = {p: p.read_bytes() for p in sorted((project / "content").rglob("charts/*.svg"))}
    snippets = {p: p.read_bytes() for p in sorted((project / ".generated").rglob("programme/**/*.md"))}
    shutil.rmtree(project / ".generated")
    for p in first:
        p.unlink()
    generate(Project(project), load_site(project))
    assert first and {p: p.read_bytes() for p in first} == first
    assert {p: p.read_bytes() for p in snippets} == snippets
