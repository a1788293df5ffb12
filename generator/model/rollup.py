"""Impact roll-ups: per technology, per sector and per pollutant area, the number of cases and
what their savings and reductions add up to, only where adding is honest.

Rules (pure arithmetic over the model; no text, no files):

- Figures rolled up: annual savings (money), reductions, and payback periods.
- Figures go into one series only when everything that gives them meaning agrees: kind, what
  was reduced, unit (or currency), period, basis and qualifier. Different units, currencies,
  periods, bases or qualifiers are never added; each gets its own series.
- A series has a total only when adding means something: never for percentages or payback
  periods (they get a median only). Totals of "up to" figures are "up to" totals, and so on:
  the qualifier stays with the series.
- Which figures belong to a group: every figure of a case belongs to its sector. A case's
  figures belong to a technology only when the case used that technology alone (a case with
  several technologies does not say which one saved what). A reduction belongs to a
  pollutant area when its substance belongs to that area (data/substances.yaml `area`) and
  the case lists the area; savings and payback belong to an area only when the case lists
  that area alone. Figures of the group's cases that cannot be tied to the group are counted
  as `left_out`, so pages can say so.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections import defaultdict

from generator.model.catalogue import Catalogue, case_order
from generator.model.records import Case, Corpus, Figure

ROLLED_KINDS = ("annual_saving", "reductions", "payback")
BASES = ("reported", "estimated", "measured", "verified")
PERIODS = ("annual", "one-off", "cumulative", "not-stated")
QUALIFIERS = ("", "about", "up-to", "at-least", "more-than")
NOT_ADDED_UNITS = ("percent",)
GROUPS = ("technologies", "sectors", "pollutants")


@dataclasses.dataclass(frozen=True)
class SeriesKey:
    kind: str
    what: str          # substance key for reductions, '' otherwise
    unit: str          # unit key (reductions), currency (savings) or 'years' (payback)
    period: str        # '' when the kind has none
    basis: str
    qualifier: str     # '' when the figures are given as exact


@dataclasses.dataclass(frozen=True)
class Series:
    key: SeriesKey
    entries: tuple     # (Case, Figure), in catalogue order (newest year first, then id)

    @property
    def additive(self) -> bool:
        return self.key.kind != "payback" and self.key.unit not in NOT_ADDED_UNITS

    @property
    def values(self) -> list[float]:
        return [float(f.value) for _, f in self.entries]

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def cases(self) -> int:
        return len({c.id for c, _ in self.entries})

    @property
    def total(self):
        return math.fsum(sorted(self.values)) if self.additive else None

    @property
    def median(self) -> float:
        return statistics.median(sorted(self.values))


@dataclasses.dataclass(frozen=True)
class Rollup:
    group: str         # 'technologies', 'sectors' or 'pollutants'
    key: str
    cases: tuple       # every case of the group, in catalogue order
    series: tuple      # Series, in a fixed order (see series_order)
    by_basis: dict     # basis -> number of figures counted in this roll-up (every basis present)
    left_out: int      # figures of the group's cases that could not be tied to the group

    @property
    def counted(self) -> int:
        return sum(self.by_basis.values())


def series_key(figure: Figure) -> SeriesKey:
    if figure.kind == "reductions":
        return SeriesKey("reductions", figure.what, figure.unit, figure.period, figure.basis, figure.qualifier or "")
    if figure.kind == "payback":
        return SeriesKey("payback", "", "years", "", figure.basis, figure.qualifier or "")
    return SeriesKey(figure.kind, "", figure.currency, "annual", figure.basis, figure.qualifier or "")


def series_order(corpus: Corpus):
    substances = list(corpus.vocab["substances"].terms)
    units = list(corpus.vocab["units"].terms)

    def order(key: SeriesKey) -> tuple:
        return (ROLLED_KINDS.index(key.kind),
                substances.index(key.what) if key.what in substances else -1,
                units.index(key.unit) if key.unit in units else -1, key.unit,
                PERIODS.index(key.period) if key.period in PERIODS else -1,
                BASES.index(key.basis), QUALIFIERS.index(key.qualifier))
    return order


def substance_areas(corpus: Corpus) -> dict:
    return {key: term.extra.get("area") for key, term in corpus.vocab["substances"].terms.items()}


def attributed(group: str, key: str, case: Case, areas: dict) -> list[Figure]:
    """The figures of `case` that belong to the group `key` (see the module's rules)."""
    figures = [f for f in case.figures if f.kind in ROLLED_KINDS]
    if group == "sectors":
        return figures
    if group == "technologies":
        return figures if case.technologies == (key,) else []
    if group == "pollutants":
        alone = case.pollutants == (key,)
        listed = key in case.pollutants

        def belongs(f: Figure) -> bool:
            return listed and areas.get(f.what) == key if f.kind == "reductions" else alone
        return [f for f in figures if belongs(f)]
    raise ValueError(f"unknown group {group!r}")


def rollup(group: str, key: str, cases, corpus: Corpus) -> Rollup:
    areas = substance_areas(corpus)
    cases = tuple(sorted(cases, key=case_order))
    grouped: dict = defaultdict(list)
    left_out = 0
    for case in cases:
        mine = attributed(group, key, case, areas)
        left_out += sum(1 for f in case.figures if f.kind in ROLLED_KINDS) - len(mine)
        for figure in mine:
            grouped[series_key(figure)].append((case, figure))
    order = series_order(corpus)
    series = tuple(Series(k, tuple(grouped[k])) for k in sorted(grouped, key=order))
    by_basis = {basis: sum(s.count for s in series if s.key.basis == basis) for basis in BASES}
    return Rollup(group, key, cases, series, by_basis, left_out)


def group_cases(cat: Catalogue, group: str) -> dict:
    """key -> cases, for every key of the group (technologies by id, terms in vocabulary order)."""
    if group == "technologies":
        return {tech_id: cat.cases_by_technology[tech_id] for tech_id in sorted(cat.technologies)}
    return dict(cat.facets[group])


def build(corpus: Corpus, cat: Catalogue) -> dict:
    """(group, key) -> Rollup for every technology, sector and pollutant area."""
    return {(group, key): rollup(group, key, cases, corpus)
            for group in GROUPS for key, cases in group_cases(cat, group).items()}
