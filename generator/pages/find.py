"""The "find cases and technologies" page: the facets it filters on, and the values that each
case and technology page carries for them.

- `case_tags` / `technology_tags`: the Pagefind filter values a record's page carries (kind,
  sector, pollutant, initiative, year, location: vocabulary keys and years, which validation
  already checked, so they are safe in an HTML attribute) and its search keywords (the
  synonyms of its pollutant areas and technologies, see `search/terms.py`).
- `find_form`: the facet form (every value that at least one record has, in vocabulary
  order, with its label), rendered as an HTML snippet that the hand-written page
  content/<lang>/find.md includes. Counts and results come from the search index in the
  browser (overrides/assets/javascripts/cpsite-find.js); this module only prepares values.
"""

from __future__ import annotations

from generator.core.labels import Labels
from generator.core.markup import Raw
from generator.model import kinds
from generator.model.catalogue import Catalogue
from generator.model.records import Case, Corpus, Technology
from generator.pages.figures import SORTS
from generator.render.env import html_environment
from generator.search.terms import page_keywords

# (URL parameter == Pagefind filter name, vocabulary, heading key in generator/locales)
FACETS = (("kind", None, "find_kind"), *((f.param, f.name, f.heading) for f in kinds.FACETS))


def _tags(pairs) -> list[dict]:
    return [{"filter": Raw(f"{name}:{value}")} for name, value in pairs]


def case_tags(case: Case, corpus: Corpus, lang: str) -> dict:
    pairs = [("kind", "case"), ("sector", case.sector), *(("pollutant", p) for p in case.pollutants),
             ("initiative", case.initiative), ("year", case.year)]
    if case.location:
        pairs.append(("location", case.location))
    return {"filters": _tags(pairs),
            "keywords": Raw(page_keywords(corpus, lang, pollutants=case.pollutants, technologies=case.technologies))}


def technology_tags(tech: Technology, corpus: Corpus, lang: str) -> dict:
    pairs = [("kind", "technology"), *(("sector", s) for s in tech.sectors),
             *(("pollutant", p) for p in tech.pollutants)]
    return {"filters": _tags(pairs),
            "keywords": Raw(page_keywords(corpus, lang, pollutants=tech.pollutants, technologies=(tech.id,)))}


def _values(corpus: Corpus, cat: Catalogue, t: Labels, lang: str, name: str, vocab) -> list[dict]:
    if name == "kind":
        keys = [("case", t.cases), ("technology", t.technologies)]
    elif name == "year":
        keys = [(year, str(year)) for year, cases in cat.facets["years"].items() if cases]
    else:
        used = {key for key, cases in cat.facets[vocab].items() if cases}
        if name == "sector":
            used |= {key for key, techs in cat.technologies_by_sector.items() if techs}
        if name == "pollutant":
            used |= {key for key, techs in cat.technologies_by_pollutant.items() if techs}
        keys = [(key, term.label[lang]) for key, term in corpus.vocab[vocab].terms.items() if key in used]
    return [{"value": str(key), "label": label, "id": f"cp-find-{name}-{key}"} for key, label in keys]


def find_form(corpus: Corpus, cat: Catalogue, t: Labels, lang: str) -> dict:
    return {"facets": [{"name": name, "legend": t[heading], "options": _values(corpus, cat, t, lang, name, vocab)}
                       for name, vocab, heading in FACETS],
            "sorts": [{"value": "", "label": t.find_sort_default}]
            + [{"value": key, "label": t["find_sort_" + key]} for key in SORTS],
            "t": t}


def render_form(corpus: Corpus, cat: Catalogue, t: Labels, lang: str) -> str:
    """The form as one HTML block (no blank lines, so Markdown passes it through untouched)."""
    html = html_environment().get_template("find_form.html.j2").render(page=find_form(corpus, cat, t, lang))
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
