"""Evidence figures on technology records: the rules an editor meets, and how a figure reads."""

from __future__ import annotations

import pytest

from generator.check.validate import validate_project
from generator.core.labels import labels
from generator.core.project import Project
from generator.pages.figures import evidence_value, headline_evidence

GOOD = ("  - {kind: removal-efficiency, what: voc, low: 90, high: 99, unit: percent, basis: literature, "
        "source: fx-web,\n")


def _with_evidence(project, items: str):
    path = project / "technologies" / "fx-zeolite.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("evidence:\n")
    _, _, tail = rest.partition("sources:\n")
    path.write_text(head + "evidence:\n" + items + "sources:\n" + tail, encoding="utf-8")
    return validate_project(Project(project))


COND = "conditions: {en: Test., zh: 測試。}"
BROKEN = {
    "unknown kind": (f"  - {{kind: removal-efficency, what: voc, value: 90, unit: percent, basis: literature, source: fx-web, {COND}}}\n",
                     [("E203", "evidence[0].kind: 'removal-efficency' is not a known kind of figure (data/evidence-kinds.yaml) (did you mean 'removal-efficiency'?)")]),
    "unit that does not fit": (f"  - {{kind: payback, value: 3, unit: percent, basis: literature, source: fx-web, {COND}}}\n",
                               [("E214", "evidence[0].unit: a payback figure cannot be given in 'percent' (use one of: years, months)")]),
    "percentage over 100": (f"  - {{kind: energy-saving, low: 20, high: 120, unit: percent, basis: literature, source: fx-web, {COND}}}\n",
                            [("E114", "evidence[0].high: a percentage must not be more than 100 (got 120)")]),
    "low above high": (f"  - {{kind: energy-saving, low: 40, high: 20, unit: percent, basis: literature, source: fx-web, {COND}}}\n",
                       [("E215", "evidence[0].low: the low end (40) is above the high end (20)")]),
    "money without price year": (f"  - {{kind: capital-cost, value: 5, unit: usd-per-scfm, basis: vendor, source: fx-web, {COND}}}\n",
                                 [("E216", "evidence[0].price_year: a figure in USD needs the year of its prices (price_year), as the source gives it")]),
    "removal without pollutant": (f"  - {{kind: removal-efficiency, value: 90, unit: percent, basis: literature, source: fx-web, {COND}}}\n",
                                  [("E110", "evidence[0].what: required for a removal efficiency (the pollutant removed, e.g. voc)")]),
    "unknown source": (f"  - {{kind: energy-saving, value: 20, unit: percent, basis: literature, source: nowhere, {COND}}}\n",
                       [("E205", "evidence[0].source: 'nowhere' is not the id of any entry in sources")]),
    "value and range at once": (f"  - {{kind: energy-saving, value: 20, low: 10, high: 30, unit: percent, basis: literature, source: fx-web, {COND}}}\n",
                                [("E217", "evidence[0]: give either value (one number) or low and high (a range), as the source does (got value, low, high)")]),
    "no basis": (f"  - {{kind: energy-saving, value: 20, unit: percent, source: fx-web, {COND}}}\n",
                 [("E110", "evidence[0].basis: required field is missing")]),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_evidence(fixture_project, name):
    items, expected = BROKEN[name]
    result = _with_evidence(fixture_project, items)
    got = [(p.code, p.message) for p in result.problems]
    assert [code for code, _ in got] == [code for code, _ in expected], got
    for (_, message), (_, want) in zip(got, expected):
        if want:
            assert message == want
    assert {(p.path, p.line) for p in result.problems} == {("technologies/fx-zeolite.yaml", 11)}


def test_fixture_evidence_is_valid_and_reads_as_the_source_gives_it(fixture_project):
    result = validate_project(Project(fixture_project))
    assert result.ok, [str(p) for p in result.problems]
    tech = {t.id: t for t in result.corpus.technologies}["fx-zeolite"]
    vocab = result.corpus.vocab
    en, zh = labels("en"), labels("zh")
    assert [evidence_value(e, en, vocab) for e in tech.evidence] == [
        "90–99%", "US$10–450 per scfm (2002 prices)", "up to 3 years"]
    assert [evidence_value(e, zh, vocab) for e in tech.evidence] == [
        "90–99%", "10–450 美元／標準立方呎每分鐘（2002 年價格）", "最多 3 年"]
    assert headline_evidence(tech, vocab).kind == "removal-efficiency"


def _case(figures: dict):
    from generator.model.records import Case
    return Case.of({"id": "x", "title": {"en": "T", "zh": "標題"}, "summary": {"en": "S", "zh": "摘要"},
                    "sector": "printing", "pollutants": ["air-voc"], "technologies": [], "initiative": "dp-i",
                    "year": 2012, "figures": figures,
                    "sources": [{"id": "s", "title": "T", "publisher": "P", "url": "https://example.org/", "date": 2012}]},
                   "cases/x.yaml")


def test_derived_payback_of_the_same_scope_and_currency_shows_its_arithmetic():
    from generator.pages.figures import derived_view
    scope = {"en": "Line 1", "zh": "一號線"}
    case = _case({"investment": [{"amount": 1200000, "basis": "reported", "source": "s", "scope": scope}],
                  "annual_saving": [{"amount": 300000, "basis": "estimated", "source": "s", "scope": scope}]})
    [row] = derived_view(case, labels("en"))
    assert row["value"] == "4 years" and row["scope"] == "Line 1"
    assert row["arithmetic"] == "Worked out by this site: HK$1,200,000 ÷ HK$300,000 a year = 4 years"
    assert row["basis"] == "Derived (from reported investment and estimated saving)"
    [zh] = derived_view(case, labels("zh"))
    assert zh["arithmetic"] == "由本網站計算：1,200,000 港元 ÷ 每年 300,000 港元 = 4 年"


@pytest.mark.parametrize("saving", [
    {"amount": 300000, "basis": "estimated", "source": "s", "scope": {"en": "Line 2", "zh": "二號線"}},   # other scope
    {"amount": 300000, "basis": "estimated", "source": "s", "currency": "RMB", "scope": {"en": "Line 1", "zh": "一號線"}},
    {"amount": 300000, "qualifier": "up-to", "basis": "estimated", "source": "s", "scope": {"en": "Line 1", "zh": "一號線"}},
])
def test_no_payback_is_derived_across_scopes_currencies_or_qualifiers(saving):
    from generator.pages.figures import derived_view
    case = _case({"investment": [{"amount": 1200000, "basis": "reported", "source": "s",
                                  "scope": {"en": "Line 1", "zh": "一號線"}}],
                  "annual_saving": [saving]})
    assert derived_view(case, labels("en")) == []


SPEC_COLUMNS = ["technology_id", "kind", "value", "low", "high", "unit", "basis", "conditions_en",
                "conditions_zh", "source_title", "source_publisher", "source_url", "source_date"]


def test_open_data_has_one_row_per_figure_with_the_published_columns(fixture_project):
    import csv
    import io
    import json

    from generator.publish.evidence_data import evidence_csv, evidence_json, evidence_rows

    corpus = validate_project(Project(fixture_project)).corpus
    rows = evidence_rows(corpus)
    table = list(csv.reader(io.StringIO(evidence_csv(rows).lstrip("\ufeff"))))
    assert table[0][:13] == SPEC_COLUMNS
    assert [(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in table[1:]] == [
        ("fx-zeolite", "removal-efficiency", "", "90", "99", "percent", "literature"),
        ("fx-zeolite", "capital-cost", "", "10", "450", "usd-per-scfm", "vendor"),
        ("fx-zeolite", "payback", "3", "", "", "years", "literature")]
    assert table[3][table[0].index("qualifier")] == "up-to"
    assert table[2][table[0].index("price_year")] == "2002"
    data = json.loads(evidence_json(rows, {"kind": "technology-evidence"}))
    assert data["count"] == 3 and list(data["evidence"][0])[:13] == SPEC_COLUMNS


def test_what_was_looked_for_and_not_found_is_printed_with_the_figures(fixture_project):
    from conftest import cpsite

    path = fixture_project / "technologies" / "fx-heat-pump.yaml"
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.partition("\nsources:\n")
    path.write_text(head + "\nevidence_gap:\n  en: a figure for the *energy* saved.\n"
                    "  zh: 可節省多少能源的數據。\n" + "sources:\n" + tail, encoding="utf-8")
    done = cpsite(fixture_project, "generate")
    assert done.returncode == 0, done.stderr
    pages = {lang: (fixture_project / "content" / lang / "technologies" / "fx-heat-pump.md").read_text(encoding="utf-8")
             for lang in ("en", "zh", "zh-Hans")}
    assert "No figure from an authoritative public source has been recorded" in pages["en"]
    assert "**Looked for, not found:** a figure for the \\*energy\\* saved." in pages["en"]
    assert "**曾搜尋但未找到：** 可節省多少能源的數據。" in pages["zh"]
    assert "**曾搜索但未找到：** 可节省多少能源的数据。" in pages["zh-Hans"]

    path.write_text(head + "\nevidence_gap:\n  en: a figure.\n" + "sources:\n" + tail, encoding="utf-8")
    result = validate_project(Project(fixture_project))
    assert [(p.code, p.path) for p in result.problems] == [("E206", "technologies/fx-heat-pump.yaml")]
    assert result.problems[0].message == "evidence_gap: Chinese text (zh) is missing"


def test_money_per_year_and_per_membrane_area_read_with_the_amount_first():
    from conftest import ROOT

    corpus = validate_project(Project(ROOT)).corpus
    techs = {t.id: t for t in corpus.technologies}
    en, zh = labels("en"), labels("zh")
    running = next(e for e in techs["bio-filtration"].evidence if e.unit == "eur-per-year")
    assert evidence_value(running, en, corpus.vocab) == "about €20,000 per year (2009 prices)"
    assert evidence_value(running, zh, corpus.vocab) == "約 20,000 歐元／年（2009 年價格）"
    membrane = next(e for e in techs["ro-edbm"].evidence if e.unit == "usd-per-m2-membrane")
    assert evidence_value(membrane, en, corpus.vocab) == "about US$1,200 per m² of membrane (2009 prices)"
