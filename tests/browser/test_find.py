"""The find page in real headless Chromium: facets with counts, combined, kept in the address;
synonyms find the same pages; without JavaScript the catalogue lists are there."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ROOT
from generator.check.validate import validate_project
from generator.core.project import Project

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus():
    return validate_project(Project(ROOT)).corpus


def _wait(page):
    page.wait_for_function("() => document.querySelector('[data-cp-find]').dataset.cpFindDone === (location.search || '?')",
                           timeout=20000)


def _open(page, url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    _wait(page)
    return errors


def _results(page):
    while page.locator(".cp-find__more").is_visible():
        before = page.locator(".cp-find__results li").count()
        page.locator(".cp-find__more").click()
        page.wait_for_function("n => document.querySelectorAll('.cp-find__results li').length > n", arg=before)
    return [a.get_attribute("href") for a in page.locator(".cp-find__results a").all()]


def _count(page, facet, value):
    text = page.locator(f"label[for='cp-find-{facet}-{value}'] [data-count]").inner_text()
    return int(re.fullmatch(r"\((\d+)\)", text).group(1))


def _click(page, facet, value):
    page.locator(f"label[for='cp-find-{facet}-{value}']").click()
    page.wait_for_function("() => location.search.length > 1")
    _wait(page)


def test_counts_are_the_records(browser_page, served_site, corpus):
    page = browser_page
    errors = _open(page, served_site + "find/")
    n = len(corpus.cases) + len(corpus.technologies)
    assert page.locator(".cp-find__status").inner_text() == f"{n} results"
    assert len(_results(page)) == n
    assert _count(page, "kind", "case") == len(corpus.cases)
    assert _count(page, "kind", "technology") == len(corpus.technologies)
    for sector in corpus.vocab["sectors"].terms:
        if page.locator(f"#cp-find-sector-{sector}").count():
            want = sum(c.sector == sector for c in corpus.cases) + sum(sector in t.sectors for t in corpus.technologies)
            assert _count(page, "sector", sector) == want, sector
    for case in corpus.cases:
        assert _count(page, "year", case.year) == sum(c.year == case.year for c in corpus.cases)
    # newest case first, technologies after the cases
    urls = _results(page)
    newest = sorted(corpus.cases, key=lambda c: -c.year)[0]
    assert urls[0] == f"/cases/{newest.id}/"
    assert all("/technologies/" in u for u in urls[len(corpus.cases):])
    assert errors == []


def test_facets_combine_and_the_address_keeps_them(browser_page, chromium, served_site, corpus):
    page = browser_page
    _open(page, served_site + "find/")
    _click(page, "kind", "case")
    assert sorted(_results(page)) == sorted(f"/cases/{c.id}/" for c in corpus.cases)
    _click(page, "pollutant", "energy-saving")
    want = sorted(f"/cases/{c.id}/" for c in corpus.cases if "energy-saving" in c.pollutants)
    assert sorted(_results(page)) == want
    # OR within a facet: a second sector widens, and each count says what ticking it would give
    sectors = sorted({c.sector for c in corpus.cases if "energy-saving" in c.pollutants})
    for sector in sectors:
        assert _count(page, "sector", sector) == sum(c.sector == sector and "energy-saving" in c.pollutants
                                                     for c in corpus.cases)
    _click(page, "sector", sectors[0])
    _click(page, "sector", sectors[1])
    assert sorted(_results(page)) == want
    query = parse_qs(urlsplit(page.url).query)
    assert sorted(query) == ["kind", "pollutant", "sector"]
    assert query["kind"] == ["case"] and query["pollutant"] == ["energy-saving"]
    assert sorted(query["sector"]) == sectors[:2]
    shown = page.locator(".cp-find__status").inner_text()
    # the same address in a new browser (as from a slide) opens the same list
    other = chromium.new_context().new_page()
    _open(other, page.url)
    assert other.locator("#cp-find-kind-case").is_checked()
    assert other.locator("#cp-find-pollutant-energy-saving").is_checked()
    assert all(other.locator(f"#cp-find-sector-{s}").is_checked() for s in sectors[:2])
    assert not other.locator("#cp-find-kind-technology").is_checked()
    assert _results(other) == _results(page)
    assert other.locator(".cp-find__status").inner_text() == shown
    other.context.close()
    # clearing empties the address
    page.locator(".cp-find__clear").click()
    page.wait_for_function("() => location.search === ''")
    _wait(page)
    assert page.locator("input[type=checkbox]:checked").count() == 0


def test_words_and_facets_in_chinese(browser_page, served_site, corpus):
    page = browser_page
    _open(page, served_site + "zh/find/?q=%E7%86%B1%E6%B3%B5&kind=technology")   # 熱泵
    assert page.locator("#cp-find-q").input_value() == "熱泵"
    urls = _results(page)
    assert "/zh/technologies/heat-pump-system/" in urls
    assert all(u.startswith("/zh/technologies/") for u in urls)
    assert page.locator(".cp-find__status").inner_text() == f"共 {len(urls)} 項結果"
    page.locator("#cp-find-q").fill("热泵")                                        # Simplified
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '热泵'")
    _wait(page)
    assert "/zh/technologies/heat-pump-system/" in _results(page)
    meta = page.locator(".cp-find__meta").first.inner_text()
    assert meta.startswith("技術")


@pytest.mark.parametrize("lang,terms", [
    ("en", ["VOC", "VOCs", "volatile organic compounds", "solvent fumes"]),
    ("zh", ["揮發性有機化合物", "揮發性有機物", "有機廢氣", "VOC", "挥发性有机物"]),
])
def test_synonyms_find_the_same_cases(browser_page, served_site, corpus, lang, terms):
    """Every case of the VOC pollutant area, whichever name of it is searched."""
    want = sorted(f"/{'zh/' if lang == 'zh' else ''}cases/{c.id}/" for c in corpus.cases if "air-voc" in c.pollutants)
    page = browser_page
    found = {}
    for term in terms:
        _open(page, served_site + ("zh/" if lang == "zh" else "") + "find/?kind=case&q=" + term)
        found[term] = sorted(_results(page))
    assert found == {term: want for term in terms}


def test_without_javascript_the_catalogue_lists_work(chromium, served_site):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "find/")
    assert not page.locator(".cp-find__form").is_visible()
    assert not page.locator(".md-search").is_visible()
    link = page.get_by_role("link", name="by sector")
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/sectors/")
    assert page.locator("h1").inner_text().startswith("Sectors")
    context.close()


@pytest.mark.parametrize("lang", ["", "zh/", "zh-Hans/"])
def test_sort_by_removal_efficiency_shows_figures_and_stays_in_the_address(browser_page, served_site, corpus, lang):
    from generator.pages.figures import sort_values

    page = browser_page
    assert _open(page, f"{served_site}{lang}find/?kind=technology&sort=removal") == []
    hrefs = _results(page)
    removal = {t.id: sort_values(t, 0)["removal"] for t in corpus.technologies if "removal" in sort_values(t, 0)}
    assert removal, "no technology has a removal efficiency"
    top = [urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in hrefs[:len(removal)]]
    assert set(top) == set(removal)      # the technologies with the figure come first ...
    assert [removal[x] for x in top] == sorted(removal.values(), reverse=True)   # ... highest first
    assert len(hrefs) == len(corpus.technologies)
    assert page.locator(".cp-find__meta").first.inner_text().count("%") >= 1
    assert page.locator("#cp-find-sort").input_value() == "removal"
    page.select_option("#cp-find-sort", "cases")
    page.wait_for_function("() => location.search.includes('sort=cases')")
    _wait(page)
