"""E225 (generator/check/source_identity.py): one document, one id, across the source lists of the
programme pages. Each kind is planted in a copy of the project in a temporary folder."""

from generator.check.validate import validate_project
from generator.core.project import Project


def _e225(project):
    return [(p.path, p.line, p.code, p.message) for p in validate_project(Project(project)).problems
            if p.code == "E225"]


def test_the_real_sources_have_one_id_each():
    from conftest import ROOT
    assert _e225(ROOT) == []


def test_the_same_document_under_another_id(fixture_project):
    path = fixture_project / "data" / "phases.yaml"
    text = path.read_text(encoding="utf-8")
    planted = text.replace("  - id: pr-2024-10-31\n", "  - id: govhk-2024\n", 1).replace(
        "source: pr-2024-10-31", "source: govhk-2024")
    assert planted != text
    path.write_text(planted, encoding="utf-8")
    line = planted.split("\n").index("  - id: govhk-2024") + 1
    assert _e225(fixture_project) == [("data/phases.yaml", line, "E225", "sources[4].id: 'govhk-2024' is the same "
                                       "document as 'pr-2024-10-31' in programme-sources.yaml: use that id")]


def test_another_document_under_a_programme_id(fixture_project):
    path = fixture_project / "data" / "phases.yaml"
    text = path.read_text(encoding="utf-8")
    planted = text.replace('    title: "Funds help delta factories cut emissions"',
                           '    title: "Another article"', 1).replace(
        "url: http://www.scmp.com/news/hong-kong/article/1155692/funds-help-delta-factories-cut-emissions",
        "url: https://example.org/another", 1)
    assert planted.count("Another article") == 1
    path.write_text(planted, encoding="utf-8")
    got = _e225(fixture_project)
    assert [(p, code) for p, _, code, _ in got] == [("data/phases.yaml", "E225")]
    assert "'scmp-2013' is the id of another document" in got[0][3]
