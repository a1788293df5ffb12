"""Atom feeds and the sitemap: they parse, list every case and every page, take their dates from
git (not the clock), and two builds of one commit give the same bytes."""

import gzip
import hashlib
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

import gitrepo
from conftest import FIXTURES, ROOT, copy_project, mkdocs_build
from generator.check.validate import validate_project
from generator.core import history, memo
from generator.core.labels import labels
from generator.core.project import Project
from generator.model import catalogue
from generator.publish import feeds, files
from generator.core.siteinfo import from_settings
from generator.site.config import load as load_site
from generator.site.linkcheck import Site
from generator.site.sitemap import sitemap_files, sitemap_xml

A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://cpsite.example.org/"
PREFIX = {"en": "", "zh": "zh/"}


def _entries(path):
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{A}feed" and feed.find(f"{A}id").text and feed.find(f"{A}updated").text
    return feed, [(e.find(f"{A}id").text, e.find(f"{A}link").get("href"), e.find(f"{A}published").text,
                   e.find(f"{A}updated").text) for e in feed.findall(f"{A}entry")]


@pytest.fixture(scope="module")
def corpus():
    return validate_project(Project(ROOT)).corpus


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_feeds_list_every_case(built_site, corpus, lang):
    site = built_site / "site" / PREFIX[lang]
    _, entries = _entries(site / "feeds" / "cases.xml")
    assert sorted(e[0] for e in entries) == sorted(f"{BASE}{PREFIX[lang]}c/{c.id}/" for c in corpus.cases)
    for _, href, _, _ in entries:
        page = built_site / "site" / href[len(BASE):] / "index.html"
        assert page.is_file(), href
    for facet, keys_of in (("sectors", lambda c: [c.sector]), ("pollutants", lambda c: list(c.pollutants))):
        for key in corpus.vocab[facet].terms:
            _, entries = _entries(site / "feeds" / facet / f"{key}.xml")
            want = sorted(f"{BASE}{PREFIX[lang]}c/{c.id}/" for c in corpus.cases if key in keys_of(c))
            assert sorted(e[0] for e in entries) == want, (facet, key)



@pytest.mark.parametrize("keeping", [False, True])
def test_feeds_are_laid_out_as_one_indented_tree(corpus, keeping, monkeypatch):
    """Each case's entry is made once and set into every feed that lists it: the feed reads as
    ElementTree indents a whole feed, and an entry is the same in every feed."""
    monkeypatch.setattr(memo, "_enabled", [keeping])
    site = load_site(ROOT)
    built = history.build_date(ROOT)
    dates = files.case_dates(Project(ROOT), corpus, built)
    for lang in ("en", "zh"):
        made = feeds.feed_files(corpus, catalogue.build(corpus).facets, dates, site, labels(lang), lang, built)
        entries = {}
        for path, text in made.items():
            head, _, body = text.partition("\n")
            body = body.replace(f' xmlns="{A[1:-1]}"', "", 1)      # read as plain tags, written back alike
            tree = ET.fromstring(body)
            ET.indent(tree)
            assert body == ET.tostring(tree, encoding="unicode") + "\n", path
            for entry in tree.findall("entry"):
                entry.tail = None           # the last entry's line ends differently
                printed = ET.tostring(entry)
                assert entries.setdefault(entry.find("id").text, printed) == printed
        assert len(entries) == len(corpus.cases)


@pytest.mark.slow
def test_feed_is_linked_from_the_pages(built_site):
    html = (built_site / "site/sectors/printing/index.html").read_text()
    assert 'href="../../feeds/sectors/printing.xml"' in html
    assert 'href="../feeds/cases.xml"' in (built_site / "site/zh/cases/index.html").read_text()


def _site_pages(site):
    """Every page a visitor can land on: all HTML files except the 404 page and redirects."""
    pages, parsed = set(), Site(site)
    for path in site.rglob("index.html"):
        if parsed.is_redirect(path):
            continue
        folder = path.parent.relative_to(site).as_posix()
        pages.add(BASE if folder == "." else f"{BASE}{folder}/")
    return pages


@pytest.mark.slow
def test_sitemap_lists_every_page_with_its_alternates(built_site, corpus):
    site = built_site / "site"
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = {u.find(f"{SM}loc").text: {link.get("hreflang"): link.get("href") for link in u.findall(f"{XHTML}link")}
            for u in root.findall(f"{SM}url")}
    assert set(urls) == _site_pages(site)
    site_info = load_site(ROOT)          # languages from mkdocs.yml extra.hreflang
    for case in corpus.cases:
        want = {site_info.tag(lang): site_info.absolute(lang, f"cases/{case.id}/") for lang in site_info.languages}
        want["x-default"] = f"{BASE}cases/{case.id}/"
        for lang in site_info.languages:
            assert urls[site_info.absolute(lang, f"cases/{case.id}/")] == want
    assert {"en", "zh-Hant", "x-default"} <= set(want)
    assert all(len(alternates) == len(site_info.languages) + 1 for alternates in urls.values())
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    dates = {u.find(f"{SM}lastmod").text for u in root.findall(f"{SM}url")}
    assert len(dates) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates.pop())   # the build date


def test_sitemap_takes_languages_from_extra_hreflang():
    site = from_settings("https://x.example/", {"hreflang": {"en": "en", "zh": "zh-Hant", "zh-hans": "zh-Hans"}},
                         [("en", True), ("zh", False), ("zh-hans", False)])
    text = sitemap_xml(["", "zh/", "zh-hans/", "about/", "zh-hans/about/", "zh/only-here/"], site)
    root = ET.fromstring(text)
    urls = {u.find(f"{SM}loc").text: {link.get("hreflang"): link.get("href") for link in u.findall(f"{XHTML}link")}
            for u in root.findall(f"{SM}url")}
    assert urls["https://x.example/zh-hans/"] == {"en": "https://x.example/", "zh-Hant": "https://x.example/zh/",
                                                  "zh-Hans": "https://x.example/zh-hans/",
                                                  "x-default": "https://x.example/"}
    assert urls["https://x.example/about/"] == {"en": "https://x.example/about/",
                                                "zh-Hans": "https://x.example/zh-hans/about/",
                                                "x-default": "https://x.example/about/"}
    assert urls["https://x.example/zh/only-here/"] == {}     # no translation: no alternates
    assert text == sitemap_xml(reversed(["", "zh/", "zh-hans/", "about/", "zh-hans/about/", "zh/only-here/"]), site)



def test_the_dev_servers_kept_sitemap_follows_the_pages(monkeypatch):
    """In the dev server a sitemap is kept while the pages are the same; a new page, a new
    date or a new address gives a new one, equal to one made from nothing."""
    site = from_settings("https://x.example/", {"hreflang": {"en": "en", "zh": "zh-Hant"}}, [("en", True), ("zh", False)])
    monkeypatch.setattr(memo, "_enabled", [True])
    first = sitemap_files(["", "zh/", "about/"], site, "2024-01-02")
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"] == sitemap_xml(["", "zh/", "about/"], site, "2024-01-02").encode()
    assert sitemap_files(["about/", "", "zh/"], site, "2024-01-02") is first
    other = from_settings("https://y.example/", {"hreflang": {"en": "en", "zh": "zh-Hant"}}, [("en", True), ("zh", False)])
    for urls, where, date in ((["", "zh/", "about/", "zh/about/"], site, "2024-01-02"),
                              (["", "zh/", "about/"], site, "2024-01-03"), (["", "zh/", "about/"], other, "2024-01-02")):
        made = sitemap_files(urls, where, date)
        monkeypatch.setattr(memo, "_enabled", [False])
        assert made == sitemap_files(urls, where, date) and made != first
        monkeypatch.setattr(memo, "_enabled", [True])


@pytest.fixture
def dated_project(tmp_path, monkeypatch):
    """The fixture records in a git repository: everything committed on 2 Jan 2023 (Hong Kong
    time), fx-case-minimal added on 4 March 2024, fx-case-full edited on 6 May 2024."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = copy_project(tmp_path / "repo", records_from=FIXTURES / "project")
    minimal = project / "cases" / "fx-case-minimal.yaml"
    text = minimal.read_text()
    minimal.unlink()
    gitrepo.init(project)
    gitrepo.commit(project, "records", "2023-01-02T03:04:05+08:00")
    minimal.write_text(text)
    gitrepo.commit(project, "add a case", "2024-03-04T05:06:07+00:00", "cases/fx-case-minimal.yaml")
    full = project / "cases" / "fx-case-full.yaml"
    full.write_text(full.read_text().replace("background: {en: Before.", "background: {en: Before it."))
    gitrepo.commit(project, "edit a case", "2024-05-06T07:08:09+00:00", "cases/fx-case-full.yaml")
    return project


def test_dates_come_from_the_commits(dated_project):
    built = history.build_date(dated_project)
    assert history.iso(built) == "2024-05-06T07:08:09Z"
    dates = history.record_dates(dated_project, {"fx-case-full": ["cases/fx-case-full.yaml"],
                                                 "fx-case-minimal": ["cases/fx-case-minimal.yaml"],
                                                 "renamed": ["cases/new-name.yaml", "cases/fx-case-minimal.yaml"],
                                                 "uncommitted": ["cases/not-yet.yaml"]}, built)
    assert (history.iso(dates["fx-case-full"].published), history.iso(dates["fx-case-full"].updated)) == \
        ("2023-01-01T19:04:05Z", "2024-05-06T07:08:09Z")
    assert history.iso(dates["fx-case-minimal"].published) == history.iso(dates["fx-case-minimal"].updated) \
        == "2024-03-04T05:06:07Z"
    assert dates["renamed"] == dates["fx-case-minimal"]
    assert dates["uncommitted"] == history.Dates(built, built)


@pytest.mark.slow
def test_feed_dates_and_order_follow_git(dated_project):
    assert mkdocs_build(dated_project).returncode == 0
    feed, entries = _entries(dated_project / "site" / "feeds" / "cases.xml")
    assert feed.find(f"{A}updated").text == "2024-05-06T07:08:09Z"
    assert entries == [
        (f"{BASE}c/fx-case-minimal/", f"{BASE}cases/fx-case-minimal/", "2024-03-04T05:06:07Z", "2024-03-04T05:06:07Z"),
        (f"{BASE}c/fx-case-full/", f"{BASE}cases/fx-case-full/", "2023-01-01T19:04:05Z", "2024-05-06T07:08:09Z"),
    ]
    _, textiles = _entries(dated_project / "site" / "zh" / "feeds" / "sectors" / "textiles.xml")
    assert [e[0] for e in textiles] == [f"{BASE}zh/c/fx-case-full/"]
    _, empty = _entries(dated_project / "site" / "feeds" / "sectors" / "paper.xml")
    assert empty == []


def _digest(folder):
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.mark.slow
def test_two_builds_of_one_commit_are_byte_identical(dated_project, tmp_path):
    sites = []
    for name in ("first", "second"):
        clone = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(dated_project), str(clone)], check=True, capture_output=True)
        result = mkdocs_build(clone)
        assert result.returncode == 0, result.stderr[-2000:]
        sites.append(_digest(clone / "site"))
    assert sites[0] == sites[1]
    assert {"sitemap.xml", "sitemap.xml.gz", "data/cases.json", "feeds/cases.xml", "c/fx-case-full/qr.svg"} <= set(sites[0])
