"""The programme data as one read-only object, built after `check/programme.py` found no error.

The programme files are tables more than records, so the model keeps their checked data as
(read-only) mappings and adds what every page needs: the sources by id, and `at(kind, path)`
to read one value back by the path that pages print in `data-field`. It does no checking.
"""

from __future__ import annotations

import dataclasses
import types
from typing import Any

from generator.core.safeurl import normalise_url
from generator.model.records import tidy_zh


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return types.MappingProxyType({k: _frozen(tidy_zh(v) if k == "zh" and isinstance(v, str) else v)
                                       for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


@dataclasses.dataclass(frozen=True)
class ProgrammeSource:
    id: str
    title: str
    publisher: str
    url: str | None
    document: str | None
    date: str | None           # publication date
    accessed: str | None       # when an undated web page was read
    language: str | None
    title_zh: str | None = None  # the Chinese of a bracketed description the site wrote
    publisher_zh: str | None = None
    document_zh: str | None = None


@dataclasses.dataclass(frozen=True)
class Programme:
    sources: dict              # id -> ProgrammeSource, in file order
    data: dict                 # kind ('programme', 'funding', ...) -> read-only mapping

    def __getitem__(self, kind: str):
        return self.data[kind]

    def at(self, kind: str, path: tuple) -> Any:
        value = self.data[kind]
        for part in path:
            value = value[part]
        return value

    @classmethod
    def of(cls, raw: dict[str, dict]) -> "Programme":
        sources = {}
        for s in raw["programme-sources"]["sources"]:
            sources[s["id"]] = ProgrammeSource(
                s["id"], s["title"], s["publisher"], normalise_url(s["url"]) if s.get("url") else None, s.get("document"),
                str(s["date"]) if "date" in s else None, str(s["accessed"]) if "accessed" in s else None,
                s.get("language"), s.get("title_zh"), s.get("publisher_zh"), s.get("document_zh"))
        return cls(sources, {k: _frozen(v) for k, v in raw.items() if k != "programme-sources"})


def refs(value) -> tuple[str, ...]:
    """A `source` field as a tuple of ids (it may be one id or a list)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)
