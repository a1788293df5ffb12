"""Links never break: former ids become redirect pages, every published URL still resolves,
and `cpsite check-site` finds broken links. Renames happen in throw-away copies."""

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, StaticServer, copy_project, cpsite, mkdocs_build
from generator.build.generate import generate
from generator.core.project import Project
from generator.publish.urls import URL_LIST, read_urls, record_urls
from generator.site.config import load as load_site
from generator.site.linkcheck import broken_links, site_urls

OLD, NEW = "cppp-dp-2009-metal-heat-pump", "cppp-dp-2009-metal-heat-pumps"


def rename(project: Path, keep_old_address: bool) -> None:
    old = project / f"cases/{OLD}.yaml"
    text = old.read_text().replace(f"id: {OLD}\n", f"id: {NEW}\n" + (f"former_ids: [{OLD}]\n" if keep_old_address else ""))
    (project / f"cases/{NEW}.yaml").write_text(text)
    old.unlink()


def test_former_ids_get_redirect_pages_that_go_away_with_them(tmp_path):
    project = copy_project(tmp_path / "p")
    rename(project, keep_old_address=True)
    generate(Project(project), load_site(project))
    en = (project / f"content/en/cases/{OLD}/index.html").read_text()
    zh = (project / f"content/zh/cases/{OLD}/index.html").read_text()
    assert f'<meta http-equiv="refresh" content="0; url=../{NEW}/">' in en
    assert f'<link rel="canonical" href="../{NEW}/">' in en
    assert '<html lang="en">' in en and "<title>More efficient heat pumps at a metal-processing plant</title>" in en
    assert '<html lang="zh-Hant">' in zh and "<title>金屬加工廠引入更高效的熱泵</title>" in zh
    record = project / f"cases/{NEW}.yaml"
    record.write_text(record.read_text().replace(f"former_ids: [{OLD}]\n", ""))
    _, changes = generate(Project(project), load_site(project))
    assert not (project / f"content/en/cases/{OLD}").exists()
    assert project / f"content/en/cases/{OLD}/index.html" in changes.removed


def _mini_site(root: Path) -> Path:
    site = root / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">a</a> <a href="a/#here">here</a> <a href="a/#gone">gone</a>'
                                     '<a href="missing/">missing</a> <a href="https://example.org/">out</a>')
    (site / "a/index.html").write_text('<h2 id="here">Here</h2><link rel="canonical" href="../">')
    return site


def test_check_site_reports_broken_links_and_lost_addresses(tmp_path):
    project = tmp_path / "p"
    site = _mini_site(project)
    assert broken_links(site) == ["index.html -> a/#gone (no such anchor)", "index.html -> missing/ (no such page)"]
    assert site_urls(site) == ["/", "/a/"]
    (project / "data").mkdir()
    (project / URL_LIST).write_text("# published\n/\n/a/\n/old/\n")
    result = cpsite(project, "check-site", str(site))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "broken link: index.html -> a/#gone (no such anchor)",
        "broken link: index.html -> missing/ (no such page)",
        "published URL /old/ has no page: it was removed or renamed without a redirect "
        "(list the old id in the record's former_ids)"]
    (site / "index.html").write_text('<a href="a/#here">here</a>')
    (site / "old").mkdir()
    (site / "old/index.html").write_text('<meta http-equiv="refresh" content="0; url=../a/"><link rel="canonical" href="../a/">')
    (site / "new").mkdir()
    (site / "new/index.html").write_text("<p>new</p>")
    unlisted = cpsite(project, "check-site", str(site))
    assert unlisted.returncode == 1
    assert unlisted.stdout.strip() == f"page /new/ is not in {URL_LIST} (run `cpsite check-site --update-urls`)"
    assert cpsite(project, "check-site", str(site), "--update-urls").returncode == 0
    assert read_urls(Project(project)) == ["/", "/a/", "/new/", "/old/"]
    ok = cpsite(project, "check-site", str(site))
    assert ok.returncode == 0 and ok.stderr.startswith("OK: 4 page(s)")
    assert cpsite(project, "check-site", str(tmp_path / "nowhere")).returncode == 2


@pytest.mark.slow
def test_every_published_url_of_this_repository_resolves(built_site):
    listed = read_urls(Project(ROOT))
    assert len(listed) > 200 and "/cases/pilot-2007-cc-joint-printing/" in listed and "/zh/about/" in listed
    shutil.copy(ROOT / URL_LIST, built_site / URL_LIST)
    result = cpsite(built_site, "check-site", "site")
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.slow
def test_rename_with_and_without_former_id(tmp_path):
    kept = copy_project(tmp_path / "kept")
    rename(kept, keep_old_address=True)
    assert mkdocs_build(kept).returncode == 0
    result = cpsite(kept, "check-site", "site")
    assert result.returncode == 1     # only because the new address is not listed yet
    # the renamed case's page and short link, in every language edition
    assert sorted(result.stdout.splitlines()) == sorted(
        f"page {url} is not in {URL_LIST} (run `cpsite check-site --update-urls`)"
        for url in record_urls("cases", NEW) + record_urls("c", NEW))
    assert (kept / f"site/zh/c/{OLD}/index.html").is_file()     # the old short link still works
    redirect = (kept / f"site/zh/cases/{OLD}/index.html").read_text()
    assert f'url=../{NEW}/"' in redirect

    lost = copy_project(tmp_path / "lost")
    rename(lost, keep_old_address=False)
    assert mkdocs_build(lost).returncode == 0
    result = cpsite(lost, "check-site", "site")
    assert result.returncode == 1
    assert f"published URL /cases/{OLD}/ has no page: it was removed or renamed without a redirect " \
           "(list the old id in the record's former_ids)" in result.stdout.splitlines()
    assert f"published URL /zh/cases/{OLD}/ has no page" in result.stdout
    assert f"published URL /zh-Hans/cases/{OLD}/ has no page" in result.stdout


@pytest.mark.slow
@pytest.mark.browser
def test_old_address_opens_the_renamed_case_in_a_browser(tmp_path, browser_page):
    project = copy_project(tmp_path / "p")
    rename(project, keep_old_address=True)
    assert mkdocs_build(project).returncode == 0
    server = StaticServer(project / "site")
    try:
        for prefix, title in (("", "More efficient heat pumps"), ("zh/", "金屬加工廠引入更高效的熱泵"),
                              ("zh-Hans/", "金属加工厂引入更高效的热泵")):
            browser_page.goto(f"{server.url}{prefix}cases/{OLD}/")
            browser_page.wait_for_url(re.compile(f"/{prefix}cases/{NEW}/$"))
            assert title in browser_page.locator("h1").inner_text()
    finally:
        server.close()
