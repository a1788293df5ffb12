"""The seminar kit page of each edition (/kit/): every case and technology as a card with its
short link and a QR code that decodes to it, a sheet of cards on paper, and the download of
every QR code as SVG and PNG."""

import base64
import io
import zipfile

import pytest
import zxingcpp

from browser.test_seminar_kit import BASE, PREFIX, corpus, decode  # noqa: F401 (corpus: fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _short_urls(corpus, prefix):
    return ({f"{BASE}{prefix}c/{c.id}/" for c in corpus.cases}
            | {f"{BASE}{prefix}t/{t.id}/" for t in corpus.technologies})


@pytest.mark.parametrize("lang", sorted(PREFIX))
def test_kit_page_has_a_card_per_record_with_its_short_link_and_qr(browser_page, served_site, corpus, lang):
    page = browser_page
    page.goto(f"{served_site}{PREFIX[lang]}kit/", wait_until="networkidle")
    urls = page.locator(".cp-kit__url").all_inner_texts()
    assert sorted(urls) == sorted(_short_urls(corpus, PREFIX[lang]))
    for card in page.locator(".cp-kit__card").all()[:3] + page.locator(".cp-kit__card").all()[-2:]:
        src = card.locator("img").evaluate("i => i.src")
        url = card.locator(".cp-kit__url").inner_text()
        assert decode(page, src) == [(zxingcpp.BarcodeFormat.QRCode, url)]
        href = card.locator("a").get_attribute("href")
        assert page.request.get(page.url + href).ok
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.mark.parametrize("lang", sorted(PREFIX))
def test_every_qr_code_downloads_as_svg_and_png(browser_page, served_site, corpus, lang):
    page = browser_page
    page.goto(f"{served_site}{PREFIX[lang]}kit/")
    href = page.locator("a[download]").get_attribute("href")
    data = page.request.get(page.url + href).body()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    expected = {f"case-{c.id}" for c in corpus.cases} | {f"technology-{t.id}" for t in corpus.technologies}
    assert sorted(names) == sorted(f"{stem}.{ext}" for stem in expected for ext in ("png", "svg"))
    archive = zipfile.ZipFile(io.BytesIO(data))
    case = corpus.cases[0]
    png = archive.read(f"case-{case.id}.png")
    assert png.startswith(b"\x89PNG")
    src = "data:image/png;base64," + base64.b64encode(png).decode()
    assert decode(page, src) == [(zxingcpp.BarcodeFormat.QRCode, f"{BASE}{PREFIX[lang]}c/{case.id}/")]
