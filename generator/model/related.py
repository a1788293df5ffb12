"""Related records for the case and technology pages, computed once per build (catalogue stage).

Two cases are related by what they share: each technology counts 3, the sector 2 (not when
the source does not state it), each pollutant area 1. Two technologies are related by the
cases that used both (3 each), shared pollutant areas (2 each) and shared sectors (1 each).
The best LIMIT are kept; ties go to the newer case (then id) or to the technology id, so the
lists are the same on every build.

To stay linear in the number of cases, the candidates for a case are drawn from the lists it
shares (cases with the same technology, the same sector and pollutant area, the same sector,
the same pollutant area), each cut at its first POOL entries (those lists are newest first).
Pure Python over the model; no text and no files.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from generator.core import memo

LIMIT = 5
POOL = 60
UNSTATED = {"not-stated"}   # vocabulary keys that say "the source does not say"


def case_score(a, b) -> int:
    score = 3 * len(set(a.technologies) & set(b.technologies))
    if a.sector == b.sector and a.sector not in UNSTATED:
        score += 2
    return score + len(set(a.pollutants) & set(b.pollutants))


# The dev server's related cases from one rebuild to the next (core/memo.py). The lists a case's
# candidates come from are made from the same cases in the same order (model/catalogue.py), so
# the ids in order with what the score reads are all the result depends on: an edit to a
# title or a figure changes nothing here.
_related = memo.Memo("related cases")


def related_cases(ordered_cases, by_technology: dict, by_facet: dict, matrix: dict) -> dict:
    """{case id: (Case, ...)} for cases given newest first; see the module docstring."""
    if not memo.keeping():
        return _related_cases(ordered_cases, by_technology, by_facet, matrix)
    key = tuple((c.id, tuple(c.technologies), c.sector, tuple(c.pollutants)) for c in ordered_cases)
    ids = _related.get(key, lambda: {case_id: tuple(other.id for other in others) for case_id, others in
                                     _related_cases(ordered_cases, by_technology, by_facet, matrix).items()})
    by_id = {case.id: case for case in ordered_cases}
    return {case_id: tuple(by_id[other] for other in others) for case_id, others in ids.items()}


def _related_cases(ordered_cases, by_technology: dict, by_facet: dict, matrix: dict) -> dict:
    rank = {case.id: n for n, case in enumerate(ordered_cases)}
    related = {}
    for case in ordered_cases:
        pools = [by_technology.get(tech, ()) for tech in case.technologies]
        if case.sector not in UNSTATED:
            pools += [matrix.get((case.sector, p), ()) for p in case.pollutants]
            pools.append(by_facet["sectors"].get(case.sector, ()))
        pools += [by_facet["pollutants"].get(p, ()) for p in case.pollutants]
        candidates = {}
        for pool in pools:
            for other in pool[:POOL]:
                if other.id != case.id:
                    candidates[other.id] = other
        scored = sorted(((case_score(case, other), other) for other in candidates.values()),
                        key=lambda item: (-item[0], rank[item[1].id]))
        related[case.id] = tuple(other for score, other in scored[:LIMIT] if score > 0)
    return related


def related_technologies(technologies, cases) -> dict:
    """{technology id: (Technology, ...)}; see the module docstring."""
    used_together: dict = defaultdict(Counter)
    for case in cases:
        for tech in set(case.technologies):
            for other in set(case.technologies) - {tech}:
                used_together[tech][other] += 1
    related = {}
    for tech in technologies:
        scored = []
        for other in technologies:
            if other.id == tech.id:
                continue
            score = (3 * used_together[tech.id][other.id]
                     + 2 * len(set(tech.pollutants) & set(other.pollutants))
                     + len((set(tech.sectors) - UNSTATED) & set(other.sectors)))
            if score:
                scored.append((-score, other.id, other))
        related[tech.id] = tuple(other for _, _, other in sorted(scored, key=lambda s: s[:2])[:LIMIT])
    return related
