"""The flat form of a case record: the documented column names that `cpsite import` reads
(one spreadsheet row per case) and `cpsite new-case` offers as options (`--title-en` is the
column `title_en`).

This module only describes the columns and says which record field each one fills; turning
a row into a record is `caseform_parse`, deciding whether the record is valid is the
validator's job.

Columns
-------
Plain columns (`id`, `title_en`, `sector`, ...) fill one field each. Figures and sources come in
numbered groups: `investment_amount`, `investment_basis`, ... is the first investment figure,
`investment_2_amount`, ... the second, and so on for `subsidy`, `annual_saving`, `payback`,
`reduction` and `source`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    en: str                       # what to write, in English
    zh: str                       # the same in Chinese
    kind: str = "text"            # text | list | vocab | vocab-list | year | number | choice | date
    vocab: Optional[str] = None   # vocabulary (data/<vocab>.yaml) or schema enum name for choices
    required: bool = False        # the column must be present in a spreadsheet
    example: str = ""


def _text_pair(field: str, en: str, zh: str, required: bool = False, example=("", "")) -> list[Column]:
    return [Column(f"{field}_en", f"{en} (English)", f"{zh}（英文）", required=required, example=example[0]),
            Column(f"{field}_zh", f"{en} (Traditional Chinese)", f"{zh}（繁體中文）", required=required,
                   example=example[1])]


CASE_COLUMNS: tuple[Column, ...] = tuple([
    Column("id", "Permanent id: lowercase letters, digits and hyphens; becomes the file name",
           "永久編號：小寫英文字母、數字及連字號，亦即檔案名稱", required=True,
           example="cppp-dp-2021-textile-dyeing"),
    Column("former_ids", "Ids the case had before, separated by ;", "以往用過的編號，以 ; 分隔", "list"),
    *_text_pair("title", "Short title", "簡短標題", True,
                ("Dyeing works recovers heat from wastewater", "染廠回收污水熱能")),
    *_text_pair("summary", "One or two sentences: what was done and what it achieved",
                "一兩句概述：做了甚麼、有何成果", True),
    Column("sector", "Industry sector: a key of data/sectors.yaml (or its English or Chinese name)",
           "行業：data/sectors.yaml 的代號（或其英文或中文名稱）", "vocab", "sectors", True, "textiles"),
    Column("pollutants", "Pollutant areas, separated by ;", "污染範疇，以 ; 分隔", "vocab-list",
           "pollutants", True, "energy-saving; effluent"),
    Column("technologies", "Technology ids (technologies/<id>.yaml), separated by ;; empty when the "
           "source names none", "技術編號（technologies/<編號>.yaml），以 ; 分隔；來源未有提及則留空",
           "list", example="heat-pump-system"),
    Column("initiative", "Programme initiative: a key of data/initiatives.yaml",
           "資助項目類別：data/initiatives.yaml 的代號", "vocab", "initiatives", True, "demonstration-project"),
    Column("year", "Year the source reports or approves the project", "資料來源報告或批出項目的年份",
           "year", required=True, example="2021"),
    Column("phase", "Programme phase: a key of data/phases.yaml", "計劃階段：data/phases.yaml 的代號",
           "vocab", "phases", example="phase-4"),
    Column("location", "Where the factory is: a key of data/locations.yaml",
           "工廠所在地：data/locations.yaml 的代號", "vocab", "locations", example="dongguan"),
    Column("company", "Company name exactly as the source gives it; empty when not named",
           "資料來源所載的公司名稱；未有披露則留空"),
    *_text_pair("background", "The situation before the project", "項目前的情況"),
    *_text_pair("what_was_done", "What was installed or changed", "安裝或改動了甚麼"),
    *_text_pair("results", "What the project achieved, in words", "項目成果（文字）"),
])

_FIGURE_COMMON = [
    Column("qualifier", "about, up-to, at-least or more-than, when the source gives it so",
           "如來源以約數或上下限表示：about、up-to、at-least 或 more-than", "choice", "qualifier"),
    Column("basis", "reported, estimated, measured or verified", "報稱（reported）、估算（estimated）、"
           "實測（measured）或經核實（verified）", "choice", "basis", example="reported"),
    Column("source", "id of the source (source_id column) that gives this figure; may be left empty "
           "when the row has one source", "提供此數據的來源編號（source_id 欄）；該行只有一個來源時可留空"),
    *_text_pair("scope", "What part of the project the figure covers", "數據涵蓋項目的哪一部分"),
    *_text_pair("note", "Anything a reader needs to read the figure correctly", "閱讀此數據須知"),
]
MONEY_PARTS = [Column("amount", "Amount, a plain number without commas", "金額，只填數字，不加逗號",
                      "number", example="1200000"),
               Column("currency", "HKD (default) or RMB", "貨幣：HKD（預設）或 RMB", "choice", "currency"),
               *_FIGURE_COMMON]
PAYBACK_PARTS = [Column("years", "Payback period in years, a plain number", "回本期（年），只填數字",
                        "number", example="2.5"), *_FIGURE_COMMON]
REDUCTION_PARTS = [Column("quantity", "How much was reduced or saved, a plain number",
                          "減少或節省的數量，只填數字", "number", example="180"),
                   Column("unit", "Unit: a key of data/units.yaml", "單位：data/units.yaml 的代號",
                          "vocab", "units", example="tonne"),
                   Column("what", "What was reduced: a key of data/substances.yaml",
                          "減少的污染物或資源：data/substances.yaml 的代號", "vocab", "substances",
                          example="voc"),
                   Column("period", "annual, one-off, cumulative or not-stated",
                          "每年（annual）、一次性（one-off）、累計（cumulative）或未有說明（not-stated）",
                          "choice", "period", example="annual"),
                   *_FIGURE_COMMON]
SOURCE_PARTS = [Column("id", "Short name of the source, e.g. legco-2024", "來源的簡稱，例如 legco-2024",
                       example="cp-case-report-2021"),
                Column("title", "Title of the source, in its own language", "來源標題（原文）"),
                Column("publisher", "Who published it", "出版者"),
                Column("url", "Web address (or give source_document)", "網址（或填 source_document）"),
                Column("document", "Reference to a document that is not online", "非網上文件的出處"),
                Column("date", "Publication date: YYYY, YYYY-MM or YYYY-MM-DD", "出版日期：YYYY、YYYY-MM 或 "
                       "YYYY-MM-DD", "date", example="2021-06"),
                Column("language", "en, zh-Hant or zh-Hans", "來源語言：en、zh-Hant 或 zh-Hans", "choice",
                       "language")]

# group prefix -> (record list it fills, parts). Figures live under `figures`, sources at the top.
GROUPS: dict[str, tuple[str, list[Column]]] = {
    "investment": ("investment", MONEY_PARTS), "subsidy": ("subsidy", MONEY_PARTS),
    "annual_saving": ("annual_saving", MONEY_PARTS), "payback": ("payback", PAYBACK_PARTS),
    "reduction": ("reductions", REDUCTION_PARTS), "source": ("sources", SOURCE_PARTS)}
GROUP_TITLES = {"investment": ("Investment", "投資額"), "subsidy": ("Programme subsidy", "伙伴計劃資助"),
                "annual_saving": ("Cost saving per year", "每年節省"), "payback": ("Payback", "回本期"),
                "reduction": ("Reduction", "減排或節約"), "source": ("Source", "資料來源")}
REQUIRED_GROUP_COLUMNS = ("source_id", "source_title", "source_publisher", "source_date")
# Groups in the shipped template (editors add _3, _4 ... as needed).
TEMPLATE_GROUPS = (("investment", 1), ("subsidy", 1), ("annual_saving", 1), ("payback", 1),
                   ("reduction", 1), ("reduction", 2), ("source", 1), ("source", 2))

_GROUP_COLUMN = re.compile(r"^(%s)(?:_([1-9][0-9]*))?_(%s)$" % (
    "|".join(sorted(GROUPS, key=len, reverse=True)),
    "|".join(sorted({p.name for _, parts in GROUPS.values() for p in parts}, key=len, reverse=True))))


def group_prefix(group: str, number: int) -> str:
    return f"{group}_" if number == 1 else f"{group}_{number}_"


def template_columns() -> list[Column]:
    """Every column of the shipped template, in order (group columns carry their full name)."""
    out = list(CASE_COLUMNS)
    for group, n in TEMPLATE_GROUPS:
        title_en, title_zh = GROUP_TITLES[group]
        number = f" {n}" if n > 1 else ""
        for part in GROUPS[group][1]:
            name = group_prefix(group, n) + part.name
            out.append(dataclasses.replace(part, name=name, en=f"{title_en}{number}: {part.en}",
                                           zh=f"{title_zh}{number}：{part.zh}",
                                           required=name in REQUIRED_GROUP_COLUMNS))
    return out


@dataclasses.dataclass(frozen=True)
class ColumnRef:
    """What a column name means: a plain field, or one part of a numbered group."""
    column: Column
    group: Optional[str] = None
    number: int = 0


_BY_NAME = {c.name: c for c in CASE_COLUMNS}


def lookup(name: str) -> Optional[ColumnRef]:
    """The meaning of a column name, or None when it is not a known column."""
    if name in _BY_NAME:
        return ColumnRef(_BY_NAME[name])
    match = _GROUP_COLUMN.match(name)
    if not match:
        return None
    group, number, part = match.group(1), int(match.group(2) or 1), match.group(3)
    parts = {p.name: p for p in GROUPS[group][1]}
    if part not in parts or match.group(2) == "1":
        return None
    return ColumnRef(parts[part], group, number)


def known_names() -> list[str]:
    """Names offered in 'did you mean' hints."""
    return [c.name for c in template_columns()]
