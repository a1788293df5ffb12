"""Write the blank import template: `spreadsheets/cases-template.xlsx` and `.csv`.

The CSV is the header row alone (UTF-8 with a byte-order mark, so Excel reads Chinese right).
The workbook has the same header on a sheet named `cases` (frozen, with drop-down lists for
single-choice columns), a `columns` sheet explaining every column in English and Chinese, and a
`lists` sheet with every accepted key and its names. Both are made from `caseform`, so the
template and the importer cannot disagree. Writes only the file it is given.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

from .caseform import template_columns
from .caseform_parse import Terms
from .project import Project
from .spreadsheet import letter

ROWS_WITH_LISTS = 500     # rows of the cases sheet that get drop-down lists


def csv_template() -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow([c.name for c in template_columns()])
    return "\ufeff" + out.getvalue()


def write_xlsx_template(project: Project, path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    terms = Terms.load(project)
    columns = template_columns()
    book = openpyxl.Workbook()
    fixed = datetime.datetime(2024, 1, 1)
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "cpsite"
    cases = book.active
    cases.title = "cases"
    cases.append([c.name for c in columns])
    cases.freeze_panes = "B2"
    for index, column in enumerate(columns):
        cell = cases.cell(row=1, column=index + 1)
        cell.font = Font(bold=True)
        width = 40 if column.name.endswith(("_en", "_zh")) else 18
        cases.column_dimensions[letter(index)].width = width
        if column.kind == "date":   # text cells: Excel must not turn 2021-06 into 1 June 2021
            for row in range(2, ROWS_WITH_LISTS + 2):
                cases.cell(row=row, column=index + 1).number_format = "@"

    lists = book.create_sheet("lists")
    list_names = sorted({c.vocab for c in columns if c.kind in ("vocab", "choice", "vocab-list")})
    ranges = {}
    for n, name in enumerate(list_names):
        col = 1 + 3 * n
        lists.cell(row=1, column=col, value=name).font = Font(bold=True)
        lists.cell(row=1, column=col + 1, value="English").font = Font(bold=True)
        lists.cell(row=1, column=col + 2, value="中文").font = Font(bold=True)
        for r, key in enumerate(terms.keys[name], start=2):
            en, zh = terms.labels[name][key]
            lists.cell(row=r, column=col, value=key)
            lists.cell(row=r, column=col + 1, value=en)
            lists.cell(row=r, column=col + 2, value=zh)
        ranges[name] = f"lists!${letter(col - 1)}$2:${letter(col - 1)}${len(terms.keys[name]) + 1}"
    for index, column in enumerate(columns):
        if column.kind in ("vocab", "choice"):
            check = DataValidation(type="list", formula1=f"={ranges[column.vocab]}", allow_blank=True,
                                   showErrorMessage=False)
            check.add(f"{letter(index)}2:{letter(index)}{ROWS_WITH_LISTS + 1}")
            cases.add_data_validation(check)

    about = book.create_sheet("columns")
    about.append(["column", "required", "what to write", "填寫說明", "example"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for column in columns:
        about.append([column.name, "yes" if column.required else "", column.en, column.zh, column.example])
    for col, width in zip("ABCDE", (24, 10, 70, 50, 28)):
        about.column_dimensions[col].width = width
    for row in about.iter_rows(min_row=2):
        for cell in row[2:4]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(path)


def write_template(project: Project, path: Path) -> None:
    if path.suffix.lower() == ".csv":
        path.write_bytes(csv_template().encode("utf-8"))
    elif path.suffix.lower() == ".xlsx":
        write_xlsx_template(project, path)
    else:
        raise ValueError("the template file name must end in .csv or .xlsx")
