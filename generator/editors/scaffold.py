"""`cpsite new-case`: write a new, valid case record with its schema line and short comments.

Every field can be given as an option named after its import column (`--title-en` is the
column `title_en`), so scripts never get asked anything; whatever is missing is asked for,
with the choices of each vocabulary listed (unless `--no-input`, which fails instead). The id
is refused when it is malformed or already used (as an id or a former id). The record is
checked by the ordinary validator before it is written, and written only when it passes.
Figures and the longer texts are added afterwards by editing the file.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional

from generator.check.schema import did_you_mean, load_schema
from generator.check.validate import record_files
from generator.check.yamlsrc import load_file
from generator.core.output import write_if_changed
from generator.core.project import Project
from generator.editors.candidates import check_cases, id_form_problem, taken_ids
from generator.editors.caseform import CASE_COLUMNS, SOURCE_PARTS, Column
from generator.editors.caseform_parse import RowParser, Terms, column_of, field_path, parse_year, split_list
from generator.editors.recordtext import record_text
from generator.publish.urls import URL_LIST, add_urls, case_urls

COLUMNS: list[Column] = [c for c in CASE_COLUMNS
                         if c.name != "former_ids" and not c.name.startswith(("background", "what_was",
                                                                               "results"))]
COLUMNS += [Column("source_" + p.name, p.en, p.zh, p.kind, p.vocab,
                   p.name in ("id", "title", "publisher", "date"), p.example) for p in SOURCE_PARTS]


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


def add_options(parser: argparse.ArgumentParser) -> None:
    for column in COLUMNS:
        repeat = column.kind in ("list", "vocab-list")
        parser.add_argument(option(column.name), dest=column.name, metavar="TEXT",
                            action="append" if repeat else "store",
                            help=column.en + (" (repeat or separate with ;)" if repeat else ""))
    parser.add_argument("--no-input", action="store_true",
                        help="never ask: fail when a required option is missing")


class Asker:
    """Asks for one column at a time on stdin, re-asking until the answer can be used."""

    def __init__(self, project: Project, terms: Terms):
        self.project, self.terms = project, terms
        self.technologies = sorted(p.stem for p in record_files(project.technologies_dir))
        self.technology_names = _technology_names(project)
        self.taken = taken_ids(project)

    def check(self, column: Column, answer: str) -> Optional[str]:
        """None when the answer is usable, else what is wrong with it."""
        if column.name == "id":
            if id_form_problem(self.project, answer):
                return id_form_problem(self.project, answer)
            if answer in self.taken:
                return f"'{answer}' is already used by {self.taken[answer]}"
        if column.kind in ("vocab", "choice") and self.terms.key(column.vocab, answer) not in self.terms.keys[column.vocab]:
            return f"'{answer}' is not one of the choices{self.terms.suggest(column.vocab, answer)}"
        if column.kind == "vocab-list":
            bad = [x for x in split_list(answer) if self.terms.key(column.vocab, x) not in self.terms.keys[column.vocab]]
            if bad:
                return "not among the choices: " + ", ".join(
                    f"'{x}'{self.terms.suggest(column.vocab, x)}" for x in bad)
        if column.name == "technologies":
            bad = [x for x in split_list(answer) if x not in self.technologies]
            if bad:
                return "no technology record: " + ", ".join(
                    f"'{x}'{did_you_mean(x, self.technologies)}" for x in bad) + " (type ? to list them)"
        if column.kind == "year":
            return parse_year(answer)[1]
        return None

    def menu(self, column: Column) -> list[str]:
        if column.kind not in ("vocab", "choice", "vocab-list"):
            return []
        keys = self.terms.keys[column.vocab]
        return [f"  {n:>2}  {key:<24} {self.terms.labels[column.vocab][key][0]} / "
                f"{self.terms.labels[column.vocab][key][1]}" for n, key in enumerate(keys, start=1)]

    def _numbers(self, column: Column, answer: str) -> str:
        """Menu numbers -> keys ('1; 3' -> 'textiles; printing')."""
        keys = self.terms.keys.get(column.vocab or "", [])
        parts = split_list(answer) if column.kind == "vocab-list" else [answer.strip()]
        out = [keys[int(p) - 1] if p.isdigit() and 0 < int(p) <= len(keys) else p for p in parts]
        return "; ".join(out)

    def ask(self, column: Column, required: bool, problem: Optional[str] = None) -> str:
        out = sys.stdout
        print(f"\n{column.name}: {column.en}\n  {column.zh}", file=out)
        for line in self.menu(column):
            print(line, file=out)
        if problem:
            print(f"  ! {problem}", file=out)
        while True:
            try:
                answer = input("  required> " if required else "  (Enter to leave out)> ").strip()
            except EOFError:
                raise SystemExit(_fail(f"no answer for {column.name}: input ended "
                                       f"(give it as {option(column.name)})", 2)) from None
            if answer == "?" and column.name == "technologies":
                for tech_id in self.technologies:
                    en, zh = self.technology_names.get(tech_id, ("", ""))
                    print(f"  {tech_id:<52} {en} / {zh}", file=out)
                continue
            if not answer:
                if not required:
                    return ""
                print("  ! this field is required", file=out)
                continue
            answer = self._numbers(column, answer) if column.vocab else answer
            problem = self.check(column, answer)
            if problem is None:
                return answer
            print(f"  ! {problem}", file=out)


def _technology_names(project: Project) -> dict:
    """{technology id: (English name, Chinese name)} as the records give them."""
    names = {}
    for path in record_files(project.technologies_dir):
        doc, _ = load_file(path, project.root)
        name = doc.data.get("name") if isinstance(doc.data, dict) else None
        if isinstance(name, dict):
            names[path.stem] = (str(name.get("en", "")), str(name.get("zh", "")))
    return names


def _fail(message: str, code: int = 1) -> int:
    print(f"cpsite new-case: {message}", file=sys.stderr)
    return code


def _comments(project: Project) -> dict:
    props = load_schema(project.schema_dir, "case")["properties"]
    out = {}
    for name, spec in props.items():
        vocab = spec.get("x-vocabulary") or spec.get("items", {}).get("x-vocabulary")
        out[name] = spec.get("description", "") + (f" Keys: data/{vocab}.yaml." if vocab else "")
    out["id"] = "Written by `cpsite new-case`; field-by-field guide: CONTRIBUTING.md.\n" + out["id"]
    out["sources"] += " Figures cite a source by its id."
    return out


def _required(column: Column, row: dict) -> bool:
    if column.name == "source_document":
        return not row.get("source_url")
    return column.required


def new_case(project: Project, args: argparse.Namespace) -> int:
    terms = Terms.load(project)
    asker = Asker(project, terms)
    row: dict = {}
    for column in COLUMNS:
        value = getattr(args, column.name, None)
        if isinstance(value, list):
            value = "; ".join(value)
        if value is not None:
            problem = asker.check(column, value)
            if problem:
                return _fail(f"{option(column.name)}: {problem}")
            row[column.name] = value
    interactive = not args.no_input
    missing = [c for c in COLUMNS if _required(c, row) and not row.get(c.name)]
    if missing and not interactive:
        names = [option(c.name) if c.name != "source_document" else "--source-url or --source-document"
                 for c in missing]
        return _fail("missing " + ", ".join(names) + " (or leave out --no-input to be asked)", 2)
    given = set(row)
    for column in COLUMNS:
        if column.name not in given and interactive:
            row[column.name] = asker.ask(column, _required(column, row))

    parser = RowParser(terms)
    for _attempt in range(5):
        record, cell_problems, origin = parser.parse(row)
        case_id = record["id"]
        text = record_text(record, comments=_comments(project))
        problems = [(p.column, p.message) for p in cell_problems]
        warnings = []
        for problem in check_cases(project, {case_id: text})[case_id]:
            path, message = field_path(problem.message)
            found = (column_of(path, problem.code, origin), f"{problem.code} {message}")
            (problems if problem.is_error else warnings).append(found)
        if not problems:
            break
        if not interactive:
            for column, message in problems:
                print(f"{option(column)}: {message}", file=sys.stderr)
            return _fail("nothing written")
        for column, message in problems:
            spec = next((c for c in COLUMNS if c.name == column), None)
            if spec is None:
                return _fail(f"{column}: {message}; nothing written")
            row[column] = asker.ask(spec, _required(spec, row), message)
    else:
        return _fail("nothing written: the record still has problems")
    for column, message in warnings:
        print(f"warning: {option(column)}: {message}", file=sys.stderr)
    write_if_changed(project.cases_dir / f"{case_id}.yaml", text)
    print(f"wrote cases/{case_id}.yaml", file=sys.stderr)
    added = add_urls(project, case_urls(record))     # its addresses are now ones to keep
    if added:
        print(f"changed {URL_LIST}: {len(added)} address(es) of the new case added", file=sys.stderr)
    print("next: add background, what_was_done, results and figures in the file, then run "
          f"`cpsite validate cases/{case_id}.yaml`", file=sys.stderr)
    return 0
