"""No sideways scrolling on a phone: every HTML page of the built site, in every edition, at
360 and 390 CSS pixels wide, must be no wider than the screen, and nothing on it may scroll
sideways inside it (a table in Material's scrolling wrapper is sideways scrolling too).

One browser, one page object: each page is loaded once at 360 px, measured, widened to 390 px
and measured again. Short-link pages (a meta refresh to the record's page) are served with the
refresh taken out, so the stub itself is measured and the browser does not move on. A page
that is too wide is named with the widest elements that stick out past the right edge.
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (360, 390)
REFRESH = re.compile(rb'<meta http-equiv="refresh"[^>]*>', re.I)

# What sticks out: the innermost elements whose right edge passes the viewport, with their width.
OFFENDERS_JS = """() => {
  const w = document.documentElement.clientWidth, found = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 1) continue;
    if (getComputedStyle(el).position === 'fixed') continue;
    if ([...el.children].some(c => c.getBoundingClientRect().right > w + 1)) continue;
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (el.className && typeof el.className === 'string') name += '.' + el.className.trim().split(/\\s+/).join('.');
    found.push(`${name} (${Math.round(r.right)} px)`);
    if (found.length >= 3) break;
  }
  return found;
}"""


# Sideways scrolling inside the page: a visible box that scrolls horizontally (Material wraps
# every table in one, so a wide table scrolls there instead of widening the document).
SCROLLERS_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(s.overflowX) || el.clientWidth === 0) continue;
    if (el.scrollWidth <= el.clientWidth + 1 || el.closest('pre, [hidden]')) continue;
    const inner = el.querySelector('table') || el.firstElementChild || el;
    let name = inner.tagName.toLowerCase();
    const h = el.closest('.md-content') && [...document.querySelectorAll('.md-content h2, .md-content h1')]
      .filter(x => x.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    found.push(`${name} scrolls ${el.scrollWidth - el.clientWidth} px${h ? ' under "' + h.textContent.trim().slice(0, 40) + '"' : ''}`);
  }
  return found;
}"""


def html_pages(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def too_wide(page, base: str, pages: list[str]) -> list[str]:
    """Every page wider than any of WIDTHS, with what sticks out."""
    found = []
    for rel in pages:
        page.set_viewport_size({"width": WIDTHS[0], "height": 780})
        page.goto(base + rel, wait_until="load")
        for width in WIDTHS:
            if width != WIDTHS[0]:
                page.set_viewport_size({"width": width, "height": 780})
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                found.append(f"{rel} at {width} px: {scroll} px wide; {', '.join(page.evaluate(OFFENDERS_JS))}")
            scrollers = page.evaluate(SCROLLERS_JS)
            if scrollers:
                found.append(f"{rel} at {width} px: {'; '.join(scrollers)}")
    return found


def strip_refresh(route):
    response = route.fetch()
    body = response.body()
    route.fulfill(response=response, body=REFRESH.sub(b"", body))


def test_no_page_scrolls_sideways_on_a_phone(chromium, built_site, served_site):
    pages = html_pages(built_site / "site")
    assert len(pages) > 300 and {"index.html", "zh/index.html", "zh-Hans/index.html"} <= set(pages)
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 780}, device_scale_factor=1,
                                   is_mobile=True, has_touch=True)
    page = context.new_page()
    page.route(re.compile(r".*/(c|t)/[^/]+/(index\.html)?$"), strip_refresh)
    try:
        found = too_wide(page, served_site, pages)
    finally:
        context.close()
    assert found == [], f"{len(found)} page views scroll sideways:\n" + "\n".join(found)


@pytest.mark.parametrize("prefix,query", [("", "heat pump"), ("zh/", "熱泵"), ("zh-Hans/", "热泵")])
def test_open_search_with_results_fits_the_phone(chromium, served_site, prefix, query):
    """The header search open with its results: nothing runs off the right edge (Material's
    growing overlay circle and the language menu once made the page three screens wide)."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(served_site + prefix)
        page.locator("label.md-header__button[for=__search]").first.click()
        page.locator("#cp-search-input").fill(query)
        page.wait_for_function("q => document.querySelector('[data-cp-search]').dataset.cpSearchDone === q", arg=query)
        assert page.locator("#cp-search-results [role=option]").count() > 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.evaluate(OFFENDERS_JS)
        right = page.evaluate("Math.max(...[...document.querySelectorAll('.cp-search__excerpt')].map(e => e.getBoundingClientRect().right))")
        assert right <= 390
    finally:
        context.close()
