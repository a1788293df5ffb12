"""The qualifier of a programme figure must be the source's own (E224).

A qualified count in data/statistics.yaml or data/recognition.yaml is written
`{count: 2000, qualifier: more-than, said: 超過}`: `qualifier` is what both languages print
(programme.<lang>.yaml: "more than" / 超過), `said` the word the source itself prints. This
check refuses a `said` that means another qualifier ("over" is more-than, never at-least), a
`said` without a qualifier, and, in those two files, a qualifier without its `said` (the
statistics page tells readers that its qualifiers are the sources' own). Elsewhere (funding,
programme) `said` is optional and checked when given.

Only reads loaded documents; `validate` calls `problems` once with the programme documents.
"""

from __future__ import annotations

from typing import Iterator

from generator.check.yamlsrc import Document, dotted
from generator.core.problems import Problem

# The source's word (lower case, as printed) -> the qualifier it supports. Reviewed: add a
# word only as a source prints it, in the language it prints it in.
WORDS = {
    "more-than": ("over", "more than", "in excess of", "超過", "超过", "逾", "多", "以上", "有餘", "有余"),
    "at-least": ("at least", "no fewer than", "no less than", "至少", "不少於", "不少于"),
    "about": ("about", "around", "some", "approximately", "roughly", "約", "约", "大約", "大约", "左右"),
    "nearly": ("nearly", "close to", "almost", "近", "接近", "將近", "将近"),
    "up-to": ("up to", "as much as", "最多", "最高", "達", "达"),
}
MEANING = {word: qualifier for qualifier, words in WORDS.items() for word in words}
REQUIRED_IN = ("statistics", "recognition")


def _walk(value, path=()) -> Iterator[tuple[tuple, dict]]:
    if isinstance(value, dict):
        yield path, value
        for k, v in value.items():
            yield from _walk(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, path + (i,))


def _problem(doc: Document, path: tuple, message: str) -> Problem:
    line, col = doc.where(path)
    return Problem(doc.path, line, col, "E224", f"{dotted(path)}: {message}")


def problems(docs: dict[str, Document]) -> list[Problem]:
    out = []
    for stem, doc in sorted(docs.items()):
        if not isinstance(doc.data, dict):
            continue
        for path, mapping in _walk(doc.data):
            qualifier, said = mapping.get("qualifier"), mapping.get("said")
            if not isinstance(qualifier, (str, type(None))) or not isinstance(said, (str, type(None))):
                continue
            if said is not None:
                meant = MEANING.get(said.strip().lower())
                if qualifier is None:
                    out.append(_problem(doc, path + ("said",), f"'{said}' is given but no qualifier: add the "
                                        f"qualifier it means ({meant or 'see qualifier_words.WORDS'})"))
                elif meant is None:
                    out.append(_problem(doc, path + ("said",), f"'{said}' is not a known source word for a "
                                        "qualifier: check the source, or add the word to qualifier_words.WORDS"))
                elif meant != qualifier:
                    out.append(_problem(doc, path + ("qualifier",), f"the source says '{said}', which is "
                                        f"{meant}, not {qualifier}"))
            elif qualifier is not None and stem in REQUIRED_IN:
                out.append(_problem(doc, path + ("qualifier",), f"'{qualifier}' needs the source's own word "
                                    "beside it (said: over, 超過, 約 …), so the page's qualifier is the source's"))
    return out
