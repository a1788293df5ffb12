"""What the header search box answers, as a reader sees it: excerpts quote the article's prose
(never a short link, a button label, a figures table or a keyword list), each result says its
kind in the reader's language, and a query with one word no page has still lists the pages
with the others."""

import re

import pytest
from browser.test_search import START, _open, search

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KINDS = {"en": {"Case", "Technology", "Programme", "Page"}, "zh": {"個案", "技術", "伙伴計劃", "網頁"},
         "zh-Hans": {"个案", "技术", "伙伴计划", "网页"}}
QUERIES = {"en": ["VOC", "heat pump", "printing", "activated carbon", "solvent fumes"],
           "zh": ["熱泵", "印刷", "揮發性有機化合物", "活性炭"], "zh-Hans": ["热泵", "印刷", "活性炭"]}
SHORT_LINK = re.compile(r"/[ct]/[a-z0-9]+-[a-z0-9-]+/")     # a record's short link, e.g. /c/cppp-partner-2012-voc-180t/
NOT_PROSE = ("Copy link", "複製連結", "复制链接", "Edit this record", "編輯此紀錄",
             "Figure Value Basis", "數值 數據性質", "数值 数据性质")


def _shown(page):
    return [(item.locator(".cp-search__kind").inner_text(), item.locator(".cp-search__excerpt").inner_text())
            for item in page.locator("#cp-search-results [role=option]").all()]


@pytest.mark.parametrize("lang", sorted(START))
def test_excerpts_are_prose_and_results_say_their_kind(browser_page, served_site, lang):
    errors = _open(browser_page, served_site + START[lang])
    for query in QUERIES[lang]:
        assert search(browser_page, query), query
        for kind, excerpt in _shown(browser_page):
            assert kind in KINDS[lang], (query, kind)
            assert excerpt.strip(), query
            assert not any(bad in excerpt for bad in NOT_PROSE) and not SHORT_LINK.search(excerpt), (query, excerpt)
            assert not re.search(r"HK\$[\d,]+\. (Reported|Estimated)", excerpt), (query, excerpt)
            if lang == "en":     # English pages quote English, even where they name a term in Chinese
                assert len(re.findall(r"[\u4e00-\u9fff]", excerpt)) <= 8, (query, excerpt)
    assert errors == []


def test_kinds_of_the_first_results(browser_page, served_site):
    _open(browser_page, served_site)
    search(browser_page, "heat pump")
    kinds = [kind for kind, _ in _shown(browser_page)]
    assert "Technology" in kinds and "Case" in kinds
    search(browser_page, "recognition scheme")
    assert "Programme" in [kind for kind, _ in _shown(browser_page)]


@pytest.mark.parametrize("lang,query,expected", [
    ("en", "heat pump levitation", "technologies/heat-pump-system/"),
    ("zh", "熱泵 levitation", "zh/technologies/heat-pump-system/"),
])
def test_one_unknown_word_does_not_empty_the_list(browser_page, served_site, lang, query, expected):
    _open(browser_page, served_site + START[lang])
    urls = search(browser_page, query)
    assert "/" + expected in urls[:5], urls
    note = {"en": "No page has every word", "zh": "沒有網頁包含所有字詞"}[lang]
    assert note in browser_page.locator("[data-cp-search-status]").inner_text()
    assert search(browser_page, "qwxzvk") == []       # a single unknown word still finds nothing
