"""The loader keeps positions, refuses what YAML would silently change, and never runs tags."""

from pathlib import Path

from generator.check.yamlsrc import load_text


def test_positions_of_values_and_keys():
    doc, problems = load_text("a: 1\nb:\n  c: [x, y]\n", "t.yaml")
    assert problems == []
    assert doc.data == {"a": 1, "b": {"c": ["x", "y"]}}
    assert doc.where(("b", "c", 1)) == (3, 10)
    assert doc.where(("b", "c"), key=True) == (3, 3)
    assert doc.where(("b", "missing", 4)) == (3, 3)   # nearest ancestor


def test_yaml_1_1_surprises_stay_text():
    doc, problems = load_text("a: no\nb: 2007-10-16\nc: 1,200\nd: on\ne: 010\nf: 1:20\n", "t.yaml")
    assert problems == []
    assert doc.data == {"a": "no", "b": "2007-10-16", "c": "1,200", "d": "on", "e": 10, "f": "1:20"}


def test_duplicate_key_names_both_lines():
    _, problems = load_text("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 1, "E102")]
    assert "first given on line 1" in problems[0].message


def test_tabs_are_reported_where_they_are():
    _, problems = load_text("a:\n  b: 1\n\tc: 2\n", "t.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(3, 1, "E101")]


def test_unsafe_tag_is_reported_and_never_executed(tmp_path: Path):
    marker = tmp_path / "pwned"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    doc, problems = load_text(text, "t.yaml")
    assert [p.code for p in problems] == ["E103"]
    assert doc.data == {"a": None}
    assert not marker.exists()


def test_syntax_error_has_the_parser_line():
    _, problems = load_text("a: [1, 2\nb: 3\n", "t.yaml")
    assert [p.code for p in problems] == ["E100"]
    assert problems[0].line == 2
