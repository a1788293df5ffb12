"""'Edit this page' on every page of the built site opens the file the page comes from: a
record for case and technology pages, the vocabulary or interface strings for catalogue
pages, the Markdown file for hand-written pages."""

import re

import pytest

from conftest import ROOT
from generator.site.linkcheck import Site

pytestmark = pytest.mark.slow
EDIT = re.compile(r'<a href="https://github\.com/cpsite/cpsite/edit/main/([^"]+)"[^>]*rel="edit"')
FACETS = ("sectors", "pollutants", "initiatives", "locations")


def expected(rel: str) -> str:
    # the Simplified edition is converted from the Traditional one: its source is zh
    if rel.startswith("zh-Hans/"):
        lang, path = "zh", rel[len("zh-Hans/"):]
    else:
        lang, path = ("zh", rel[3:]) if rel.startswith("zh/") else ("en", rel)
    parts = path.split("/")[:-1]          # folders of '<...>/index.html'
    if parts == ["technologies", "compare"]:   # the comparison page: its words are the interface strings
        return f"generator/locales/{lang}.yaml"
    if parts and parts[0] in ("cases", "technologies") and len(parts) == 2:
        return f"{parts[0]}/{parts[1]}.yaml"
    if parts and parts[0] in FACETS:
        return f"data/{parts[0]}.yaml"
    if parts and parts[0] in ("cases", "technologies", "years", "impact"):
        return f"generator/locales/{lang}.yaml"
    if parts == ["data"]:     # the data dictionary: field descriptions from the schema
        return "schema/case.schema.json" if lang == "en" else "generator/locales/schema.zh.yaml"
    if not parts:
        return f"content/{lang}/index.md"
    page = f"content/{lang}/{'/'.join(parts)}.md"
    return page if (ROOT / page).is_file() else f"content/{lang}/{'/'.join(parts)}/index.md"


def test_every_page_has_an_edit_link_to_its_source(built_site):
    site = Site(built_site / "site")
    checked = 0
    for page in site.pages():
        rel = page.relative_to(site.root).as_posix()
        html = page.read_text(encoding="utf-8")
        if rel.endswith("404.html") or 'http-equiv="refresh"' in html:   # each edition's page-not-found
            continue
        found = EDIT.findall(html)
        assert found, f"{rel} has no edit link"
        assert found[0] == expected(rel), rel
        assert (ROOT / found[0]).is_file(), f"{rel}: edit link to missing file {found[0]}"
        checked += 1
    assert checked > 200
