"""Prepare what each generated page shows, per language, as plain values.

Templates only loop and print; every decision (labels, number formats, link targets,
ordering) is made here. Text that came from a record stays a plain `str` and is escaped when
printed; values built here from trusted parts (links, formatted numbers) are `Raw`.
"""

from __future__ import annotations

import html
from typing import Optional

from generator.check.zhtext import in_script
from generator.core.labels import Labels
from generator.core.links import Link, page_path, rel
from generator.core.markup import Raw
from generator.model.catalogue import Catalogue, case_order
from generator.model.records import Case, Corpus, Technology
from generator.pages.figures import (derived_view, evidence_view, figure_label, figure_value, headline_text,
                                     sort_values, source_anchor, sources_view)
from generator.pages.find import case_tags, technology_tags


def _term_link(page: str, facet: str, key, vocab: dict, lang: str) -> Link:
    label = str(key) if facet == "years" else vocab[facet].label(key, lang)
    return Link(label, rel(page, page_path(facet, key)))


def case_view(case: Case, corpus: Corpus, t: Labels, lang: str, edit_base: Optional[str],
              cat: Optional[Catalogue] = None) -> dict:
    page = page_path("cases", case.id)
    vocab = corpus.vocab
    numbers = {s.id: n for n, s in enumerate(case.sources, start=1)}
    facts = [(t.sector, [_term_link(page, "sectors", case.sector, vocab, lang)]),
             (t.pollutants, [_term_link(page, "pollutants", p, vocab, lang) for p in case.pollutants]),
             (t.initiative, [_term_link(page, "initiatives", case.initiative, vocab, lang)]),
             (t.year, [_term_link(page, "years", case.year, vocab, lang)])]
    if case.location:
        facts.append((t.location, [_term_link(page, "locations", case.location, vocab, lang)]))
    if case.phase:
        facts.append((t.phase, [Link(vocab["phases"].label(case.phase, lang), None)]))
    if case.company:
        facts.append((t.company, [Link(case.company, None)]))
    figures = [{
        "label": figure_label(f, t, vocab, lang),
        "scope": f.scope[lang] if f.scope else None,
        "value": figure_value(f, t, vocab),
        "note": f.note[lang] if f.note else None,
        "basis": t["basis_" + f.basis],
        "period": t["period_" + f.period] if f.period else "",
        "source": Link(str(numbers[f.source.id]), Raw("#" + source_anchor(f.source))),
    } for f in case.figures]
    sections = [(Raw(name.replace("_", "-")), t[name], getattr(case, name)[lang])
                for name in ("background", "what_was_done", "results") if getattr(case, name)]
    techs = {t_.id: t_ for t_ in corpus.technologies}
    return {
        "title": case.title[lang], "summary": case.summary[lang], "facts": facts,
        "figures": figures, "derived": derived_view(case, t), "sections": sections,
        "technologies": [Link(techs[x].name[lang], rel(page, page_path("technologies", x)))
                         for x in case.technologies],
        "sources": sources_view(case.sources, lang),
        "record": Raw(case.path),
        "edit_url": Raw(edit_base + case.path) if edit_base else None,
        "related": case_list(page, cat.related_cases.get(case.id, ()), corpus, lang, ordered=False) if cat else [],
        "search": case_tags(case, corpus, lang),
    }


def case_list(page: str, cases, corpus: Corpus, lang: str, ordered: bool = True) -> list[dict]:
    """Cases newest first (ordered=False keeps the given order, e.g. most related first)."""
    sectors = corpus.vocab["sectors"]
    return [{"link": Link(c.title[lang], rel(page, page_path("cases", c.id))),
             "year": c.year, "sector": sectors.label(c.sector, lang)}
            for c in (sorted(cases, key=case_order) if ordered else cases)]


def technology_list(page: str, techs, cat: Catalogue, t: Labels, lang: str, ordered: bool = True,
                    vocab: Optional[dict] = None) -> list[dict]:
    """Technologies sorted by name (ordered=False keeps the given order, e.g. most related first)."""
    return [{"link": Link(x.name[lang], rel(page, page_path("technologies", x.id))),
             "cases": t.count(len(cat.cases_by_technology[x.id])),
             "headline": headline_text(x, t, vocab, lang) if vocab else None,
             "periods": t.list_separator.join(d.period for d in x.demonstrated)}
            for x in (sorted(techs, key=lambda x: x.name[lang]) if ordered else techs)]


def technology_view(tech: Technology, corpus: Corpus, cat: Catalogue, t: Labels, lang: str,
                    edit_base: Optional[str]) -> dict:
    page = page_path("technologies", tech.id)
    vocab = corpus.vocab
    numbers = {s.id: n for n, s in enumerate(tech.sources, start=1)}
    return {
        "title": tech.name[lang],
        "other_name": tech.name["en" if lang != "en" else "zh"],
        "aliases": in_script(tech.aliases[lang], lang),   # other-script aliases: search index only
        "principle": tech.principle[lang], "applicability": tech.applicability[lang],
        "evidence_gap": tech.evidence_gap[lang] if tech.evidence_gap else None,
        "pollutants": [_term_link(page, "pollutants", p, vocab, lang) for p in tech.pollutants],
        "sectors": [_term_link(page, "sectors", s, vocab, lang) for s in tech.sectors],
        "evidence": evidence_view(tech, t, vocab, lang, numbers),
        "compare": Link(t.compare_link, Raw("compare.md")),
        "demonstrated": [{"period": t.demonstrated_in.format(period=d.period), "wording": d.wording,
                          "source": Link(str(numbers[d.source.id]), Raw("#" + source_anchor(d.source)))}
                         for d in tech.demonstrated],
        "cases": case_list(page, cat.cases_by_technology[tech.id], corpus, lang),
        "sources": sources_view(tech.sources, lang),
        "record": Raw(tech.path), "record_id": Raw(tech.id),
        "edit_url": Raw(edit_base + tech.path) if edit_base else None,
        "related": technology_list(page, cat.related_technologies.get(tech.id, ()), cat, t, lang, ordered=False,
                                   vocab=vocab),
        "search": {**technology_tags(tech, corpus, lang),
                   "sort": [Raw(f"cp_{k}:{v}") for k, v in
                            sort_values(tech, len(cat.cases_by_technology[tech.id])).items()],
                   "headline": Raw(html.escape(headline_text(tech, t, vocab, lang) or "", quote=True))},
    }
