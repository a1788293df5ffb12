"""What the impact roll-ups look like on pages: the 'Impact across cases' section of each
technology, sector and pollutant-area page, the /impact/ overview, and their SVG charts.

Prepares values for templates (labels, formatted totals and medians, links) and the chart
files; the arithmetic is in `rollup`, the drawing in `charts`. Every chart comes with alt
text and sits next to a table of the same numbers.
"""

from __future__ import annotations

import dataclasses
from typing import Optional

from generator.core.labels import Labels
from generator.core.links import Link, page_path, rel
from generator.core.markup import Raw
from generator.core.reuse import Reuse
from generator.model.catalogue import Catalogue
from generator.model.records import Corpus
from generator.model.rollup import BASES, Rollup, Series
from generator.pages.figures import figure_label, figure_value
from generator.render import charts

CHART_DIR = "impact/charts"
OVERVIEW = page_path("impact", "index")


def _value(series: Series, value: float, t: Labels, corpus: Corpus) -> str:
    sample = series.entries[0][1]
    return figure_value(dataclasses.replace(sample, value=value), t, corpus.vocab)


def _basis_detail(by_basis: dict, t: Labels) -> str:
    return t.list_separator.join(t.impact_basis_item.format(basis=t["basis_" + b], n=by_basis[b]) for b in BASES)


def group_label(corpus: Corpus, cat: Catalogue, group: str, key: str, lang: str) -> str:
    if group == "technologies":
        return cat.technologies[key].name[lang]
    return corpus.vocab[group].label(key, lang)


def _series_row(series: Series, t: Labels, corpus: Corpus, lang: str) -> dict:
    key = series.key
    return {
        "label": figure_label(series.entries[0][1], t, corpus.vocab, lang),
        "period": t["period_" + key.period] if key.period else "",
        "basis": t["basis_" + key.basis],
        "figures": series.count, "cases": series.cases,
        "total": _value(series, series.total, t, corpus) if series.additive else t.impact_not_added,
        "median": _value(series, series.median, t, corpus),
    }


def _series_chart(series: Series, row: dict, t: Labels, corpus: Corpus, lang: str, path: str,
                  store: Reuse) -> tuple[str, str]:
    bars = [(case.title[lang], float(figure.value)) for case, figure in series.entries]
    title = t.impact_chart_series.format(label=row["label"], basis=row["basis"])
    values = t.list_separator.join(f"{charts.shorten(case.title[lang])}: {_value(series, f.value, t, corpus)}"
                                   for case, f in series.entries)
    alt = t.impact_chart_alt.format(title=title, values=values)
    return alt, charts.chart(store, lang, path, title, alt, bars, value_format=t.number)


def impact_section(roll: Rollup, page: str, t: Labels, corpus: Corpus, lang: str,
                   store: Optional[Reuse] = None) -> tuple:
    """(view for _impact.md.j2 or None when the group has no case, {chart path: svg}).
    `store`: where charts of an earlier run may be reused from."""
    store = store or Reuse()
    if not roll.cases:
        return None, {}
    rows, chart_views, files = [], [], {}
    for number, series in enumerate(roll.series, start=1):
        row = _series_row(series, t, corpus, lang)
        rows.append(row)
        if series.count >= 2:
            path = f"{CHART_DIR}/{roll.group}-{roll.key}-{number}.svg"
            alt, files[path] = _series_chart(series, row, t, corpus, lang, path, store)
            chart_views.append({"alt": alt, "src": rel(page, path)})
    left_out = t["impact_left_out_" + roll.group].format(n=roll.left_out) if roll.left_out else None
    view = {
        "summary": t.sentence_join.join([t.impact_cases.format(count=t.count(len(roll.cases))),
                                         t.impact_counted.format(n=roll.counted,
                                                                 detail=_basis_detail(roll.by_basis, t))]),
        "left_out": left_out, "rows": rows, "charts": chart_views,
        "overview": Link(t.impact_title, rel(page, OVERVIEW)),
    }
    return view, files


def _overview_table(rollups: dict, group: str, keys, corpus: Corpus, cat: Catalogue, t: Labels,
                    lang: str) -> list[dict]:
    rows = []
    for key in keys:
        roll: Rollup = rollups[(group, key)]
        label = group_label(corpus, cat, group, key, lang)
        link = Link(label, Raw(f"{rel(OVERVIEW, page_path(group, key))}#impact")) if roll.cases else Link(label, None)
        counted = (t.impact_counted_cell.format(n=roll.counted, detail=_basis_detail(roll.by_basis, t))
                   if roll.counted else str(roll.counted))
        rows.append({"link": link, "cases": len(roll.cases), "counted": counted})
    return rows


def _count_chart(name: str, title: str, rows: list[dict], t: Labels, lang: str, store: Reuse) -> tuple[dict, dict]:
    values = t.list_separator.join(f"{r['link'].text}: {r['cases']}" for r in rows)
    alt = t.impact_chart_alt.format(title=title, values=values)
    path = f"impact/{name}.svg"
    svg = charts.chart(store, lang, path, title, alt, [(r["link"].text, float(r["cases"])) for r in rows])
    return {"alt": alt, "src": rel(OVERVIEW, path)}, {path: svg}


def impact_index(rollups: dict, corpus: Corpus, cat: Catalogue, t: Labels, lang: str,
                 store: Optional[Reuse] = None) -> tuple[dict, dict]:
    """The /impact/ overview page: counts per sector, pollutant area and technology."""
    store = store or Reuse()
    sections, files = [], {}
    tech_keys = sorted((k for k in cat.technologies if cat.cases_by_technology[k]),
                       key=lambda k: cat.technologies[k].name[lang])
    for group, keys, anchor in (("sectors", list(corpus.vocab["sectors"].terms), "sectors"),
                                ("pollutants", list(corpus.vocab["pollutants"].terms), "pollutants"),
                                ("technologies", tech_keys, "technologies")):
        rows = _overview_table(rollups, group, keys, corpus, cat, t, lang)
        charted = [r for r in rows if r["cases"]] if group == "sectors" else rows
        chart = None
        if charted:
            chart, svg = _count_chart(f"cases-by-{anchor}", t["impact_chart_cases_" + group], charted, t, lang, store)
            files.update(svg)
        sections.append({"anchor": Raw(anchor), "heading": t["impact_by_" + group], "rows": rows,
                         "chart": chart, "noun": t["impact_noun_" + group]})
    view = {"title": t.impact_title, "intro": t.impact_intro, "method": t.impact_method,
            "sections": sections}
    return view, files
