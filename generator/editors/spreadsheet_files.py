"""Read the cells of a .csv or .xlsx file as rows of values, with every problem placed at its
row and column.

Two kinds of problem. A file that cannot be read as rows at all (not UTF-8, a CSV quote that is
never closed, not a workbook) raises `SheetError`, naming the row and column where the reading
stopped whenever there is one. A single cell that cannot be used (larger than `MAX_CELL_CHARS`;
in a workbook, a formula with no stored value or a cell showing an error such as `#REF!`) is
returned in `Cells.problems` and its value is replaced by None, so the rest of its row and the
other rows are still read. CSV cells that `formula_guard` prefixed are restored. This module
does not know which columns exist (`spreadsheet` checks the header) or what a cell means
(`caseform_parse`). Rows are numbered as a spreadsheet program shows them: the first is row 1.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from pathlib import Path
from typing import Any, Optional

from generator.core.formula_guard import restore
from generator.editors.caseform_parse import cell_text, shown

MAX_CELL_CHARS = 100_000     # far above any real text; a bigger cell is a mistake or an attack


class SheetError(Exception):
    """The file cannot be imported at all; `problems` are lines ready to print."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclasses.dataclass
class Cells:
    rows: list[list[Any]]                                   # row 1 (the header) first
    problems: dict[tuple[int, int], tuple[str, str]]         # (row, column index) -> (code, message)


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def place(display: str, row: int, column: Optional[int] = None, header: Optional[list] = None) -> str:
    """'cases.csv: row 7, column D (sector)', without the name when the header does not give one."""
    if column is None:
        return f"{display}: row {row}"
    name = cell_text(header[column]) if header and column < len(header) and row > 1 else ""
    named = f" ({shown(name, 40)})" if name and name.isprintable() else ""   # not undecodable bytes
    return f"{display}: row {row}, column {letter(column)}{named}"


def csv_position(text: str, offset: Optional[int] = None) -> tuple[int, int, str]:
    """Walk CSV text as `csv.reader(strict=True)` reads it: (row, column index, problem) at
    `offset`, or at the first quoting error ('after-quote', 'unclosed'), or ('', at the end)."""
    row, col, state, i, n = 1, 0, "start", 0, len(text)
    while i < n:
        if offset is not None and i >= offset:
            return row, col, ""
        ch = text[i]
        if state == "quoted":
            state = "quote" if ch == '"' else "quoted"
        elif state == "quote" and ch == '"':
            state = "quoted"
        elif ch == ",":
            col, state = col + 1, "start"
        elif ch in "\r\n":
            if ch == "\r" and text.startswith("\n", i + 1):
                i += 1
            row, col, state = row + 1, 0, "start"
        elif state == "quote":
            return row, col, "after-quote"
        else:
            state = "quoted" if state == "start" and ch == '"' else "plain"
        i += 1
    return row, col, "unclosed" if state == "quoted" else ""


def _parse_csv(text: str, rows: list[list[str]]) -> None:
    """Append the rows of `text` to `rows` (so that on an error they tell how far reading got)."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, len(text) + 1))      # cell sizes are checked afterwards, with their place
    try:
        rows.extend(csv.reader(io.StringIO(text, newline=""), strict=True))
    finally:
        csv.field_size_limit(old)


def _header_of(text: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []


def _decode(data: bytes, display: str, encoding: Optional[str]) -> str:
    codec = encoding or "utf-8-sig"
    try:
        return data.decode(codec)
    except LookupError:
        raise SheetError([f"{display}: E401 unknown encoding '{encoding}' (try utf-8 or big5hkscs)"]) from None
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        text = data.decode(codec, errors="surrogateescape")
        offset = next(i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff")
        row, col, _ = csv_position(text, offset)
        where = place(display, row, col, _header_of(text))
    if encoding:
        raise SheetError([f"{where}: E401 the file is not {encoding} text (byte 0x{bad:02x})"])
    hint = "save it again as 'CSV UTF-8 (comma delimited)'"
    try:
        data.decode("big5hkscs")
        looks = (" It looks like Big5, the Traditional Chinese encoding Excel uses for plain "
                 f"'CSV' on Hong Kong and Taiwan Windows: {hint}, or run again with --encoding big5hkscs.")
    except UnicodeDecodeError:
        looks = f" Please {hint}."
    raise SheetError([f"{where}: E401 the file is not UTF-8 text (byte 0x{bad:02x}).{looks}"])


_QUOTING = {"after-quote": "a quoted cell goes on after its closing '\"': write a '\"' inside a cell as "
                           "two (\"\"), or put the whole cell in quotes",
            "unclosed": "this cell opens a quote ('\"') that is never closed, so the rest of the file "
                        "would be one cell: close the quote, or write a '\"' inside a cell as two (\"\")"}


def csv_cells(path: Path, display: str, encoding: Optional[str]) -> Cells:
    text = _decode(path.read_bytes(), display, encoding)
    rows: list[list[str]] = []
    try:
        _parse_csv(text, rows)
    except csv.Error as exc:
        row, col, kind = csv_position(text)
        if kind not in _QUOTING:        # the walk and the csv module disagree: say what the module said
            raise SheetError([f"{display}: row {len(rows) + 1}: E401 not a readable CSV file: {exc}"]) from None
        raise SheetError([f"{place(display, row, col, _header_of(text))}: E401 {_QUOTING[kind]}"]) from None
    rows = [[restore(value) for value in row] for row in rows]
    return Cells(rows, _size_problems(rows, " (is a quote ('\"') left open above it?)"))


def _size_problems(rows: list[list[Any]], hint: str = "") -> dict:
    problems = {}
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                problems[(r, c)] = ("E407", f"this cell holds {len(value):,} characters; a cell may hold at "
                                            f"most {MAX_CELL_CHARS:,}{hint}")
                row[c] = None
    return problems


def _formula_cells(path: Path, name: str) -> dict[tuple[int, int], str]:
    """(row, column index) -> formula text, for every formula cell of the sheet."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        return {(r, c): str(getattr(cell.value, "text", cell.value))
                for r, row in enumerate(book[name].iter_rows(), start=1)
                for c, cell in enumerate(row) if cell.data_type == "f"}
    finally:
        book.close()


def xlsx_cells(path: Path, display: str) -> Cells:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise SheetError([f"{display}: E401 not an Excel .xlsx workbook ({exc.__class__.__name__}); "
                          "save it as 'Excel Workbook (.xlsx)' or as 'CSV UTF-8'"]) from None
    problems: dict = {}
    rows: list[list[Any]] = []
    unsaved: list[tuple[int, int]] = []          # cells with no stored value: formulas, or truly empty
    try:
        name = "cases" if "cases" in book.sheetnames else book.sheetnames[0]
        for r, cells in enumerate(book[name].iter_rows(), start=1):
            row = []
            for c, cell in enumerate(cells):
                value = cell.value
                if cell.data_type == "e":
                    problems[(r, c)] = ("E408", f"this cell shows the error {shown(str(value))}: correct the "
                                                "formula, or type the value")
                    value = None
                elif value is None and cell.data_type != "str":   # 'str': a formula whose value is ''
                    unsaved.append((r, c))
                row.append(value)
            rows.append(row)
    finally:
        book.close()
    if unsaved:
        formulas = _formula_cells(path, name)
        for r, c in unsaved:
            if (r, c) in formulas:
                problems[(r, c)] = ("E408", f"this cell has the formula {shown(formulas[(r, c)])} but no stored "
                                            "value (the file was not saved by a spreadsheet program): open it in "
                                            "Excel or LibreOffice and save it, or paste the cells as values")
    problems.update(_size_problems(rows))
    return Cells(rows, problems)
