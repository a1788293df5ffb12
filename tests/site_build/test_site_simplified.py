"""The Simplified Chinese edition of the real site, read back from the built HTML.

Every page exists in all three languages; Simplified pages are Simplified (OpenCC's own
Traditional -> Simplified conversion finds nothing left to change in what a reader sees);
the term table has been applied and official names have not been touched; each Simplified
page says it was converted and links to the Traditional page."""

import difflib
import re
from html.parser import HTMLParser

import opencc
import pytest

from conftest import ROOT
from generator.check import hans_words
from generator.check.validate import validate_project
from generator.core.project import Project
from generator.edition.simplify import CHARACTERS_CONFIG, TERMS_FILE, TermTable, name_parts, opencc_only
from generator.edition.write import official_names
from generator.site.linkcheck import Site

pytestmark = pytest.mark.slow

# Characters OpenCC's Traditional -> Simplified conversion would still change, allowed on
# Simplified pages, each with its reason. Text inside an element whose lang attribute names
# another language (the language menu's "繁體中文") is not Simplified text and is not checked.
ALLOWED: dict[str, str] = {}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TABLE = TermTable.load(ROOT / "data" / TERMS_FILE)
CHECKERS = [opencc.OpenCC(config) for config in ("t2s", "hk2s")]   # OpenCC's own T -> S conversions


class VisibleText(HTMLParser):
    """The text a reader sees, without scripts, styles, and parts marked as another language."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.lang, self.stack, self.parts = lang, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        hidden = tag in ("script", "style", "template") or attrs.get("lang", self.lang) != self.lang
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not any(hidden for _, hidden in self.stack):
            self.parts.append(data)


def visible_text(path, lang="zh-Hans") -> str:
    parser = VisibleText(lang)
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


@pytest.fixture(scope="module")
def site(built_site):
    return Site(built_site / "site")


@pytest.fixture(scope="module")
def simplified_pages(site):
    return [p for p in site.pages() if p.relative_to(site.root).parts[0] == "zh-Hans" and not site.is_redirect(p)]


def _edition(site, prefix):
    root = site.root / prefix if prefix else site.root
    skip = ("zh", "zh-Hans", "assets")
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if prefix or p.relative_to(root).parts[0] not in skip)


def test_every_page_exists_in_all_three_languages(site):
    english = _edition(site, "")          # each edition has its own 404.html too
    assert len(english) > 100 and "404.html" in english
    assert _edition(site, "zh") == english
    assert _edition(site, "zh-Hans") == english


def test_simplified_pages_say_zh_hans(site, simplified_pages):
    assert simplified_pages
    for page in simplified_pages:
        assert site.parse(page).lang == "zh-Hans", page
    assert 'hreflang="zh-Hans"' in (site.root / "sitemap.xml").read_text()


def _still_traditional(text: str) -> set[tuple[str, str]]:
    found = set()
    for checker in CHECKERS:
        converted = checker.convert(text)
        if converted == text:
            continue
        matcher = difflib.SequenceMatcher(None, text, converted, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                found.add((text[i1:i2], converted[j1:j2]))
    return found


def test_simplified_pages_have_no_character_left_to_convert(site, simplified_pages):
    left = {}
    for page in simplified_pages:
        for block in visible_text(page).split("\n"):
            for old, new in _still_traditional(block):
                if not set(old) <= set(ALLOWED):
                    left.setdefault(f"{old}->{new}", page.relative_to(site.root).as_posix())
    assert left == {}


def test_the_check_sees_traditional_text():
    """The check above is only worth something if it notices a Traditional page."""
    assert _still_traditional("每項數據均註明來源") == {("項數據", "项数据"), ("註", "注"), ("來", "来")}
    assert _still_traditional("每项数据均注明来源") == set()


def test_simplified_pages_announce_the_conversion_and_link_the_traditional_page(site, simplified_pages):
    for page in simplified_pages:
        html = page.read_text(encoding="utf-8")
        notice = re.search(r'<p class="cp-converted"[^>]*>\s*(.*?)</p>', html, re.S)
        assert notice and "自动转换" in notice.group(1), page
        href = re.search(r'<a href="([^"]+)" hreflang="zh-Hant">', notice.group(1)).group(1)
        target, _ = site.resolve(page, href)
        assert target == site.root / "zh" / page.relative_to(site.root / "zh-Hans"), page
    for page in (site.root / "index.html", site.root / "zh/index.html", site.root / "zh/cases/index.html"):
        assert "cp-converted" not in page.read_text() and "md-banner" not in page.read_text()


def _protected(text: str) -> str:
    """The text with official names and term exceptions blanked out."""
    corpus = validate_project(Project(ROOT)).corpus
    names = {opencc_only(part, CHARACTERS_CONFIG)
             for name in (*TABLE.keep, *official_names(corpus)) for part in name_parts(name)}
    for word in sorted(names | {w for t in TABLE.terms for w in t.exceptions}, key=len, reverse=True):
        text = text.replace(word, "□")
    return text


def test_term_table_is_applied_everywhere(site, simplified_pages):
    text = "\n".join(visible_text(page) for page in simplified_pages)
    open_text = _protected(text)
    # an occurrence that overlaps the term's own replacement is not a leftover (1 个案例)
    assert [t.source for t in TABLE.terms
            if any(not hans_words.within(open_text, m.start(), m.end(), t.exceptions, t.target)
                   for m in re.finditer(re.escape(t.source), open_text))] == []
    # terms the Traditional text of this site actually uses arrive in their mainland form
    assert "在本网站可以做什么" in text and "编辑此记录" in text and "语言菜单" in text
    assert "首页" in text and "通过分段供应空气" in text and "适用于单张纸" in text


def test_official_names_are_not_rewritten(site):
    pilot = visible_text(site.root / "zh-Hans/cases/pilot-2007-cc-joint-printing/index.html")
    assert "清洁生产技术支援试点项目" in pilot and "技术支持试点" not in pilot
    initiatives = visible_text(site.root / "zh-Hans/initiatives/index.html")
    assert "机构支援项目" in initiatives and "机构支持项目" not in initiatives


def test_interface_and_names_are_simplified(site):
    about = site.root / "zh-Hans/about/index.html"
    html = about.read_text(encoding="utf-8")
    assert "<title>关于本网站 - 清洁生产伙伴计划：案例及技术</title>" in html
    text = visible_text(about)
    assert "跳转至" in text and "回到页面顶部" in text          # Material's own Simplified strings
    assert "首页" in text and "按污染范畴" in text              # navigation titles, converted from zh
    assert "简体中文" in text and "繁體中文" not in text        # the menu's Traditional name is lang="zh-Hant"
    assert "edit/main/content/zh/about.md" in html and "content/zh-Hans/" not in html


def test_home_page_includes_the_simplified_counts(site):
    text = visible_text(site.root / "zh-Hans/index.html")
    assert re.search(r"\d+\s*个案", text) and "项技术" in text
