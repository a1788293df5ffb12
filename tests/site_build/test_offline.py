"""`cpsite offline`: a zip of the site that works opened straight from disk."""

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import copy_project
from generator.site.linkcheck import Site

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("off") / "p")
    archive = project / "out.zip"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "generator", "offline", "--output", str(archive)],
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    folder = project / "unpacked"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        zf.extractall(folder)
    return folder / "cpsite", names


def test_archive_holds_both_languages_with_file_links(offline):
    root, names = offline
    assert "cpsite/README.txt" in names and "cpsite/index.html" in names and "cpsite/zh/index.html" in names
    assert "cpsite/cases/pilot-2007-cc-joint-printing.html" in names
    assert Site(root).broken_links() == []


@pytest.mark.browser
def test_pages_open_from_disk_and_links_lead_to_pages(offline, browser_page):
    root, _ = offline
    page = browser_page
    page.goto((root / "index.html").as_uri())
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
    page.locator("a[href$='cases/index.html']").first.click()
    assert page.url.endswith("/cases/index.html")
    page.locator("a[href*='pilot-2007-cc-joint-printing']").first.click()
    assert "Printing works cuts VOC" in page.locator("h1").inner_text()
    page.locator("a.md-select__link[hreflang='zh-Hant']").dispatch_event("click")
    page.wait_for_url("**/zh/cases/pilot-2007-cc-joint-printing.html")
    assert "活性炭" in page.locator("h1").inner_text()
