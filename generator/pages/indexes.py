"""Prepare the catalogue pages (facet lists, indexes, the matrix, home-page counts) per language.

Like `pages/views.py`, this only computes values for templates: labels, counts, links and order.
"""

from __future__ import annotations

from generator.core.labels import Labels
from generator.core.links import Link, page_path, rel
from generator.core.markup import Raw
from generator.model import kinds
from generator.model.catalogue import FACETS, Catalogue, case_order
from generator.model.records import Corpus
from generator.pages.views import case_list, technology_list
from generator.search.terms import page_keywords

GROUPED_BY = {"sectors": "pollutants", "pollutants": "sectors"}

PARAM = {f.name: f.param for f in kinds.FACETS}      # "sectors" -> "sector"



def term_label(corpus: Corpus, facet: str, key, lang: str) -> str:
    return str(key) if facet == "years" else corpus.vocab[facet].label(key, lang)


def facet_page(corpus: Corpus, cat: Catalogue, t: Labels, lang: str, facet: str, key) -> dict:
    page = page_path(facet, key)
    cases = cat.facets[facet].get(key, [])
    groups = []
    other = GROUPED_BY.get(facet)
    if facet == "sectors" and cases:
        # once each (a case of three pollutant areas was listed under three headings), with
        # its pollutant areas on its line instead of the sector the page is about
        groups.append({"anchor": None, "heading": None, "cases": case_list(page, cases, corpus, lang)})
        for item, case in zip(groups[0]["cases"], sorted(cases, key=case_order)):
            item["sector"] = ("、" if lang != "en" else ", ").join(term_label(corpus, "pollutants", p, lang)
                                                                  for p in case.pollutants)
    elif other:
        for other_key in corpus.vocab[other].terms:
            pair = (key, other_key) if facet == "sectors" else (other_key, key)
            members = cat.matrix.get(pair, [])
            if members:
                groups.append({"anchor": Raw(other_key), "heading": term_label(corpus, other, other_key, lang),
                               "cases": case_list(page, members, corpus, lang)})
    elif cases:
        groups.append({"anchor": None, "heading": None, "cases": case_list(page, cases, corpus, lang)})
    techs = []
    if facet == "pollutants":
        techs = technology_list(page, cat.technologies_by_pollutant[key], cat, t, lang, vocab=corpus.vocab)
    elif facet == "sectors":
        techs = technology_list(page, cat.technologies_by_sector[key], cat, t, lang, vocab=corpus.vocab)
    extra = corpus.vocab[facet].terms[key].extra if facet != "years" else {}
    notes = []
    if extra.get("target"):
        notes.append(t.target_sector)
    if extra.get("note"):
        notes.append(extra["note"][lang])
    return {
        "title": term_label(corpus, facet, key, lang),
        "noun": corpus.vocab[facet].noun[lang] if facet != "years" else t.year,
        "count": t.count(len(cases)), "notes": notes, "groups": groups,
        "technologies": techs,
        "technologies_heading": t.technologies_for if facet == "pollutants" else t.technologies_in_sector,
        "up": Link(t["browse_by_" + PARAM[facet]],
                   rel(page, page_path(facet, "index"))),
        "search": ({"filters": [], "keywords": Raw(page_keywords(corpus, lang, pollutants=(key,)))}
                   if facet == "pollutants" else None),
    }


def facet_index(corpus: Corpus, cat: Catalogue, t: Labels, lang: str, facet: str) -> dict:
    page = page_path(facet, "index")
    rows = [{"link": Link(term_label(corpus, facet, key, lang), rel(page, page_path(facet, key))),
             "count": t.count(len(cases))}
            for key, cases in cat.facets[facet].items()]
    view = {"title": t[facet], "rows": rows, "matrix": None}
    if facet == "sectors":
        view["matrix"] = matrix(corpus, cat, t, lang, page)
    return view


def matrix(corpus: Corpus, cat: Catalogue, t: Labels, lang: str, page: str) -> dict:
    pollutants = list(corpus.vocab["pollutants"].terms)
    rows = []
    for sector in corpus.vocab["sectors"].terms:
        cells = []
        for pollutant in pollutants:
            n = len(cat.matrix.get((sector, pollutant), ()))
            # the pollutant area's page lists its cases by sector: that group is this cell
            cells.append(Link(str(n), Raw(f"{rel(page, page_path('pollutants', pollutant))}#{sector}")) if n
                         else None)
        rows.append({"sector": Link(term_label(corpus, "sectors", sector, lang), rel(page, page_path("sectors", sector))),
                     "cells": cells, "total": cat.count("sectors", sector)})
    return {"caption": t.matrix_caption,
            "columns": [Link(term_label(corpus, "pollutants", p, lang), rel(page, page_path("pollutants", p)))
                        for p in pollutants],
            "rows": rows}


def browse_links(page: str, t: Labels) -> list[Link]:
    return [Link(t["browse_by_" + PARAM[f]], rel(page, page_path(f, "index"))) for f in FACETS]


def cases_index(corpus: Corpus, cat: Catalogue, t: Labels, lang: str, latest: int = 20) -> dict:
    page = page_path("cases", "index")
    return {"title": t.all_cases,
            "intro": t.cases_index_intro.format(cases=len(corpus.cases), technologies=len(corpus.technologies)),
            "browse": browse_links(page, t) + [Link(t.technologies, rel(page, page_path("technologies", "index")))],
            "latest": case_list(page, corpus.cases, corpus, lang)[:latest]}


def technologies_index(corpus: Corpus, cat: Catalogue, t: Labels, lang: str) -> dict:
    page = page_path("technologies", "index")
    groups = [{"anchor": Raw(key), "heading": term.label[lang],
               "technologies": technology_list(page, cat.technologies_by_pollutant[key], cat, t, lang, vocab=corpus.vocab)}
              for key, term in corpus.vocab["pollutants"].terms.items()
              if cat.technologies_by_pollutant[key]]
    return {"title": t.technologies, "intro": t.technologies_index_intro.format(n=len(corpus.technologies)),
            "groups": groups}


def home_stats(corpus: Corpus, cat: Catalogue, t: Labels, lang: str) -> dict:
    """Counts for the home page; links are relative to the language's home page."""
    years = sorted(cat.facets["years"])
    return {
        "cases": Link(str(len(corpus.cases)), Raw("cases/index.md")),
        "technologies": Link(str(len(corpus.technologies)), Raw("technologies/index.md")),
        # 'not-stated' is not a sector: a case whose source names none does not add one
        "sectors": Link(str(sum(1 for key, cases in cat.facets["sectors"].items() if cases and key != "not-stated")),
                        Raw("sectors/index.md")),
        "years": t.stats_years.format(first=years[0], last=years[-1]) if years else "",
        "browse": [Link(link.text, Raw(link.url.replace("../", "", 1))) for link in browse_links("x/index.md", t)],
    }
