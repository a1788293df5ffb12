"""Search in real headless Chromium, as a visitor types it into the header search box."""

import shutil

import pytest

from conftest import StaticServer
from generator.search_index import index_site
from generator.search_script import converter

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# (query, page that must be among the first five results), per language of the page searched from
QUERIES = {
    "en": [
        ("heat pump", "technologies/heat-pump-system/"),
        ("heat pump", "cases/cppp-dp-2009-metal-heat-pump/"),
        ("zeol", "technologies/zeolite-rotor-rto/"),
        ("activated carbon", "technologies/activated-carbon-adsorption/"),
        ("carbon filter", "technologies/activated-carbon-adsorption/"),        # an alias
        ("regenerative thermal", "technologies/regenerative-thermal-oxidiser/"),
        ("RTO", "technologies/regenerative-thermal-oxidiser/"),
        ("VOC", "cases/cppp-partner-2012-voc-180t/"),
        ("VOCs", "cases/cppp-partner-2012-voc-180t/"),
        ("volatile organic compounds", "cases/cppp-partner-2012-voc-180t/"),
        ("solvent fumes", "pollutants/air-voc/"),                               # a synonym only
        ("printing VOC", "cases/pilot-2007-cc-joint-printing/"),
        ("energy efficiency", "pollutants/energy-saving/"),
    ],
    "zh": [
        ("熱泵", "zh/technologies/heat-pump-system/"),
        ("熱泵", "zh/cases/cppp-dp-2009-metal-heat-pump/"),
        ("活性炭", "zh/technologies/activated-carbon-adsorption/"),
        ("沸石", "zh/technologies/zeolite-rotor-rto/"),
        ("節能", "zh/technologies/energy-efficient-lighting/"),
        ("有機廢氣", "zh/pollutants/air-voc/"),                                 # a synonym only
        ("蓄熱式熱氧化", "zh/technologies/regenerative-thermal-oxidiser/"),
        ("VOC 處理", "zh/technologies/activated-carbon-adsorption/"),
        ("揮發性有機化合物", "zh/pollutants/air-voc/"),
        ("揮發性有機物", "zh/pollutants/air-voc/"),                            # the page says 揮發性有機化合物
        ("印刷廠", "zh/cases/pilot-2007-cc-joint-printing/"),
        ("热泵", "zh/technologies/heat-pump-system/"),                         # Simplified
        ("蓄热式热氧化", "zh/technologies/regenerative-thermal-oxidiser/"),     # Simplified
        ("挥发性有机物", "zh/pollutants/air-voc/"),                             # Simplified synonym
        ("heat pump", "zh/technologies/heat-pump-system/"),
    ],
}
START = {"en": "", "zh": "zh/"}


def search(page, query: str) -> list[str]:
    """Type into the header box; the result links in order, as shown."""
    page.locator("#cp-search-input").fill(query)
    page.wait_for_function("q => document.querySelector('[data-cp-search]').dataset.cpSearchDone === q",
                           arg=query, timeout=15000)
    return [a.get_attribute("href") for a in page.locator("#cp-search-results [role=option]").all()]


def _open(page, url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    page.keyboard.press("/")
    return errors


@pytest.mark.parametrize("lang", sorted(QUERIES))
def test_query_set(browser_page, served_site, lang):
    errors = _open(browser_page, served_site + START[lang])
    misses = []
    for query, expected in QUERIES[lang]:
        urls = search(browser_page, query)
        if "/" + expected not in urls[:5]:
            misses.append((query, expected, urls[:5]))
        # results are pages of this language only
        assert all(u.startswith("/zh/") == (lang == "zh") for u in urls), (query, urls)
    assert misses == []
    assert errors == []


def test_each_language_searches_its_own_pages(browser_page, served_site):
    _open(browser_page, served_site)
    english = search(browser_page, "熱泵")              # English pages that show the Chinese name
    assert english and not any(u.startswith("/zh/") for u in english)
    _open(browser_page, served_site + "zh/about/")
    chinese = search(browser_page, "activated carbon")
    assert chinese and all(u.startswith("/zh/") for u in chinese)
    assert search(browser_page, "no-such-word-anywhere") == []
    assert browser_page.locator("[data-cp-search-status]").inner_text() == "找不到結果"


def test_keyboard(browser_page, served_site):
    page = browser_page
    page.goto(served_site + "about/")
    box = page.locator("#cp-search-input")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-label") == "Search"
    assert page.locator("#cp-search-results").get_attribute("role") == "listbox"
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.id") == "cp-search-input"
    assert box.get_attribute("aria-expanded") == "true" and page.locator("#__search").is_checked()
    assert box.input_value() == ""                      # the key focused the box, it was not typed
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") != "cp-search-input"
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "cp-search-input"
    page.keyboard.type("heat pump")
    page.wait_for_function("() => document.querySelector('[data-cp-search]').dataset.cpSearchDone === 'heat pump'")
    options = page.locator("#cp-search-results [role=option]")
    assert options.count() >= 3
    assert "result" in page.locator("[data-cp-search-status]").inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    second = options.nth(1)
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    assert options.nth(0).get_attribute("aria-selected") == "false"
    target = second.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + target)
    assert page.locator("h1").count() == 1


def test_enter_without_a_result_opens_the_find_page(browser_page, served_site):
    page = browser_page
    page.goto(served_site + "zh/")
    page.keyboard.press("/")
    page.keyboard.type("沒有這個詞")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zh/find/?q=*")
    assert page.locator("#cp-find-q").input_value() == "沒有這個詞"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_looks_like_material_in_light_and_dark(chromium, served_site, scheme):
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(served_site)
    page.keyboard.press("/")
    search(page, "heat pump")
    colours = page.evaluate("""() => {
      const bg = (el) => getComputedStyle(el).backgroundColor;
      return {page: bg(document.body), results: bg(document.querySelector('.md-search__scrollwrap')),
              form: bg(document.querySelector('.md-search__form')),
              title: getComputedStyle(document.querySelector('.cp-search__title')).color,
              text: getComputedStyle(document.body).color}
    }""")
    context.close()
    assert colours["results"] == colours["page"] == colours["form"]   # Material's own surface colours
    assert colours["title"] == colours["text"]
    dark = colours["page"] != "rgb(255, 255, 255)"
    assert dark == (scheme == "dark")


def test_traditional_query_on_a_simplified_edition(browser_page, built_site, tmp_path):
    """The other way round: a Simplified edition made here from the built Chinese pages
    (as the zh-Hans edition will be), indexed by the same step; Traditional queries find it."""
    site = tmp_path / "site"
    shutil.copytree(built_site / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    to_simplified = converter("hk2s")
    for page in sorted((built_site / "site" / "zh").rglob("*.html")):
        target = site / "zh-Hans" / page.relative_to(built_site / "site" / "zh")
        target.parent.mkdir(parents=True, exist_ok=True)
        html = to_simplified.convert(page.read_text(encoding="utf-8")).replace('lang="zh-Hant"', 'lang="zh-Hans"')
        target.write_text(html, encoding="utf-8")
    assert index_site(site, built_site)["zh-hans"] > 100
    server = StaticServer(site)
    try:
        _open(browser_page, server.url + "zh-Hans/")
        for query, expected in [("熱泵", "technologies/heat-pump-system/"), ("热泵", "technologies/heat-pump-system/"),
                                ("揮發性有機物", "cases/cppp-partner-2012-voc-180t/"),
                                ("蓄熱式熱氧化", "technologies/regenerative-thermal-oxidiser/")]:
            urls = search(browser_page, query)
            assert "/zh-Hans/" + expected in urls[:5], (query, urls)
            assert all(u.startswith("/zh-Hans/") for u in urls)
        assert browser_page.locator("[data-cp-search-status]").inner_text().startswith("共")
    finally:
        server.close()
