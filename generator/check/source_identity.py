"""One document, one id (E225), across the sources the programme pages list.

The programme pages cite data/programme-sources.yaml and the `sources` of the vocabulary
files (data/phases.yaml, sectors, pollutants, initiatives) in one source list, and a
vocabulary source with the id of a programme source is cited as that one
(`programme_format.Citations.vocabulary`). So:

- the same document (the same address, or the same title and date) under two different ids
  would be listed twice: refused;
- the same id for two different documents would cite the wrong one: refused.

Only reads loaded documents; `validate` calls `problems` once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from generator.check.yamlsrc import Document
from generator.core.problems import Problem


def _keys(source: dict) -> frozenset:
    """Two entries are the same document when they share a key: the address, or the title
    with the date (a press release listed once with its address and once without)."""
    keys = {("title", str(source.get("title", "")).strip(), str(source.get("date", "")))}
    if source.get("url"):
        keys.add(("url", str(source["url"]).rstrip("/")))
    return frozenset(keys)


def _entries(docs: Iterable[Document]) -> Iterator[tuple[Document, int, dict]]:
    for doc in docs:
        if isinstance(doc.data, dict):
            for i, source in enumerate(doc.data.get("sources") or []):
                if isinstance(source, dict) and isinstance(source.get("id"), str):
                    yield doc, i, source


def problems(programme_sources: Document, vocabularies: Iterable[Document]) -> list[Problem]:
    out = []
    first: dict[tuple, tuple[str, str]] = {}     # key -> (id, file) of its first entry
    by_id: dict[str, frozenset] = {}             # programme source id -> its keys
    for doc, i, source in _entries([programme_sources, *vocabularies]):
        keys, ref, shown = _keys(source), source["id"], Path(doc.path).name
        is_programme = doc is programme_sources
        line, col = doc.where(("sources", i, "id"))
        if not is_programme and ref in by_id and not by_id[ref] & keys:
            out.append(Problem(doc.path, line, col, "E225", f"sources[{i}].id: '{ref}' is the id of another "
                               "document in programme-sources.yaml: give this one its own id"))
        seen = next((first[k] for k in sorted(keys) if k in first and first[k][0] != ref), None)
        if seen:
            out.append(Problem(doc.path, line, col, "E225", f"sources[{i}].id: '{ref}' is the same document as "
                               f"'{seen[0]}' in {seen[1]}: use that id"))
        for k in keys:
            first.setdefault(k, (ref, shown))
        if is_programme:
            by_id.setdefault(ref, keys)
    return out
