"""What the search step is built from: the cross-script map, the synonym groups, related records."""

import html
import json
import re
from collections import Counter

import pytest
import yaml

from conftest import ROOT
from generator.build.generate import generate
from generator.check.validate import validate_project
from generator.core.project import Project
from generator.model import catalogue, related
from generator.model.records import Case
from generator.search import script as search_script
from generator.search import terms as search_terms
from generator.site.config import load as load_site

# --- cross-script map ----------------------------------------------------------------------

def test_simplified_query_maps_to_the_traditional_site():
    runs = Counter({"熱泵系統": 3, "處理揮發性有機化合物": 2, "蓄熱式熱氧化": 1})
    fold = search_script.fold_map(runs, "hant")
    assert search_script.script_of(runs) == "hant"
    assert "".join(fold["chars"].get(c, c) for c in "热泵系统") == "熱泵系統"
    assert "".join(fold["chars"].get(c, c) for c in "挥发性有机化合物") == "揮發性有機化合物"
    assert "泵" not in fold["chars"]                      # the same in both scripts: no entry


def test_traditional_query_maps_to_a_simplified_site():
    runs = Counter({"热泵系统": 3, "处理挥发性有机化合物": 2})
    fold = search_script.fold_map(runs, "hans")
    assert search_script.script_of(runs) == "hans"
    assert "".join(fold["chars"].get(c, c) for c in "熱泵系統") == "热泵系统"
    assert fold["chars"]["揮"] == "挥"


def test_only_characters_of_the_site_are_mapped():
    fold = search_script.fold_map(Counter({"熱泵": 1}), "hant")
    assert set(fold["chars"].values()) <= {"熱"}


def test_ambiguous_character_follows_the_site_and_its_neighbour():
    runs = Counter({"發展": 5, "發出": 2, "頭髮": 1})
    fold = search_script.fold_map(runs, "hant")
    assert fold["chars"]["发"] == "發"                    # seen most often
    assert fold["pairs"]["头发"] == "頭髮"                # the pair on the site decides


def test_text_quoted_in_the_other_script_does_not_decide():
    # a Simplified source title on the Traditional site must not make 热 stay 热
    runs = Counter({"餘熱回收": 3, "热泵": 1, "粤港清洁生产伙伴标志授牌仪式": 5})
    fold = search_script.fold_map(runs, "hant")
    assert fold["chars"]["热"] == "熱"
    assert fold["chars"]["余"] == "餘"


# --- synonyms --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus():
    return validate_project(Project(ROOT)).corpus


def keywords(corpus, lang, **records) -> list[str]:
    """The search keywords a page carries (its data-cp-keywords attribute), as a list."""
    return html.unescape(search_terms.page_keywords(corpus, lang, **records)).split(", ")


def test_page_keywords_come_from_vocabularies_and_aliases(corpus):
    pollutants = yaml.safe_load((ROOT / "data/pollutants.yaml").read_text())
    voc = next(t for t in pollutants["terms"] if t["key"] == "air-voc")
    tech = yaml.safe_load((ROOT / "technologies/activated-carbon-adsorption.yaml").read_text())
    for lang in ("en", "zh"):
        words = keywords(corpus, lang, pollutants=["air-voc"], technologies=["activated-carbon-adsorption"])
        assert set([voc[lang], *voc["synonyms"][lang]]) <= set(words)
        assert set([tech["name"][lang], *tech["aliases"][lang]]) <= set(words)
    assert keywords(corpus, "zh", pollutants=["air-voc"])[:4] == ["揮發性有機化合物", "揮發性有機物", "有機廢氣", "VOC"]


def test_no_search_term_is_hard_coded_in_the_browser_code(corpus):
    scripts = "".join(p.read_text() for p in (ROOT / "overrides/assets/javascripts").glob("*.js"))
    pollutants = list(corpus.vocab["pollutants"].terms)
    technologies = [t.id for t in corpus.technologies]
    terms = {term for lang in ("en", "zh")
             for term in keywords(corpus, lang, pollutants=pollutants, technologies=technologies)}
    assert len(terms) > 100
    assert [term for term in terms if re.search(rf"['\"`]{re.escape(term)}['\"`]", scripts, re.I)] == []


def test_terms_file_is_written_by_generate(fixture_project):
    generate(Project(fixture_project), load_site(fixture_project))
    data = json.loads((fixture_project / ".generated/search/terms.json").read_text())
    assert sorted(data) == ["en", "zh"]
    assert data["zh"]["strings"]["search_none"] == "找不到結果"
    assert data["en"]["strings"]["search_count"] == "{n} results"


def test_page_keywords_are_the_groups_of_what_a_page_is_about(corpus):
    keywords = search_terms.page_keywords(corpus, "en", pollutants=("air-voc",),
                                          technologies=("activated-carbon-adsorption",))
    assert keywords.split(", ") == ["Volatile organic compounds (VOC)", "VOC", "VOCs", "volatile organic compounds",
                                    "solvent fumes", "Activated carbon adsorption of VOC exhaust",
                                    "activated carbon filter", "carbon adsorption", "active carbon filtering"]
    assert search_terms.page_keywords(corpus, "zh", pollutants=("energy-saving",)) == "節約能源, 節能, 能源效益, 省電"


# --- related records -------------------------------------------------------------------------

def _case(id, sector, pollutants, techs, year=2020):
    return Case(id=id, path=f"cases/{id}.yaml", title=None, summary=None, sector=sector,
                pollutants=tuple(pollutants), technologies=tuple(techs), initiative="pilot", year=year, sources=())


def test_related_cases_rank_shared_technology_then_sector_then_pollutant():
    cases = [_case("a", "metal", ["energy-saving"], ["heat-pump"]),
             _case("same-tech", "textiles", ["effluent"], ["heat-pump"], 2010),
             _case("same-sector", "metal", ["effluent"], [], 2021),
             _case("same-pollutant", "paper", ["energy-saving"], [], 2022),
             _case("nothing", "paper", ["effluent"], [], 2023),
             _case("unstated", "not-stated", ["effluent"], [], 2023)]
    ordered = sorted(cases, key=catalogue.case_order)
    by_tech = {"heat-pump": [c for c in ordered if "heat-pump" in c.technologies]}
    facets = {"sectors": {}, "pollutants": {}}
    matrix = {}
    for c in ordered:
        facets["sectors"].setdefault(c.sector, []).append(c)
        for p in c.pollutants:
            facets["pollutants"].setdefault(p, []).append(c)
            matrix.setdefault((c.sector, p), []).append(c)
    got = related.related_cases(ordered, by_tech, facets, matrix)
    assert [c.id for c in got["a"]] == ["same-tech", "same-sector", "same-pollutant"]
    # a sector the source does not state relates nothing
    assert [c.id for c in got["unstated"]] == ["nothing", "same-sector", "same-tech"]
    assert [c.id for c in got["nothing"]] == ["same-pollutant", "unstated", "same-sector", "same-tech"]


def test_related_pages_of_the_real_records(corpus):
    cat = catalogue.build(corpus)
    printing = [c.id for c in cat.related_cases["pilot-2007-cc-joint-printing"]]
    assert printing == ["cppp-partner-2012-voc-180t", "cppp-dp-2009-metal-heat-pump"]
    assert all(len(v) <= related.LIMIT for v in cat.related_technologies.values())
    carbon = cat.related_technologies["activated-carbon-adsorption"]
    used_with = {"process-hot-water-reuse", "energy-efficient-lighting", "centralised-ink-supply"}  # the printing case
    assert len(carbon) == related.LIMIT
    assert all(t.id in used_with or "air-voc" in t.pollutants for t in carbon)
    assert "centralised-ink-supply" in [t.id for t in carbon]
