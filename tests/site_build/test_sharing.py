"""Short links, QR codes and link previews on the built site, as a visitor (or a chat app that
fetches a pasted link) sees them."""

import json
import re
from html.parser import HTMLParser

import pytest

from conftest import ROOT, mkdocs_build
from generator.check.validate import validate_project
from generator.core.project import Project
from generator.pages import sharing
from generator.site.linkcheck import Site

pytestmark = pytest.mark.slow
BASE = "https://cpsite.example.org/"
PREFIX = {"en": "", "zh": "zh/", "zh-Hans": "zh-Hans/"}
KINDS = (("cases", "c"), ("technologies", "t"))


class Head(HTMLParser):
    """The parts of a page that link previews read: meta tags and JSON-LD."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.jsonld, self._in_jsonld = {}, [], False
        self.refresh = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("http-equiv")
            self.meta[key] = attrs.get("content")
        self._in_jsonld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(json.loads(data))
            self._in_jsonld = False


def head(path):
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def corpus():
    return validate_project(Project(ROOT)).corpus


@pytest.fixture(scope="module")
def site(built_site):
    return Site(built_site / "site")


def _records(corpus, kind):
    return corpus.cases if kind == "cases" else corpus.technologies


def _title(record, kind, lang):
    return (record.title if kind == "cases" else record.name)[lang]


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hans"])
def test_short_link_leads_to_the_page_in_the_same_language(site, corpus, lang):
    for kind, short in KINDS:
        for record in _records(corpus, kind):
            redirect = site.root / PREFIX[lang] / short / record.id / "index.html"
            target = re.search(r'content="0; url=([^"]+)"', redirect.read_text()).group(1)
            page, _ = site.resolve(redirect, target)
            assert page == site.root / PREFIX[lang] / kind / record.id / "index.html"
            assert head(redirect).meta["robots"] == "noindex"


@pytest.mark.parametrize("lang", ["en", "zh", "zh-Hans"])
def test_page_shows_the_short_link_and_its_qr_code(site, corpus, lang):
    for kind, short in KINDS:
        for record in _records(corpus, kind):
            page = site.root / PREFIX[lang] / kind / record.id / "index.html"
            html = page.read_text(encoding="utf-8")
            url = f"{BASE}{PREFIX[lang]}{short}/{record.id}/"
            link = re.search(r'<a class="cp-shortlink" href="([^"]+)">([^<]+)</a>', html)
            assert link.group(2) == url
            assert site.resolve(page, link.group(1))[0] == site.root / PREFIX[lang] / short / record.id / "index.html"
            assert f'data-copy="{url}"' in html and " hidden>" in html   # the script reveals the button
            qr = re.search(r'<img src="([^"]+qr\.svg)" alt="([^"]+)"', html)
            qr_file, _ = site.resolve(page, qr.group(1))
            assert qr_file == site.root / PREFIX[lang] / short / record.id / "qr.svg"
            assert url in qr.group(2)
            if lang == "zh-Hans":   # its title is converted; the browser test decodes it
                assert qr_file.read_text(encoding="utf-8") != (site.root / "zh" / short / record.id / "qr.svg").read_text()
                continue
            # same bytes as a fresh rendering of the same address: deterministic
            title = _title(record, kind, lang)
            label = "QR code: {title}" if lang == "en" else "二維碼：{title}"
            assert qr_file.read_text(encoding="utf-8") == sharing.qr_svg(url, label.format(title=title))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_link_previews_and_structured_data(site, corpus, lang):
    for kind, _ in KINDS:
        for record in _records(corpus, kind):
            page = site.root / PREFIX[lang] / kind / record.id / "index.html"
            meta = head(page)
            url = f"{BASE}{PREFIX[lang]}{kind}/{record.id}/"
            title = _title(record, kind, lang)
            assert meta.meta["og:title"] == title and meta.meta["og:url"] == url
            assert meta.meta["og:type"] == "article" and meta.meta["twitter:card"] == "summary"
            assert meta.meta["og:description"] == meta.meta["description"] and meta.meta["description"]
            assert meta.meta["og:site_name"]
            [data] = meta.jsonld
            assert data["@context"] == "https://schema.org" and data["url"] == url
            assert data["@type"] == ("Article" if kind == "cases" else "TechArticle")
            assert data["headline"] == title and data["inLanguage"] == ("en" if lang == "en" else "zh-Hant")
            assert [c["name"] for c in data["citation"]] == [s.title for s in record.sources]
    home = head(site.root / PREFIX[lang] / "index.html")
    assert home.meta["og:type"] == "website" and home.jsonld == [] and home.meta["og:title"]


def test_quotes_in_a_record_stay_text_in_previews(fixture_project):
    record = fixture_project / "cases" / "fx-case-minimal.yaml"
    record.write_text(record.read_text().replace("summary: {en: Only the required fields.",
                                                 """summary: {en: 'He said "up to 90%" & left'"""))
    assert mkdocs_build(fixture_project).returncode == 0
    meta = head(fixture_project / "site/cases/fx-case-minimal/index.html")
    assert meta.meta["description"] == meta.meta["og:description"] == 'He said "up to 90%" & left'
    assert meta.jsonld[0]["description"] == 'He said "up to 90%" & left'
