"""`cpsite import FILE`: what an editor sees for good and bad spreadsheets, which files are
written, and the exit code. Every spreadsheet here is written at run time into a throw-away
copy of the project; the cases in it are synthetic test data, never site content."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, copy_project, cpsite
from generator.editors import caseform
from generator.editors.spreadsheet_template import csv_template

COLUMNS = ["id", "title_en", "title_zh", "summary_en", "summary_zh", "sector", "pollutants",
           "technologies", "initiative", "year", "investment_amount", "investment_basis",
           "reduction_quantity", "reduction_unit", "reduction_what", "reduction_period", "reduction_basis",
           "source_id", "source_title", "source_publisher", "source_url", "source_date"]


def good(case_id="test-import-a", **changes):
    row = {"id": case_id, "title_en": "Test case", "title_zh": "測試個案", "summary_en": "A test.",
           "summary_zh": "測試用。", "sector": "textiles", "pollutants": "energy-saving; effluent",
           "technologies": "heat-pump-system", "initiative": "dp-i", "year": "2021",
           "investment_amount": "1200000", "investment_basis": "reported", "reduction_quantity": "180",
           "reduction_unit": "tonne", "reduction_what": "voc", "reduction_period": "annual",
           "reduction_basis": "reported", "source_id": "s1", "source_title": "Test source",
           "source_publisher": "Test publisher", "source_url": "https://example.org/test",
           "source_date": "2021-06"}
    row.update(changes)
    return row


def write_csv(path: Path, rows, columns=COLUMNS, encoding="utf-8"):
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns] if isinstance(row, dict) else row)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows, columns=COLUMNS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "cases"
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c) for c in columns] if isinstance(row, dict) else row)
    book.save(path)
    return path


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "p")


def cases(project):
    return sorted(p.name for p in (project / "cases").iterdir())


def test_valid_rows_become_records_that_pass_validate(project):
    sheet = write_csv(project / "in.csv", [good(), good("test-import-b", sector="Printing and publishing",
                                                       pollutants="揮發性有機化合物")])
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["cases/test-import-a.yaml: new (row 2)",
                                          "cases/test-import-b.yaml: new (row 3)"]
    assert result.stderr.splitlines() == [
        "changed data/published-urls.txt: 15 address(es) of the new cases added",
        "2 row(s): 2 new, 0 updated, 0 unchanged, 0 failed"]
    text = (project / "cases/test-import-a.yaml").read_text()
    assert text.splitlines()[:5] == ["# yaml-language-server: $schema=../schema/case.schema.json",
                                     "id: test-import-a", "title:", "  en: Test case", "  zh: 測試個案"]
    assert "pollutants: [energy-saving, effluent]" in text
    assert "    - amount: 1200000\n      basis: reported\n      source: s1\n" in text
    b = (project / "cases/test-import-b.yaml").read_text()
    assert "sector: printing" in b and "pollutants: [air-voc]" in b     # names accepted for keys
    assert cpsite(project, "validate").returncode == 0
    urls = (project / "data/published-urls.txt").read_text().splitlines()
    assert "/cases/test-import-a/" in urls and "/zh/cases/test-import-b/" in urls
    assert sheet.exists()


def test_dry_run_writes_nothing(project):
    write_csv(project / "in.csv", [good()])
    before = cases(project)
    urls = (project / "data/published-urls.txt").read_text()
    result = cpsite(project, "import", "--dry-run", "in.csv")
    assert result.returncode == 0
    assert result.stdout.strip() == "cases/test-import-a.yaml: would be created (row 2)"
    assert result.stderr.startswith("dry run, nothing written: 1 row(s): 1 new")
    assert cases(project) == before
    assert (project / "data/published-urls.txt").read_text() == urls


def test_existing_record_is_kept_unless_update_and_then_the_diff_is_shown(project):
    write_csv(project / "in.csv", [good()])
    assert cpsite(project, "import", "in.csv").returncode == 0
    again = cpsite(project, "import", "in.csv")
    assert again.returncode == 0 and "cases/test-import-a.yaml: unchanged (row 2)" in again.stdout
    record = project / "cases/test-import-a.yaml"
    record.write_text(record.read_text().replace("id: test-import-a\n", "id: test-import-a\nformer_ids: [old-test-id]\n"))
    kept = record.read_text()
    write_csv(project / "in.csv", [good(title_en="Test case, corrected")])
    refused = cpsite(project, "import", "in.csv")
    assert refused.returncode == 1
    assert ("in.csv: row 2, column A (id): E406 cases/test-import-a.yaml already exists and differs; "
            "run again with --update to replace it (the differences are shown)") in refused.stdout
    assert "+  en: Test case, corrected" in refused.stdout
    assert record.read_text() == kept
    updated = cpsite(project, "import", "--update", "in.csv")
    assert updated.returncode == 0, updated.stdout
    assert "cases/test-import-a.yaml: updated (row 2)" in updated.stdout
    assert "-  en: Test case\n+  en: Test case, corrected\n" in updated.stdout
    assert "en: Test case, corrected" in record.read_text()
    assert "former_ids: [old-test-id]" in record.read_text()    # an update never drops a former id


def test_bad_numbers_unknown_sector_and_missing_chinese_fail_their_row_only(project):
    rows = [good("test-ok"),
            good("test-commas", investment_amount="1,200"),
            good("test-words", reduction_quantity="約 3 年"),
            good("test-negative", investment_amount="-5"),
            good("test-sector", sector="textile"),
            good("test-no-zh", title_zh=""),
            good("test-tech", technologies="heat-pump-sytem")]
    write_csv(project / "in.csv", rows)
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": E" in line]
    assert errors == [
        "in.csv: row 3, column K (investment_amount): E404 '1,200' is not a plain number: write 1200, without commas",
        "in.csv: row 4, column M (reduction_quantity): E404 '約 3 年' is not a plain number: write the number "
        "alone (e.g. 3); put words like 'about' or 'up to' in reduction_qualifier",
        "in.csv: row 5, column K (investment_amount): E114 must not be negative (got -5)",
        "in.csv: row 6, column F (sector): E203 'textile' is not a known sector (did you mean 'textiles'?)",
        "in.csv: row 7, column C (title_zh): E206 Chinese text (zh) is missing",
        "in.csv: row 8, column H (technologies): E204 no technology record 'heat-pump-sytem' "
        "(technologies/heat-pump-sytem.yaml) (did you mean 'heat-pump-system'?)",
    ]
    assert "cases/test-ok.yaml: new (row 2)" in result.stdout
    assert result.stderr.splitlines() == [
        "changed data/published-urls.txt: 9 address(es) of the new cases added",
        "7 row(s): 1 new, 0 updated, 0 unchanged, 6 failed"]
    written = [c for c in cases(project) if c.startswith("test-")]
    assert written == ["test-ok.yaml"]                      # nothing for the failed rows
    assert not [p for p in (project / "cases").iterdir() if p.name.startswith(".tmp")]


def test_duplicate_ids_and_ids_already_used(project):
    other = project / "cases/cppp-dp-2009-metal-heat-pump.yaml"
    other.write_text(other.read_text().replace("id: cppp-dp-2009-metal-heat-pump\n",
                                               "id: cppp-dp-2009-metal-heat-pump\nformer_ids: [old-heat-pump]\n"))
    write_csv(project / "in.csv", [good("test-twice"), good("test-once"), good("test-twice"),
                                   good("old-heat-pump"), good("Bad Id")])
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": E" in line]
    assert errors == [
        "in.csv: row 2, column A (id): E405 id 'test-twice' is also given in row 4: one row per case",
        "in.csv: row 4, column A (id): E405 id 'test-twice' is also given in row 2: one row per case",
        "in.csv: row 5, column A (id): E202 id 'old-heat-pump' is already used by "
        "cases/cppp-dp-2009-metal-heat-pump.yaml",
        "in.csv: row 6, column A (id): E113 'Bad Id' is not in the expected form: lowercase letters, digits "
        "and hyphens, e.g. dp-2021-textile-dyeing",
    ]
    assert [c for c in cases(project) if c.startswith(("test-", "old-"))] == ["test-once.yaml"]


def test_empty_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet(project):
    write_csv(project / "in.csv", [good("test-a"), [""] * len(COLUMNS), ["", " ", ""], good("test-b", year="2O21")])
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 1
    assert "in.csv: row 5, column J (year): E404 '2O21' is not a year: write four digits, e.g. 2021" in result.stdout
    assert result.stderr.splitlines() == [
        "changed data/published-urls.txt: 9 address(es) of the new cases added",
        "2 row(s): 1 new, 0 updated, 0 unchanged, 1 failed; 2 empty row(s) skipped"]


def test_missing_and_unknown_columns_stop_the_whole_import(project):
    columns = [c for c in COLUMNS if c != "title_zh"] + ["secter"]
    write_csv(project / "in.csv", [good()], columns=columns)
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"in.csv: row 1, column {caseform_letter(len(columns) - 1)}: E402 unknown column 'secter' "
        "(did you mean 'sector'?)",
        "in.csv: row 1: E403 required column 'title_zh' is missing"]
    assert "nothing imported" in result.stderr
    assert not (project / "cases/test-import-a.yaml").exists()


def caseform_letter(index):
    from generator.editors.spreadsheet import letter
    return letter(index)


def test_big5_csv_is_refused_with_advice_and_read_when_asked(project):
    write_csv(project / "big5.csv", [good()], encoding="big5hkscs")
    result = cpsite(project, "import", "big5.csv")
    assert result.returncode == 1
    # the first byte that is not UTF-8 is placed at its row and column (title_zh, the first Chinese)
    assert result.stdout.startswith("big5.csv: row 2, column C (title_zh): E401 the file is not UTF-8 text "
                                    "(byte 0xb4).")
    assert "It looks like Big5" in result.stdout and "--encoding big5hkscs" in result.stdout
    assert not (project / "cases/test-import-a.yaml").exists()
    asked = cpsite(project, "import", "--encoding", "big5hkscs", "big5.csv")
    assert asked.returncode == 0, asked.stdout
    assert "  zh: 測試個案" in (project / "cases/test-import-a.yaml").read_text(encoding="utf-8")


def test_utf8_with_byte_order_mark(project):
    write_csv(project / "bom.csv", [good()], encoding="utf-8-sig")
    assert (project / "bom.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    result = cpsite(project, "import", "bom.csv")
    assert result.returncode == 0, result.stdout
    assert (project / "cases/test-import-a.yaml").is_file()


def test_xlsx_gives_the_same_record_as_csv(tmp_path):
    a, b = copy_project(tmp_path / "a"), copy_project(tmp_path / "b")
    write_csv(a / "in.csv", [good()])
    row = good(year=2021, investment_amount=1200000, reduction_quantity=180.0)
    write_xlsx(b / "in.xlsx", [row])
    assert cpsite(a, "import", "in.csv").returncode == 0
    result = cpsite(b, "import", "in.xlsx")
    assert result.returncode == 0, result.stdout
    assert (a / "cases/test-import-a.yaml").read_text() == (b / "cases/test-import-a.yaml").read_text()


def test_xlsx_bad_cells_are_reported_by_row_and_column(project):
    write_xlsx(project / "in.xlsx", [good("test-a", investment_amount="1,200"), {},
                                     good("test-b", sector="metals", investment_amount=-3)])
    result = cpsite(project, "import", "in.xlsx")
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": E" in line]
    assert errors == [
        "in.xlsx: row 2, column K (investment_amount): E404 '1,200' is not a plain number: write 1200, without commas",
        "in.xlsx: row 4, column F (sector): E203 'metals' is not a known sector (did you mean 'metal'?)",
        "in.xlsx: row 4, column K (investment_amount): E114 must not be negative (got -3)"]
    assert "1 empty row(s) skipped" in result.stderr


def test_a_file_that_is_not_a_workbook(project):
    (project / "fake.xlsx").write_bytes(b"id,title_en\nnot really excel\n")
    result = cpsite(project, "import", "fake.xlsx")
    assert result.returncode == 1
    assert result.stdout.startswith("fake.xlsx: E401 not an Excel .xlsx workbook")
    missing = cpsite(project, "import", "nowhere.csv")
    assert missing.returncode == 2 and "nowhere.csv: no such file" in missing.stderr


def test_shipped_templates_have_every_documented_column(project):
    names = [c.name for c in caseform.template_columns()]
    shipped_csv = (ROOT / "spreadsheets/cases-template.csv").read_bytes()
    assert shipped_csv == csv_template().encode("utf-8")
    assert shipped_csv.startswith(b"\xef\xbb\xbf")
    book = openpyxl.load_workbook(ROOT / "spreadsheets/cases-template.xlsx")
    assert [c.value for c in book["cases"][1]] == names
    documented = {row[0].value: row for row in book["columns"].iter_rows(min_row=2)}
    assert list(documented) == names
    assert all(row[2].value and row[3].value for row in documented.values())
    assert [c.value for c in book["lists"][1]][:3] == ["basis", "English", "中文"]
    for template in ("cases-template.csv", "cases-template.xlsx"):
        result = cpsite(project, "import", str(ROOT / "spreadsheets" / template))
        assert result.returncode == 0 and result.stderr.startswith("0 row(s)"), result.stdout


def test_template_can_be_written_again(project):
    result = cpsite(project, "import", "--write-template", "mine.xlsx")
    assert result.returncode == 0
    assert [c.value for c in openpyxl.load_workbook(project / "mine.xlsx")["cases"][1]][:3] == \
        ["id", "former_ids", "title_en"]


@pytest.mark.parametrize("doc", ["CONTRIBUTING.md", "CONTRIBUTING.zh.md"])
def test_contributing_documents_every_column(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    for column in caseform.CASE_COLUMNS:
        assert f"`{column.name}`" in text, f"{doc} does not document column {column.name}"
    for group, (_, parts) in caseform.GROUPS.items():
        assert f"`{group}_`" in text, f"{doc} does not document the {group}_ columns"
        for part in parts:
            assert f"`{part.name}`" in text, f"{doc} does not document the part {part.name} of {group}_"


@pytest.mark.slow
def test_from_spreadsheet_to_built_site(project):
    """The editor's whole path: spreadsheet -> records -> strict build -> every link and URL checks out."""
    from conftest import mkdocs_build

    write_xlsx(project / "in.xlsx", [good("test-site-a"), good("test-site-b", sector="metal")],
               columns=COLUMNS)
    assert cpsite(project, "import", "in.xlsx").returncode == 0
    assert mkdocs_build(project).returncode == 0
    for prefix in ("", "zh/"):
        page = (project / f"site/{prefix}cases/test-site-a/index.html").read_text()
        assert ("測試個案" if prefix else "Test case") in page
        assert "HK$1,200,000" in page or "1,200,000 港元" in page
    result = cpsite(project, "check-site", "site")
    assert result.returncode == 0, result.stdout


def test_template_workbook_never_holds_a_formula_even_when_a_label_looks_like_one(project):
    """A vocabulary name that begins with '=' goes into the lists sheet as text with Excel's quote
    prefix, not as a formula (openpyxl would store '=…' as one); the CSV template is quoted text."""
    sectors = project / "data/sectors.yaml"
    text = sectors.read_text(encoding="utf-8")
    sectors.write_text(text.replace("en: Textiles", "en: \"=HYPERLINK(\\\"https://example.org\\\")\"", 1),
                       encoding="utf-8")
    assert cpsite(project, "import", "--write-template", "mine.xlsx").returncode == 0
    book = openpyxl.load_workbook(project / "mine.xlsx")
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    label = next(cell for cell in cells if cell.value == '=HYPERLINK("https://example.org")')
    assert label.data_type == "s" and label.quotePrefix
    assert not [cell.coordinate for cell in cells if cell.quotePrefix and cell is not label]
    assert csv_template().startswith('\ufeff"id","former_ids","title_en",')


# --- Every refusal names its row and column -------------------------------------------------

def errors_of(result):
    return [line for line in result.stdout.splitlines() if ": E" in line]


def test_a_huge_csv_cell_is_refused_with_its_row_and_column_and_the_other_rows_are_imported(project):
    write_csv(project / "in.csv", [good("test-ok"), good("test-huge", summary_en="x" * 5_000_000)])
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 1
    assert errors_of(result) == [
        "in.csv: row 3, column D (summary_en): E407 this cell holds 5,000,000 characters; a cell may hold "
        "at most 100,000 (is a quote ('\"') left open above it?)"]
    assert len(result.stdout) < 1000
    assert (project / "cases/test-ok.yaml").is_file() and not (project / "cases/test-huge.yaml").exists()


def test_cell_size_limit_is_exact(tmp_path):
    from generator.editors.spreadsheet import read_sheet
    from generator.editors.spreadsheet_files import MAX_CELL_CHARS
    sheet = read_sheet(write_csv(tmp_path / "in.csv", [good("test-a", summary_en="x" * MAX_CELL_CHARS),
                                                      good("test-b", summary_en="x" * (MAX_CELL_CHARS + 1))]),
                       "in.csv")
    assert sheet.cell_problems == {3: [("summary_en", "E407", sheet.cell_problems[3][0][2])]}
    assert dict(sheet.rows)[2]["summary_en"] == "x" * MAX_CELL_CHARS and dict(sheet.rows)[3]["summary_en"] is None


def _broken_csv(path, broken_line):
    path.write_bytes(write_csv(path, [good("test-a")]).read_bytes() + broken_line.encode("utf-8") + b"\r\n")
    return path


@pytest.mark.parametrize("line,expected", [
    ('test-b,"Test" case,測試,A test.,測試。', "in.csv: row 3, column B (title_en): E401 a quoted cell goes on "
     "after its closing '\"': write a '\"' inside a cell as two (\"\"), or put the whole cell in quotes"),
    ('test-b,Test case,"測試,A test.,測試。', "in.csv: row 3, column C (title_zh): E401 this cell opens a quote "
     "('\"') that is never closed, so the rest of the file would be one cell: close the quote, or write a '\"' "
     "inside a cell as two (\"\")"),
])
def test_csv_quoting_errors_name_row_and_column(project, line, expected):
    _broken_csv(project / "in.csv", line)
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]
    assert "nothing imported" in result.stderr


def test_unknown_encoding_has_a_code(project):
    write_csv(project / "in.csv", [good()])
    result = cpsite(project, "import", "--encoding", "klingon", "in.csv")
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["in.csv: E401 unknown encoding 'klingon' (try utf-8 or big5hkscs)"]


def test_xlsx_formula_without_a_stored_value_and_error_cells_are_refused(project):
    # openpyxl stores formulas without their values, as a script (not Excel) would
    write_xlsx(project / "in.xlsx", [good("test-ok"), good("test-formula", investment_amount="=1000*1200"),
                                     good("test-error", reduction_quantity="#DIV/0!"),
                                     good("=LOWER(\"TEST-ID\")")])
    result = cpsite(project, "import", "in.xlsx")
    assert result.returncode == 1
    no_value = ("but no stored value (the file was not saved by a spreadsheet program): open it in Excel or "
                "LibreOffice and save it, or paste the cells as values")
    assert errors_of(result) == [
        f"in.xlsx: row 3, column K (investment_amount): E408 this cell has the formula =1000*1200 {no_value}",
        "in.xlsx: row 4, column M (reduction_quantity): E408 this cell shows the error #DIV/0!: correct the "
        "formula, or type the value",
        f"in.xlsx: row 5, column A (id): E408 this cell has the formula =LOWER(\"TEST-ID\") {no_value}"]
    assert result.stderr.splitlines() == [
        "changed data/published-urls.txt: 9 address(es) of the new cases added",
        "4 row(s): 1 new, 0 updated, 0 unchanged, 3 failed"]


def test_xlsx_formula_in_the_header_stops_the_import(project):
    write_xlsx(project / "in.xlsx", [good()], columns=["=\"id\""] + COLUMNS[1:])
    result = cpsite(project, "import", "in.xlsx")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        "in.xlsx: row 1, column A: E408 this cell has the formula =\"id\" but no stored value")


def _store_values(path, values):
    """Rewrite a workbook as a spreadsheet program saves it: formula cells carry their value."""
    import re
    import zipfile
    src = zipfile.ZipFile(path)
    parts = {info.filename: src.read(info) for info in src.infolist()}
    src.close()
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, (kind, value) in values.items():
        xml, n = re.subn(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/></c>',
                         lambda m: f'<c r="{ref}"{m.group(1)}{kind}><f>{m.group(2)}</f><v>{value}</v></c>', xml)
        assert n == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)


def test_xlsx_formulas_saved_with_their_values_are_read(tmp_path):
    a, b = copy_project(tmp_path / "a"), copy_project(tmp_path / "b")
    write_csv(a / "in.csv", [good()])
    write_xlsx(b / "in.xlsx", [good(investment_amount="=1000*1200", technologies='=""',
                                    title_en='="Test "&"case"')])
    _store_values(b / "in.xlsx", {"K2": ("", "1200000"), "H2": (' t="str"', ""), "B2": (' t="str"', "Test case")})
    assert cpsite(a, "import", "in.csv").returncode == 0
    result = cpsite(b, "import", "in.xlsx")
    assert result.returncode == 0, result.stdout
    expected = (a / "cases/test-import-a.yaml").read_text().replace("technologies: [heat-pump-system]",
                                                                    "technologies: []")
    assert (b / "cases/test-import-a.yaml").read_text() == expected


def test_a_missing_column_is_named_as_missing(project):
    columns = COLUMNS + ["source_2_id", "source_2_title", "source_2_publisher", "source_2_url", "source_2_date"]
    row = good(source_2_id="s2", source_2_title="Second", source_2_publisher="P", source_2_url="https://example.org/2",
               source_2_date="2022")
    write_csv(project / "in.csv", [row], columns=columns)
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 1
    assert "in.csv: row 2, column investment_source (not in the sheet: add it): E110" in result.stdout


def test_a_csv_written_by_the_site_reads_back_as_the_texts_it_was_written_from(project):
    """Round trip through the site's own CSV writer (the one cases.csv and the template use): the
    import takes away the guard's ' only where the guard added it."""
    from generator.core.formula_guard import csv_text
    texts = {"title_en": "=1+1 is not a formula here", "summary_en": "-5 % energy, +1 lamp",
             "background_en": "@home", "results_en": "'s-Hertogenbosch plant", "what_was_done_en": "'=quoted"}
    columns = COLUMNS + [f"{field}_{lang}" for field in ("background", "what_was_done", "results")
                         for lang in ("en", "zh")]
    row = good(**texts, background_zh="-在家", what_was_done_zh="'=引號", results_zh="廠房")
    text = csv_text([columns, [row.get(c, "") for c in columns]])
    assert '"\'=1+1 is not a formula here"' in text and '"\'\'=quoted"' in text and "\"'s-Hertogenbosch" in text
    (project / "in.csv").write_text(text, encoding="utf-8")
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 0, result.stdout
    import yaml
    record = yaml.safe_load((project / "cases/test-import-a.yaml").read_text(encoding="utf-8"))
    assert {column: record[column.rsplit("_", 1)[0]]["en"] for column in texts} == texts
    assert (record["background"]["zh"], record["what_was_done"]["zh"]) == ("-在家", "'=引號")
    # a CSV saved by a spreadsheet program has no guard quotes: its cells are read as they are
    write_csv(project / "plain.csv", [good("test-import-b", title_en="'s-Hertogenbosch", summary_en="'twas")])
    assert cpsite(project, "import", "plain.csv").returncode == 0
    plain = yaml.safe_load((project / "cases/test-import-b.yaml").read_text(encoding="utf-8"))
    assert (plain["title"]["en"], plain["summary"]["en"]) == ("'s-Hertogenbosch", "'twas")


@pytest.mark.parametrize("doc", ["CONTRIBUTING.md", "CONTRIBUTING.zh.md"])
def test_contributing_lists_every_import_code(doc):
    import re
    modules = ("spreadsheet.py", "spreadsheet_files.py", "importer.py", "caseform_parse.py")
    emitted = {code for name in modules
               for code in re.findall(r"\bE4\d\d\b", (ROOT / "generator" / "editors" / name).read_text(encoding="utf-8"))}
    listed = set(re.findall(r"^\| (E4\d\d) \|", (ROOT / doc).read_text(encoding="utf-8"), re.MULTILINE))
    assert emitted == listed == {f"E40{n}" for n in range(1, 9)}


# --- Dates that do not exist ------------------------------------------------------------------

def test_impossible_dates_are_refused_with_row_and_column(project):
    rows = [good("test-leap", source_date="2008-02-29"), good("test-feb", source_date="2007-02-30"),
            good("test-month", source_date="2021-13"), good("test-day", source_date="2021-06-31"),
            good("test-zero", source_date="2021-06-00"), good("test-year", source_date="2021")]
    write_csv(project / "in.csv", rows)
    result = cpsite(project, "import", "in.csv")
    assert result.returncode == 1
    assert errors_of(result) == [
        "in.csv: row 3, column V (source_date): E404 '2007-02-30' is not a real date: 2007-02 has days 01 to 28",
        "in.csv: row 4, column V (source_date): E404 '2021-13' is not a real date: the month must be 01 to 12",
        "in.csv: row 5, column V (source_date): E404 '2021-06-31' is not a real date: 2021-06 has days 01 to 30",
        "in.csv: row 6, column V (source_date): E404 '2021-06-00' is not a real date: 2021-06 has days 01 to 30"]
    assert [c for c in cases(project) if c.startswith("test-")] == ["test-leap.yaml", "test-year.yaml"]
    assert "date: '2008-02-29'" in (project / "cases/test-leap.yaml").read_text()


def test_impossible_date_in_a_workbook_and_in_a_second_source(project):
    columns = COLUMNS + ["source_2_id", "source_2_title", "source_2_publisher", "source_2_document", "source_2_date",
                         "investment_source", "reduction_source"]
    write_xlsx(project / "in.xlsx", [good(source_2_id="s2", source_2_title="Second", source_2_publisher="P",
                                          source_2_document="Paper", source_2_date="1999-02-29",
                                          investment_source="s1", reduction_source="s2")], columns=columns)
    result = cpsite(project, "import", "in.xlsx")
    assert errors_of(result) == ["in.xlsx: row 2, column AA (source_2_date): E404 '1999-02-29' is not a real "
                                 "date: 1999-02 has days 01 to 28"]


def test_a_huge_workbook_cell_is_refused_with_its_row_and_column(project):
    """openpyxl cuts what it writes at Excel's 32,767 characters a cell; other programs need not."""
    import zipfile
    path = write_xlsx(project / "in.xlsx", [good("test-huge", title_zh="HUGE"), good("test-ok")])
    with zipfile.ZipFile(path) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"<t>HUGE</t>", b"<t>" + "測".encode() * 100_001 + b"</t>")
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    result = cpsite(project, "import", "in.xlsx")
    assert errors_of(result) == ["in.xlsx: row 2, column C (title_zh): E407 this cell holds 100,001 characters; "
                                 "a cell may hold at most 100,000"]
    assert "cases/test-ok.yaml: new (row 3)" in result.stdout


def test_csv_position_counts_rows_as_records_not_lines():
    from generator.editors.spreadsheet_files import csv_position
    text = 'id,title_en\r\n"a","two\r\nlines"\r\n\r\nb,"c"d\r\n'
    assert csv_position(text) == (4, 1, "after-quote")          # the quoted line break and the blank row
    assert csv_position(text, text.index("b,")) == (4, 0, "")
    assert csv_position('id\n"never closed\nx\n') == (2, 0, "unclosed")
    assert csv_position('id,x\n"a""b",c\n') == (3, 0, "")         # doubled quotes are fine
