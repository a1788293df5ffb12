"""How figures read on a page: a case's figures and derived paybacks, a technology's evidence
(value, label, headline, the find page's sort values), and numbered source lists."""

from __future__ import annotations

from typing import Optional

from generator.core.labels import Labels
from generator.core.links import Link
from generator.core.markup import Raw, external_link
from generator.model.records import Case, Evidence, Figure, Source, Technology


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
