"""The page-not-found page of each edition, as a host serves it for a missing address under
that edition's prefix: in the reader's language, with a search box that leads to results, and
links home, to the catalogue lists and to the find page that all work from any depth."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EDITIONS = {
    "en": ("", "en", "Page not found", "heat pump", ["Home page", "All cases", "All technologies"]),
    "zh": ("zh/", "zh-Hant", "找不到網頁", "熱泵", ["主頁", "所有個案", "所有技術"]),
    "zh-Hans": ("zh-Hans/", "zh-Hans", "找不到网页", "热泵", ["首页", "所有案例", "所有技术"]),
}


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_not_found_page_speaks_the_editions_language(chromium, built_site, served_site, edition):
    prefix, lang, title, words, links = EDITIONS[edition]
    body = (built_site / "site" / prefix / "404.html").read_bytes()
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    missing = f"{served_site}{prefix}no/such/page/"
    # what a static host does for a missing address under the prefix (see README, "Publishing")
    page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8"))
    try:
        response = page.goto(missing)
        assert response.status == 404
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("h1").inner_text() == title
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for text in links:
            href = page.locator(".cp-404__links a", has_text=text).get_attribute("href")
            target = page.request.get(served_site + href.lstrip("/"))
            assert target.ok, (text, href)
        page.locator("#cp-404-q").fill(words)
        page.locator(".cp-404__search button").click()
        page.wait_for_url(f"**/{prefix}find/?q=*")
        page.wait_for_function("() => document.querySelector('[data-cp-find]').dataset.cpFindDone === location.search",
                               timeout=20000)
        assert page.locator(".cp-find__results li").count() > 0
    finally:
        context.close()
