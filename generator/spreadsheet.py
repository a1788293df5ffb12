"""Read a spreadsheet of cases (.csv or .xlsx) into numbered rows, and write the blank template.

Reading checks only the file and its header: the encoding (UTF-8, with or without a byte-order
mark; Big5 only when asked for), that every column is known and none is missing or repeated,
and which rows are empty. It does not read cell values; `caseform_parse` does. Excel files are
read with openpyxl (values, not formulas). Row numbers are the ones a spreadsheet program
shows: the header is row 1.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import io
import zipfile
from pathlib import Path
from typing import Any, Optional

from . import caseform
from .caseform_parse import cell_text


class SheetError(Exception):
    """The file cannot be imported at all; `problems` are lines ready to print."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclasses.dataclass
class Sheet:
    display: str                       # file name as shown in messages
    columns: list[str]                 # known column names, in file order
    letters: dict[str, str]            # column name -> spreadsheet letter (A, B, ... AA)
    rows: list[tuple[int, dict[str, Any]]]   # (row number, {column: cell value}), non-empty rows
    empty_rows: list[int]


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _decode(data: bytes, display: str, encoding: Optional[str]) -> str:
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError:
        raise SheetError([f"{display}: unknown encoding '{encoding}'"]) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if encoding:
            raise SheetError([f"{display}: line {line}: E401 the file is not {encoding} text "
                              f"(byte 0x{data[exc.start]:02x})"]) from None
        hint = "save it again as 'CSV UTF-8 (comma delimited)'"
        try:
            data.decode("big5hkscs")
            looks = (" It looks like Big5, the Traditional Chinese encoding Excel uses for plain "
                     f"'CSV' on Hong Kong and Taiwan Windows: {hint}, or run again with --encoding big5hkscs.")
        except UnicodeDecodeError:
            looks = f" Please {hint}."
        raise SheetError([f"{display}: line {line}: E401 the file is not UTF-8 text "
                          f"(byte 0x{data[exc.start]:02x}).{looks}"]) from None


def _csv_rows(path: Path, display: str, encoding: Optional[str]) -> list[list[Any]]:
    text = _decode(path.read_bytes(), display, encoding)
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), strict=True)]
    except csv.Error as exc:
        raise SheetError([f"{display}: E401 not a readable CSV file: {exc}"]) from None


def _xlsx_rows(path: Path, display: str) -> list[list[Any]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise SheetError([f"{display}: E401 not an Excel .xlsx workbook ({exc.__class__.__name__}); "
                          "save it as 'Excel Workbook (.xlsx)' or as 'CSV UTF-8'"]) from None
    try:
        sheet = book["cases"] if "cases" in book.sheetnames else book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_sheet(path: Path, display: str, encoding: Optional[str] = None) -> Sheet:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = _csv_rows(path, display, encoding)
    elif suffix in (".xlsx", ".xlsm"):
        raw = _xlsx_rows(path, display)
    else:
        raise SheetError([f"{display}: E401 cannot read '{path.suffix}' files: give a .csv or .xlsx file"])
    if not raw:
        raise SheetError([f"{display}: E401 the file is empty: the first row must name the columns"])
    body = raw[1:]
    width = max(len(r) for r in raw)
    header = [cell_text(v).casefold() for v in raw[0]] + [""] * (width - len(raw[0]))
    problems = []
    wanted: dict[str, int] = {}
    for index, name in enumerate(header):
        used = any(index < len(r) and cell_text(r[index]) for r in body)
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
            problems.append(f"{display}: row 1, column {letter(index)}: E402 unknown column '{name}'{hint}")
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
    rows, empty = [], []
    for number, values in enumerate(body, start=2):
        cells = {name: values[i] if i < len(values) else None for name, i in wanted.items()}
        if not any(cell_text(v) for v in cells.values()):
            empty.append(number)
            continue
        rows.append((number, cells))
    last = rows[-1][0] if rows else 0
    empty = [n for n in empty if n < last]      # blank rows after the last case are not reported
    return Sheet(display, list(wanted), {n: letter(i) for n, i in wanted.items()}, rows, empty)
