"""Group the records for the catalogue pages: by sector, pollutant area, initiative, year and
location; the sector x pollutant matrix; which cases used which technology.

Pure Python over the model; no text, no templates, no files. Every list is sorted the same
way (newest year first, then id) so the output is the same on every build.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from generator.model import kinds, related
from generator.model.kinds import FACET_NAMES
from generator.model.records import Case, Corpus

FACETS = FACET_NAMES


def case_order(case: Case) -> tuple:
    return (-case.year, case.id)


@dataclasses.dataclass(frozen=True)
class Catalogue:
    facets: dict            # facet name -> {key -> [Case]} (keys in vocabulary order; years newest first)
    matrix: dict            # (sector, pollutant) -> [Case]
    cases_by_technology: dict   # technology id -> [Case]
    technologies_by_pollutant: dict   # pollutant -> [Technology]
    technologies_by_sector: dict      # sector -> [Technology]
    technologies: dict      # id -> Technology
    related_cases: dict = dataclasses.field(default_factory=dict)          # case id -> (Case, ...)
    related_technologies: dict = dataclasses.field(default_factory=dict)   # technology id -> (Technology, ...)

    def count(self, facet: str, key) -> int:
        return len(self.facets[facet].get(key, ()))


def _facet_keys(case: Case) -> dict:
    return {facet.name: facet.keys(case) for facet in kinds.FACETS}


def build(corpus: Corpus) -> Catalogue:
    facets: dict = {name: {} for name in FACETS}
    for name in kinds.VOCABULARY_FACETS:
        for key in corpus.vocab[name].terms:
            facets[name][key] = []
    years: dict = defaultdict(list)
    matrix: dict = defaultdict(list)
    by_tech: dict = {t.id: [] for t in corpus.technologies}
    for case in sorted(corpus.cases, key=case_order):
        for name, keys in _facet_keys(case).items():
            for key in keys:
                (years if name == "years" else facets[name])[key].append(case)
        for pollutant in case.pollutants:
            matrix[(case.sector, pollutant)].append(case)
        for tech in case.technologies:
            by_tech[tech].append(case)
    facets["years"] = {year: years[year] for year in sorted(years, reverse=True)}
    tech_by_pollutant: dict = {key: [] for key in corpus.vocab["pollutants"].terms}
    tech_by_sector: dict = {key: [] for key in corpus.vocab["sectors"].terms}
    for tech in corpus.technologies:
        for pollutant in tech.pollutants:
            tech_by_pollutant[pollutant].append(tech)
        for sector in tech.sectors:
            tech_by_sector[sector].append(tech)
    return Catalogue(facets, dict(matrix), by_tech, tech_by_pollutant, tech_by_sector,
                     {t.id: t for t in corpus.technologies},
                     related.related_cases(sorted(corpus.cases, key=case_order), by_tech, facets, matrix),
                     related.related_technologies(corpus.technologies, corpus.cases))
