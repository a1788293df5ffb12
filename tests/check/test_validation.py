"""One deliberately broken record per rule: the exact (line, col, code) list, and the message
an editor reads. Each fixture is dropped into a copy of the fixture project, which on its own
validates cleanly."""

import shutil

import pytest

from conftest import FIXTURES
from generator.check.validate import validate_project
from generator.core.project import Project

BROKEN = FIXTURES / "broken"

EXPECTED = {
    "yaml-syntax": [(4, 7, "E100", "YAML syntax: while parsing a flow mapping did not find expected ',' or '}'")],
    "tab": [(4, 1, "E101", "tab character: indent with spaces")],
    "duplicate-key": [(6, 1, "E102", "sector: duplicate key (first given on line 5)")],
    "unsafe-tag": [(12, 10, "E103", "company: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
                                    "is not allowed (only plain values; tags are never executed)")],
    "no-modeline": [(1, 1, "E104", "record: first line must be '# yaml-language-server: "
                                   "$schema=../schema/case.schema.json' (it gives editors autocomplete)")],
    "missing-required": [(2, 1, "E110", "sector: required field is missing")],
    "unknown-key": [(2, 1, "E110", "sector: required field is missing"),
                    (5, 1, "E111", "secter: unknown key 'secter' (did you mean 'sector'?)")],
    "wrong-type": [(9, 7, "E112", "year: expected a whole number, got text 'twenty-twenty-two'")],
    "non-numeric-amount": [(14, 15, "E112", "figures.investment[0].amount: expected a number, got text '1,200'")],
    "empty-file": [(1, 1, "E112", "record: the file must hold a mapping of field names to values")],
    "bad-id-form": [(2, 5, "E113", "id: 'Bad_Id' is not in the expected form: lowercase letters, digits "
                                   "and hyphens, e.g. dp-2021-textile-dyeing"),
                    (2, 5, "E201", "id: 'Bad_Id' must equal the file name 'bad-id-form' (rename the file or fix the id)")],
    "negative-amount": [(14, 16, "E114", "figures.investment[0].amount: must not be negative (got -5)")],
    "no-url-or-document": [(11, 5, "E116", "sources[0]: give a url or a document reference")],
    "id-mismatch": [(2, 5, "E201", "id: 'some-other-id' must equal the file name 'id-mismatch' "
                                   "(rename the file or fix the id)")],
    "duplicate-id": [(2, 5, "E201", "id: 'fx-case-minimal' must equal the file name 'duplicate-id' "
                                    "(rename the file or fix the id)"),
                     (2, 5, "E202", "id: case id 'fx-case-minimal' is already used by cases/fx-case-minimal.yaml")],
    "unknown-sector": [(5, 9, "E203", "sector: 'textile' is not a known sector (did you mean 'textiles'?)")],
    "unknown-vocab-in-list": [(6, 23, "E203", "pollutants[1]: 'energy' is not a known pollutant area "
                                              "(did you mean 'energy-saving'?)")],
    "unknown-technology": [(7, 16, "E204", "technologies[0]: no technology record 'fx-heat-pmp' "
                                           "(technologies/fx-heat-pmp.yaml) (did you mean 'fx-heat-pump'?)")],
    "figure-unknown-source": [(14, 44, "E205", "figures.payback[0].source: 's2' is not the id of any entry in sources")],
    "figure-without-source": [(14, 7, "E110", "figures.payback[0].source: required field is missing")],
    "missing-zh": [(3, 8, "E206", "title: Chinese text (zh) is missing")],
    "html-in-text": [(4, 15, "E207", "summary.en: HTML or script is not allowed in record text; write plain text")],
    "duplicate-source-id": [(12, 10, "E208", "sources[1].id: 's1' is used by two sources")],
    "zh-without-chinese": [(4, 31, "W301", "summary.zh: Chinese text has no Chinese characters")],
    "alias-bomb": [(3, 8, "E105", "anchor '&t' is not allowed: write the value out in full (anchors and aliases are refused in records)"),
                   (4, 10, "E105", "alias '*t' is not allowed: write the value out in full (anchors and aliases are refused in records)")],
    "control-character": [(4, 15, "E212", "summary.en: control character U+001B is not allowed in text (retype the text around it)")],
    "bidi-override": [(4, 15, "E212", "summary.en: control character U+202E is not allowed in text (retype the text around it)")],
    "unsafe-url": [(11, 56, "E113", "sources[0].url: 'javascript:alert(1)' is not in the expected form: a web address starting with http:// or https://"),
                   (11, 56, "E211", "sources[0].url: unsafe or invalid URL: only http:// and https:// addresses are allowed")],
    "url-with-credentials": [(11, 56, "E211", "sources[0].url: unsafe or invalid URL: the address must not contain a user name or password ('@' before the host)")],
    "impossible-date": [(11, 86, "E213", "sources[0].date: '2007-02-30' is not a date on the calendar (2007-02 has no day 30)")],
    "index": [(2, 5, "E210", "id: 'index' is the name of a page the site makes itself; choose another id")],
    "overflowing-number": [(12, 16, "E114", "figures.investment[0].amount: the number is too large to use (got inf)"),
                           (14, 15, "E114", "figures.payback[0].years: must not be more than 100 (got 1,000)")],
    "dates-and-no": [],   # `no` stays the text "no"; nothing to report
}


def test_every_fixture_has_an_expectation():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


def test_fixture_project_is_valid(fixture_project):
    result = validate_project(Project(fixture_project))
    assert result.problems == [] and result.ok
    assert [c.id for c in result.corpus.cases] == ["fx-case-full", "fx-case-minimal"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_record(fixture_project, name):
    shutil.copy(BROKEN / f"{name}.yaml", fixture_project / "cases" / f"{name}.yaml")
    result = validate_project(Project(fixture_project))
    got = [(p.line, p.col, p.code, p.message) for p in result.problems]
    assert got == EXPECTED[name]
    assert {p.path for p in result.problems} <= {f"cases/{name}.yaml", "cases/fx-case-minimal.yaml"}
    assert result.ok == all(code.startswith("W") for _, _, code, _ in EXPECTED[name])
    assert (result.corpus is None) == (not result.ok)


@pytest.mark.parametrize("corpus", [True, False])
def test_records_checked_in_worker_processes_report_the_same(fixture_project, monkeypatch, corpus):
    """Every broken fixture at once, checked by worker processes (as with thousands of files,
    where only the ids of each case come back when no corpus is asked for): each file's
    problems are exactly its expectation."""
    import generator.check.validate as validate

    for path in BROKEN.glob("*.yaml"):
        shutil.copy(path, fixture_project / "cases" / path.name)
    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validate.os, "cpu_count", lambda: 2)
    result = validate_project(Project(fixture_project), corpus=corpus)
    for name, expected in EXPECTED.items():
        got = [(p.line, p.col, p.code, p.message) for p in result.problems if p.path == f"cases/{name}.yaml"]
        assert got == expected, name
    assert result.corpus is None


def test_script_urls_are_found_however_their_letters_are_cased(fixture_project):
    """Python's case-blind matching takes 'ſ' for 's' and 'İ' for 'i'; so does the rule."""
    record = fixture_project / "cases" / "fx-case-minimal.yaml"
    text = record.read_text(encoding="utf-8")
    for word in ("javaſcript:alert(1)", "JAVASCRİPT:alert(1)", "< script"):
        record.write_text(text.replace("title: {en: Fixture", f'title: {{en: "{word} Fixture', 1)
                          .replace("minimal case,", 'minimal case",', 1), encoding="utf-8")
        codes = [p.code for p in validate_project(Project(fixture_project)).problems]
        assert codes == ["E207"], word


def test_a_problem_found_across_files_points_at_its_line_when_workers_sent_back_only_ids(fixture_project, monkeypatch):
    """With thousands of files and no corpus asked for, a worker sends back a clean record's ids
    and not its text; a problem found only across files (a former id that is another record's
    id) still names the line, read again from the file."""
    import generator.check.validate as validate

    record = fixture_project / "cases" / "fx-case-minimal.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("year: 2012\n", "year: 2012\nformer_ids: [fx-case-full]\n"), encoding="utf-8")
    line = text[:text.index("year: 2012")].count("\n") + 2
    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validate.os, "cpu_count", lambda: 2)
    sent_back = []
    real_unique_ids = validate.rules.unique_ids

    def unique_ids(docs, noun):
        docs = list(docs)
        sent_back.extend((doc.path, doc.text, dict(doc.positions)) for doc in docs)
        return real_unique_ids(docs, noun)
    monkeypatch.setattr(validate.rules, "unique_ids", unique_ids)
    problems = validate_project(Project(fixture_project), corpus=False).problems
    assert ("cases/fx-case-minimal.yaml", "", {}) in sent_back        # neither text nor positions came back
    found = [(p.path, p.line, p.code) for p in problems if p.code in ("E202", "E209")]
    assert found == [("cases/fx-case-minimal.yaml", line, "E209")]
