"""The search index in the build output: every page indexed once, in its own language only,
page content only, with the filter values of its record; and the query data per language."""

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from generator.check.validate import validate_project
from generator.core.project import Project
from generator.search.index import EXCLUDE, indexable_copy, read_fragments
from generator.search.stable import stabilise
from generator.site.linkcheck import Site

pytestmark = pytest.mark.slow
INDEX_LANG = {"en": "en", "zh-Hant": "zh-hant", "zh-Hans": "zh-hans"}
EDITION = {"zh-hant": "/zh/", "zh-hans": "/zh-Hans/"}


@pytest.fixture(scope="module")
def site(built_site):
    return Site(built_site / "site")


@pytest.fixture(scope="module")
def fragments(built_site):
    return read_fragments(built_site / "site")


def _url(site, page):
    rel = page.relative_to(site.root).as_posix()
    return "/" + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)


def test_every_page_is_indexed_once_in_its_own_language_only(site, fragments):
    indexed = {}
    for lang, records in fragments.items():
        for record in records:
            assert record["url"] not in indexed, f"{record['url']} indexed twice"
            indexed[record["url"]] = lang
    expected = {}
    for page in site.pages():
        if page.relative_to(site.root).parts[0] in ("pagefind", "assets"):
            continue
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in html:
            expected[_url(site, page)] = INDEX_LANG[site.parse(page).lang]
    assert len(expected) > 200
    assert indexed == expected
    for lang, prefix in EDITION.items():
        assert {l for url, l in indexed.items() if url.startswith(prefix)} == {lang}
    assert {l for url, l in indexed.items() if not url.startswith(tuple(EDITION.values()))} == {"en"}


def test_pages_that_are_not_content_are_not_indexed(site, fragments):
    urls = {record["url"] for records in fragments.values() for record in records}
    assert "/404.html" not in urls
    redirects = [p for p in site.pages() if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")]
    assert not {_url(site, p) for p in redirects} & urls


def test_only_the_article_is_indexed(fragments, site):
    """Navigation, header, search box and footer stay out; so do lists of other pages."""
    home = (site.root / "index.html").read_text(encoding="utf-8")
    site_name = re.search(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', home).group(1)
    for lang, records in fragments.items():
        for record in records:
            content = record["content"].replace("\u200b", "")
            assert site_name not in content, record["url"]
            assert "Table of contents" not in content, record["url"]
            assert "Edit this record" not in content and "編輯此紀錄" not in content, record["url"]
            assert "¶" not in content and "¶" not in record["meta"]["title"], record["url"]
    related = next(r for r in fragments["en"] if r["url"] == "/cases/pilot-2007-cc-joint-printing/")
    assert "Related cases" not in related["content"]
    assert "Programme participant cuts VOC" not in related["content"]   # a related case's title


def test_pages_carry_the_synonyms_of_what_they_are_about(fragments, site):
    """As text of the index, not of the page."""
    page = (site.root / "zh/cases/pilot-2007-cc-joint-printing/index.html").read_text(encoding="utf-8")
    assert 'data-cp-keywords="' in page and "<p>揮發性有機化合物, 揮發性有機物" not in page
    by_url = {r["url"]: r for records in fragments.values() for r in records}
    content = by_url["/zh/cases/pilot-2007-cc-joint-printing/"]["content"].replace("\u200b", "")
    for term in ("揮發性有機物", "有機廢氣", "VOC", "節能", "活性炭過濾"):      # air-voc, energy-saving, a technology
        assert term in content
    content = by_url["/pollutants/air-voc/"]["content"].replace("\u200b", "")
    assert "solvent fumes" in content and "VOCs" in content


def test_record_pages_carry_their_facets(fragments):
    corpus = validate_project(Project(ROOT)).corpus
    by_url = {r["url"]: r for records in fragments.values() for r in records}
    for prefix in ("/", "/zh/"):
        for case in corpus.cases:
            filters = by_url[f"{prefix}cases/{case.id}/"]["filters"]
            want = {"kind": ["case"], "sector": [case.sector], "pollutant": sorted(case.pollutants),
                    "initiative": [case.initiative], "year": [str(case.year)]}
            if case.location:
                want["location"] = [case.location]
            assert {k: sorted(v) for k, v in filters.items()} == want
        for tech in corpus.technologies:
            filters = by_url[f"{prefix}technologies/{tech.id}/"]["filters"]
            assert filters["kind"] == ["technology"]
            assert sorted(filters["pollutant"]) == sorted(tech.pollutants)
            assert sorted(filters.get("sector", [])) == sorted(tech.sectors)
    assert not any("kind" in r["filters"] for url, r in by_url.items() if "/cases/" not in url
                   and "/technologies/" not in url)


def test_query_data_per_language(built_site):
    folder = built_site / "site" / "assets" / "search"
    assert sorted(p.name for p in folder.iterdir()) == ["en-records.json", "en.json", "zh-hans-records.json",
                                                         "zh-hans.json", "zh-hant-records.json", "zh-hant.json"]
    hans = json.loads((folder / "zh-hans.json").read_text())
    assert "".join(hans["fold"]["chars"].get(c, c) for c in "熱泵") == "热泵"
    zh = json.loads((folder / "zh-hant.json").read_text())
    assert zh["script"] == "hant"
    assert "".join(zh["fold"]["chars"].get(c, c) for c in "热泵") == "熱泵"
    assert zh["strings"]["search_none"] == "找不到結果"
    en = json.loads((folder / "en.json").read_text())
    assert en["strings"]["search_none"] == "No results"


def _files(site, folder):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / folder).rglob("*")) if p.is_file()}


def test_index_is_the_same_on_every_build(built_site, tmp_path):
    """Byte for byte: Pagefind 1.5.2 writes filter files in hash-map order, which
    search_stable puts in one canonical order (and names) after every run."""
    project = copy_project(tmp_path / "p")
    assert mkdocs_build(project).returncode == 0
    first, second = built_site / "site", project / "site"
    assert _files(first, "assets/search") == _files(second, "assets/search")
    assert _files(first, "pagefind") == _files(second, "pagefind")


def test_find_page_records(built_site, fragments):
    """The records of the find page, in its order, and the positions carrying each value."""
    corpus = validate_project(Project(ROOT)).corpus
    for lang, prefix in (("en", "/"), ("zh-hant", "/zh/"), ("zh-hans", "/zh-Hans/")):
        data = json.loads((built_site / "site" / "assets" / "search" / f"{lang}-records.json").read_text())
        url = {r["id"]: r["url"] for r in fragments[lang]}
        urls = [url[i] for i in data["ids"]]
        cases = sorted(corpus.cases, key=lambda c: (-c.year, c.id))
        assert urls[:len(cases)] == [f"{prefix}cases/{c.id}/" for c in cases]
        assert sorted(urls[len(cases):]) == sorted(f"{prefix}technologies/{t.id}/" for t in corpus.technologies)

        def carrying(facet, value):
            at, out = -1, []
            for delta in data["facets"][facet][value]:
                at += delta
                out.append(urls[at])
            return sorted(out)
        assert carrying("pollutant", "air-voc") == sorted(
            [f"{prefix}cases/{c.id}/" for c in corpus.cases if "air-voc" in c.pollutants]
            + [f"{prefix}technologies/{t.id}/" for t in corpus.technologies if "air-voc" in t.pollutants])
        assert carrying("year", "2009") == [f"{prefix}cases/{c.id}/" for c in corpus.cases if c.year == 2009]


def test_the_index_made_one_language_at_a_time_is_what_one_pagefind_run_makes(built_site, tmp_path):
    """run_pagefind indexes each page language in its own Pagefind run (a third of the
    memory) and joins the outputs: the joined index must be, file for file, the index one run
    over every page gives."""
    site = built_site / "site"
    counts = indexable_copy(site, tmp_path / "by-language")
    assert set(counts) == {"en", "zh-Hant", "zh-Hans"}
    together = tmp_path / "together"
    for lang in counts:         # the languages' pages have different paths: one folder holds all
        shutil.copytree(tmp_path / "by-language" / lang, together, dirs_exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(together),
                           "--output-path", str(tmp_path / "one-run"), "--exclude-selectors", EXCLUDE],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    stabilise(tmp_path / "one-run")

    def files(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    ours, one_run = files(site / "pagefind"), files(tmp_path / "one-run")
    assert sorted(ours) == sorted(one_run)
    assert [name for name in ours if ours[name] != one_run[name]] == []
    entry = json.loads(ours["pagefind-entry.json"])
    assert sorted(entry["languages"]) == ["en", "zh-hans", "zh-hant"]
    assert all(info["page_count"] > 50 for info in entry["languages"].values())
