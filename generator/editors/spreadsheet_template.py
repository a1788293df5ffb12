"""Write the blank import template: `spreadsheets/cases-template.xlsx` and `.csv`.

The CSV is the header row alone (UTF-8 with a byte-order mark, so Excel reads Chinese right).
The workbook has the same header on a sheet named `cases` (frozen, with drop-down lists for
single-choice columns), a `columns` sheet explaining every column in English and Chinese, and a
`lists` sheet with every accepted key and its names. Both are made from `caseform`, so the
template and the importer cannot disagree. Every cell goes through `formula_guard`, so no text
(a vocabulary name, an explanation) can become a formula. Writes only the file it is given.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from generator.core.formula_guard import csv_text, set_xlsx_value
from generator.core.project import Project
from generator.editors.caseform import template_columns
from generator.editors.caseform_parse import Terms
from generator.editors.spreadsheet import letter

ROWS_WITH_LISTS = 500     # rows of the cases sheet that get drop-down lists


def csv_template() -> str:
    return "\ufeff" + csv_text([[c.name for c in template_columns()]])


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
    cases.freeze_panes = "B2"
    for index, column in enumerate(columns):
        cell = set_xlsx_value(cases.cell(row=1, column=index + 1), column.name)
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
        for offset, heading in enumerate((name, "English", "中文")):
            set_xlsx_value(lists.cell(row=1, column=col + offset), heading).font = Font(bold=True)
        for r, key in enumerate(terms.keys[name], start=2):
            for offset, value in enumerate((key, *terms.labels[name][key])):
                set_xlsx_value(lists.cell(row=r, column=col + offset), value)
        ranges[name] = f"lists!${letter(col - 1)}$2:${letter(col - 1)}${len(terms.keys[name]) + 1}"
    for index, column in enumerate(columns):
        if column.kind in ("vocab", "choice"):
            check = DataValidation(type="list", formula1=f"={ranges[column.vocab]}", allow_blank=True,
                                   showErrorMessage=False)
            check.add(f"{letter(index)}2:{letter(index)}{ROWS_WITH_LISTS + 1}")
            cases.add_data_validation(check)

    about = book.create_sheet("columns")
    rows = [["column", "required", "what to write", "填寫說明", "example"]]
    rows += [[c.name, "yes" if c.required else "", c.en, c.zh, c.example] for c in columns]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = set_xlsx_value(about.cell(row=r, column=c), value)
            if r == 1:
                cell.font = Font(bold=True)
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
