"""Open data: the records as files anyone can download, with their licence and build date.

Publishes, at the site root (once, not per language):

    data/cases.json          every case record, exactly as in cases/<id>.yaml
    data/cases.csv           one row per case; columns follow the case schema
    data/technologies.json   every technology record
    data/datapackage.json    a Frictionless Data Package descriptor: licence, date, files
    schema/*.schema.json     the JSON Schemas the records are checked against

The records are the validated YAML data, key for key, with one change: in Chinese text the
spaces that YAML line folding puts between two Chinese characters are removed (as on the
pages). The CSV carries bilingual text as <field>_en / <field>_zh, lists of keys joined with
';', and nested parts (figures, sources) as compact JSON. Its text cells are quoted and guarded
against spreadsheet formulas (`formula_guard`: a text beginning with = + - @ tab or CR gets a
leading '); numeric columns (integer or number in the schema) are written as plain numbers.
Everything is sorted or in record order, so the same records and build date give the same bytes.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Optional

from generator.check.yamlsrc import load_text
from generator.core import memo
from generator.core.formula_guard import csv_text
from generator.core.history import iso
from generator.core.project import Project
from generator.core.siteinfo import SiteInfo
from generator.model.records import Corpus, tidy_zh
from generator.publish import evidence_data

KINDS = (("cases", "case"), ("technologies", "technology"))
CSV_LIST_SEPARATOR = ";"
TITLE = {"en": "Cleaner Production Partnership Programme: cases and technologies",
         "zh": "清潔生產伙伴計劃：個案及技術"}


def _tidy(value):
    """Record data with Chinese line-folding spaces removed from every {en, zh} text."""
    if isinstance(value, dict):
        if set(value) == {"en", "zh"} and isinstance(value["zh"], str):
            return {"en": value["en"], "zh": tidy_zh(value["zh"])}
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


# The dev server's published records from one rebuild to the next (core/memo.py), by file text.
_published = memo.Memo("published records")


def _published_record(project: Project, rel: str) -> tuple[tuple, dict]:
    """(the record's key in the dev server's memos: its path and text, the record as published)."""
    text = (project.root / rel).read_text(encoding="utf-8")    # validated this run: readable
    return (rel, text), _published.get((rel, text), lambda: _tidy(load_text(text, rel)[0].data))


def _published_records(project: Project, corpus: Corpus, kind: str) -> list[tuple[tuple, dict]]:
    records = corpus.cases if kind == "cases" else corpus.technologies
    return [_published_record(project, r.path) for r in records]


def record_data(project: Project, corpus: Corpus, kind: str) -> list[dict]:
    """The records of one kind ('cases' or 'technologies') as published, sorted by id."""
    return [record for _, record in _published_records(project, corpus, kind)]


# Each record's lines in data/<kind>.json and data/cases.csv, by its path and text (the dev
# server: an edit makes those of the edited record again, not every record's)
_json_lines = memo.Memo("published records' JSON")
_csv_lines = memo.Memo("published records' CSV rows")


def _kept(store: memo.Memo, key: tuple, make) -> str:
    return store.get(key, make) if memo.keeping() else make()


def _record_json(key: tuple, record: dict) -> str:
    """A record as _dumps prints it inside the envelope's list (two levels down)."""
    return _kept(_json_lines, key, lambda: json.dumps(record, allow_nan=False, ensure_ascii=False,
                                                       indent=2).replace("\n", "\n    "))


def _records_json(kind: str, schema_name: str, keyed: list, site: SiteInfo, built: datetime) -> str:
    """_dumps(_envelope(...)) of the records, each record's lines made by _record_json (JSON
    escapes every line break inside a text, so the lines of a record are its own)."""
    text = _dumps(_envelope(kind, schema_name, [], site, built, count=len(keyed)))
    if not keyed:
        return text
    empty = f'"{kind}": []'
    assert text.count(empty) == 1      # strings print their quotes escaped: only the key can
    return text.replace(empty, f'"{kind}": [\n    '
                        + ",\n    ".join(_record_json(key, record) for key, record in keyed) + "\n  ]")


def load_schema(project: Project, name: str) -> dict:
    return json.loads((project.schema_dir / f"{name}.schema.json").read_text(encoding="utf-8"))


def _is_text(node: dict) -> bool:
    return node.get("$ref") == "#/definitions/text"


def csv_columns(schema: dict) -> list[tuple[str, str, str]]:
    """(column, field, encoding) for every top-level field of a record schema, in schema order.
    encoding is 'text' (one language of a bilingual text), 'list', 'json' or 'value'."""
    out = []
    for name, node in schema["properties"].items():
        if _is_text(node):
            out += [(f"{name}_en", name, "text"), (f"{name}_zh", name, "text")]
        elif node.get("type") == "array" and node.get("items", {}).get("type") == "string":
            out.append((name, name, "list"))
        elif node.get("type") in ("array", "object"):
            out.append((name, name, "json"))
        else:
            out.append((name, name, "value"))
    return out


def _cell(record: dict, column: str, field: str, encoding: str):
    """The value of one CSV cell: text, or an int or float for a number (written unquoted)."""
    value = record.get(field)
    if value is None:
        return ""
    if encoding == "text":
        return value[column.rsplit("_", 1)[1]]
    if encoding == "list":
        return CSV_LIST_SEPARATOR.join(value)
    if encoding == "json":
        return json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return str(value)


def cases_csv(records: list[dict], schema: dict, keys: Optional[list] = None) -> str:
    """UTF-8 CSV with a byte-order mark (so spreadsheet programs read the Chinese correctly);
    text cells quoted and guarded against formulas, numbers plain. `keys`: each record's key
    in the dev server's memo (its path and text), so its row is made once."""
    columns = csv_columns(schema)
    header = csv_text([[c for c, _, _ in columns]])

    def row(record: dict) -> str:
        return csv_text([[_cell(record, *column) for column in columns]])
    if keys is None:
        return "\ufeff" + header + "".join(row(record) for record in records)
    columns_key = tuple(columns)      # a row is made from its record and the columns alone
    return "\ufeff" + header + "".join(_kept(_csv_lines, (key, columns_key), lambda r=record: row(r))
                                        for key, record in zip(keys, records))


def _dumps(value) -> str:
    return json.dumps(value, allow_nan=False, ensure_ascii=False, indent=2) + "\n"


def _envelope(kind: str, schema_name: str, records: list, site: SiteInfo, built: datetime,
              count: Optional[int] = None) -> dict:
    return {"title": TITLE, "kind": kind, "license": site.licence, "build_date": iso(built),
            "site": site.url, "schema": f"{site.url}schema/{schema_name}.schema.json",
            "count": len(records) if count is None else count, kind: records}


def _table_schema(schema: dict) -> dict:
    fields = []
    for column, field, encoding in csv_columns(schema):
        node = schema["properties"][field]
        kind = {"integer": "integer", "number": "number", "boolean": "boolean"}.get(node.get("type"), "string")
        fields.append({"name": column, "type": "string" if encoding != "value" else kind,
                       "description": node.get("description", "")})
    return {"fields": fields, "primaryKey": "id"}


def datapackage(site: SiteInfo, built: datetime, schemas: dict) -> dict:
    licence = site.licence
    return {
        "profile": "data-package", "name": "cpsite-cppp", "title": TITLE["en"],
        "homepage": site.url, "created": iso(built),
        "licenses": [{"name": licence["id"], "title": licence["title"], "path": licence["url"]}],
        "resources": [
            {"name": "cases", "path": "cases.json", "format": "json", "mediatype": "application/json",
             "encoding": "utf-8", "jsonschema": f"{site.url}schema/case.schema.json"},
            {"name": "cases-table", "path": "cases.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8-sig", "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
             "schema": _table_schema(schemas["case"])},
            {"name": "technologies", "path": "technologies.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8",
             "jsonschema": f"{site.url}schema/technology.schema.json"},
            {"name": "technology-evidence", "path": "technology-evidence.json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8"},
            {"name": "technology-evidence-table", "path": "technology-evidence.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8-sig",
             "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
             "schema": {"fields": [{"name": c, "type": "number" if c in ("value", "low", "high") else
                                    "integer" if c == "price_year" else "string"} for c in evidence_data.COLUMNS]}},
        ],
    }


def open_data_files(project: Project, corpus: Corpus, site: SiteInfo, built: datetime) -> dict[str, str]:
    """{path inside the default language folder (= the site root): text}."""
    schemas = {name: load_schema(project, name) for _, name in KINDS}
    files = {}
    for kind, name in KINDS:
        keyed = _published_records(project, corpus, kind)
        files[f"data/{kind}.json"] = _records_json(kind, name, keyed, site, built)
        if kind == "cases":
            files["data/cases.csv"] = cases_csv([r for _, r in keyed], schemas[name], [k for k, _ in keyed])
        files[f"schema/{name}.schema.json"] = (project.schema_dir / f"{name}.schema.json").read_text(encoding="utf-8")
    rows = evidence_data.evidence_rows(corpus)
    files["data/technology-evidence.csv"] = evidence_data.evidence_csv(rows)
    files["data/technology-evidence.json"] = evidence_data.evidence_json(rows, {
        "title": TITLE, "kind": "technology-evidence", "license": site.licence, "build_date": iso(built),
        "site": site.url})
    files["data/datapackage.json"] = _dumps(datapackage(site, built, schemas))
    return files

