"""Read a spreadsheet of cases (.csv or .xlsx) into numbered rows (`spreadsheet_template` writes
the blank template).

Reading checks only the file and its header: the file itself (`spreadsheet_files`: encoding,
CSV quoting, cells too large, formulas without a stored value), that every column is known and
none is missing or repeated, and which rows are empty. It does not read cell values;
`caseform_parse` does. Excel files are read with openpyxl (the values stored with formulas). Row numbers
are the ones a spreadsheet program shows: the header is row 1.
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path
from typing import Any, Optional

from generator.editors import caseform
from generator.editors.caseform_parse import cell_text, shown
from generator.editors.spreadsheet_files import SheetError, csv_cells, letter, xlsx_cells

__all__ = ["Sheet", "SheetError", "letter", "read_sheet"]


@dataclasses.dataclass
class Sheet:
    display: str                       # file name as shown in messages
    columns: list[str]                 # known column names, in file order
    letters: dict[str, str]            # column name -> spreadsheet letter (A, B, ... AA)
    rows: list[tuple[int, dict[str, Any]]]   # (row number, {column: cell value}), non-empty rows
    empty_rows: list[int]
    # row number -> [(column, code, message)]: cells that could not be used (their value is None)
    cell_problems: dict[int, list[tuple[str, str, str]]] = dataclasses.field(default_factory=dict)


def read_sheet(path: Path, display: str, encoding: Optional[str] = None) -> Sheet:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        cells = csv_cells(path, display, encoding)
    elif suffix in (".xlsx", ".xlsm"):
        cells = xlsx_cells(path, display)
    else:
        raise SheetError([f"{display}: E401 cannot read '{path.suffix}' files: give a .csv or .xlsx file"])
    raw, bad = cells.rows, cells.problems
    if not raw:
        raise SheetError([f"{display}: E401 the file is empty: the first row must name the columns"])
    body = raw[1:]
    width = max(len(r) for r in raw)
    header = [cell_text(v).casefold() for v in raw[0]] + [""] * (width - len(raw[0]))
    problems = []
    wanted: dict[str, int] = {}
    for index, name in enumerate(header):
        used = any(index < len(r) and cell_text(r[index]) for r in body)
        if (1, index) in bad:
            code, message = bad[(1, index)]
            problems.append(f"{display}: row 1, column {letter(index)}: {code} {message}")
            continue
        if not name:
            if used:
                problems.append(f"{display}: row 1, column {letter(index)}: E402 this column has values "
                                "but no name")
            continue
        if caseform.lookup(name) is None:
            close = difflib.get_close_matches(name, caseform.known_names(), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            if len(header) == 1 and (";" in name or "\t" in name):
                hint = " (separate columns with commas, not semicolons or tabs)"
            problems.append(f"{display}: row 1, column {letter(index)}: E402 unknown column '{shown(name)}'{hint}")
        elif name in wanted:
            problems.append(f"{display}: row 1, column {letter(index)}: E402 column '{name}' is given "
                            f"twice (also column {letter(wanted[name])})")
        else:
            wanted[name] = index
    required = [c.name for c in caseform.template_columns() if c.required]
    for name in required:
        if name not in wanted:
            problems.append(f"{display}: row 1: E403 required column '{name}' is missing")
    if problems:
        raise SheetError(problems)
    rows, empty, cell_problems = [], [], {}
    for number, values in enumerate(body, start=2):
        row = {name: values[i] if i < len(values) else None for name, i in wanted.items()}
        unusable = [(name, *bad[(number, i)]) for name, i in wanted.items() if (number, i) in bad]
        if unusable:
            cell_problems[number] = unusable
        elif not any(cell_text(v) for v in row.values()):
            empty.append(number)
            continue
        rows.append((number, row))
    last = rows[-1][0] if rows else 0
    empty = [n for n in empty if n < last]      # blank rows after the last case are not reported
    return Sheet(display, list(wanted), {n: letter(i) for n, i in wanted.items()}, rows, empty,
                 cell_problems)
