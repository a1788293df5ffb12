"""Checks the schema cannot express: file names, cross-file references, text hygiene.

Each rule is a small function that yields Problems for documents that already loaded. Rules
assume nothing about schema validity beyond "the data is a mapping" and skip what they
cannot read, so a broken record gets every problem reported at once.
"""

from __future__ import annotations

import datetime
import math
import re
from pathlib import PurePosixPath
from typing import Iterable, Iterator

from generator.check.schema import did_you_mean
from generator.check.yamlsrc import Document, dotted
from generator.core.problems import Problem
from generator.core.safeurl import UnsafeURL, normalise_url

MODELINE = "# yaml-language-server: $schema="
_HTML = re.compile(r"<\s*[A-Za-z!/?]|javascript:", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional embedding,
# override and isolate characters (they can make text read differently from what it says).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FULL_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")
# Ids that would take the address of a page the generator makes itself: a record called
# `index` would be replaced by its kind's list page, `compare` by the technology comparison.
RESERVED_IDS = frozenset({"index", "compare"})


def _problem(doc: Document, path: tuple, code: str, message: str, *, key: bool = False) -> Problem:
    line, col = doc.where(path, key=key)
    return Problem(doc.path, line, col, code, message)


def modeline(doc: Document, schema_file: str) -> Iterator[Problem]:
    first = doc.text.split("\n", 1)[0]
    if not first.startswith(MODELINE):
        yield Problem(doc.path, 1, 1, "E104",
                      f"record: first line must be '{MODELINE}../schema/{schema_file}' "
                      "(it gives editors autocomplete)")


def id_matches_file(doc: Document) -> Iterator[Problem]:
    stem = PurePosixPath(doc.path).stem
    record_id = doc.data.get("id")
    if isinstance(record_id, str) and record_id != stem:
        yield _problem(doc, ("id",), "E201",
                       f"id: '{record_id}' must equal the file name '{stem}' (rename the file or fix the id)")


def reserved_ids(doc: Document) -> Iterator[Problem]:
    names = [(("id",), doc.data.get("id"))]
    names += [(("former_ids", i), v) for i, v in enumerate(doc.data.get("former_ids") or [])]
    for path, value in names:
        if value in RESERVED_IDS:
            yield _problem(doc, path, "E210",
                           f"{dotted(path)}: '{value}' is the name of a page the site makes itself; "
                           "choose another id")


def unique_ids(docs: Iterable[Document], noun: str) -> Iterator[Problem]:
    """Ids, current and former, must be unique within a record kind: old links must stay unambiguous."""
    seen: dict[str, Document] = {}
    for doc in sorted(docs, key=lambda d: (d.data.get("id") != PurePosixPath(d.path).stem, d.path)):
        names = [(("id",), doc.data.get("id"))]
        names += [(("former_ids", i), v) for i, v in enumerate(doc.data.get("former_ids") or [])]
        for path, value in names:
            if not isinstance(value, str):
                continue
            if value in seen and seen[value] is not doc:
                code = "E202" if path == ("id",) else "E209"
                yield _problem(doc, path, code,
                               f"{dotted(path)}: {noun} id '{value}' is already used by {seen[value].path}")
            else:
                seen.setdefault(value, doc)


def technology_refs(doc: Document, known: set) -> Iterator[Problem]:
    for i, ref in enumerate(doc.data.get("technologies") or []):
        if isinstance(ref, str) and ref not in known:
            yield _problem(doc, ("technologies", i), "E204",
                           f"technologies[{i}]: no technology record '{ref}' "
                           f"(technologies/{ref}.yaml){did_you_mean(ref, known)}")


def _cited(doc: Document) -> Iterator[tuple[tuple, str]]:
    figures = doc.data.get("figures")
    if isinstance(figures, dict):
        for kind, items in figures.items():
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict) and isinstance(item.get("source"), str):
                    yield ("figures", kind, i, "source"), item["source"]
    for name in ("demonstrated", "evidence"):
        for i, item in enumerate(doc.data.get(name) or []):
            if isinstance(item, dict) and isinstance(item.get("source"), str):
                yield (name, i, "source"), item["source"]


def source_refs(doc: Document) -> Iterator[Problem]:
    ids: list[str] = []
    for i, source in enumerate(doc.data.get("sources") or []):
        if isinstance(source, dict) and isinstance(source.get("id"), str):
            if source["id"] in ids:
                yield _problem(doc, ("sources", i, "id"), "E208",
                               f"sources[{i}].id: '{source['id']}' is used by two sources")
            ids.append(source["id"])
    for path, ref in _cited(doc):
        if ref not in ids:
            yield _problem(doc, path, "E205",
                           f"{dotted(path)}: '{ref}' is not the id of any entry in sources"
                           f"{did_you_mean(ref, ids)}")


def _control_name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _is_date_field(path: tuple) -> bool:
    return bool(path) and isinstance(path[-1], str) and (path[-1] == "date" or path[-1].endswith("_date"))


def _calendar(text: str) -> str | None:
    """Why a YYYY-MM or YYYY-MM-DD date is not on the calendar, or None."""
    found = _FULL_DATE.match(text)
    if not found:
        return None
    year, month, day = (int(x) if x else None for x in found.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if day is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return f"{year}-{month:02d} has no day {day:02d}"
    return None


def numbers(doc: Document) -> Iterator[Problem]:
    """Numbers a page or a JSON file could not show: infinite or not a number (e.g. 1e309)."""
    for path, value in doc.leaves():
        if isinstance(value, float) and not math.isfinite(value):
            yield _problem(doc, path, "E114", f"{dotted(path)}: the number is too large to use (got {value})")


def text_hygiene(doc: Document) -> Iterator[Problem]:
    """Control and bidi characters (any text), safe URLs (`url` fields), real calendar dates."""
    return _text_rules(doc, record=False)


def _text_rules(doc: Document, record: bool) -> Iterator[Problem]:
    """text_hygiene, and with `record` also numbers and plain_text's own rules, in one walk
    over the values (the common case, a record with nothing wrong, costs little)."""
    leaves = doc.leaves()
    strings = [(path, value) for path, value in leaves if isinstance(value, str)]
    control = _CONTROL.search("\n".join(text for _, text in strings)) is not None   # in any text?
    if record:
        yield from numbers(doc)
    for path, text in strings:
        last = path[-1] if path else None
        bad = _CONTROL.search(text) if control else None
        if bad:
            yield _problem(doc, path, "E212",
                           f"{dotted(path)}: control character {_control_name(bad.group())} is not "
                           "allowed in text (retype the text around it)")
        elif last == "url":
            try:
                normalise_url(text)
            except UnsafeURL as why:
                yield _problem(doc, path, "E211", f"{dotted(path)}: unsafe or invalid URL: {why}")
        elif _is_date_field(path):
            why = _calendar(text)
            if why:
                yield _problem(doc, path, "E213", f"{dotted(path)}: '{text}' is not a date on the calendar ({why})")
        if not record or last == "url":
            continue
        # "<" or ":" first: _HTML is slow to search (any match holds one of them)
        if ("<" in text or ":" in text) and _HTML.search(text):
            yield _problem(doc, path, "E207",
                           f"{dotted(path)}: HTML or script is not allowed in record text; write plain text")
        elif _PLACEHOLDER.match(text):
            yield _problem(doc, path, "E218",
                           f"{dotted(path)}: '{text.strip()}' is a placeholder; write the text, or leave the "
                           "field out if it is optional")
        elif last == "zh" and text and not _HAN.search(text):
            yield _problem(doc, path, "W301", f"{dotted(path)}: Chinese text has no Chinese characters")


# Texts that stand for a text not written yet ("…", "TODO", "xxx", 待補): never published.
_PLACEHOLDER = re.compile(r"\s*(?:…+|\.{2,}|todo|tbd|tba|tk|fixme|xxx+|placeholder|lorem ipsum.*|"
                          r"待補|待定|待填|待補充|[?？]+)\s*[.。]?\s*\Z", re.IGNORECASE)


def plain_text(doc: Document) -> Iterator[Problem]:
    """text_hygiene and numbers, and for record text: no HTML, no placeholders ("…", TODO),
    Chinese characters in `zh` texts."""
    return _text_rules(doc, record=True)


def evidence(doc: Document, kinds: dict, units: dict, substances: frozenset) -> Iterator[Problem]:
    """Evidence figures on a technology: known kind and unit that fit together, a pollutant
    for removal efficiencies, percentages within 0-100, low <= high, a price year for money.
    `kinds`: kind -> allowed units; `units`: unit -> currency or None."""
    for i, item in enumerate(doc.data.get("evidence") or []):
        if not isinstance(item, dict):
            continue
        at = ("evidence", i)
        kind, unit = item.get("kind"), item.get("unit")
        if isinstance(kind, str) and kind not in kinds:
            yield _problem(doc, at + ("kind",), "E203", f"{dotted(at + ('kind',))}: '{kind}' is not a known kind "
                           f"of figure (data/evidence-kinds.yaml){did_you_mean(kind, kinds)}")
            kind = None
        if isinstance(unit, str) and unit not in units:
            yield _problem(doc, at + ("unit",), "E203", f"{dotted(at + ('unit',))}: '{unit}' is not a known unit "
                           f"(data/units.yaml){did_you_mean(unit, units)}")
            unit = None
        if kind and unit and unit not in kinds[kind]:
            yield _problem(doc, at + ("unit",), "E214", f"{dotted(at + ('unit',))}: a {kind} figure cannot be given "
                           f"in '{unit}' (use one of: {', '.join(kinds[kind])})")
        if kind == "removal-efficiency" and "what" not in item:
            yield _problem(doc, at, "E110", f"{dotted(at + ('what',))}: required for a removal efficiency "
                           "(the pollutant removed, e.g. voc)", key=True)
        what = item.get("what")
        if isinstance(what, str) and what not in substances:
            yield _problem(doc, at + ("what",), "E203", f"{dotted(at + ('what',))}: '{what}' is not a known pollutant "
                           f"or resource (data/substances.yaml){did_you_mean(what, substances)}")
        given = [k for k in ("value", "low", "high") if k in item]
        if given not in (["value"], ["low", "high"]):
            yield _problem(doc, at, "E217", f"{dotted(at)}: give either value (one number) or low and high "
                           f"(a range), as the source does (got {', '.join(given) or 'neither'})")
        numbers_ = {k: item[k] for k in ("value", "low", "high") if isinstance(item.get(k), (int, float))}
        if unit == "percent":
            for name, number in numbers_.items():
                if number > 100:
                    yield _problem(doc, at + (name,), "E114",
                                   f"{dotted(at + (name,))}: a percentage must not be more than 100 (got {number})")
        if "low" in numbers_ and "high" in numbers_ and numbers_["low"] > numbers_["high"]:
            yield _problem(doc, at + ("low",), "E215", f"{dotted(at + ('low',))}: the low end ({numbers_['low']}) is "
                           f"above the high end ({numbers_['high']})")
        if unit and units.get(unit) and "price_year" not in item:
            yield _problem(doc, at + ("unit",), "E216", f"{dotted(at + ('price_year',))}: a figure in "
                           f"{units[unit]} needs the year of its prices (price_year), as the source gives it")
