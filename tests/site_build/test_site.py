"""End-to-end: the real records built with `mkdocs build --strict`, read back as a visitor would."""

import re

import pytest
import yaml

from conftest import ROOT, copy_project, failed_rebuild
from generator.check.validate import validate_project
from generator.core.project import Project
from generator.edition.write import simplifier_for
from generator.site.linkcheck import Site

pytestmark = pytest.mark.slow
LANG_PREFIX = {"en": "", "zh": "zh/", "zh-Hans": "zh-Hans/"}
HTML_LANG = {"en": "en", "zh": "zh-Hant", "zh-Hans": "zh-Hans"}
PREFIX_OF_TAG = {HTML_LANG[lang]: prefix for lang, prefix in LANG_PREFIX.items()}


@pytest.fixture(scope="module")
def corpus():
    return validate_project(Project(ROOT)).corpus


@pytest.fixture(scope="module")
def site(built_site):
    return Site(built_site / "site")


def test_every_record_has_a_page_in_each_language(site, corpus):
    simplified = simplifier_for(Project(ROOT), corpus)
    for lang, prefix in LANG_PREFIX.items():
        for kind, records in (("cases", corpus.cases), ("technologies", corpus.technologies)):
            for record in records:
                page = site.root / f"{prefix}{kind}/{record.id}/index.html"
                assert page.is_file(), page
                parsed = site.parse(page)
                assert parsed.lang == HTML_LANG[lang]
                title = (record.title if kind == "cases" else record.name)[lang]
                title = simplified.convert(title) if lang == "zh-Hans" else title
                assert f"<h1" in page.read_text() and title.split()[0] in page.read_text()


def test_language_switcher_leads_to_the_same_page(site):
    checked = 0
    for page in site.pages():
        rel = page.relative_to(site.root).as_posix()
        if rel.endswith("404.html") or site.is_redirect(page):   # its menu leads to each home page
            continue
        base = rel.split("/", 1)[1] if rel.startswith(("zh/", "zh-Hans/")) else rel
        switch = [(href, a) for href, a in site.parse(page).links if "md-select__link" in a.get("class", "")]
        assert {a["hreflang"] for _, a in switch} == {"en", "zh-Hant", "zh-Hans"}, rel
        for href, attrs in switch:
            target, _ = site.resolve(page, href)
            want = site.root / (PREFIX_OF_TAG[attrs["hreflang"]] + base)
            assert target == want, f"{rel}: {href}"
            assert target.is_file()
            checked += 1
    assert checked > 300


def test_no_page_links_to_a_missing_page_or_anchor(site):
    assert site.broken_links() == []


def _case_links(site, page):
    return {href.rstrip("/").split("/")[-1] for href, _ in site.parse(page).links
            if re.search(r"(^|/)cases/[a-z0-9-]+/$", href) and "md-select__link" not in _.get("class", "")}


def test_catalogue_counts_equal_the_records(site, corpus):
    vocab = {n: yaml.safe_load((ROOT / "data" / f"{n}.yaml").read_text()) for n in ("sectors", "pollutants")}
    for lang, prefix in LANG_PREFIX.items():
        for term in vocab["sectors"]["terms"]:
            want = {c.id for c in corpus.cases if c.sector == term["key"]}
            assert _case_links(site, site.root / f"{prefix}sectors/{term['key']}/index.html") == want
        for term in vocab["pollutants"]["terms"]:
            want = {c.id for c in corpus.cases if term["key"] in c.pollutants}
            assert _case_links(site, site.root / f"{prefix}pollutants/{term['key']}/index.html") == want
        for year in {c.year for c in corpus.cases}:
            want = {c.id for c in corpus.cases if c.year == year}
            assert _case_links(site, site.root / f"{prefix}years/{year}/index.html") == want
        home = (site.root / f"{prefix}index.html").read_text()
        assert re.search(rf'href="cases/">{len(corpus.cases)}</a>', home)
        assert re.search(rf'href="technologies/">{len(corpus.technologies)}</a>', home)


def test_matrix_cells_count_cases(site, corpus):
    page = site.root / "sectors/index.html"
    html = page.read_text()
    for sector in {c.sector for c in corpus.cases}:
        for pollutant in {p for c in corpus.cases for p in c.pollutants}:
            n = sum(1 for c in corpus.cases if c.sector == sector and pollutant in c.pollutants)
            if n:
                # the cell leads to the pollutant area's page, to its group of this sector's cases
                assert f'href="../pollutants/{pollutant}/#{sector}">{n}</a>' in html
                target = (site.root / "pollutants" / pollutant / "index.html").read_text()
                assert f'<h2 id="{sector}">' in target


def test_case_page_shows_figures_with_basis_and_source(site):
    html = (site.root / "cases/pilot-2007-cc-joint-printing/index.html").read_text()
    assert "HK$300,000" in html and "up to HK$100,000" in html and "about 500,000 pieces" in html
    assert html.count('href="#source-chinadaily-2007"') == 7
    assert 'id="source-chinadaily-2007"' in html
    assert "edit/main/cases/pilot-2007-cc-joint-printing.yaml" in html
    zh = (site.root / "zh/cases/pilot-2007-cc-joint-printing/index.html").read_text()
    assert "300,000 港元" in zh and "最多 100,000 港元" in zh and "報稱" in zh and "估算" in zh


def _edit(rel: str, change):
    def edit(project):
        path = project / rel
        path.write_text(change(path.read_text()))
    return edit


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    record = "cases/cppp-dp-2009-metal-heat-pump.yaml"
    result = failed_rebuild(copy_project(tmp_path / "p"),
                            _edit(record, lambda text: text.replace("sector: metal", "sector: metals")))
    assert f"{record}:" in result.stderr and "E203" in result.stderr


def test_strict_warning_also_leaves_previous_site_untouched(tmp_path):
    result = failed_rebuild(copy_project(tmp_path / "p"),
                            _edit("content/en/about.md", lambda text: text + "\n[broken](no-such-page.md)\n"))
    assert "no-such-page.md" in result.stderr


def test_hand_written_pages_exist_in_both_languages():
    def tree(lang):
        return sorted(p.relative_to(ROOT / "content" / lang).as_posix()
                      for p in (ROOT / "content" / lang).rglob("*.md")
                      if not any(p.relative_to(ROOT / "content" / lang).as_posix().startswith(d + "/")
                                 for d in ("cases", "technologies", "sectors", "pollutants", "initiatives",
                                           "years", "locations")))
    assert tree("en") == tree("zh")
