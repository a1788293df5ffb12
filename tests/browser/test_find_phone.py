"""The find page on a 390 px phone: the number of matches and the first results are on the
first screen, the filters are folded into a panel whose summary says how many are chosen;
on a wide screen the panel is open."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = {"en": ("", "1 chosen"), "zh": ("zh/", "已選 1 項"), "zh-Hans": ("zh-Hans/", "已选 1 项")}


def _done(page):
    page.wait_for_function("() => document.querySelector('[data-cp-find]').dataset.cpFindDone === (location.search || '?')",
                           timeout=20000)


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_first_results_on_the_first_phone_screen(chromium, served_site, lang):
    prefix, chosen = LANGS[lang]
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(served_site + prefix + "find/?sector=printing")
        _done(page)
        panel = page.locator(".cp-find__panel")
        assert panel.get_attribute("open") is None
        assert page.locator(".cp-find__facets").is_hidden()
        assert chosen in page.locator(".cp-find__panel > summary").inner_text()
        status = page.locator(".cp-find__status").bounding_box()
        first = page.locator(".cp-find__results li").first.bounding_box()
        third = page.locator(".cp-find__results li").nth(2).bounding_box()
        assert any(ch.isdigit() for ch in page.locator(".cp-find__status").inner_text())   # the count
        assert status["y"] + status["height"] <= 844 and third["y"] + third["height"] <= 844, (status, first, third)
        page.locator(".cp-find__panel > summary").click()
        assert page.locator("label[for='cp-find-sector-printing']").is_visible()
    finally:
        context.close()


def test_filters_are_open_on_a_wide_screen(browser_page, served_site):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(served_site + "find/")
    _done(page)
    assert page.locator(".cp-find__panel").get_attribute("open") is not None
    assert page.locator("label[for='cp-find-sector-printing']").is_visible()
