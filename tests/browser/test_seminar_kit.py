"""The seminar kit in real headless Chromium: QR codes decode to the short links, a case page
prints on exactly one A4 page with its title and short link, and the copy button copies."""

import base64
import io
import re
import unicodedata

import pytest
import zxingcpp
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, StaticServer, copy_project, mkdocs_build
from generator.check.validate import validate_project
from generator.core.project import Project

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BASE = "https://cpsite.example.org/"
PREFIX = {"en": "", "zh": "zh/", "zh-Hans": "zh-Hans/"}
A4 = (595.28, 841.89)   # points
HEADER = {"en": "Cleaner Production Partnership Programme: cases and technologies",
          "zh": "清潔生產伙伴計劃：個案及技術", "zh-Hans": "清洁生产伙伴计划：案例及技术"}
EDIT = {"en": "Edit this record", "zh": "編輯此紀錄", "zh-Hans": "编辑此纪录"}

# Draws an image on a white canvas at twice its size and returns grey levels (base64).
RASTERISE = """async (src) => {
  const img = new Image(); img.src = src; await img.decode();
  const w = img.naturalWidth * 2, h = img.naturalHeight * 2;
  const canvas = document.createElement('canvas'); canvas.width = w; canvas.height = h;
  const ctx = canvas.getContext('2d'); ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  const rgba = ctx.getImageData(0, 0, w, h).data; let grey = '';
  for (let i = 0; i < w * h; i++) grey += String.fromCharCode(rgba[4 * i]);
  return [w, h, btoa(grey)];
}"""


@pytest.fixture(scope="module")
def corpus():
    return validate_project(Project(ROOT)).corpus


def decode(page, src):
    width, height, grey = page.evaluate(RASTERISE, src)
    found = zxingcpp.read_barcodes(memoryview(base64.b64decode(grey)).cast("B", shape=(height, width)))
    return [(code.format, code.text) for code in found]


def test_every_qr_code_decodes_to_its_short_link(browser_page, served_site, corpus):
    page = browser_page
    page.goto(served_site)
    checked = 0
    for lang, prefix in PREFIX.items():
        for short, records in (("c", corpus.cases), ("t", corpus.technologies)):
            for record in records:
                url = f"{BASE}{prefix}{short}/{record.id}/"
                assert decode(page, f"{served_site}{prefix}{short}/{record.id}/qr.svg") == \
                    [(zxingcpp.BarcodeFormat.QRCode, url)]
                checked += 1
    assert checked == 3 * (len(corpus.cases) + len(corpus.technologies))


def test_qr_code_on_the_page_is_the_one_of_the_page(browser_page, served_site, corpus):
    page = browser_page
    case = corpus.cases[0]
    page.goto(f"{served_site}zh/cases/{case.id}/")
    img = page.locator(".cp-share__qr img")
    assert img.is_visible() and img.evaluate("i => i.naturalWidth") > 0
    src = img.evaluate("i => i.src")
    assert decode(page, src) == [(zxingcpp.BarcodeFormat.QRCode, f"{BASE}zh/c/{case.id}/")]


def print_pdf(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_function("[...document.images].every(i => i.complete)")
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))


def squash(text):
    """Text without white space, and with the ligatures a PDF font may use (ﬁ, ﬃ) spelt out."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def check_sheet(reader, title, short_url, lang, must_show=()):
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - A4[0]) < 1 and abs(float(box.height) - A4[1]) < 1
    text = squash(reader.pages[0].extract_text())
    assert squash(title) in text
    assert short_url in text
    for shown in must_show:
        assert squash(shown) in text, shown
    assert squash(HEADER[lang]) in text and squash(EDIT[lang]) not in text   # the site's name heads the sheet


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hans"])
def test_case_page_prints_on_one_a4_page(browser_page, served_site, corpus, lang):
    for case in corpus.cases:
        reader = print_pdf(browser_page, f"{served_site}{PREFIX[lang]}cases/{case.id}/")
        shown = [s.title for s in case.sources]
        if lang != "zh-Hans":   # the Simplified page's own wording is checked by its title below
            shown.append(corpus.vocab["sectors"].label(case.sector, lang))
        title = browser_page.locator("h1").inner_text().rstrip("¶").strip()
        if lang != "zh-Hans":
            assert title == case.title[lang]
        check_sheet(reader, title, f"{BASE}{PREFIX[lang]}c/{case.id}/", lang, shown)


def test_print_sheet_shows_figures_with_units_and_sources(browser_page, served_site):
    reader = print_pdf(browser_page, f"{served_site}cases/pilot-2007-cc-joint-printing/")
    text = squash(reader.pages[0].extract_text())
    for shown in ("HK$300,000", "upto HK$100,000", "about500,000pieces", "30%", "Reported", "Estimated",
                  "HKfirmsinPRDmoreeco-friendly", "Activatedcarbonadsorption"):
        assert squash(shown) in text, shown
    assert squash("In November 2006 the Hong Kong Productivity Council") not in text   # narrative left out


LARGE_CASE = """# yaml-language-server: $schema=../schema/case.schema.json
# Test record made at run time: a case with many figures, to check the one-page print sheet.
id: fx-case-large
title:
  en: A synthetic case with a long title that needs two lines on the printed sheet of an A4 page
  zh: 一個標題很長的測試個案，在 A4 紙的列印頁上需要用兩行才能顯示完整標題
summary:
  en: {summary_en}
  zh: {summary_zh}
sector: textiles
pollutants: [air-voc, energy-saving, effluent]
technologies: [fx-heat-pump, fx-zeolite]
initiative: dp-ii
year: 2024
location: dongguan
company: Synthetic Test Company Limited
figures:
  investment:
{money}
  annual_saving:
{money}
  payback:
    - {{years: 2.5, basis: estimated, source: s1}}
  reductions:
{reductions}
sources:
  - {{id: s1, title: First synthetic source with a fairly long title, publisher: Publisher One, url: "https://example.org/1", date: 2024-01-01}}
  - {{id: s2, title: Second synthetic source with a fairly long title, publisher: Publisher Two, url: "https://example.org/2", date: 2024-02-01}}
  - {{id: s3, title: 第三個測試來源的標題, publisher: 出版者丙, document: 文件丙第 3 段, date: 2024-03}}
"""


def large_case(figures_per_kind):
    money = "\n".join(f"    - {{amount: {100000 * (n + 1)}, basis: reported, source: s{n % 3 + 1}, "
                      f"scope: {{en: Part {n + 1} of the project, zh: 項目第 {n + 1} 部分}}}}"
                      for n in range(figures_per_kind))
    reductions = "\n".join(f"    - {{quantity: {10 * (n + 1)}, unit: tonne, what: voc, basis: measured, "
                           f"period: annual, source: s{n % 3 + 1}, scope: {{en: Line {n + 1}, zh: 第 {n + 1} 號線}}}}"
                           for n in range(figures_per_kind))
    return LARGE_CASE.format(summary_en="A synthetic case used only by the tests. " * 6,
                             summary_zh="只供測試使用的個案。" * 8, money=money, reductions=reductions)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The fixture records plus a large synthetic case (19 figures, each with a scope: the most
    that fit on one A4 sheet, see benchmarks/print_sheet.py), built and served."""
    project = copy_project(tmp_path_factory.mktemp("print") / "project", records_from=FIXTURES / "project")
    (project / "cases" / "fx-case-large.yaml").write_text(large_case(6), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    server = StaticServer(project / "site")
    yield server.url
    server.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case_id,title", [
    ("fx-case-full", {"en": "Fixture case with *every* field", "zh": "測試個案（所有欄位）"}),
    ("fx-case-large", {"en": "A synthetic case with a long title that needs two lines on the printed sheet",
                       "zh": "一個標題很長的測試個案"}),
])
def test_long_cases_still_print_on_one_page(browser_page, fixture_site, lang, case_id, title):
    reader = print_pdf(browser_page, f"{fixture_site}{PREFIX[lang]}cases/{case_id}/")
    check_sheet(reader, title[lang], f"{BASE}{PREFIX[lang]}c/{case_id}/", lang)


def test_copy_button_copies_the_short_link(chromium, served_site, corpus):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        case = corpus.cases[0]
        page.goto(f"{served_site}zh/cases/{case.id}/")
        button = page.locator("button.cp-copy")
        assert button.is_visible() and button.inner_text() == "複製連結"
        button.click()
        page.wait_for_function("document.querySelector('.cp-copy-status').textContent.length > 0")
        assert page.evaluate("navigator.clipboard.readText()") == f"{BASE}zh/c/{case.id}/"
        assert page.locator(".cp-copy-status").inner_text() == "已複製連結。"
    finally:
        context.close()


def test_without_javascript_the_short_link_is_a_plain_visible_link(chromium, served_site, corpus):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        tech = corpus.technologies[0]
        page.goto(f"{served_site}technologies/{tech.id}/")
        link = page.locator("a.cp-shortlink")
        assert link.is_visible() and link.inner_text() == f"{BASE}t/{tech.id}/"
        assert not page.locator("button.cp-copy").is_visible()
        link.click()
        page.wait_for_url(f"**/technologies/{tech.id}/")   # the short link's redirect works without script
    finally:
        context.close()
