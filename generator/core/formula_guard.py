"""Keep text in the CSV files and workbooks the site writes from being run as spreadsheet formulas.

A spreadsheet program runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula (CSV or formula injection), so a record text such as
`=HYPERLINK("https://…")` must not reach a CSV cell as it is. Following OWASP's advice on CSV
injection:

- CSV: such a text cell gets a single quote (`'`) in front, and every text cell is written in
  double quotes (`csv.QUOTE_NONNUMERIC`). A value passed as a Python number (a numeric column,
  such as `year`) is not attacker text: it is written as a plain, unquoted number and never
  changed, so `-3` stays the number -3.
- The quote is added only where it is needed, and `restore` takes it away only there: a text
  that already begins with quotes followed by one of those characters (`'=x`) gets one more,
  so `restore(guard(text)) == text` for every text, and a text like `'s-Hertogenbosch` is left
  alone both ways.
- Workbooks (.xlsx): a text cell is stored as text, never as a formula (openpyxl would store
  `=…` as one), and one that begins with such a character carries Excel's own quote prefix
  (the cell style flag a typed leading `'` sets), so it stays text when an editor changes it.
  The value itself is unchanged, so it reads back exactly.

Used by every writer of CSV or xlsx cells (`opendata`, `spreadsheet_template`); `restore` is
for a reader of such a CSV. Knows nothing about records.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile("'*[%s]" % re.escape("".join(FORMULA_STARTS)))


def needs_prefix(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula, or when it begins with quotes
    followed by such a character (so that the prefix can be told apart on the way back)."""
    return bool(_NEEDS_QUOTE.match(text))


def guard(text: str) -> str:
    """The CSV cell for a text: `'` in front when it could run as a formula, else unchanged."""
    return "'" + text if needs_prefix(text) else text


def restore(text: str) -> str:
    """Undo `guard`: take away the first `'` only where `guard` added it."""
    return text[1:] if text.startswith("'") and needs_prefix(text[1:]) else text


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return guard(str(value))
    if isinstance(value, (int, float)):
        return value
    return guard("" if value is None else str(value))


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """CSV text (CRLF line ends, no byte-order mark): text cells guarded and in double quotes,
    int and float values as plain numbers."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue()


def set_xlsx_value(cell, value: Any):
    """Put a value into an openpyxl cell: text always as text, with Excel's quote prefix when it
    could be read as a formula; numbers, dates and None as they are. Returns the cell."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"          # openpyxl makes '=…' a formula; this is text
        if needs_prefix(value):
            cell.quotePrefix = True
    return cell
