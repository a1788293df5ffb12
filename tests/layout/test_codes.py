"""One registry of problem codes (generator/core/codes.py): every code the checkers give is in
it, a problem with any other code cannot be made, and both CONTRIBUTING files print its tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.core.codes import CODES, table
from generator.core.problems import Problem

ROOT = Path(__file__).resolve().parents[2]


def test_every_code_in_the_source_is_registered():
    used = set()
    for path in (ROOT / "generator").rglob("*.py"):
        if path.name != "codes.py":
            used |= set(re.findall(r"\b([EW][1-4]\d\d)\b", path.read_text(encoding="utf-8")))
    assert used, "no code found: the pattern is wrong"
    assert sorted(used - set(CODES)) == []


def test_a_problem_with_an_unknown_code_is_refused():
    Problem("cases/a.yaml", 1, 1, "E203", "known")
    with pytest.raises(ValueError, match="E999"):
        Problem("cases/a.yaml", 1, 1, "E999", "unknown")


@pytest.mark.parametrize("path, lang", [("CONTRIBUTING.md", "en"), ("CONTRIBUTING.zh.md", "zh")])
def test_contributing_prints_the_registry(path, lang):
    text = (ROOT / path).read_text(encoding="utf-8")
    for name in ("validate", "import"):
        assert table(name, lang) in text, f"{path}: the {name} table differs from `python -m generator.core.codes`"
    listed = set(re.findall(r"^\| ([EW]\d{3}) \|", text, re.M))
    assert listed == set(CODES)
