"""The article as the search index reads it: prose first, then what is searchable but is not
prose, after a marker, so that search answers quote the prose only.

A result's excerpt should be a sentence of the article, not digits from a figures table or a
list of synonyms. Pagefind builds excerpts from anywhere in a page's text, so the copy that
Pagefind reads (`search_index.indexable_copy`) has its key facts (the `cp-facts` list: the
name in the other language, aliases, sector and pollutant labels), a technology's indicative
figures (`cp-evidence`), its tables and its search
keywords (the synonyms of `data-cp-keywords`) moved to the end of the article, after `PROSE_END`; the
browser (overrides/assets/javascripts/cpsite-query.js, `proseExcerpt`) quotes only the text
before it. The words of the tables and keywords stay in the index, so they still find the page.

What is not searchable at all is marked in the templates instead (`data-pagefind-ignore`: the
share box with its short link and copy button, related cases, the edit line). The pages
themselves are not changed.
"""

from __future__ import annotations

import re

PROSE_END = "\u2063\u2063\u2063"      # three invisible separators: never in the text of a page
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
# key facts (labels and names) and a technology's indicative figures (value, basis, source)
_FACTS = re.compile(r'<div class="cp-(?:facts|evidence)">(?:(?!<div\b).)*?</div>', re.S)
_KEYWORDS = re.compile(r'<span data-cp-keywords="([^"]*)"></span>')


def prose_first(article: str) -> str:
    """`article`: the HTML from `<div data-pagefind-body>` to the end of the article. Returns it
    with key facts, tables and keywords moved to just before the body's closing tag, after the marker."""
    moved = _FACTS.findall(article) + _TABLE.findall(article)
    keywords = _KEYWORDS.findall(article)
    text = _KEYWORDS.sub("", _TABLE.sub("", _FACTS.sub("", article)))
    end = text.rfind("</div>")
    if end < 0 or not (moved or keywords):
        return text
    tail = f"<p>{PROSE_END}</p>" + "".join(moved) + "".join(f"<p>{k}</p>" for k in keywords)
    return text[:end] + tail + text[end:]
