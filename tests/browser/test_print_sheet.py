"""The printed sheet of a page (A4, headless Chromium's PDF): the site's and programme's
names and the date of printing head it, every source is printed with its address, and the QR
code on the sheet decodes to the published (site_url) short link, not the local address."""

import datetime

import pytest
import zxingcpp

from browser.test_seminar_kit import (BASE, PREFIX, corpus, decode, print_pdf,  # noqa: F401 (corpus: fixture)
                                      squash)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PROGRAMME = {"en": "Cleaner Production Partnership Programme", "zh": "清潔生產伙伴計劃", "zh-Hans": "清洁生产伙伴计划"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def printed_on(lang: str, today: datetime.date) -> str:
    if lang == "en":
        return f"Printed on {today.day} {MONTHS[today.month - 1]} {today.year}"
    label = "列印日期：" if lang == "zh" else "打印日期："
    return f"{label}{today.year} 年 {today.month} 月 {today.day} 日"


@pytest.mark.parametrize("lang", sorted(PREFIX))
def test_case_sheet_has_names_date_source_addresses_and_the_published_qr(browser_page, served_site, corpus, lang):
    case = corpus.cases[0]
    before = datetime.date.today()
    reader = print_pdf(browser_page, f"{served_site}{PREFIX[lang]}cases/{case.id}/")
    after = datetime.date.today()
    assert len(reader.pages) == 1
    text = squash(reader.pages[0].extract_text())
    assert squash(PROGRAMME[lang]) in text
    assert any(squash(printed_on(lang, day)) in text for day in {before, after})
    for source in case.sources:
        if source.url:
            assert squash(source.url) in text, source.url
    src = browser_page.locator(".cp-share__qr img").evaluate("i => i.src")
    assert decode(browser_page, src) == [(zxingcpp.BarcodeFormat.QRCode, f"{BASE}{PREFIX[lang]}c/{case.id}/")]


def test_other_pages_print_their_published_address(browser_page, served_site):
    reader = print_pdf(browser_page, f"{served_site}zh/programme/funding/")
    text = squash(reader.pages[0].extract_text())
    assert squash("清潔生產伙伴計劃：個案及技術") in text
    assert f"{BASE}zh/programme/funding/" in text and served_site not in text
