"""The built site in real headless Chromium: pages render, the language menu switches page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_case_page_and_language_switch(browser_page, served_site):
    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served_site + "cases/pilot-2007-cc-joint-printing/")
    assert page.locator("h1").inner_text().startswith("Printing works cuts VOC")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("a.md-select__link[hreflang='zh-Hant']").dispatch_event("click")
    page.wait_for_url("**/zh/cases/pilot-2007-cc-joint-printing/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert "活性炭" in page.locator("h1").inner_text()
    assert errors == []
