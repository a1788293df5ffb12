"""Whatever bytes a record file holds, validation answers with located problems: never a
traceback, never unbounded memory (alias bombs, huge files, deep nesting, control characters)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.validate import validate_project
from generator.check.yamlsrc import MAX_FILE_BYTES, load_text
from generator.core.project import Project

BOMB = "\n".join([f"l0: &l0 [{', '.join(['lol'] * 9)}]"]
                 + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 12)]) + "\n"


def test_alias_bomb_is_refused_before_it_is_built():
    doc, problems = load_text(BOMB, "cases/bomb.yaml")
    assert doc.data is None
    assert problems[0].code == "E105" and (problems[0].line, problems[0].col) == (1, 5)
    assert problems[-1].message.startswith("… and ") and len(problems) == 11


def test_oversized_file_is_refused_with_its_size(fixture_project):
    path = fixture_project / "cases" / "huge.yaml"
    path.write_text("# yaml-language-server: $schema=../schema/case.schema.json\nid: huge\nsummary: "
                    + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    result = validate_project(Project(fixture_project))
    assert [(p.path, p.code) for p in result.problems] == [("cases/huge.yaml", "E106")]
    assert "a record may be at most 262,144 bytes" in result.problems[0].message


def test_deep_nesting_is_a_problem_not_a_traceback():
    for depth in (400, 900, 20000):
        doc, problems = load_text("a: " + "[" * depth + "]" * depth + "\n", "cases/deep.yaml")
        assert doc.data is None and [p.code for p in problems] == ["E100"], depth


def test_raw_control_character_is_located():
    _, problems = load_text("id: x\ntitle: ab\x00c\n", "cases/x.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 10, "E212")]


YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,? \n\t\\0123\x00\x1b\u202e\ufeff中")),
                  max_size=80)


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_any_text_gives_problems_or_data_never_an_exception(text):
    doc, problems = load_text(text, "cases/fuzz.yaml")
    assert all(p.path == "cases/fuzz.yaml" and p.line >= 1 and p.col >= 1 for p in problems)
    if problems and any(p.is_error for p in problems):
        return
    assert doc.data is None or isinstance(doc.data, (dict, list, str, int, float, bool))


@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(YAMLISH)
def test_any_record_file_validates_without_exception(fixture_project, text):
    (fixture_project / "cases" / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    result = validate_project(Project(fixture_project))
    assert not result.ok or result.corpus is not None
