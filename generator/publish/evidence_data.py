"""Open data of the technology evidence: data/technology-evidence.csv and .json in the site.

One row per figure. The first thirteen columns are the published interface (named in issue 15
and in the data dictionary): technology_id, kind, value, low, high, unit, basis, conditions_en,
conditions_zh, source_title, source_publisher, source_url, source_date. Four more follow, which a
reader needs to read a figure as its source gives it: what (the pollutant of a removal
efficiency), qualifier (about, up to, at least, more than), price_year (of money) and
source_accessed (when an undated page was read). Figures are never converted or combined.
"""

from __future__ import annotations

import json

from generator.core.formula_guard import csv_text
from generator.model.records import Corpus

COLUMNS = ("technology_id", "kind", "value", "low", "high", "unit", "basis", "conditions_en",
           "conditions_zh", "source_title", "source_publisher", "source_url", "source_date",
           "what", "qualifier", "price_year", "source_accessed")


def evidence_rows(corpus: Corpus) -> list[dict]:
    rows = []
    for tech in corpus.technologies:
        for e in tech.evidence:
            s = e.source
            rows.append({"technology_id": tech.id, "kind": e.kind, "value": e.value, "low": e.low,
                         "high": e.high, "unit": e.unit, "basis": e.basis,
                         "conditions_en": e.conditions.en, "conditions_zh": e.conditions.zh,
                         "source_title": s.title, "source_publisher": s.publisher, "source_url": s.url,
                         "source_date": s.date, "what": e.what, "qualifier": e.qualifier,
                         "price_year": e.price_year, "source_accessed": s.accessed})
    return rows


def evidence_csv(rows: list[dict]) -> str:
    """UTF-8 with a byte-order mark, CRLF, text cells guarded against formula injection."""
    return "\ufeff" + csv_text([list(COLUMNS)] + [[row[c] for c in COLUMNS] for row in rows])


def evidence_json(rows: list[dict], envelope: dict) -> str:
    data = {**envelope, "columns": list(COLUMNS), "count": len(rows), "evidence": rows}
    return json.dumps(data, allow_nan=False, ensure_ascii=False, indent=2) + "\n"
