"""Every problem code, once: its severity (E: error, the build stops; W: warning), what it
means in both languages, and which part of the checks gives it (`section`). Every checker makes its problems with a
code from here (core.problems refuses any other), and the code tables of CONTRIBUTING.md and
CONTRIBUTING.zh.md are printed from this table (`python -m generator.core.codes`), which a test
checks.

Adding a code: one row here, then paste the printed tables into both CONTRIBUTING files."""

from __future__ import annotations

import dataclasses
import sys


@dataclasses.dataclass(frozen=True)
class Code:
    code: str
    section: str     # records (cpsite validate), terms (data/zh-hans-terms.yaml), programme, import
    en: str
    zh: str

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")


CODES = {c.code: c for c in (
    Code('E100', 'records',
         'The file is not readable YAML (or not UTF-8)',
         '檔案不是可讀的 YAML（或不是 UTF-8）'),
    Code('E101', 'records',
         'Tab character: indent with spaces',
         '有定位字元（tab）：請以空格縮排'),
    Code('E102', 'records',
         'The same key twice in one mapping',
         '同一層出現兩次相同的鍵'),
    Code('E103', 'records',
         'A YAML tag (`!!python/…`) — never allowed',
         '使用了 YAML 標籤（`!!python/…`），一概不准'),
    Code('E104', 'records',
         'The first line is not the schema line',
         '第一行不是綱要行'),
    Code('E105', 'records',
         'An anchor or alias (`&name`, `*name`): write the value out in full',
         '使用了錨點或別名（`&name`、`*name`）：請把內容完整寫出'),
    Code('E106', 'records',
         'The file is larger than 256 KB',
         '檔案大於 256 KB'),
    Code('E110', 'records',
         'A required field is missing',
         '缺少必填欄位'),
    Code('E111', 'records',
         'Unknown field (often a typo; the message suggests the right name)',
         '不明欄位（多數是拼錯，訊息會建議正確名稱）'),
    Code('E112', 'records',
         'Wrong kind of value (text where a number is needed, …)',
         '值的類型不對（例如應填數字卻填了文字）'),
    Code('E113', 'records',
         'Not one of the allowed values, or not in the expected form',
         '不是可用的值，或格式不符'),
    Code('E114', 'records',
         'Number out of range (e.g. negative)',
         '數字超出範圍（例如負數）'),
    Code('E115', 'records',
         'Empty list, or an item listed twice',
         '列表是空的，或同一項目重複'),
    Code('E116', 'records',
         'A source needs a `url` or a `document`',
         '來源須有 `url` 或 `document`'),
    Code('E119', 'records',
         "Any other break of the record's schema (the message gives the schema's own words)",
         '其他不符合記錄綱要的情況（訊息引述綱要本身的說明）'),
    Code('E201', 'records',
         '`id` differs from the file name',
         '`id` 與檔案名稱不同'),
    Code('E202', 'records',
         'Id already used by another record',
         '編號已被另一記錄使用'),
    Code('E203', 'records',
         'Not a key of the vocabulary (sector, pollutant area, unit …)',
         '不是詞彙表（行業、污染範疇、單位等）的代號'),
    Code('E204', 'records',
         'No technology record with that id',
         '沒有該編號的技術記錄'),
    Code('E205', 'records',
         'A figure cites a source id that is not in `sources`',
         '數據引用的來源 id 不在 `sources` 內'),
    Code('E206', 'records',
         'Chinese text (`zh`) missing or empty',
         '缺少中文（`zh`）或中文是空白'),
    Code('E207', 'records',
         'HTML or script in record text',
         '記錄文字含有 HTML 或程式碼'),
    Code('E208', 'records',
         'Two sources with the same id',
         '兩個來源使用相同 id'),
    Code('E209', 'records',
         'A former id already used by another record',
         '舊編號已被另一記錄使用'),
    Code('E210', 'records',
         'An id the site uses for a page of its own (`index`, `compare`)',
         '編號與網站本身的頁面同名（`index`、`compare`）'),
    Code('E211', 'records',
         'A URL that is not a plain `http://` or `https://` address with a host (no user name or password, no spaces)',
         '網址不是附有主機名稱的一般 `http://` 或 `https://` 地址（不可含用戶名稱、密碼或空格）'),
    Code('E212', 'records',
         'A control character (NUL, ESC, DEL, …) or a bidirectional override in text',
         '文字含控制字元（NUL、ESC、DEL 等）或雙向覆寫字元'),
    Code('E213', 'records',
         'A date that is not on the calendar (e.g. `2007-02-30`)',
         '日期在日曆上不存在（例如 `2007-02-30`）'),
    Code('E214', 'records',
         "An evidence figure's unit does not fit its kind (a payback in per cent, …)",
         '參考數據的單位與其類別不相配（例如以百分比表示回本期）'),
    Code('E215', 'records',
         'An evidence range whose low end is above its high end',
         '參考數據範圍的下限高於上限'),
    Code('E216', 'records',
         'An evidence figure in money without the year of its prices (`price_year`)',
         '以金額表示的參考數據未註明價格年份（`price_year`）'),
    Code('E217', 'records',
         'An evidence figure needs either `value`, or `low` and `high`',
         '參考數據須填 `value`，或同時填 `low` 及 `high`'),
    Code('E251', 'terms',
         'A term-table entry that does not match OpenCC: `from` is not what OpenCC outputs for the example, or `to` has Traditional characters',
         '詞彙對照表的條目與 OpenCC 不符：`from` 不是 OpenCC 對例句的輸出，或 `to` 含繁體字'),
    Code('E252', 'terms',
         'A term-table entry that replaces a term with itself',
         '詞彙對照表的條目以原詞取代原詞'),
    Code('E253', 'terms',
         'A term listed twice in the term table',
         '詞彙對照表中同一詞語列了兩次'),
    Code('E254', 'terms',
         'A term-table exception that does not contain the term',
         '詞彙對照表的例外詞語不包含該詞語'),
    Code('E255', 'terms',
         'A term-table example that the Simplified edition does not convert as stated',
         '詞彙對照表的例句經簡體版轉換後與所列不同'),
    Code('E401', 'import',
         'The file cannot be read: not UTF-8 (or not the `--encoding` given), a CSV quote that is never closed or goes on after it closes, not an Excel workbook',
         '檔案無法讀取：不是 UTF-8（或不是 `--encoding` 指定的編碼）、CSV 的引號（`"`）沒有關上或關上後仍有文字、不是 Excel 活頁簿'),
    Code('E402', 'import',
         'Unknown, unnamed or repeated column',
         '不明、未命名或重複的欄位'),
    Code('E403', 'import',
         'A required column is missing',
         '缺少必填欄位'),
    Code('E404', 'import',
         'A number, year or date that cannot be read (`1,200`, `2O21`, a day that does not exist such as `2007-02-30`)',
         '無法讀取的數字、年份或日期（`1,200`、`2O21`、不存在的日子如 `2007-02-30`）'),
    Code('E405', 'import',
         'The same id in two rows: neither is imported',
         '兩行使用相同編號：兩行均不匯入'),
    Code('E406', 'import',
         'The record already exists and differs (see `--update` below)',
         '記錄已存在而內容不同（見下文 `--update`）'),
    Code('E407', 'import',
         'A cell of more than 100,000 characters',
         '儲存格超過 100,000 個字元'),
    Code('E408', 'import',
         'In a workbook: a formula with no stored value, or a cell showing an error such as `#REF!`',
         '活頁簿中的公式沒有儲存計算結果，或儲存格顯示錯誤（例如 `#REF!`）'),
    Code('E218', 'records',
         'A placeholder instead of a text (`…`, `TODO`, `xxx`, `待補`): write the text, or leave an optional field out',
         '以佔位字代替內容（`…`、`TODO`、`xxx`、`待補`）：請寫上內容；選填欄位可以不填'),
    Code('E220', 'records',
         'A Simplified-only character in Traditional text (a `zh` field or a page in `content/zh/`; aliases may be in either script)',
         '繁體中文（`zh` 欄位或 `content/zh/` 的頁面）中有簡體字；別稱（aliases）不在此限'),
    Code('E221', 'records',
         'Half-width `,` `:` `;` `!` `?` after a Chinese character, or a space typed between two Chinese characters',
         '中文字後用了半形的 `,` `:` `;` `!` `?`，或兩個中文字之間有空格'),
    Code('E222', 'records',
         '`“ ”` or `‘ ’` in Traditional text: write `「」` (and `『』` inside them)',
         '繁體中文用了 `“ ”` 或 `‘ ’`：請用 `「」`（內層用 `『』`）'),
    Code('E223', 'records',
         'A source description the site wrote (a bracketed `title`) without its Chinese `title_zh`',
         '本網站自擬的來源描述（方括號內的 `title`）沒有中文 `title_zh`'),
    Code('E224', 'records',
         "A programme figure's `qualifier` does not match `said`, the source's own word (over → more-than), or one is given without the other",
         '伙伴計劃數字的 `qualifier` 與來源原文用語 `said` 不符（over 即 more-than），或只填其中一項'),
    Code('E225', 'records',
         "One document under two source ids (same address, or same title and date) in the programme pages' sources (`data/programme-sources.yaml` and the vocabularies' `sources`), or a vocabulary source with a programme source's id that is another document",
         '伙伴計劃各頁的資料來源（`data/programme-sources.yaml` 及各詞彙檔的 `sources`）中，同一份文件（網址相同，或標題及日期相同）用了兩個代號；或詞彙檔的來源沿用了伙伴計劃來源的代號，卻是另一份文件'),
    Code('E226', 'records',
         '(build) A Hong Kong word of `data/zh-hans-terms.yaml` left in the built Simplified edition',
         '（建置時）簡體版仍有 `data/zh-hans-terms.yaml` 所列的香港用語'),
    Code('W303', 'records',
         'An English word in Chinese text (abbreviations in capitals such as VOC, Roman numerals and the units listed in `generator/check/zhtext.py` pass)',
         '中文內夾雜英文字（VOC 等大寫縮寫、羅馬數字及 `generator/check/zhtext.py` 所列單位除外）'),
    Code('W301', 'records',
         'Chinese text with no Chinese characters',
         '中文欄位沒有中文字'),
    Code('W302', 'programme',
         'A programme source that no programme data file cites',
         '沒有任何計劃資料檔引用的計劃資料來源'),
    )}

# Which codes each CONTRIBUTING table lists: the records table also holds the term-table and
# programme-data codes, which `cpsite validate` gives too.
TABLES = {"validate": ("records", "terms", "programme"), "import": ("import",)}


def table(name: str, lang: str) -> str:
    """The Markdown table of one CONTRIBUTING section in one language."""
    head = "| Code | Meaning |\n|---|---|\n" if lang == "en" else "| 代碼 | 意思 |\n|---|---|\n"
    rows = sorted((c for c in CODES.values() if c.section in TABLES[name]), key=lambda c: c.code)
    return head + "".join(f"| {c.code} | {getattr(c, lang)} |\n" for c in rows)


if __name__ == "__main__":
    for name in TABLES:
        for lang in ("en", "zh"):
            sys.stdout.write(f"\n{name} ({lang}):\n\n" + table(name, lang))
