"""The Chinese text checks (E220-E223, W303, generator/check/zhtext.py; E226, generator/check/hans_words.py) and the qualifier check
(E224, generator/check/qualifier_words.py): each fails on a planted example of its kind, in a copy
of the project in a temporary folder, and says where (file:line:col)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.check import hans_words, zhtext
from generator.check.validate import validate_project
from generator.core.project import Project


def _problems(project: Path, codes=("E220", "E221", "E222", "E223", "E224", "W303")):
    result = validate_project(Project(project))
    return [(p.path, p.line, p.col, p.code) for p in result.problems if p.code in codes]


CASE = """# yaml-language-server: $schema=../schema/case.schema.json
id: zh-slips
title: {en: Chinese slips, zh: 锅爐測試}
summary:
  en: A test.
  zh: 行業:紡織 “引號”
background:
  en: Folded.
  zh: >-
    這段文字在
    摺行處沒有空格 這裏有
sector: textiles
pollutants: [air-voc]
technologies: [fx-heat-pump]
initiative: dp-i
year: 2022
what_was_done: {en: Cleaning., zh: 以 VOC 及 pH 計量的 cleaning 工序}
sources:
  - {id: s1, title: Source, publisher: Publisher, url: "https://example.org/s", date: 2022}
"""


def test_each_kind_in_a_record_is_found_where_it_is(fixture_project):
    (fixture_project / "cases" / "zh-slips.yaml").write_text(CASE, encoding="utf-8")
    got = [x for x in _problems(fixture_project) if x[0] == "cases/zh-slips.yaml"]
    assert got == sorted([
        ("cases/zh-slips.yaml", 3, 32, "E220"),     # 锅: Simplified
        ("cases/zh-slips.yaml", 6, 9, "E221"),      # 行業: half-width colon
        ("cases/zh-slips.yaml", 6, 13, "E222"),     # “
        ("cases/zh-slips.yaml", 6, 16, "E222"),     # ”
        ("cases/zh-slips.yaml", 11, 12, "E221"),    # typed space (the fold before it is not one)
        ("cases/zh-slips.yaml", 17, 51, "W303"),    # 'cleaning'; VOC and pH pass
    ])


def test_aliases_may_be_in_either_script(fixture_project):
    path = next((fixture_project / "technologies").glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "aliases:" not in text
    text = text.replace("\nname:", "\naliases:\n  en: [x]\n  zh: [锅炉]\nname:", 1)
    path.write_text(text, encoding="utf-8")
    assert _problems(fixture_project) == []


def test_hand_written_pages_are_checked(fixture_project):
    page = fixture_project / "content" / "zh" / "planted.md"
    page.write_text("---\ntitle: 測試\ndescription: 这是 description\n---\n\n# 標題\n\n"
                    "資料來源:見[連結](https://example.org/a b)及 `code 中文 x`。\n"
                    "這是 一句 “引號” 文字，JavaScript 可用。\n", encoding="utf-8")
    got = [x for x in _problems(fixture_project) if x[0] == "content/zh/planted.md"]
    assert got == [
        ("content/zh/planted.md", 3, 14, "E220"),   # 这
        ("content/zh/planted.md", 3, 17, "W303"),   # description
        ("content/zh/planted.md", 8, 5, "E221"),    # 資料來源:
        ("content/zh/planted.md", 9, 3, "E221"),    # 這是 一句
        ("content/zh/planted.md", 9, 7, "E222"),
        ("content/zh/planted.md", 9, 10, "E222"),
    ]


def test_generated_folders_are_not_hand_written(fixture_project):
    (fixture_project / "content" / "zh" / "cases").mkdir(parents=True, exist_ok=True)
    (fixture_project / "content" / "zh" / "cases" / "x.md").write_text("这\n", encoding="utf-8")
    assert _problems(fixture_project) == []


def test_qualifier_must_be_the_sources_word(fixture_project):
    path = fixture_project / "data" / "statistics.yaml"
    text = path.read_text(encoding="utf-8")
    planted = text.replace("approved: {count: 330, qualifier: more-than, said: over}",
                           "approved: {count: 330, qualifier: at-least, said: over}")
    planted = planted.replace("approved: {count: 900, qualifier: more-than, said: 多}",
                              "approved: {count: 900, qualifier: more-than}")
    planted = planted.replace("approved: {count: 4200, qualifier: more-than, said: more than}",
                              "approved: {count: 4200, said: more than}")
    assert planted.count("said") == text.count("said") - 1
    path.write_text(planted, encoding="utf-8")
    lines = planted.split("\n")
    row = {n: i + 1 for i, line in enumerate(lines) for n in ("330", "900", "4200") if f"count: {n}," in line}
    got = _problems(fixture_project)
    assert [(line, code) for _, line, _, code in got] == [(row["330"], "E224"), (row["900"], "E224"),
                                                         (row["4200"], "E224")]
    result = validate_project(Project(fixture_project))
    messages = [p.message for p in result.problems if p.code == "E224"]
    assert "the source says 'over', which is more-than, not at-least" in messages[0]
    assert "needs the source's own word" in messages[1]
    assert "no qualifier" in messages[2]


def test_site_description_of_a_source_needs_chinese(fixture_project):
    path = fixture_project / "data" / "programme-sources.yaml"
    text = path.read_text(encoding="utf-8")
    planted = re.sub(r'\n    title_zh: "［伙伴計劃網站首頁］"', "", text, count=1)
    assert planted != text
    path.write_text(planted, encoding="utf-8")
    got = _problems(fixture_project)
    assert len(got) == 1 and got[0][0] == "data/programme-sources.yaml" and got[0][3] == "E223"


def test_the_real_records_and_pages_pass():
    from conftest import ROOT
    result = validate_project(Project(ROOT), corpus=False)
    assert [str(p) for p in result.problems if p.code in ("E220", "E221", "E222", "E223", "E224", "W303")] == []


def test_simplified_only_uses_opencc_with_the_reviewed_exceptions():
    assert zhtext.simplified_only("锅") and zhtext.simplified_only("烧")
    assert not zhtext.simplified_only("鍋") and not zhtext.simplified_only("伙") and not zhtext.simplified_only("床")
    assert zhtext.in_script(["低氮燃燒器", "低氮燃烧器", "低氮燃燒器", "LNB"], "zh") == ["低氮燃燒器", "LNB"]
    assert zhtext.simplified_only("温") and zhtext.simplified_only("脱")   # the reports write 溫, 脫
    assert zhtext.in_script(["污泥乾化", "污泥干化", "低溫"], "zh") == ["污泥乾化", "低溫"]   # one word once simplified
    assert zhtext.in_script(["a", "a", "b"], "en") == ["a", "b"]


def test_tidy_html_drops_spaces_between_chinese_but_not_in_code():
    html = ('<p>減控污水排放，\n近年更擴展 至減少</p><pre>甲\n乙 丙</pre><p>2024 年 7 月</p>'
            '<span data-k="甲 乙">丙 丁</span>')
    assert zhtext.tidy_html(html) == ('<p>減控污水排放，近年更擴展至減少</p><pre>甲\n乙 丙</pre><p>2024 年 7 月</p>'
                                      '<span data-k="甲 乙">丙丁</span>')


def test_hong_kong_words_left_in_the_edition_are_found(fixture_project):
    project = Project(fixture_project)
    page = project.content_dir / "zh-Hans" / "planted.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("本网站有 1 个案例。\n共 141 篇个案报告，已上载。\n透过液\n", encoding="utf-8")
    got = [(p.path, p.line, p.col, p.code) for p in hans_words.edition_problems(project)
           if p.path.endswith("planted.md")]
    assert got == [("content/zh-Hans/planted.md", 2, 8, "E226"), ("content/zh-Hans/planted.md", 2, 14, "E226")]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


@pytest.mark.slow
def test_built_simplified_pages_have_no_reviewed_hong_kong_words(built_site):
    """The reviewed list of the issue (each now in the term table), over every built page."""
    words = ["资助计算机", "上载", "公吨", "栏位", "预设值", "试算表", "借镜", "讯息", "检视", "介面", "报称"]
    found = {}
    for page in sorted((built_site / "site" / "zh-Hans").rglob("*.html")):
        reader = _Text()
        reader.feed(page.read_text(encoding="utf-8"))
        text = "".join(reader.parts)
        for word in words + ["个案"]:
            for m in re.finditer(word, text):
                if word == "个案" and text[m.end():m.end() + 1] == "例":
                    continue            # 1 个案例: the classifier before 案例
                found.setdefault(word, []).append(page.relative_to(built_site).as_posix())
    assert found == {}


def test_large_amounts_in_the_reports_form():
    assert zhtext.large_amount_zh(311_000_000) == "3 億 1,100 萬元"
    assert zhtext.large_amount_zh(93_060_000) == "9,306 萬元"
    assert zhtext.large_amount_zh(5_410_000, "RMB") == "人民幣 541 萬元"
    assert zhtext.large_amount_zh(45_000) == "" and zhtext.large_amount_zh(1_234_567) == ""


def test_the_simplified_set_worked_out_at_once_equals_asking_character_by_character():
    """_simplified_set converts every Han character in one text; asking OpenCC about each
    character alone must give the same answer (a phrase spanning two lines would not)."""
    sample = [chr(c) for c in range(0x4E00, 0x9FFF, 7)] + list("锅烧温脱伙床鍋東东")
    one_by_one = {ch for ch in sample if ch not in zhtext.TRADITIONAL_TOO
                  and zhtext._t2s().convert(ch) == ch and zhtext._s2t().convert(ch) != ch}
    assert {ch for ch in sample if zhtext.simplified_only(ch)} == one_by_one
    assert len(one_by_one) > 200
