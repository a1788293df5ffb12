"""The technology comparison page in a real browser: the address is the state (load, choose,
reload, share), every edition has it, it fits a phone and prints on one A4 sheet."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PREFIX = {"en": "", "zh": "zh/", "zh-Hans": "zh-Hans/"}
IDS = ["regenerative-thermal-oxidiser", "uv-photolysis"]


def _names(page):
    return [h.inner_text() for h in page.locator(".cp-compare__card h2").all()]


@pytest.mark.parametrize("lang", sorted(PREFIX))
def test_address_round_trip(browser_page, served_site, lang):
    page = browser_page
    page.goto(f"{served_site}{PREFIX[lang]}technologies/compare/?ids={','.join(IDS)},no-such-id", wait_until="load")
    assert page.locator(".cp-compare__card").count() == 2
    first = _names(page)
    page.locator(".cp-compare__choose > summary").click()
    page.locator("input[value='ifas-mox']").check()
    assert page.evaluate("location.search") == f"?ids={','.join(IDS)},ifas-mox"
    assert page.locator(".cp-compare__card").count() == 3
    page.reload(wait_until="load")
    assert _names(page)[:2] == first and page.locator(".cp-compare__card").count() == 3
    page.locator(".cp-compare__choose > summary").click()
    page.locator("input[value='uv-photolysis']").uncheck()
    assert page.evaluate("location.search") == "?ids=regenerative-thermal-oxidiser,ifas-mox"


def test_at_most_four_and_a_link_from_each_technology_page(browser_page, served_site):
    page = browser_page
    page.goto(f"{served_site}technologies/uv-photolysis/", wait_until="load")
    link = page.locator("a.cp-compare-link")
    assert link.get_attribute("href").endswith("/technologies/compare/?ids=uv-photolysis")
    link.click()
    page.wait_for_load_state("load")
    assert _names(page) == ["UV photolysis (UV degradation)"]
    assert "Choose at least two" in page.locator(".cp-compare__status").inner_text()
    assert page.locator(".cp-compare__choose").get_attribute("open") is not None   # open: fewer than two
    for tech in ("regenerative-thermal-oxidiser", "ifas-mox", "bio-filtration"):
        page.locator(f"input[value='{tech}']").check()
    assert page.locator(".cp-compare__card").count() == 4
    assert page.locator("input[value='heat-pump-system']").is_disabled()


def test_fits_a_phone_and_prints_on_one_sheet(chromium, served_site):
    context = chromium.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{served_site}zh/technologies/compare/?ids={','.join(IDS)}", wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.set_viewport_size({"width": 1280, "height": 900})
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
        assert "蓄熱式熱氧化爐" in text and "紫外線光解" in text
    finally:
        context.close()
