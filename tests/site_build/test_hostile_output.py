"""Hostile but valid records never become markup, script or broken files in any output.

Hypothesis puts strings made of Markdown, HTML, attribute-list, spreadsheet-formula and URL
syntax into every text and URL field of a case and a technology of the fixture project (the
validator must accept them: what it refuses is tested in test_validation), builds the site in
all three editions, and reads every output as a browser, a feed reader, a JSON parser, a
spreadsheet and the search engine would:

- HTML of every edition, parsed with an HTML5 parser: no event-handler attribute, no
  javascript:/data: URL, no link or image to the attacker's host, no id or class from the
  input, and every text value printed literally on its record's page;
- feeds, sitemap and every other XML file well-formed; every JSON file strict JSON;
- every CSV cell that a spreadsheet would run as a formula neutralised;
- the search index's text and URLs.

Builds take seconds, so the examples are few and derandomized (CI is reproducible); one
explicit example carries every hostile fragment at once.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, copy_project, mkdocs_build
from generator.check.validate import validate_project
from generator.core.project import Project
from generator.model.records import tidy_zh

pytestmark = pytest.mark.slow

EVIL_HOST = "evil.example"
MARK = "pwn"
TEXT_TOKENS = [
    ")", "](https://evil.example/x)", "[pwn](https://evil.example/)", "![pwn](https://evil.example/i.png)",
    "{: onclick=\"alert(1)\" .pwn }", "{ #pwn }", "\" onmouseover=\"alert(1)", "' onfocus='alert(1)",
    "`pwn`", "*pwn*", "__pwn__", "| a | b |", "\n\n# pwn\n", "\n- pwn\n", "\n1. pwn\n", "\n: pwn\n",
    "\n!!! note\n", "--8<-- \"mkdocs.yml\"", "\n=====\n", "\\", "%", "&amp;", "&", "-->", "]]>",
    "{{ 7*7 }}", "{% raw %}", "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;img src=x onerror=alert(1)&#62;",
    "javascript&#58;alert(1)", "<3", "=HYPERLINK(\"https://evil.example\")", "+1", "-2", "@SUM(A1)",
    "*[HTML]: pwn", "<3https://evil.example>", "https://evil.example/", "~~pwn~~", "==pwn==", "^^pwn^^",
    "$pwn$", "中文", "　", "  ", "x",
]
URL_TOKENS = [")", "(", "\"", "'", "<", ">", "{", "}", "|", "`", "!", "[", "]", "*", "_", "onload=alert(1)",
              "javascript:alert(1)", "#", "?", "&", "=", "%", "%22", "\\", "^", "中", "~", ";", ","]
ALL_TEXT = "".join(TEXT_TOKENS)
ALL_URL = "https://example.org/" + "".join(URL_TOKENS)

texts = st.lists(st.sampled_from(TEXT_TOKENS), min_size=1, max_size=8).map("".join) \
    .filter(lambda s: s.strip())
urls = st.lists(st.sampled_from(URL_TOKENS), max_size=8).map(lambda parts: "https://example.org/" + "".join(parts))


def _zh(text: str) -> str:
    return "測試" + text


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _write(path: Path, schema: str, data: dict) -> None:
    path.write_text(f"# yaml-language-server: $schema=../schema/{schema}\n"
                    + yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")


def hostile_project(root: Path, text: str, url: str) -> tuple[Path, dict]:
    """The fixture project with `text` in every text field of one case and one technology and
    `url` as their sources' address. Returns the project and {(page, lang): [values shown]}."""
    project = copy_project(root, records_from=FIXTURES / "project")
    bi = {"en": text, "zh": _zh(text)}
    source = {"id": "s1", "title": text, "publisher": text, "url": url, "date": "2022-05-01"}
    _write(project / "cases" / "fx-case-full.yaml", "case.schema.json", {
        "id": "fx-case-full", "title": bi, "summary": bi, "sector": "textiles",
        "pollutants": ["air-voc"], "technologies": ["fx-zeolite"], "initiative": "dp-i", "year": 2022,
        "location": "dongguan", "company": text, "background": bi, "what_was_done": bi, "results": bi,
        "figures": {"investment": [{"amount": 1200000, "basis": "reported", "source": "s1", "note": bi}],
                    "reductions": [{"quantity": 80, "unit": "percent", "what": "voc", "basis": "reported",
                                    "period": "annual", "source": "s1", "scope": bi}]},
        "sources": [source, {"id": "s2", "title": text, "publisher": text, "document": text, "date": "2023"}]})
    _write(project / "technologies" / "fx-zeolite.yaml", "technology.schema.json", {
        "id": "fx-zeolite", "name": bi, "aliases": {"en": [text], "zh": [_zh(text)]},
        "pollutants": ["air-voc"], "sectors": ["textiles"], "principle": bi, "applicability": bi,
        "demonstrated": [], "sources": [source]})
    shown = {("cases/fx-case-full", "en"): [text], ("cases/fx-case-full", "zh"): [_zh(text)],
             ("technologies/fx-zeolite", "en"): [text], ("technologies/fx-zeolite", "zh"): [_zh(text)]}
    return project, shown


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _page_file(site: Path, page: str, lang: str) -> Path:
    prefix = "" if lang == "en" else f"{lang}/"
    return site / f"{prefix}{page}" / "index.html"


_URL_ATTRS = ("href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background")


def html_problems(path: Path) -> list[str]:
    """What an attacker's text could have made of the page, as an HTML5 parser sees it."""
    tree = html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    out = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            name_l = name.lower()
            if name_l.startswith("on"):
                out.append(f"event handler {name}={value!r} on <{el.tag}>")
            if name_l in _URL_ATTRS or name_l.endswith(":href"):
                squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:text")):
                    out.append(f"script URL {name}={value!r} on <{el.tag}>")
                if EVIL_HOST in (urlsplit(squashed).hostname or "") or squashed.startswith("//" + EVIL_HOST):
                    out.append(f"link to the attacker's host {name}={value!r} on <{el.tag}>")
            if name_l in ("id", "class") and MARK in value.lower().split():   # `{ #pwn }`, `{ .pwn }`
                out.append(f"{name} from the input: {value!r} on <{el.tag}>")
        if el.tag == "script" and (el.text or "").strip():
            body = el.text
            if el.attrib.get("type") in ("application/ld+json", "application/json"):
                try:
                    json.loads(body, parse_constant=_refuse_constant)
                except ValueError as exc:
                    out.append(f"JSON-LD is not strict JSON: {exc}")
            elif MARK in body or "alert(1)" in body:
                out.append("record text inside a script")
        if el.tag in ("img", "iframe", "object", "embed", "form", "input", "style", "base", "meta") and \
                MARK in " ".join(el.attrib.get(a, "") for a in ("src", "href", "action", "name")):
            out.append(f"<{el.tag}> from the input")
    return out


def page_text(path: Path) -> str:
    tree = html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
    body = tree.find("body")
    return _collapse("".join(body.itertext()))


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def check_outputs(site: Path, shown: dict) -> list[str]:
    problems: list[str] = []
    html_files = sorted(site.rglob("*.html"))
    assert len(html_files) > 100
    for path in html_files:
        problems += [f"{path.relative_to(site)}: {p}" for p in html_problems(path)]
    for (page, lang), values in shown.items():
        text = page_text(_page_file(site, page, lang))
        for value in values:
            want = _collapse(tidy_zh(value) if lang == "zh" else value)
            if want not in text:
                problems.append(f"{page} ({lang}): the value is not printed literally: {want!r}")
    for path in sorted(list(site.rglob("*.xml")) + list(site.rglob("*.atom"))):
        try:
            ET.fromstring(path.read_bytes())
        except ET.ParseError as exc:
            problems.append(f"{path.relative_to(site)}: not well-formed XML: {exc}")
    for path in sorted(site.rglob("*.json")):
        try:
            json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse_constant)
        except ValueError as exc:
            problems.append(f"{path.relative_to(site)}: not strict JSON: {exc}")
    csv_files = sorted(site.rglob("*.csv"))
    assert csv_files
    for path in csv_files:
        for n, row in enumerate(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))), start=1):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    problems.append(f"{path.relative_to(site)}: row {n}: formula-like cell {cell[:30]!r}")
    fragments = sorted(site.rglob("*.pf_fragment"))
    assert fragments
    seen_text = False
    for path in fragments:
        data = gzip.decompress(path.read_bytes())
        data = data[len(b"pagefind_dcd"):] if data.startswith(b"pagefind_dcd") else data
        fragment = json.loads(data.decode("utf-8"))
        if not fragment["url"].startswith("/"):
            problems.append(f"{path.name}: search result URL {fragment['url']!r}")
        if fragment["url"] == "/cases/fx-case-full/":
            seen_text |= _collapse(shown[("cases/fx-case-full", "en")][0]) in _collapse(
                fragment["content"].replace("\u200b", ""))
    if not seen_text:
        problems.append("the hostile text is not in the search index as text")
    return problems


def build_hostile(root: Path, text: str, url: str) -> tuple[Path, dict]:
    project, shown = hostile_project(root, text, url)
    result = validate_project(Project(project))
    assert result.ok, [str(p) for p in result.problems if p.is_error]
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-3000:]
    return project / "site", shown


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """Every hostile fragment at once, built once for the checks and the browser test."""
    site, shown = build_hostile(tmp_path_factory.mktemp("hostile") / "project", ALL_TEXT, ALL_URL)
    return site, shown


def test_every_fragment_at_once_is_harmless_in_every_output(hostile_site):
    site, shown = hostile_site
    assert check_outputs(site, shown) == []


def test_hostile_url_is_published_normalised(hostile_site):
    site, _ = hostile_site
    tree = html5lib.parse(_page_file(site, "cases/fx-case-full", "en").read_bytes(), treebuilder="etree",
                          namespaceHTMLElements=False)
    hrefs = [a.get("href") for a in tree.iter("a") if (a.get("href") or "").startswith("https://example.org/")]
    assert hrefs and all(re.fullmatch(r"https://example\.org/[A-Za-z0-9/?#:@!$&'()*+,;=._~%-]*", h) for h in hrefs)
    assert all(c not in hrefs[0] for c in "\"<>{}|`\\^[] ")


@settings(max_examples=6, derandomize=True, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.filter_too_much])
@given(text=texts, url=urls)
@example(text="[a](https://evil.example/){: onload=alert(1) }", url="https://example.org/a)![x](https://evil.example/i.png){: onload=alert(1)}".replace(" ", ""))
def test_hostile_records_never_become_markup(tmp_path_factory, text, url):
    site, shown = build_hostile(tmp_path_factory.mktemp("hyp") / "project", text, url)
    assert check_outputs(site, shown) == []


@pytest.mark.browser
def test_hostile_pages_run_no_script_and_fetch_nothing_outside(hostile_site, chromium):
    from conftest import StaticServer

    site, _ = hostile_site
    server = StaticServer(site)
    context = chromium.new_context()
    page = context.new_page()
    dialogs, errors, outside = [], [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(server.url) else outside.append(r.url))
    try:
        for lang in ("", "zh/", "zh-Hans/"):
            for path in ("cases/fx-case-full/", "technologies/fx-zeolite/", "cases/", "technologies/", "find/"):
                page.goto(server.url + lang + path, wait_until="networkidle")
                page.mouse.move(10, 10)
                for link in page.locator("article a").all()[:40]:
                    if link.is_visible():      # the editors' links sit folded in "For editors"
                        link.hover()
                page.keyboard.press("Tab")
    finally:
        context.close()
        server.close()
    assert (dialogs, errors, outside) == ([], [], [])
