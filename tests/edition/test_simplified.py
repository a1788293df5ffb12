"""The Simplified Chinese edition: the converter, the term table and the edition writer.

Every entry of data/zh-hans-terms.yaml is tested on its own (its example, its exceptions),
every official name of its keep list is tested for protection, and the writer is tested on a
page it has never seen (a new folder, as other work adds guides and tools)."""

import shutil
import subprocess

import opencc
import pytest

from conftest import ROOT, copy_project
from generator.build.generate import generate
from generator.check.validate import validate_project
from generator.core.project import Project
from generator.edition.simplify import CHARACTERS_CONFIG, TERMS_FILE, Simplifier, TermTable, opencc_only
from generator.edition.write import LOCALE, convert_page, include_simplified_snippets, simplifier_for
from generator.site.config import load as load_site
from generator.site.i18n import fill_language_config, source_edit_url

TABLE = TermTable.load(ROOT / "data" / TERMS_FILE)
SIMPLIFIER = Simplifier(TABLE)
TO_HK = opencc.OpenCC("s2hk")   # builds Traditional input for words the table gives in Simplified


def test_the_phrase_config_is_hk_to_simplified_with_phrases():
    # hk2sp = hk2s + OpenCC's HK -> mainland phrases; tw2sp would turn 支援 into 支持 and
    # 資料 into 数据 (Taiwan usage), including inside 機構支援項目.
    assert opencc_only("搜尋") == "搜索" and opencc_only("搜尋", CHARACTERS_CONFIG) == "搜寻"
    assert opencc_only("機構支援項目") == "机构支援项目"


@pytest.mark.parametrize("term", TABLE.terms, ids=lambda t: f"{t.source}-{t.target}")
def test_term_entry_applies_to_its_example(term):
    before = opencc_only(term.example["zh"])
    assert term.source in before, "OpenCC alone must leave the term in place, or the entry is dead"
    after = SIMPLIFIER.convert(term.example["zh"])
    assert after == term.example["zh-Hans"]
    assert term.target in after and after != before


@pytest.mark.parametrize("term,word", [(t, w) for t in TABLE.terms for w in t.exceptions],
                         ids=lambda x: getattr(x, "source", x))
def test_term_exception_stays(term, word):
    sentence = f"本段提及{TO_HK.convert(word)}一詞。"
    converted = SIMPLIFIER.convert(sentence)
    assert word in converted, converted
    assert converted == opencc_only(sentence)


def test_exceptions_only_cover_their_own_occurrence():
    text = TO_HK.convert("透过液经处理后，透过分段供应空气")
    assert SIMPLIFIER.convert(text) == "透过液经处理后，通过分段供应空气"


@pytest.mark.parametrize("name", TABLE.keep)
def test_official_name_is_never_rewritten(name):
    for sentence in (name, f"有關{name}的資料", f"{name}為工廠提供技術支援"):
        converted = SIMPLIFIER.convert(sentence)
        assert opencc_only(name, CHARACTERS_CONFIG) in converted, converted


def test_protection_is_what_keeps_official_names():
    """Without the keep list the table would rewrite some of the names: that is what the
    protection prevents (机构支援项目 would become 机构支持项目)."""
    unprotected = Simplifier(TermTable((), TABLE.terms))
    rewritten = [n for n in TABLE.keep
                 if unprotected.convert(n) != opencc_only(n, CHARACTERS_CONFIG)]
    assert "機構支援項目" in rewritten and "清潔生產技術支援試點項目" in rewritten
    for name in rewritten:
        assert SIMPLIFIER.convert(name) == opencc_only(name, CHARACTERS_CONFIG)


def test_names_from_records_are_protected_too():
    company = "恒達資訊科技有限公司"
    simplifier = Simplifier(TABLE, [company, "《支援計劃簡介》 2020"])
    text = f"{company}提供更多資訊；支援計劃簡介"
    assert simplifier.convert(text) == "恒达资讯科技有限公司提供更多信息；支援计划简介"
    assert SIMPLIFIER.convert(text) == "恒达信息科技有限公司提供更多信息；支持计划简介"


def test_records_name_companies_sources_and_report_wording():
    project = Project(ROOT)
    corpus = validate_project(project).corpus
    pilot = next(c for c in corpus.cases if c.id == "pilot-2007-cc-joint-printing")
    simplifier = simplifier_for(project, corpus)
    source = pilot.sources[0]
    assert simplifier.convert(source.title) == opencc_only(source.title, CHARACTERS_CONFIG)


def test_link_targets_and_attributes_stay_text_is_converted():
    page = ('[資訊](../資訊/index.md "資訊") ![圖](圖.png)\n'
            '<a href="資訊.html" title="資訊" class="資訊">資訊</a>\n\n[資訊]: 資訊.md\n')
    assert convert_page(page, SIMPLIFIER) == (
        '[信息](../資訊/index.md "信息") ![图](圖.png)\n'
        '<a href="資訊.html" title="信息" class="資訊">信息</a>\n\n[信息]: 資訊.md\n')


def test_snippet_includes_point_at_the_simplified_fragments():
    text = ('--8<-- "zh/home-stats.md"\n;--8<-- "zh/x.md"\n--8<-- \'en/y.md\'\n'
            '--8<--\nzh/a.md\nen/b.md\n--8<--\n說明 zh/ 不變\n')
    assert include_simplified_snippets(text) == (
        '--8<-- "zh-Hans/home-stats.md"\n;--8<-- "zh-Hans/x.md"\n--8<-- \'en/y.md\'\n'
        '--8<--\nzh-Hans/a.md\nen/b.md\n--8<--\n說明 zh/ 不變\n')


def test_language_settings_are_derived_unless_given():
    languages = [
        {"locale": "en", "site_name": "Cases"},
        {"locale": "zh", "site_name": "清潔生產個案", "site_description": "每項數據均註明來源",
         "nav_translations": {"Home": "主頁", "About": "關於本網站"}},
        {"locale": "zh-Hans", "site_name": None, "site_description": "自订说明", "nav_translations": None},
    ]
    fill_language_config(languages, Project(ROOT))
    assert languages[2] == {"locale": "zh-Hans", "site_name": "清洁生产案例", "site_description": "自订说明",
                            "nav_translations": {"Home": "首页", "About": "关于本网站"}}
    assert languages[1]["site_name"] == "清潔生產個案"


def test_edit_links_of_converted_pages_lead_to_the_traditional_file():
    base = "https://example.org/repo/edit/main/content/"
    assert source_edit_url(base + "zh-Hans/about.md", "zh-Hans/about.md") == base + "zh/about.md"
    assert source_edit_url(base + "zh/about.md", "zh/about.md") == base + "zh/about.md"
    assert source_edit_url(None, "zh-Hans/about.md") is None


def test_every_zh_file_gets_a_simplified_copy_and_stale_copies_go(fixture_project):
    """A page and a folder the generator has never heard of (as other work adds guides)."""
    project = Project(fixture_project)
    guide = fixture_project / "content/zh/guides/boilers.md"
    guide.parent.mkdir(parents=True)
    guide.write_text("# 鍋爐指南\n\n更多資訊見[主頁](../index.md)。\n\n--8<-- \"zh/home-stats.md\"\n", encoding="utf-8")
    picture = fixture_project / "content/zh/guides/boiler.png"
    picture.write_bytes(bytes(range(256)))
    generate(project, load_site(project.root))
    out = fixture_project / "content" / LOCALE
    assert (out / "guides/boilers.md").read_text(encoding="utf-8") == (
        "# 锅炉指南\n\n更多信息见[首页](../index.md)。\n\n--8<-- \"zh-Hans/home-stats.md\"\n")
    assert (out / "guides/boiler.png").read_bytes() == bytes(range(256))
    assert (fixture_project / ".generated/snippets/zh-Hans/home-stats.md").is_file()
    zh_pages = sorted(p.relative_to(fixture_project / "content/zh") for p in (fixture_project / "content/zh").rglob("*"))
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == zh_pages
    _, again = generate(project, load_site(project.root))
    assert not again, "a second run must write nothing"
    shutil.rmtree(guide.parent)
    _, changes = generate(project, load_site(project.root))
    assert not (out / "guides").exists()
    assert sorted(p.relative_to(out).as_posix() for p in changes.removed) == ["guides/boiler.png", "guides/boilers.md"]


def test_nothing_converted_is_committed():
    tracked = subprocess.run(["git", "ls-files", "content/zh-Hans", ".generated"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    assert tracked == ""
    ignored = subprocess.run(["git", "check-ignore", "content/zh-Hans/about.md", ".generated/snippets/zh-Hans/x.md"],
                             cwd=ROOT, capture_output=True, text=True)
    assert ignored.stdout.split() == ["content/zh-Hans/about.md", ".generated/snippets/zh-Hans/x.md"]


def test_a_broken_term_table_stops_validation_with_positions(tmp_path):
    project = copy_project(tmp_path / "p", records_from=ROOT / "tests/fixtures/project")
    (project / "data" / TERMS_FILE).write_text(
        "# yaml-language-server: $schema=../schema/zh-hans-terms.schema.json\n"
        "keep: [伙伴計劃]\n"
        "terms:\n"
        "  - from: 資訊\n"                                         # line 4: Traditional, never in OpenCC output
        "    to: 資訊\n"
        "    example: {zh: 更多資訊, zh-Hans: 更多信息}\n"
        "  - from: 甚么\n"                                         # line 7
        "    to: 什么\n"
        "    except: [什么]\n"
        "    example: {zh: 做甚麼, zh-Hans: 做甚么}\n"
        "  - from: 甚么\n"                                         # line 11: listed twice
        "    to: 什么\n"
        "    example: {zh: 為甚麼, zh-Hans: 为什么}\n",
        encoding="utf-8")
    result = validate_project(Project(project))
    assert not result.ok and result.corpus is None
    assert [(p.line, p.col, p.code, p.message) for p in result.problems] == [
        (4, 11, "E251", "terms[0].from: OpenCC does not output '資訊' for the example (it gives '更多资讯'); "
                        "write the term as OpenCC outputs it"),
        (5, 9, "E251", "terms[0].to: '資訊' has Traditional characters; write it in Simplified: '资讯'"),
        (5, 9, "E252", "terms[0].to: '資訊' replaces the term with itself"),
        (6, 34, "E255", "terms[0].example.zh-Hans: the Simplified edition shows '更多资讯', not '更多信息'"),
        (9, 14, "E254", "terms[1].except[0]: '什么' does not contain '甚么'; list only longer words that contain the term"),
        (10, 33, "E255", "terms[1].example.zh-Hans: the Simplified edition shows '做什么', not '做甚么'"),
        (11, 11, "E253", "terms[2].from: '甚么' is already listed in terms[1]"),
    ]


def test_a_term_table_of_the_wrong_shape_is_reported_by_the_schema(tmp_path):
    project = copy_project(tmp_path / "p", records_from=ROOT / "tests/fixtures/project")
    (project / "data" / TERMS_FILE).write_text(
        "# yaml-language-server: $schema=../schema/zh-hans-terms.schema.json\n"
        "keep: []\n"
        "terms:\n"
        "  - from: 甚么\n"
        "    too: 什么\n",
        encoding="utf-8")
    problems = [(p.line, p.code) for p in validate_project(Project(project)).problems]
    assert problems == [(4, "E110"), (4, "E110"), (5, "E111")]
