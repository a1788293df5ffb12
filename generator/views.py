"""Prepare what each generated page shows, per language, as plain values.

Templates only loop and print; every decision (labels, number formats, link targets,
ordering) is made here. Text that came from a record stays a plain `str` and is escaped when
printed; values built here from trusted parts (links, formatted numbers) are `Raw`.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Optional

from .catalogue import Catalogue, case_order
from .markup import Raw, external_link
from .zhtext import in_script
from .records import Case, Corpus, Evidence, Figure, Source, Technology


@dataclasses.dataclass(frozen=True)
class Link:
    text: str
    url: Raw


def page_path(kind: str, key) -> str:
    """Source path of a generated page inside a language folder, e.g. 'cases/foo.md'."""
    return f"{kind}/{key}.md"


def rel(from_page: str, to_page: str) -> Raw:
    """Relative link between two pages given by their paths in a language folder."""
    here, there = from_page.split("/")[:-1], to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return Raw("/".join([".."] * (len(here) - common) + there[common:]))


class Labels:
    """Interface strings of one language, with the formatting rules of that language."""

    def __init__(self, strings: dict, lang: str):
        self.strings = strings
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return self.strings[key]

    def __getattr__(self, key: str) -> str:
        try:
            return self.strings[key]
        except KeyError:
            raise AttributeError(key) from None

    def number(self, value: float) -> str:
        if float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")

    def count(self, n: int, noun_key: str = "case_count") -> str:
        if noun_key == "case_count" and n in (0, 1):
            return self.strings["case_count_zero" if n == 0 else "case_count_one"]
        return self.strings[noun_key].format(n=n)

    def qualified(self, figure: Figure, text: str) -> str:
        if not figure.qualifier:
            return text
        return f"{self.strings['qualifier_' + figure.qualifier]} {text}"


def _money(figure: Figure, t: Labels) -> str:
    return t.qualified(figure, t["money_" + figure.currency].format(amount=t.number(figure.value)))


def figure_value(figure: Figure, t: Labels, vocab: dict) -> str:
    if figure.kind == "payback":
        return t.qualified(figure, t.years_value.format(years=t.number(figure.value)))
    if figure.kind == "reductions":
        symbol = vocab["units"].terms[figure.unit].extra["symbol"][t.lang if t.lang == "en" else "zh"]
        sep = "" if figure.unit == "percent" else " "
        return t.qualified(figure, f"{t.number(figure.value)}{sep}{symbol}")
    return _money(figure, t)


def figure_label(figure: Figure, t: Labels, vocab: dict, lang: str) -> str:
    label = t["kind_" + figure.kind]
    if figure.kind == "reductions":
        label = f"{label}{t.label_colon}{vocab['substances'].label(figure.what, lang)}"
    return label


def _evidence_number(e: Evidence, t: Labels) -> str:
    if e.value is not None:
        return t.number(e.value)
    return t.evidence_range.format(low=t.number(e.low), high=t.number(e.high))


def evidence_value(e: Evidence, t: Labels, vocab: dict) -> str:
    """The figure as a reader sees it, e.g. '95–99%', 'up to 90%', 'US$10–450 per scfm (2002 prices)'."""
    unit = vocab["units"].terms[e.unit]
    side = "en" if t.lang == "en" else "zh"
    number = _evidence_number(e, t)
    if unit.extra.get("currency"):
        symbol, _, per = unit.extra["symbol"][side].partition(" per ")
        text = t.evidence_money.format(symbol=symbol, amount=number, per=f" per {per}" if per else "")
        if e.price_year:
            text += ("" if t.lang.startswith("zh") else " ") + t.evidence_price_year.format(year=e.price_year)
    else:
        symbol = unit.extra["symbol"][side]
        text = f"{number}{symbol}" if e.unit == "percent" else f"{number} {symbol}"
    if e.qualifier:
        text = f"{t['qualifier_' + e.qualifier]} {text}"
    return text


def evidence_label(e: Evidence, vocab: dict, lang: str) -> str:
    """'Removal efficiency of volatile organic compounds (VOC)' / '揮發性有機化合物去除效率'."""
    label = vocab["evidence-kinds"].label(e.kind, lang)
    if lang.startswith("zh"):
        return f"{vocab['substances'].label(e.what, lang)}{label}" if e.what else label
    label = label[:1].upper() + label[1:]
    return f"{label} of {vocab['substances'].label(e.what, lang)}" if e.what else label


def headline_evidence(tech: Technology, vocab: dict) -> Optional[Evidence]:
    """The figure lists show for a technology: the kind with the lowest headline order, the
    first such figure in the record."""
    kinds = vocab["evidence-kinds"].terms
    ranked = [(kinds[e.kind].extra.get("headline", 99), i, e) for i, e in enumerate(tech.evidence)]
    ranked = [r for r in ranked if r[0] != 99]
    return min(ranked, key=lambda r: r[:2])[2] if ranked else None


def headline_text(tech: Technology, t: Labels, vocab: dict, lang: str) -> Optional[str]:
    e = headline_evidence(tech, vocab)
    return t.evidence_headline.format(label=evidence_label(e, vocab, lang), value=evidence_value(e, t, vocab)) \
        if e else None


# Sorts of the find page (URL ?sort=…): key -> (evidence kind or None for the case count,
# order). Costs in different units are never compared: they sort by unit, then by amount.
SORTS = {"removal": ("removal-efficiency", "desc"), "energy": ("energy-saving", "desc"),
         "payback": ("payback", "asc"), "cost": ("capital-cost", "asc"), "cases": (None, "desc")}


def sort_values(tech: Technology, cases: int) -> dict:
    """{sort key: number (or 'unit number' for cost)} of the figures a technology has."""
    out = {"cases": cases}
    for key, (kind, _) in SORTS.items():
        figures = [e for e in tech.evidence if e.kind == kind]
        if not figures:
            continue
        if kind == "payback":
            out[key] = min(e.sort_value / (12 if e.unit == "months" else 1) for e in figures)
        elif kind == "capital-cost":
            e = figures[0]
            out[key] = f"{e.unit} {e.sort_value:g}"
        elif kind:
            out[key] = max(e.sort_value for e in figures)
    return out


def evidence_view(tech: Technology, t: Labels, vocab: dict, lang: str, numbers: dict) -> list[dict]:
    side = "en" if lang == "en" else "zh"
    return [{"figure": t.evidence_headline.format(label=evidence_label(e, vocab, lang), value=evidence_value(e, t, vocab)),
             "basis": t["evidence_basis_" + e.basis], "basis_key": Raw(e.basis),
             "conditions": e.conditions[side],
             "source": Link(str(numbers[e.source.id]), Raw("#" + source_anchor(e.source)))}
            for e in tech.evidence]


def source_anchor(source: Source) -> Raw:
    return Raw(f"source-{source.id}")


def sources_view(sources, lang: str) -> list[dict]:
    return [{"number": n, "anchor": source_anchor(s), "title": s.title, "publisher": s.publisher,
             "date": s.date, "link": external_link(s.url, s.title) if s.url else None, "document": s.document,
             "locator": s.locator, "accessed": s.accessed, "lang": Raw(s.language or "")}
            for n, s in enumerate(sources, start=1)]


def derived_paybacks(case: Case) -> list[tuple[Figure, Figure, float]]:
    """(investment, annual saving, years) for each pair of the same scope (both unscoped, or the
    same English scope text) and the same currency, when the case gives no payback of that
    scope itself. Figures with a qualifier other than "about" are left out: a payback from
    "up to" a saving would need a qualifier of its own, which the source does not give."""
    def key(f: Figure):
        return (f.scope.en if f.scope else None, f.currency)

    stated = {f.scope.en if f.scope else None for f in case.figures if f.kind == "payback"}
    out = []
    for inv in case.figures:
        if inv.kind != "investment" or inv.qualifier not in (None, "about") or key(inv)[0] in stated:
            continue
        savings = [f for f in case.figures if f.kind == "annual_saving" and key(f) == key(inv)
                   and f.qualifier in (None, "about") and f.value > 0]
        if len(savings) == 1 and len([f for f in case.figures if f.kind == "investment" and key(f) == key(inv)]) == 1:
            out.append((inv, savings[0], inv.value / savings[0].value))
    return out


def derived_view(case: Case, t: Labels) -> list[dict]:
    rows = []
    for inv, saving, years in derived_paybacks(case):
        about = "about" in (inv.qualifier, saving.qualifier)
        value = t.years_value.format(years=t.number(round(years, 1)))
        rows.append({"value": f"{t.qualifier_about} {value}" if about else value,
                     "scope": inv.scope[t.lang if t.lang == "en" else "zh"] if inv.scope else None,
                     "arithmetic": t.derived_arithmetic.format(investment=_money(inv, t), saving=_money(saving, t),
                                                               years=t.number(round(years, 1))),
                     "basis": t.basis_derived.format(investment=t["basis_" + inv.basis].lower(),
                                                     saving=t["basis_" + saving.basis].lower())})
    return rows


def _term_link(page: str, facet: str, key, vocab: dict, lang: str) -> Link:
    label = str(key) if facet == "years" else vocab[facet].label(key, lang)
    return Link(label, rel(page, page_path(facet, key)))


def case_view(case: Case, corpus: Corpus, t: Labels, lang: str, edit_base: Optional[str],
              cat: Optional[Catalogue] = None) -> dict:
    from .find_page import case_tags

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
    from .find_page import technology_tags

    page = page_path("technologies", tech.id)
    vocab = corpus.vocab
    numbers = {s.id: n for n, s in enumerate(tech.sources, start=1)}
    return {
        "title": tech.name[lang],
        "other_name": tech.name["en" if lang != "en" else "zh"],
        "aliases": in_script(tech.aliases[lang], lang),   # other-script aliases: search index only
        "principle": tech.principle[lang], "applicability": tech.applicability[lang],
        "pollutants": [_term_link(page, "pollutants", p, vocab, lang) for p in tech.pollutants],
        "sectors": [_term_link(page, "sectors", s, vocab, lang) for s in tech.sectors],
        "evidence": evidence_view(tech, t, vocab, lang, numbers),
        "compare": Link(t.compare_link, Raw(f"compare.md")),
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
