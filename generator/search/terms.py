"""Search synonyms and search interface strings, taken from the records, the vocabularies and
the locale files; nothing here searches or indexes.

- Synonyms: a vocabulary term's label with its `synonyms` (pollutant areas: VOC, VOCs,
  volatile organic compounds, ...) and a technology's name with its `aliases` are groups of
  terms that mean the same thing in one language. `page_keywords` gives a page the groups of
  the pollutant areas and technologies it is about; the page carries them in an attribute
  that the search step indexes as text (not shown on the page), so every name of a thing
  finds the same pages. No list of terms is kept anywhere else.
- Strings: the interface strings the browser needs, written once per generation to
  .generated/search/terms.json for the search step (`search/index.py`) to hand to the browser.
"""

from __future__ import annotations

import html
import json

from generator.core.labels import labels
from generator.core.output import write_if_changed
from generator.core.project import Project
from generator.model.records import LANGS, Corpus

# Interface strings of the search box and the find page that the browser needs (keys of
# generator/locales/*.yaml).
BROWSER_STRINGS = ("search_label", "search_all_results", "search_more", "search_cases", "search_technologies",
                   "search_loading", "search_failed", "search_count", "search_count_one", "search_none",
                   "search_programme", "search_page", "search_partial")


def _unique(terms) -> list[str]:
    seen, out = set(), []
    for term in terms:
        key = " ".join(str(term).split()).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(" ".join(str(term).split()))
    return out


def term_group(corpus: Corpus, vocabulary: str, key, lang: str) -> list[str]:
    term = corpus.vocab[vocabulary].terms[key]
    return _unique([term.label[lang], *(term.extra.get("synonyms") or {}).get(lang, ())])


def technology_group(tech, lang: str) -> list[str]:
    return _unique([tech.name[lang], *tech.aliases[lang]])


def page_keywords(corpus: Corpus, lang: str, *, pollutants=(), technologies=()) -> str:
    """The synonym groups of the given pollutant areas and technology ids, as the value of the
    `data-cp-keywords` attribute (HTML-escaped; empty when there are none)."""
    techs = {tech.id: tech for tech in corpus.technologies}
    terms = [t for key in pollutants for t in term_group(corpus, "pollutants", key, lang)]
    terms += [t for tech in technologies for t in technology_group(techs[tech], lang)]
    return html.escape(", ".join(_unique(terms)), quote=True)


def search_data(corpus: Corpus) -> dict:
    """{lang: {"strings": {...}}} for every language written by hand."""
    return {lang: {"strings": {key: labels(lang)[key] for key in BROWSER_STRINGS}} for lang in LANGS}


def write(project: Project, corpus: Corpus) -> bool:
    """Write .generated/search/terms.json (only when it changed). Returns True if written."""
    text = json.dumps(search_data(corpus), allow_nan=False, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return write_if_changed(terms_path(project), text)


def terms_path(project: Project):
    return project.root / ".generated" / "search" / "terms.json"
