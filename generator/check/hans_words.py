"""E226: a Hong Kong word of the term table left in the built Simplified edition.

After the build has written content/zh-Hans/ and its snippets (simplified_edition), every
`from` of data/zh-hans-terms.yaml that is still there, outside an official name, one of the
entry's exceptions or the entry's own replacement (个案 -> 案例 makes 1 个案例), is a page
a Guangdong reader would read as Hong Kong wording. `generate` fails the build on them.
Reads files; writes nothing.
"""

from __future__ import annotations

import hashlib
import re

from generator.core import memo
from generator.core.problems import Problem
from generator.edition.simplify import CHARACTERS_CONFIG, name_parts, opencc_only
from generator.edition.write import LOCALE, official_names, simplifier_for


def edition_problems(project, corpus=None) -> list[Problem]:
    """E226: a Hong Kong word of the term table left in the built Simplified edition (pages
    and snippets), outside official names and the entry's exceptions."""
    simplifier = simplifier_for(project, corpus)
    table = simplifier.table
    if not table.terms:
        return []
    names = {opencc_only(part, CHARACTERS_CONFIG) for name in table.keep for part in name_parts(name)}
    if corpus is not None:
        names |= {opencc_only(part, CHARACTERS_CONFIG) for n in official_names(corpus) for part in name_parts(n)}
    words = re.compile("|".join(re.escape(t.source) for t in sorted(table.terms, key=lambda t: -len(t.source))))
    protected = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))) if names else None
    terms = {t.source: t for t in table.terms}
    settings = (repr(table), words.pattern, protected.pattern if protected else "")
    out = []
    for root in (project.content_dir / LOCALE, project.snippets_dir / LOCALE):
        if not root.is_dir():
            continue
        for page in sorted(root.rglob("*.md")):
            shown = page.relative_to(project.root).as_posix()
            text = page.read_text(encoding="utf-8")
            key = (settings, shown, hashlib.sha256(text.encode("utf-8")).digest())
            out += _checked.get(key, lambda: _page_problems(shown, text, words, protected, terms))
    return out


_checked = memo.Memo("E226 pages")


def _page_problems(shown: str, text: str, words, protected, terms) -> list[Problem]:
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        spans = [m.span() for m in protected.finditer(line)] if protected else []
        for m in words.finditer(line):
            if any(a <= m.start() < b for a, b in spans):
                continue
            term = terms[m.group()]
            if within(line, m.start(), m.end(), term.exceptions, term.target):
                continue
            out.append(Problem(shown, number, m.start() + 1, "E226",
                               f"Hong Kong word '{m.group()}' in the Simplified edition: mainland readers "
                               f"write '{term.target}' (data/zh-hans-terms.yaml)"))
    return out


def within(line: str, start: int, end: int, exceptions: tuple, target: str) -> bool:
    """Whether line[start:end] is part of an exception word, or overlaps the term's own
    replacement (个案 -> 案例 makes 1 个案例, whose 个案 is not a leftover)."""
    for word in (*exceptions, target):
        at = line.find(word)
        while at != -1:
            if at < end and start < at + len(word) and (word == target or at <= start < at + len(word)):
                return True
            at = line.find(word, at + 1)
    return False
