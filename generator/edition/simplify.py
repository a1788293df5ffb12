"""Convert Hong Kong Traditional Chinese text to Simplified Chinese for mainland readers.

One piece of Traditional text goes through three steps:

1. Official names (the `keep` list of data/zh-hans-terms.yaml, plus names the caller takes
   from the records) are found in the Traditional text and converted character by character
   only, with OpenCC's `hk2s` (Hong Kong variants + Traditional -> Simplified characters).
2. Everything else goes through OpenCC's `hk2sp`: the same, plus OpenCC's own list of Hong
   Kong -> mainland phrases (搜尋 -> 搜索).
3. The reviewed term table then replaces whole terms in that output (甚么 -> 什么), except
   inside the longer words an entry lists (透过液 stays) and never inside official names.

Parts that must not change at all (link targets, HTML attributes) are given by the caller as
a `verbatim` pattern. This module reads the term table and converts strings; it writes
nothing and knows nothing about pages, Markdown files or MkDocs (see `edition/write.py`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from typing import Iterable, Optional

import opencc
import yaml

from generator.core import memo

TERMS_FILE = "zh-hans-terms.yaml"        # in data/
PHRASES_CONFIG = "hk2sp"                  # HK Traditional -> Simplified, with phrase conversion
CHARACTERS_CONFIG = "hk2s"                # the same without phrases: used inside official names
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml where built: the same rules, faster
_tables = memo.Memo("term tables")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


@functools.lru_cache(maxsize=None)
def opencc_converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def opencc_only(text: str, config: str = PHRASES_CONFIG) -> str:
    """What OpenCC alone makes of `text` (no term table, no protected names)."""
    return opencc_converter(config).convert(text)


@dataclasses.dataclass(frozen=True)
class Term:
    source: str                 # as OpenCC outputs it, e.g. 甚么
    target: str                 # what mainland readers write, e.g. 什么
    exceptions: tuple = ()      # longer words containing `source` that stay unchanged
    example: Optional[dict] = None  # {"zh": Traditional sentence, "zh-Hans": expected result}


@dataclasses.dataclass(frozen=True)
class TermTable:
    keep: tuple                 # official names, Traditional, as the text writes them
    terms: tuple                # Term, in file order

    @classmethod
    def of(cls, raw: dict) -> "TermTable":
        return cls(tuple(raw.get("keep") or ()),
                   tuple(Term(t["from"], t["to"], tuple(t.get("except") or ()), t.get("example"))
                         for t in raw.get("terms") or ()))

    @classmethod
    def load(cls, path: Path) -> "TermTable":
        """The table in `path` (validate it first: see `term_table.check`). The same text as
        in the last dev-server run gives the table read then (core/memo.py)."""
        text = path.read_text(encoding="utf-8")
        return _tables.get(text, lambda: cls.of(yaml.load(text, Loader=_YAML_LOADER) or {}))

    @classmethod
    def load_or_empty(cls, path: Path) -> "TermTable":
        """For callers that run before validation: an unreadable table counts as empty here;
        validation then reports its problems with positions."""
        try:
            return cls.load(path)
        except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError):
            return cls((), ())


def _alternation(words: Iterable[str]) -> Optional[re.Pattern]:
    """One pattern matching any of `words`, the longest first where several start together."""
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words))) if words else None


def name_parts(name: str) -> list[str]:
    """The runs of two or more Chinese characters in a name: what protection looks for.
    (A source title such as '清潔生產伙伴計劃 2023 至 24 年度進度報告' appears on pages with
    its spaces and digits escaped or folded differently; its Chinese runs appear intact.)"""
    return _HAN_RUN.findall(name)


class Simplifier:
    """Converts Traditional text with one term table and one set of protected names."""

    def __init__(self, table: TermTable, names: Iterable[str] = ()):
        self.table = table
        protected = {part for name in (*table.keep, *names) for part in name_parts(name)}
        self._names = _alternation(protected)
        self._terms = {t.source: t for t in table.terms}
        self._term_pattern = _alternation(self._terms)
        # what a conversion depends on besides its text (for core/memo.py)
        self.key = (repr(table), tuple(sorted(protected)))

    def convert(self, text: str, verbatim: Optional[re.Pattern] = None) -> str:
        """Traditional -> Simplified (steps 1-3 above); matches of `verbatim` stay as they are."""
        if verbatim is None:
            return self._convert_text(text)
        out, last = [], 0
        for match in verbatim.finditer(text):
            out += [self._convert_text(text[last:match.start()]), match.group()]
            last = match.end()
        out.append(self._convert_text(text[last:]))
        return "".join(out)

    def _convert_text(self, text: str) -> str:
        if not _HAN.search(text):
            return text
        if self._names is None:
            return self.apply_terms(opencc_only(text))
        out, last = [], 0
        for match in self._names.finditer(text):
            out += [self.apply_terms(opencc_only(text[last:match.start()])),
                    opencc_only(match.group(), CHARACTERS_CONFIG)]
            last = match.end()
        out.append(self.apply_terms(opencc_only(text[last:])))
        return "".join(out)

    def apply_terms(self, simplified: str) -> str:
        """Step 3 alone, on text that OpenCC has already converted."""
        if self._term_pattern is None:
            return simplified

        def replace(match: re.Match) -> str:
            term = self._terms[match.group()]
            if _inside_exception(simplified, match.start(), term):
                return match.group()
            return term.target

        return self._term_pattern.sub(replace, simplified)


def _inside_exception(text: str, start: int, term: Term) -> bool:
    """Whether the occurrence of `term.source` at `start` is part of one of its exceptions."""
    for word in term.exceptions:
        offset = word.find(term.source)
        while offset != -1:
            begin = start - offset
            if begin >= 0 and text.startswith(word, begin):
                return True
            offset = word.find(term.source, offset + 1)
    return False
