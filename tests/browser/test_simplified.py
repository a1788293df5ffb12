"""The Simplified Chinese edition in real headless Chromium: the page renders in Simplified
with its notice, and the language menu leads to the same page in every language and back."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CASE = "cases/pilot-2007-cc-joint-printing/"


def test_simplified_page_notice_and_language_menu(browser_page, served_site):
    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served_site + "zh-Hans/" + CASE)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "活性炭" in page.locator("h1").inner_text()
    notice = page.locator(".md-banner .cp-converted")
    assert notice.is_visible() and "自动转换" in notice.inner_text()

    notice.locator("a").click()                      # the notice leads to the Traditional page
    page.wait_for_url("**/zh/" + CASE)
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.locator(".cp-converted").count() == 0

    page.locator("a.md-select__link[hreflang='zh-Hans']").dispatch_event("click")
    page.wait_for_url("**/zh-Hans/" + CASE)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"

    page.locator("a.md-select__link[hreflang='en']").dispatch_event("click")
    page.wait_for_url(served_site + CASE)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Printing works cuts VOC")

    page.locator("a.md-select__link[hreflang='zh-Hans']").dispatch_event("click")
    page.wait_for_url("**/zh-Hans/" + CASE)
    assert page.locator("a.md-select__link[aria-current='true']").get_attribute("hreflang") == "zh-Hans"
    assert errors == []


def test_language_menu_shows_three_languages(browser_page, served_site):
    page = browser_page
    page.goto(served_site + "zh-Hans/")
    page.locator(".md-header__option .md-select").hover()
    items = page.locator("a.md-select__link")
    assert items.all_inner_texts() == ["English", "繁體中文", "简体中文"]
    assert items.nth(2).is_visible()
