"""Messages an editor meets when a record is not yet right: placeholder texts are errors, and
YAML syntax errors carry a plain-language hint beside the parser's own words."""

from __future__ import annotations

import pytest

from conftest import copy_project
from generator.check.validate import validate_project
from generator.check.yamlsrc import load_text
from generator.core.project import Project

RECORD = "cases/cppp-dp-2009-metal-heat-pump.yaml"


@pytest.mark.parametrize("placeholder", ["…", "TODO", "xxx", "待補", "...", "tbd."])
def test_a_placeholder_text_is_an_error_where_it_is(tmp_path, placeholder):
    project = copy_project(tmp_path / "p")
    path = project / RECORD
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith(" "))
    lines[at:end] = ["summary:\n", f"  en: '{placeholder}'\n", "  zh: 熱泵個案\n"]
    path.write_text("".join(lines), encoding="utf-8")
    result = validate_project(Project(project))
    found = [(p.path, p.line, p.code) for p in result.problems if p.code == "E218"]
    assert found == [(RECORD, at + 2, "E218")]
    assert not result.ok


def test_real_texts_that_mention_a_placeholder_word_are_fine():
    for text in ("Todo list of the audit", "xxx-ray", "待補充資料的說明已列於附件"):
        assert not __import__("generator.check.rules", fromlist=["_PLACEHOLDER"])._PLACEHOLDER.match(text)


@pytest.mark.parametrize("text, where, hint", [
    ("id: a\nsector:metal\npollutants: [x]\n", (2, 1), "a key needs a colon and a space after it"),
    ("id: a\ntitle: Note: this\n", (2, 12), "a colon followed by a space inside a value"),
    ("title: 'abc\n", (2, 1), "a quote that is opened and never closed"),
])
def test_yaml_syntax_errors_carry_a_hint(text, where, hint):
    _, problems = load_text(text, "cases/t.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(*where, "E100")]
    assert problems[0].message.startswith("YAML syntax: ") and f"(hint: {hint}" in problems[0].message
