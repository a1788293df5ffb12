"""Tables that a phone shows as cards: the markup that lets CSS stack a table's rows.

A table of three or more columns is too wide for a 360 px screen once its cells hold figures,
bases and sources. On narrow screens `overrides/assets/stylesheets/cpsite.css` shows each
row as a card: the first cell as its title, then every other cell under its column's name.
CSS cannot read a column's heading from a cell, so this module copies it, after MkDocs has
rendered the page, into each body cell:

- `data-cp-cards` on the table (three or more columns, and a heading row);
- `data-label="<column heading as plain text>"` on every body cell but the first of its row;
- `data-cp-empty` on a cell that holds nothing or only a dash (a card leaves it out, so a row
  without values is not a tall blank card);
- `data-cp-current` on the cells of a column whose heading carries `data-cp-current` (the
  funding table's current phase): a card shows that cell first.

It changes nothing else: a table keeps its rows, cells and text, and wide screens see it as
before. It does not look inside tables that are already marked, nor into nested tables.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</table>", re.S)
_THEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr(?:\s[^>]*)?>(.*?)</tr>", re.S)
_HEAD_CELL = re.compile(r"<th(?:\s[^>]*)?>(.*?)</th>", re.S)
_CELL = re.compile(r"<td(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_EMPTY = {"", "—", "–", "-"}
MIN_COLUMNS = 3


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, tags taken out, spaces collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()


def mark_tables(page_html: str) -> str:
    """`page_html` with every wide enough table marked for cards (see the module docstring)."""
    if "<table" not in page_html:
        return page_html
    return _TABLE.sub(_mark_table, page_html)


def _mark_table(m: re.Match) -> str:
    attrs, body = m.group("attrs"), m.group("body")
    if "data-cp-cards" in attrs or "<table" in body:
        return m.group(0)
    head = _THEAD.search(body)
    headings = _HEAD_CELL.findall(head.group(1)) if head else []
    if len(headings) < MIN_COLUMNS:
        return m.group(0)
    labels = [plain_text(h) for h in headings]
    current = {i for i, h in enumerate(headings) if "data-cp-current" in h}

    def mark_row(row: re.Match) -> str:
        index = iter(range(10_000))

        def mark_cell(cell: re.Match) -> str:
            i = next(index)
            extra = ""
            if 0 < i < len(labels) and labels[i]:
                extra += f' data-label="{html.escape(labels[i], quote=True)}"'
            if i > 0 and plain_text(cell.group("body")) in _EMPTY:
                extra += " data-cp-empty"
            if i in current:
                extra += " data-cp-current"
            return f"<td{cell.group('attrs')}{extra}>{cell.group('body')}</td>"

        return row.group(0).replace(row.group(1), _CELL.sub(mark_cell, row.group(1)), 1)

    marked = _TBODY.sub(lambda tb: tb.group(0).replace(tb.group(1), _ROW.sub(mark_row, tb.group(1)), 1), body, 1)
    return f"<table{attrs} data-cp-cards>{marked}</table>"
