"""Impact roll-ups against values computed by hand, including figures that must never be added
(different units, currencies, bases, periods, qualifiers; percentages; payback periods)."""

import re

import pytest

from conftest import ROOT
from generator.check.validate import validate_project
from generator.core.labels import labels
from generator.core.project import Project
from generator.model import catalogue, rollup
from generator.model.records import Case, Corpus, Figure, Source, Technology, Text
from generator.pages import impact as rollup_pages
from generator.render import charts

SOURCE = Source("s", "Synthetic source", "Test", "2024")


def red(value, unit="tonne", what="voc", basis="measured", period="annual", qualifier=None):
    return Figure("reductions", value, basis, SOURCE, unit=unit, what=what, period=period, qualifier=qualifier)


def saving(value, currency="HKD", basis="measured"):
    return Figure("annual_saving", value, basis, SOURCE, currency=currency)


def payback(years, basis="reported"):
    return Figure("payback", years, basis, SOURCE)


def case(case_id, sector, pollutants, techs, year, figures):
    return Case(id=case_id, path=f"cases/{case_id}.yaml", title=Text(case_id, case_id), summary=Text("s", "s"),
                sector=sector, pollutants=tuple(pollutants), technologies=tuple(techs), initiative="not-stated",
                year=year, sources=(SOURCE,), figures=tuple(figures))


def tech(tech_id):
    return Technology(id=tech_id, path=f"technologies/{tech_id}.yaml", name=Text(tech_id, tech_id),
                      aliases=Text((), ()), pollutants=("air-voc",), sectors=(), principle=Text("p", "p"),
                      applicability=Text("a", "a"), demonstrated=(), sources=(SOURCE,))


CASES = (
    case("a", "textiles", ["air-voc"], ["tx-zeolite"], 2022,
         [red(12), red(3000, unit="kg"), red(40, unit="percent", basis="reported", period="not-stated"),
          saving(100000), payback(2)]),
    case("b", "textiles", ["air-voc", "energy-saving"], ["tx-zeolite"], 2021,
         [red(8), red(5, basis="reported"), red(60, unit="percent", basis="reported", period="not-stated"),
          saving(50000), saving(20000, currency="RMB"), red(1000, unit="mwh", what="electricity"), payback(3)]),
    case("c", "textiles", ["air-voc"], ["tx-zeolite", "tx-heat-pump"], 2020,
         [red(4), red(2, period="cumulative"), red(7, qualifier="up-to"), payback(4)]),
    case("d", "printing", ["energy-saving"], ["tx-heat-pump"], 2019,
         [saving(30000), red(500, unit="mwh", what="electricity"), red(200000, unit="kwh", what="electricity")]),
)


@pytest.fixture(scope="module")
def corpus():
    vocab = validate_project(Project(ROOT)).corpus.vocab
    return Corpus(CASES, (tech("tx-heat-pump"), tech("tx-zeolite")), vocab)


@pytest.fixture(scope="module")
def rollups(corpus):
    return rollup.build(corpus, catalogue.build(corpus))


def table(roll):
    """{(kind, what, unit, period, basis, qualifier): (count, cases, total, median)}"""
    return {(s.key.kind, s.key.what, s.key.unit, s.key.period, s.key.basis, s.key.qualifier):
            (s.count, s.cases, s.total, s.median) for s in roll.series}


def test_sector_adds_only_figures_that_agree_in_everything(rollups):
    roll = rollups[("sectors", "textiles")]
    assert [c.id for c in roll.cases] == ["a", "b", "c"]
    assert table(roll) == {
        ("annual_saving", "", "HKD", "annual", "measured", ""): (2, 2, 150000, 75000),
        ("annual_saving", "", "RMB", "annual", "measured", ""): (1, 1, 20000, 20000),
        ("reductions", "voc", "tonne", "annual", "measured", ""): (3, 3, 24, 8),
        ("reductions", "voc", "tonne", "annual", "measured", "up-to"): (1, 1, 7, 7),
        ("reductions", "voc", "tonne", "annual", "reported", ""): (1, 1, 5, 5),
        ("reductions", "voc", "tonne", "cumulative", "measured", ""): (1, 1, 2, 2),
        ("reductions", "voc", "kg", "annual", "measured", ""): (1, 1, 3000, 3000),
        ("reductions", "voc", "percent", "not-stated", "reported", ""): (2, 2, None, 50),
        ("reductions", "electricity", "mwh", "annual", "measured", ""): (1, 1, 1000, 1000),
        ("payback", "", "years", "", "reported", ""): (3, 3, None, 3),
    }
    assert roll.by_basis == {"reported": 6, "estimated": 0, "measured": 10, "verified": 0}
    assert roll.counted == 16 and roll.left_out == 0


def test_series_order_is_fixed(rollups):
    keys = [(s.key.kind, s.key.unit, s.key.basis) for s in rollups[("sectors", "textiles")].series]
    assert keys[0][0] == "annual_saving" and keys[-1][0] == "payback"
    assert keys.index(("reductions", "tonne", "measured")) < keys.index(("reductions", "kg", "measured"))


def test_technology_counts_only_cases_that_used_it_alone(rollups):
    zeolite = rollups[("technologies", "tx-zeolite")]
    assert [c.id for c in zeolite.cases] == ["a", "b", "c"]
    got = table(zeolite)
    assert got[("reductions", "voc", "tonne", "annual", "measured", "")] == (2, 2, 20, 10)
    assert got[("annual_saving", "", "HKD", "annual", "measured", "")] == (2, 2, 150000, 75000)
    assert got[("payback", "", "years", "", "reported", "")] == (2, 2, None, 2.5)
    assert ("reductions", "voc", "tonne", "cumulative", "measured", "") not in got   # only in case c
    assert zeolite.left_out == 4 and zeolite.by_basis == {"reported": 5, "estimated": 0, "measured": 7, "verified": 0}


def test_mixed_units_never_add(rollups):
    pump = table(rollups[("technologies", "tx-heat-pump")])
    assert pump == {
        ("annual_saving", "", "HKD", "annual", "measured", ""): (1, 1, 30000, 30000),
        ("reductions", "electricity", "kwh", "annual", "measured", ""): (1, 1, 200000, 200000),
        ("reductions", "electricity", "mwh", "annual", "measured", ""): (1, 1, 500, 500),
    }
    assert rollups[("technologies", "tx-heat-pump")].left_out == 4


def test_pollutant_area_takes_reductions_of_its_substances_and_savings_of_single_area_cases(rollups):
    voc = rollups[("pollutants", "air-voc")]
    got = table(voc)
    assert got[("reductions", "voc", "tonne", "annual", "measured", "")] == (3, 3, 24, 8)
    assert got[("annual_saving", "", "HKD", "annual", "measured", "")] == (1, 1, 100000, 100000)
    assert got[("payback", "", "years", "", "reported", "")] == (2, 2, None, 3)
    assert not any(k[1] == "electricity" or k[2] == "RMB" for k in got)
    assert voc.left_out == 4 and voc.counted == 12
    energy = table(rollups[("pollutants", "energy-saving")])
    assert energy == {
        ("annual_saving", "", "HKD", "annual", "measured", ""): (1, 1, 30000, 30000),
        ("reductions", "electricity", "kwh", "annual", "measured", ""): (1, 1, 200000, 200000),
        ("reductions", "electricity", "mwh", "annual", "measured", ""): (2, 2, 1500, 750),
    }
    assert rollups[("pollutants", "energy-saving")].left_out == 6
    assert rollups[("pollutants", "solid-waste")].cases == ()


def test_impact_section_shows_totals_with_units_and_never_a_total_for_percentages(rollups, corpus):
    view, files = rollup_pages.impact_section(rollups[("sectors", "textiles")], "sectors/textiles.md",
                                              labels("en"), corpus, "en")
    rows = {(r["label"], r["period"], r["basis"], r["total"], r["median"]) for r in view["rows"]}
    assert ("Reduction: volatile organic compounds (VOC)", "per year", "Measured", "24 t", "8 t") in rows
    assert ("Reduction: volatile organic compounds (VOC)", "per year", "Measured", "3,000 kg", "3,000 kg") in rows
    assert ("Reduction: volatile organic compounds (VOC)", "per year", "Measured", "up to 7 t", "up to 7 t") in rows
    assert ("Reduction: volatile organic compounds (VOC)", "period not stated", "Reported", "not added", "50%") in rows
    assert ("Annual saving", "per year", "Measured", "HK$150,000", "HK$75,000") in rows
    assert ("Payback period", "", "Reported", "not added", "3 years") in rows
    assert "16" in view["summary"] and "Measured 10" in view["summary"]
    # a chart for every series with two figures or more, each with its text alternative
    assert len(files) == len(view["charts"]) == 4
    for chart in view["charts"]:
        assert chart["alt"].startswith("Bar chart, ") and chart["src"].startswith("../impact/charts/sectors-textiles-")
    zh, _ = rollup_pages.impact_section(rollups[("sectors", "textiles")], "sectors/textiles.md",
                                        labels("zh"), corpus, "zh")
    assert any(r["total"] == "24 公噸" and r["basis"] == "實測" for r in zh["rows"])
    assert any(r["total"] == "不作相加" and r["median"] == "50%" for r in zh["rows"])


def test_group_without_cases_has_no_section(rollups, corpus):
    assert rollup_pages.impact_section(rollups[("pollutants", "solid-waste")], "pollutants/solid-waste.md",
                                       labels("en"), corpus, "en") == (None, {})


def test_chart_is_deterministic_svg_with_text_alternative():
    first = charts.bar_chart("Cases by sector", "Bar chart: A 1, B 2.", [("A", 1), ("紡織業", 2)])
    assert first == charts.bar_chart("Cases by sector", "Bar chart: A 1, B 2.", [("A", 1), ("紡織業", 2)])
    assert re.search(r"<title[^>]*>Cases by sector</title>", first) and ">Bar chart: A 1, B 2.</desc>" in first
    assert first.count('fill="#00796b"') == 2 and ">紡織業</text>" in first
    with pytest.raises(ValueError):
        charts.bar_chart("t", "d", [])


def test_series_values_are_never_mixed_across_keys():
    figures = [red(1), red(2, unit="kg"), red(3, basis="reported"), red(4, period="one-off"), red(5, qualifier="about")]
    keys = {rollup.series_key(f) for f in figures}
    assert len(keys) == len(figures)
