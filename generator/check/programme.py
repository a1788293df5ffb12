"""Check the programme data files (data/programme*.yaml, funding, statistics, recognition,
glossary): schema, modeline, sources, text hygiene, and the sums their sources print.

`validate.py` loads these files with the other records and calls `check` once; every problem
has the usual file:line:col position. Nothing is built or written here; `model/programme.py`
turns checked data into the model.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from generator.check import rules, schema
from generator.check.schema import did_you_mean
from generator.check.yamlsrc import Document, dotted
from generator.core.problems import Problem

# file stem == schema name; sources first (the others cite it)
KINDS = ("programme-sources", "programme", "funding", "statistics", "recognition", "glossary")
SOURCES = "programme-sources"
_DIGIT = re.compile(r"[0-9]")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def files(data_dir: Path) -> list[Path]:
    return [data_dir / f"{kind}.yaml" for kind in KINDS]


def _problem(doc: Document, path: tuple, code: str, message: str, *, key: bool = False) -> Problem:
    line, col = doc.where(path, key=key)
    return Problem(doc.path, line, col, code, message)


def _walk(value, path=()) -> Iterator[tuple[tuple, object]]:
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, path + (i,))


def source_ids(doc: Document) -> list[str]:
    out = []
    for item in (doc.data or {}).get("sources") or []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            out.append(item["id"])
    return out


def _source_refs(doc: Document, known: list[str]) -> Iterator[Problem]:
    for path, value in _walk(doc.data):
        if not path or not isinstance(path[-1], str) or not (path[-1] == "source" or path[-1].endswith("_source")):
            continue
        refs = [(path, value)] if isinstance(value, str) else \
            [(path + (i,), v) for i, v in enumerate(value) if isinstance(v, str)] if isinstance(value, list) else []
        for where, ref in refs:
            if ref not in known:
                yield _problem(doc, where, "E205", f"{dotted(where)}: '{ref}' is not the id of any source in "
                                                   f"data/{SOURCES}.yaml{did_you_mean(ref, known)}")


def _cited(doc: Document) -> set:
    out = set()
    for path, value in _walk(doc.data):
        if path and isinstance(path[-1], str) and (path[-1] == "source" or path[-1].endswith("_source")):
            out.update([value] if isinstance(value, str) else [v for v in value or () if isinstance(v, str)])
    return out


def _unused_sources(sources: Document, known: list[str], docs: list[Document]) -> Iterator[Problem]:
    cited = set().union(*(_cited(d) for d in docs if isinstance(d.data, dict)))
    for i, ref in enumerate(known):
        if ref not in cited:
            yield _problem(sources, ("sources", i, "id"), "W302",
                           f"sources[{i}].id: '{ref}' is not cited by any programme data file")


def _texts(doc: Document) -> Iterator[Problem]:
    """Text objects ({en, zh}) hold no digits, and their {placeholders} name a number beside them."""
    for path, value in _walk(doc.data):
        if not (isinstance(value, dict) and isinstance(value.get("en"), str) and isinstance(value.get("zh"), str)):
            continue
        for lang in ("en", "zh"):
            text = value[lang]
            if _DIGIT.search(text):
                yield _problem(doc, path + (lang,), "E210",
                               f"{dotted(path + (lang,))}: text must not contain digits; put the number in its "
                               "own field (and write {field} in the text where it goes)")
            for name in _PLACEHOLDER.findall(text):
                if name not in value or isinstance(value[name], (dict, list)):
                    yield _problem(doc, path + (lang,), "E211",
                                   f"{dotted(path + (lang,))}: '{{{name}}}' names no value beside this text")


def _sum(doc: Document, path: tuple, parts: Iterable, total, what: str) -> Iterator[Problem]:
    parts = [p for p in parts if isinstance(p, (int, float)) and not isinstance(p, bool)]
    if isinstance(total, (int, float)) and not isinstance(total, bool) and parts and sum(parts) != total:
        yield _problem(doc, path, "E212", f"{dotted(path)}: {total} is not the sum of {what} ({sum(parts)})")


def _statistics(doc: Document) -> Iterator[Problem]:
    data = doc.data
    approvals = data.get("approvals") or {}
    periods = approvals.get("periods") or []
    rows = approvals.get("rows") or []
    by_key = {r.get("initiative"): r for r in rows if isinstance(r, dict)}
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or not isinstance(row.get("counts"), list):
            continue
        if len(row["counts"]) != len(periods):
            yield _problem(doc, ("approvals", "rows", i, "counts"), "E213",
                           f"approvals.rows[{i}].counts: {len(row['counts'])} values for {len(periods)} periods")
        yield from _sum(doc, ("approvals", "rows", i, "cumulative"), row["counts"], row.get("cumulative"), "counts")
    for parent_key, parent in by_key.items():
        children = [r for r in rows if isinstance(r, dict) and r.get("part_of") == parent_key]
        if not children or not isinstance(parent.get("counts"), list):
            continue
        for n, total in enumerate(parent["counts"]):
            parts = [c["counts"][n] for c in children if isinstance(c.get("counts"), list) and n < len(c["counts"])]
            yield from _sum(doc, ("approvals", "rows", rows.index(parent), "counts", n), parts, total,
                            "the rows that are part of it")
    earlier = approvals.get("earlier_report") or {}
    counts = earlier.get("counts") or {}
    for parent_key in counts:
        parts = [v for k, v in counts.items() if (by_key.get(k) or {}).get("part_of") == parent_key]
        yield from _sum(doc, ("approvals", "earlier_report", "counts", parent_key), parts, counts[parent_key], "its parts")
    for name, parts_key in (("dp_by_area", "areas"), ("cross_trade", "types")):
        for i, item in enumerate(data.get(name) or []):
            if isinstance(item, dict) and isinstance(item.get(parts_key), dict):
                yield from _sum(doc, (name, i, "total"), item[parts_key].values(), item.get("total"), parts_key)
    for i, item in enumerate(data.get("service_providers") or []):
        if isinstance(item, dict):
            yield from _sum(doc, ("service_providers", i, "total"),
                            [item.get(k) for k in ("hong-kong", "guangdong", "elsewhere")], item.get("total"), "the places")
    for i, block in enumerate(data.get("expected_benefits") or []):
        items = block.get("items") if isinstance(block, dict) else None
        for j, item in enumerate(items or []):
            if isinstance(item, dict) and any(isinstance(x, dict) and x.get("part_of") == item.get("what") for x in items):
                parts = [x.get("quantity") for x in items if isinstance(x, dict) and x.get("part_of") == item.get("what")]
                yield from _sum(doc, ("expected_benefits", i, "items", j, "quantity"), parts, item.get("quantity"),
                                "the items that are part of it")


CATEGORY_FIELDS = ("excellent", "partner", "manufacturing", "supply_chain", "technology_service")


def _recognition(doc: Document, organisations: set) -> Iterator[Problem]:
    data = doc.data
    for i, key in enumerate(data.get("organisers") or []):
        if isinstance(key, str) and key not in organisations:
            yield _problem(doc, ("organisers", i), "E214", f"organisers[{i}]: '{key}' is not an organisation key in "
                                                           f"data/programme.yaml{did_you_mean(key, organisations)}")
    for i, item in enumerate(data.get("rounds") or []):
        if not isinstance(item, dict):
            continue
        parts = [item.get(k) for k in CATEGORY_FIELDS]
        if "total_computed" in item and "total" in item:
            yield _problem(doc, ("rounds", i, "total_computed"), "E213",
                           f"rounds[{i}].total_computed: give either the source's total or a computed one, not both")
        if "total_computed" in item and not any(isinstance(p, int) for p in parts):
            yield _problem(doc, ("rounds", i, "total_computed"), "E213",
                           f"rounds[{i}].total_computed: there are no category counts to add up")
        yield from _sum(doc, ("rounds", i, "total_computed"), parts, item.get("total_computed"), "the category counts")
        if isinstance(item.get("total"), int) and "supply_chain" in item and "technology_service" in item:
            yield from _sum(doc, ("rounds", i, "total"), parts, item["total"], "the category counts")
        apps = item.get("applications")
        if isinstance(apps, dict):
            yield from _sum(doc, ("rounds", i, "applications", "total"), [apps.get(k) for k in CATEGORY_FIELDS],
                            apps.get("total"), "the category counts")


def _funding(doc: Document) -> Iterator[Problem]:
    phases = [p.get("phase") for p in doc.data.get("phases") or [] if isinstance(p, dict)]
    current = doc.data.get("current_phase")
    if isinstance(current, str) and current not in phases:
        yield _problem(doc, ("current_phase",), "E214", f"current_phase: '{current}' has no entry in phases")
    for i, phase in enumerate(phases):
        if phase in phases[:i]:
            yield _problem(doc, ("phases", i, "phase"), "E208", f"phases[{i}].phase: '{phase}' is listed twice")
    for i, phase in enumerate(doc.data.get("phases") or []):
        keys = [r.get("key") for r in (phase.get("rules") or []) if isinstance(r, dict)] if isinstance(phase, dict) else []
        for j, key in enumerate(keys):
            if key in keys[:j]:
                yield _problem(doc, ("phases", i, "rules", j, "key"), "E208",
                               f"phases[{i}].rules[{j}].key: '{key}' is used twice in this phase")


def check(docs: dict[str, Document], schema_dir: Path, nouns: dict) -> list[Problem]:
    """All problems of the programme data files. `docs` maps each kind to its loaded document."""
    problems: list[Problem] = []
    sources = docs.get(SOURCES)
    known = source_ids(sources) if sources is not None and isinstance(sources.data, dict) else []
    organisations = set()
    programme = docs.get("programme")
    if programme is not None and isinstance(programme.data, dict):
        organisations = {o.get("key") for o in programme.data.get("organisations") or [] if isinstance(o, dict)}
    for kind, doc in docs.items():
        problems += schema.check(doc, kind, schema_dir, nouns)
        if not isinstance(doc.data, dict):
            continue
        problems += rules.modeline(doc, f"{kind}.schema.json")
        problems += rules.plain_text(doc)
        if kind == SOURCES:
            seen: list[str] = []
            for i, ref in enumerate(known):
                if ref in seen:
                    problems.append(_problem(doc, ("sources", i, "id"), "E208", f"sources[{i}].id: '{ref}' is used twice"))
                seen.append(ref)
            continue
        problems += _source_refs(doc, known)
        problems += _texts(doc)
        if kind == "statistics":
            problems += _statistics(doc)
        elif kind == "recognition":
            problems += _recognition(doc, organisations)
        elif kind == "funding":
            problems += _funding(doc)
    if sources is not None and isinstance(sources.data, dict):
        problems += _unused_sources(sources, known, [d for k, d in docs.items() if k != SOURCES])
    # a reference the schema already refused needs no second message
    refused = {(p.path, p.line, p.col) for p in problems if p.code == "E203"}
    return [p for p in problems if not (p.code == "E214" and (p.path, p.line, p.col) in refused)]
