"""Search synonyms and search interface strings, taken from the records, the vocabularies and
the locale files, written once per generation for the search step (`search_index`) to hand
to the browser.

A synonym group is a list of terms that mean the same thing in one language: a vocabulary
term's label with its `synonyms` (pollutant areas: VOC, VOCs, volatile organic compounds, ...)
and a technology's name with its `aliases`. The browser widens a query that contains one term
of a group to the other terms of that group. No list of terms is kept anywhere else; this
module only collects them, it does not search or index anything.
"""

from __future__ import annotations

import json

from .output import write_if_changed
from .project import Project
from .records import LANGS, Corpus
from .render import labels

# Interface strings of the search box and the find page that the browser needs (keys of
# generator/locales/*.yaml).
BROWSER_STRINGS = ("search_label", "search_all_results", "search_more", "search_cases", "search_technologies",
                   "search_loading", "search_failed", "search_count", "search_count_one", "search_none")


def _unique(terms) -> list[str]:
    seen, out = set(), []
    for term in terms:
        key = " ".join(str(term).split()).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(" ".join(str(term).split()))
    return out


def synonym_groups(corpus: Corpus, lang: str) -> list[list[str]]:
    """Groups of equivalent terms in `lang`: vocabulary terms with synonyms, then technologies
    with aliases (each in file order). Groups of one term are left out."""
    groups = []
    for name in sorted(corpus.vocab):
        for term in corpus.vocab[name].terms.values():
            synonyms = (term.extra.get("synonyms") or {}).get(lang, ())
            if synonyms:
                groups.append(_unique([term.label[lang], *synonyms]))
    for tech in corpus.technologies:
        groups.append(_unique([tech.name[lang], *tech.aliases[lang]]))
    return [group for group in groups if len(group) > 1]


def search_data(corpus: Corpus) -> dict:
    """{lang: {"synonyms": [...], "strings": {...}}} for every language written by hand."""
    return {lang: {"synonyms": synonym_groups(corpus, lang),
                   "strings": {key: labels(lang)[key] for key in BROWSER_STRINGS}}
            for lang in LANGS}


def write(project: Project, corpus: Corpus) -> bool:
    """Write .generated/search/terms.json (only when it changed). Returns True if written."""
    text = json.dumps(search_data(corpus), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return write_if_changed(terms_path(project), text)


def terms_path(project: Project):
    return project.root / ".generated" / "search" / "terms.json"
