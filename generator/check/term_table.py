"""Check data/zh-hans-terms.yaml, the term table of the Simplified Chinese edition.

The JSON Schema (schema/zh-hans-terms.schema.json) checks the shape; the rules here check
what a schema cannot: that `from` is what OpenCC outputs for the entry's example (the table
is applied to OpenCC's output, so anything else would never match), that `to` is written in
Simplified characters, that no term is listed twice or replaced by itself, that each
exception contains its term, and that each example converts to exactly what the entry says. Every problem is a Problem with file:line:col; nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from generator.check import rules, schema
from generator.check.yamlsrc import Document, load_file
from generator.core.problems import Problem
from generator.core.project import Project
from generator.edition.simplify import CHARACTERS_CONFIG, TERMS_FILE, Simplifier, TermTable, opencc_only

SCHEMA_KIND = "zh-hans-terms"
SCHEMA_FILE = SCHEMA_KIND + ".schema.json"


def table_path(project: Project) -> Path:
    return project.data_dir / TERMS_FILE


def display_path(project: Project) -> str:
    return table_path(project).relative_to(project.root).as_posix()


def check(project: Project) -> list[Problem]:
    """Every problem of the term table (none when the project has no table)."""
    path = table_path(project)
    if not path.is_file():
        return []
    doc, problems = load_file(path, project.root)
    problems += schema.check(doc, SCHEMA_KIND, project.schema_dir, {})
    readable = not problems
    if doc.data is not None:
        problems += rules.modeline(doc, SCHEMA_FILE)
    if readable:
        problems += entry_problems(doc)
    return problems


def _at(doc: Document, path: tuple, code: str, message: str) -> Problem:
    line, col = doc.where(path)
    return Problem(doc.path, line, col, code, message)


def _field(path: tuple) -> str:
    return f"terms[{path[1]}].{path[2]}" + (f"[{path[3]}]" if len(path) > 3 else "")


def entry_problems(doc: Document) -> Iterator[Problem]:
    """Rules for a table that already matches its schema."""
    seen: dict[str, int] = {}
    for i, entry in enumerate(doc.data["terms"]):
        converted = opencc_only(entry["example"]["zh"])
        if entry["from"] not in converted:
            yield _at(doc, ("terms", i, "from"), "E251",
                      f"{_field(('terms', i, 'from'))}: OpenCC does not output '{entry['from']}' for the "
                      f"example (it gives '{converted}'); write the term as OpenCC outputs it")
        simplified = opencc_only(entry["to"], CHARACTERS_CONFIG)
        if simplified != entry["to"]:
            yield _at(doc, ("terms", i, "to"), "E251",
                      f"{_field(('terms', i, 'to'))}: '{entry['to']}' has Traditional characters; "
                      f"write it in Simplified: '{simplified}'")
        if entry["from"] == entry["to"]:
            yield _at(doc, ("terms", i, "to"), "E252",
                      f"{_field(('terms', i, 'to'))}: '{entry['to']}' replaces the term with itself")
        if entry["from"] in seen:
            yield _at(doc, ("terms", i, "from"), "E253",
                      f"{_field(('terms', i, 'from'))}: '{entry['from']}' is already listed "
                      f"in terms[{seen[entry['from']]}]")
        seen.setdefault(entry["from"], i)
        for j, word in enumerate(entry.get("except") or ()):
            if entry["from"] not in word:
                yield _at(doc, ("terms", i, "except", j), "E254",
                          f"{_field(('terms', i, 'except', j))}: '{word}' does not contain "
                          f"'{entry['from']}'; list only longer words that contain the term")
    table = TermTable.of(doc.data)
    simplifier = Simplifier(table)
    for i, entry in enumerate(doc.data["terms"]):
        example = entry["example"]
        got = simplifier.convert(example["zh"])
        if got != example["zh-Hans"]:
            yield _at(doc, ("terms", i, "example", "zh-Hans"), "E255",
                      f"terms[{i}].example.zh-Hans: the Simplified edition shows '{got}', "
                      f"not '{example['zh-Hans']}'")
