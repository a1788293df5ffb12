"""`cpsite import FILE`: turn a spreadsheet of cases (one row per case) into case records.

Every row is read, turned into a record and checked by the ordinary validator (through
`candidates`) before anything is written. A row with any error is reported with its row
number, column and reason, and nothing is written for it; every other row becomes
`cases/<id>.yaml`. An existing record is replaced only with `--update` (and the diff is
shown); `--dry-run` reports what would happen and writes nothing. Each file is written whole
or not at all. Exit status: 0 when every row was imported, 1 when any row (or the file) failed.
"""

from __future__ import annotations

import dataclasses
import difflib
import sys
from collections import defaultdict
from pathlib import Path
from typing import Optional, TextIO

from generator.core.output import write_if_changed
from generator.core.project import Project
from generator.editors.candidates import check_cases, id_form_problem, taken_ids
from generator.editors.caseform_parse import RowParser, Terms, cell_text, column_of, field_path
from generator.editors.recordtext import record_text
from generator.editors.spreadsheet import Sheet, SheetError, read_sheet
from generator.publish.urls import URL_LIST, add_urls, case_urls


@dataclasses.dataclass
class Row:
    number: int
    case_id: str = ""
    record: dict = dataclasses.field(default_factory=dict)
    origin: dict = dataclasses.field(default_factory=dict)
    errors: list = dataclasses.field(default_factory=list)     # (column, code, message)
    warnings: list = dataclasses.field(default_factory=list)
    text: Optional[str] = None
    old: Optional[str] = None        # text of the record it would replace
    staged_as: str = ""              # id under which the record was checked

    @property
    def status(self) -> str:
        if self.errors:
            return "failed"
        if self.old is None:
            return "new"
        return "unchanged" if self.old == self.text else "update"


def _merge_former_ids(record: dict, old_path: Path, project: Project) -> None:
    """An update never drops a former id: old addresses must keep working."""
    from generator.check.yamlsrc import load_file

    doc, _ = load_file(old_path, project.root)
    old = (doc.data or {}).get("former_ids") if isinstance(doc.data, dict) else None
    merged = list(dict.fromkeys([*(old or []), *record.get("former_ids", [])]))
    if merged:
        record["former_ids"] = merged


def prepare(project: Project, sheet: Sheet, update: bool) -> list[Row]:
    parser = RowParser(Terms.load(project))
    rows: list[Row] = []
    for number, cells in sheet.rows:
        record, cell_problems, origin = parser.parse(cells)
        row = Row(number, cell_text(cells.get("id")), record, origin,
                  [*sheet.cell_problems.get(number, []), *((p.column, p.code, p.message) for p in cell_problems)])
        if not row.case_id:
            if not any(column == "id" for column, _, _ in row.errors):   # else: the id cell was unusable
                row.errors.append(("id", "E110", "every row needs an id"))
        elif id_form_problem(project, row.case_id):
            row.errors.append(("id", "E113", id_form_problem(project, row.case_id)))
        rows.append(row)

    by_id = defaultdict(list)
    for row in rows:
        if row.case_id:
            by_id[row.case_id].append(row.number)
    for row in rows:
        others = [n for n in by_id.get(row.case_id, []) if n != row.number]
        if others:
            listed = ", ".join(str(n) for n in others)
            row.errors.append(("id", "E405", f"id '{row.case_id}' is also given in row {listed}: "
                                             "one row per case"))

    taken = taken_ids(project)
    for row in rows:
        own = f"cases/{row.case_id}.yaml"
        if row.case_id in taken and taken[row.case_id] != own:
            row.errors.append(("id", "E202", f"id '{row.case_id}' is already used by {taken[row.case_id]}"))
        if any(column == "id" for column, _, _ in row.errors):
            # still check the rest of the row, under a stand-in id that cannot clash
            row.staged_as = f"zz-import-row-{row.number}"
            row.record = dict(row.record, id=row.staged_as)
            row.record.pop("former_ids", None)
            row.text = record_text(row.record)
            continue
        row.staged_as = row.case_id
        path = project.cases_dir / f"{row.case_id}.yaml"
        if path.is_file():
            row.old = path.read_text(encoding="utf-8")
            if update:
                _merge_former_ids(row.record, path, project)
        row.text = record_text(row.record)
        if row.old is not None and not update and row.old != row.text:
            row.errors.append(("id", "E406", f"{own} already exists and differs; run again with --update "
                                             "to replace it (the differences are shown)"))

    staged = {row.staged_as: row.text for row in rows if row.staged_as}
    found = check_cases(project, staged)
    for row in rows:
        bad_cells = {column for column, _, _ in row.errors}
        for problem in found.get(row.staged_as, []) if row.staged_as else []:
            path, message = field_path(problem.message)
            column = column_of(path, problem.code, row.origin)
            if column in bad_cells or (row.staged_as != row.case_id and column in ("id", "former_ids")):
                continue      # already reported (the cell could not be read, or the id is unusable)
            (row.errors if problem.is_error else row.warnings).append((column, problem.code, message))
    return rows


def _where(sheet: Sheet, number: int, column: str) -> str:
    col = sheet.letters.get(column)
    return f"{sheet.display}: row {number}, column {col} ({column})" if col else \
        f"{sheet.display}: row {number}, column {column} (not in the sheet: add it)"


def report(project: Project, sheet: Sheet, rows: list[Row], *, dry_run: bool, out: TextIO, err: TextIO) -> int:
    counts = defaultdict(int)
    order = {name: i for i, name in enumerate(sheet.columns)}
    for row in rows:
        counts[row.status] += 1
        for column, code, message in sorted(row.errors, key=lambda e: (order.get(e[0], -1), e[1], e[2])):
            print(f"{_where(sheet, row.number, column)}: {code} {message}", file=out)
        for column, code, message in row.warnings:
            print(f"{_where(sheet, row.number, column)}: {code} {message}", file=out)
        if row.status in ("new", "update", "unchanged"):
            verb = {"new": "new", "update": "updated", "unchanged": "unchanged"}[row.status]
            if dry_run and row.status != "unchanged":
                verb = {"new": "would be created", "update": "would be updated"}[row.status]
            print(f"cases/{row.case_id}.yaml: {verb} (row {row.number})", file=out)
        if row.status == "update" or (row.status == "failed" and row.old is not None
                                      and row.staged_as == row.case_id and row.old != row.text):
            out.writelines(difflib.unified_diff(
                row.old.splitlines(keepends=True), row.text.splitlines(keepends=True),
                fromfile=f"a/cases/{row.case_id}.yaml", tofile=f"b/cases/{row.case_id}.yaml"))
    if not dry_run:
        for row in rows:
            if row.status in ("new", "update"):
                write_if_changed(project.cases_dir / f"{row.case_id}.yaml", row.text)
        added = add_urls(project, [u for row in rows if row.status in ("new", "update") for u in case_urls(row.record)])
        if added:
            print(f"changed {URL_LIST}: {len(added)} address(es) of the new cases added", file=err)
    empty = f"; {len(sheet.empty_rows)} empty row(s) skipped" if sheet.empty_rows else ""
    lead = "dry run, nothing written: " if dry_run else ""
    print(f"{lead}{len(rows)} row(s): {counts['new']} new, {counts['update']} updated, "
          f"{counts['unchanged']} unchanged, {counts['failed']} failed{empty}", file=err)
    return 1 if counts["failed"] else 0


def run_import(project: Project, path: Path, *, dry_run: bool = False, update: bool = False,
               encoding: Optional[str] = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    display = str(path)
    if not path.is_file():
        print(f"{display}: no such file", file=err)
        return 2
    try:
        sheet = read_sheet(path, display, encoding)
    except SheetError as failed:
        for line in failed.problems:
            print(line, file=out)
        print("nothing imported: fix the file and run again", file=err)
        return 1
    rows = prepare(project, sheet, update)
    return report(project, sheet, rows, dry_run=dry_run, out=out, err=err)
