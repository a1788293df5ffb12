"""The open data page (data/index.md in every language): downloads, licence, build date, and
the data dictionary generated from the schemas.

Prepares values for data_page.md.j2. The download links are HTML links to the one published
copy at the site root (/data/, /schema/), so the Chinese page links there too.
"""

from __future__ import annotations

import html
from datetime import datetime

from generator.core.labels import Labels
from generator.core.markup import Raw, md_escape
from generator.core.siteinfo import SiteInfo
from generator.model.records import Corpus
from generator.publish import datadict, evidence_data
from generator.publish.opendata import KINDS, csv_columns

PAGE = "data/index.md"


def _code(text: str) -> Raw:
    if "`" in text or "|" in text:
        raise ValueError(f"cannot show {text!r} as code")
    return Raw(f"`{text}`")


def _download(site: SiteInfo, lang: str, path: str) -> Raw:
    href = html.escape(f"../{site.to_root(lang)}{path}", quote=True)
    return Raw(f'<a href="{href}">{html.escape(path.rsplit("/", 1)[-1])}</a>')


def _field_row(f: datadict.Field, corpus: Corpus, t: Labels, lang: str) -> dict:
    notes = []
    if f.form:
        notes.append(t.data_form.format(form=datadict.translate(f.form, lang)))
    if f.default:
        notes.append(t.data_default.format(value=f.default))
    values = [{"key": _code(key), "label": label} for key, label in datadict.values_label(f, corpus.vocab, lang)]
    return {"path": _code(f.path), "type": t["type_" + f.type], "required": t.data_yes if f.required else "",
            "meaning": datadict.translate(f.description, lang), "notes": notes, "allowed": values}


_SLOT = "\x00"


def _with_markup(sentence: str, markup: str) -> Raw:
    """Escape a locale sentence with one {…} slot, then put trusted Markdown into the slot."""
    return Raw(md_escape(sentence.format(_SLOT)).replace(_SLOT, markup))


def _csv_rows(schema: dict, t: Labels) -> list[dict]:
    return [{"column": _code(column),
             "carries": _with_markup(t["data_csv_" + encoding].replace("{field}", "{}"), _code(field))}
            for column, field, encoding in csv_columns(schema)]


def data_page(project_schemas: dict, corpus: Corpus, site: SiteInfo, t: Labels, lang: str,
              built: datetime) -> dict:
    """`project_schemas`: schema name ('case', 'technology') -> parsed JSON Schema."""
    licence = site.licence
    downloads = [{"file": _download(site, lang, f"data/{kind}.json"), "contents": t[f"data_{kind}_json"],
                  "format": "JSON"} for kind, _ in KINDS]
    downloads.insert(1, {"file": _download(site, lang, "data/cases.csv"), "contents": t.data_cases_csv,
                         "format": "CSV"})
    downloads += [{"file": _download(site, lang, "data/technology-evidence.csv"), "contents": t.data_evidence_csv,
                   "format": "CSV"},
                  {"file": _download(site, lang, "data/technology-evidence.json"), "contents": t.data_evidence_json,
                   "format": "JSON"}]
    downloads.append({"file": _download(site, lang, "data/datapackage.json"), "contents": t.data_datapackage,
                      "format": "JSON"})
    downloads += [{"file": _download(site, lang, f"schema/{name}.schema.json"),
                   "contents": t[f"data_{name}_schema"], "format": "JSON Schema"} for _, name in KINDS]
    tables = [{"anchor": Raw(f"{name}-fields"), "heading": t[f"data_{name}_fields"],
               "rows": [_field_row(f, corpus, t, lang) for f in datadict.fields(project_schemas[name])]}
              for _, name in KINDS]
    return {
        "title": t.data_title, "intro": t.data_intro,
        "licence": _with_markup(t.data_licence.replace("{licence}", "{}"),
                                f"[{md_escape(licence['title'])}]({licence['url']})"),
        "built": t.data_built.format(date=built.strftime("%Y-%m-%d")),
        "downloads": downloads, "tables": tables, "types": t.data_types,
        "csv": {"intro": t.data_csv_intro, "formulas": t.data_csv_formulas,
                "rows": _csv_rows(project_schemas["case"], t)},
        "evidence": {"intro": t.data_evidence_intro,
                     "rows": [{"column": _code(c), "carries": t["data_evidence_" + c]} for c in evidence_data.COLUMNS]},
    }
