"""The programme pages of the built site, read as a visitor (and a checker) would: every page
in both languages, every number traced to its data field and its source, charts with text
alternatives, glossary and timeline made from the data."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator.check.yamlsrc import load_file

pytestmark = pytest.mark.slow
PAGES = ("", "funding/", "eligibility/", "sectors/", "apply/", "statistics/", "recognition/", "timeline/",
         "glossary/", "calculator/")
LANGS = {"en": "", "zh": "zh/"}
KINDS = ("programme", "funding", "statistics", "recognition", "glossary", "phases")
STRINGS = {lang: yaml.safe_load((ROOT / f"generator/locales/programme.{lang}.yaml").read_text(encoding="utf-8"))
           for lang in LANGS}


def _data(kind):
    doc, problems = load_file(ROOT / "data" / f"{kind}.yaml", ROOT)
    assert problems == []
    return doc.data


DATA = {kind: _data(kind) for kind in KINDS}
PROGRAMME_SOURCES = {s["id"] for s in _data("programme-sources")["sources"]}


def resolve(field: str):
    kind, path = field.split(":", 1)
    value = DATA[kind]
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        value = value[int(index)] if index else value[name]
    return value


class Article(HTMLParser):
    """Collects, inside the page's article: traced elements (data-field), citation links,
    source anchors, and the text that is outside any traced element (where no digit may be)."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0            # > 0 inside <article>
        self.stack = []           # open elements inside the article: (tag, attrs, skip)
        self.traced = []          # [tag, attrs, text]
        self.open_traced = []
        self.links, self.ids, self.loose = [], set(), []
        self.in_sources = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "h2" and attrs.get("id") == "sources":
            self.in_sources = True
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        skip = tag in ("script", "style") or "cp-cite" in attrs.get("class", "") or "headerlink" in attrs.get("class", "")
        if tag in self.VOID:
            return
        self.stack.append((tag, attrs, skip))
        if "data-field" in attrs:
            item = [tag, attrs, ""]
            self.traced.append(item)
            self.open_traced.append(item)

    def handle_endtag(self, tag):
        if not self.depth or tag in self.VOID:
            return
        if tag == "article":
            self.depth -= 1
            return
        while self.stack:
            open_tag, attrs, _ = self.stack.pop()
            if "data-field" in attrs:
                self.open_traced.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.depth:
            return
        for item in self.open_traced:
            item[2] += data
        if not self.open_traced and not self.in_sources and not any(skip for _, _, skip in self.stack):
            self.loose.append(data)


def article(path: Path) -> Article:
    parser = Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site / "site"


def page(site, lang, rel) -> Path:
    return site / LANGS[lang] / "programme" / rel / "index.html"


@pytest.mark.parametrize("lang", LANGS)
def test_every_programme_page_exists_in_both_languages(site, lang):
    for rel in PAGES:
        path = page(site, lang, rel)
        assert path.is_file(), path
        html = path.read_text(encoding="utf-8")
        assert f'<html lang="{"zh-Hant" if lang == "zh" else "en"}"' in html
        assert "<h1" in html


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rel", [p for p in PAGES if p != "calculator/"])
def test_every_number_equals_its_data_value_and_has_a_source(site, lang, rel):
    parsed = article(page(site, lang, rel))
    loose = " ".join(parsed.loose)
    assert not re.search(r"[0-9０-９]", loose), re.findall(r".{0,40}[0-9].{0,40}", loose)[:5]
    assert parsed.traced or rel in ("apply/",)
    for tag, attrs, text in parsed.traced:
        field = attrs["data-field"]
        value = resolve(field)
        if tag in ("data", "time"):
            assert attrs["value" if tag == "data" else "datetime"] == str(value), field
            assert re.sub(r"[^0-9]", "", text).lstrip("0") in re.sub(r"[^0-9]", "", str(value)) or tag == "time", field
            sources = attrs.get("data-source", "").split()
            assert sources, f"{field} has no source"
            for ref in sources:
                # a phases.yaml source that programme-sources.yaml lists too is cited once, as that
                prefix = "source-phases-" if field.startswith("phases:") and ref not in PROGRAMME_SOURCES else "source-"
                assert prefix + ref in parsed.ids, f"{field}: source {ref} is not listed on the page"
                assert "#" + prefix + ref in parsed.links, f"{field}: source {ref} is not cited on the page"
        else:
            assert " ".join(str(value).split()) in " ".join(text.split()), field


NUMBERS_SHOWN_ON = {"funding": "funding/", "statistics": "statistics/", "recognition": "recognition/"}


def _numeric_fields(kind, value, path=""):
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield f"{kind}:{path}"
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _numeric_fields(kind, v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _numeric_fields(kind, v, f"{path}[{i}]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", NUMBERS_SHOWN_ON)
def test_every_number_of_the_data_is_on_its_page(site, lang, kind):
    shown = {attrs["data-field"] for _, attrs, _ in article(page(site, lang, NUMBERS_SHOWN_ON[kind])).traced}
    missing = sorted(set(_numeric_fields(kind, DATA[kind])) - shown)
    assert missing == []


def _row_with(html: str, field: str) -> str:
    at = html.index(f'data-field="{field}"')
    return html[html.rindex("<tr", 0, at): html.index("</tr>", at)]


@pytest.mark.parametrize("lang", LANGS)
def test_uncertain_inferred_and_computed_values_say_so(site, lang):
    s = STRINGS[lang]
    stats = page(site, lang, "statistics/").read_text(encoding="utf-8")
    for i, item in enumerate(DATA["statistics"]["aggregates"]):
        row = _row_with(stats, f"statistics:aggregates[{i}].approved" + (".count" if isinstance(item["approved"], dict) else ""))
        assert (s["uncertain"] in row) == bool(item.get("uncertain"))
    rec = page(site, lang, "recognition/").read_text(encoding="utf-8")
    for i, r in enumerate(DATA["recognition"]["rounds"]):
        row = _row_with(rec, f"recognition:rounds[{i}].year")
        assert (s["inferred"] in row) == bool(r.get("round_inferred")), r["year"]
        assert (s["computed"] in row) == ("total_computed" in r), r["year"]
        assert (s["uncertain"] in row) == bool(r.get("uncertain")), r["year"]


@pytest.mark.parametrize("lang", LANGS)
def test_later_approval_figures_shown_with_the_earlier_report_noted(site, lang):
    html = page(site, lang, "statistics/").read_text(encoding="utf-8")
    later = DATA["statistics"]["approvals"]["rows"][1]["counts"][0]
    earlier = DATA["statistics"]["approvals"]["earlier_report"]["counts"]["demonstration-project"]
    assert f'<data value="{later}" data-field="statistics:approvals.rows[1].counts[0]"' in html
    note = html[html.index('class="admonition note"'):]
    note = note[:note.index("</div>")]
    assert f'<data value="{earlier}" data-field="statistics:approvals.earlier_report.counts.demonstration-project"' in note
    assert STRINGS[lang]["differs_title"] in note


@pytest.mark.parametrize("lang", LANGS)
def test_current_phase_is_marked(site, lang):
    html = page(site, lang, "funding/").read_text(encoding="utf-8")
    current = DATA["funding"]["current_phase"]
    index = [t["key"] for t in DATA["phases"]["terms"]].index(current)
    head = html[html.index("<thead>"): html.index("</thead>")]
    cells = re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
    marked = [c for c in cells if STRINGS[lang]["current_mark"] in c]
    assert len(marked) == 1 and f"phases:terms[{index}]" in marked[0]
    assert 'id="current"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_charts_are_static_accessible_svg_next_to_their_tables(site, lang):
    charts = sorted((site / LANGS[lang] / "programme" / "charts").glob("*.svg"))
    assert [c.stem for c in charts] == ["approvals", "cross-trade", "recognition"]
    for chart in charts:
        text = chart.read_text(encoding="utf-8")
        root = ET.fromstring(text)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-title chart-desc"
        assert root.find(ns + "title").text.strip() and root.find(ns + "desc").text.strip()
        assert "<script" not in text and not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text)
    for rel, names in (("statistics/", ("approvals", "cross-trade")), ("recognition/", ("recognition",))):
        html = page(site, lang, rel).read_text(encoding="utf-8")
        for name in names:
            img = re.search(rf'<img alt="([^"]+)"[^>]*src="\.\./charts/{name}\.svg"', html)
            assert img, name
            if lang == "zh":
                assert re.search(r"[\u4e00-\u9fff]", img.group(1))
            before = html[:img.start()]
            assert before.rindex("</table>") > before.rindex("<h2")    # the table of the same section


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_lists_the_vocabularies_and_terms_in_both_languages(site, lang):
    html = page(site, lang, "glossary/").read_text(encoding="utf-8")
    vocab = {n: yaml.safe_load((ROOT / f"data/{n}.yaml").read_text(encoding="utf-8"))["terms"]
             for n in ("initiatives", "phases", "sectors", "pollutants")}
    wanted = [t for t in vocab["initiatives"] if t["key"] != "not-stated"] + vocab["phases"] + vocab["pollutants"]
    wanted += [t for t in vocab["sectors"] if t.get("target")] + DATA["glossary"]["terms"]
    wanted += [c["name"] for c in DATA["recognition"]["categories"]] + [o["name"] for o in DATA["programme"]["organisations"]]
    for term in wanted:
        for side in ("en", "zh"):
            assert term[side].replace("&", "&amp;") in html, term[side]


@pytest.mark.parametrize("lang", LANGS)
def test_sectors_page_links_every_target_sector(site, lang):
    html = page(site, lang, "sectors/").read_text(encoding="utf-8")
    targets = [t["key"] for t in yaml.safe_load((ROOT / "data/sectors.yaml").read_text())["terms"] if t.get("target")]
    assert len(targets) == 8
    for key in targets:
        assert f'href="../../sectors/{key}/"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_is_in_date_order(site, lang):
    parsed = article(page(site, lang, "timeline/"))
    dates = [attrs.get("datetime") or attrs.get("value") for tag, attrs, _ in parsed.traced
             if tag in ("time", "data") and re.fullmatch(r"\d{4}(-\d{2}){0,2}", attrs.get("datetime") or attrs.get("value") or "")
             and not attrs["data-field"].endswith(".number")]
    assert len(dates) > 20 and dates == sorted(dates)
