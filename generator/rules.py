"""Checks the schema cannot express: file names, cross-file references, text hygiene.

Each rule is a small function that yields Problems for documents that already loaded. Rules
assume nothing about schema validity beyond "the data is a mapping" and skip what they
cannot read, so a broken record gets every problem reported at once.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Iterable, Iterator

from .problems import Problem
from .schema import did_you_mean
from .yamlsrc import Document, dotted

MODELINE = "# yaml-language-server: $schema="
_HTML = re.compile(r"<\s*[A-Za-z!/?]|javascript:", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


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
    for i, item in enumerate(doc.data.get("demonstrated") or []):
        if isinstance(item, dict) and isinstance(item.get("source"), str):
            yield ("demonstrated", i, "source"), item["source"]


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


def _strings(value, path=()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def plain_text(doc: Document) -> Iterator[Problem]:
    for path, text in _strings(doc.data):
        if path and path[-1] == "url":
            continue
        if _HTML.search(text):
            yield _problem(doc, path, "E207",
                           f"{dotted(path)}: HTML or script is not allowed in record text; write plain text")
        elif path and path[-1] == "zh" and text and not _HAN.search(text):
            yield _problem(doc, path, "W301", f"{dotted(path)}: Chinese text has no Chinese characters")
