"""Chinese text checks: what a Hong Kong reader would see as a slip in Traditional text, and
what a Guangdong reader would see as Hong Kong wording in the Simplified edition.

Checks (codes in CONTRIBUTING.md), over the `zh` fields of every record and data file and
over the hand-written pages in content/zh/:

- E220 a Simplified-only character in Traditional text. OpenCC decides, not a table of our
  own: a character that OpenCC's t2s leaves as it is but s2t changes is a Simplified form
  (锅 -> 鍋), unless it is also a Traditional character in its own right; those few are the
  reviewed `TRADITIONAL_TOO` below (干 in 干擾, 伙 in 伙伴計劃, 砜 as the 2023-24 report
  prints it).
- E221 half-width , : ; ! ? right after a Chinese character, or a space typed between two
  Chinese characters (the spaces YAML folding makes are dropped when the page is rendered,
  `records.tidy_zh` and `tidy_html`, so they are not reported).
- E222 “ ” or ‘ ’ in Traditional text: Hong Kong writes 「」 and 『』.
- W303 (a warning: names and units are a judgement) an English word in Chinese text.
  Abbreviations in capitals (VOC, RTO, UV, IFAS-MOX), Roman numerals (示範項目(II)) and the
  units and names of `ALLOWED_WORDS` pass.
- E223 a bracketed source title (the site's own description of a page whose title was not
  recorded) without its Chinese `title_zh`: the Chinese pages would show the English.

E226, Hong Kong words left in the built Simplified edition, is `hans_words`.

Aliases (`aliases.zh`) may be in either script: they feed the search index, and pages print
only those in the page's own script (`in_script`). This module finds problems and tidies
rendered text; it writes nothing.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterable, Iterator, Optional

import opencc

from generator.check.yamlsrc import Document, dotted
from generator.core.problems import Problem
from generator.model.kinds import OWNED_DIRS

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))     # the same, as numbers
_FULL = "\u3000-\u303f\uff00-\uffef"          # full-width punctuation and forms
HAN = re.compile(f"[{_CJK}]")
_HALF_PUNCT = re.compile(f"(?<=[{_CJK}])[,:;!?]")
_TYPED_SPACE = re.compile(f"(?<=[{_CJK}{_FULL}])[ \u00a0]+(?=[{_CJK}{_FULL}])")
_CURLY = re.compile("[\u201c\u201d\u2018\u2019]")
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9]*(?:[+\-.][A-Za-z0-9]+)*")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_ROMAN = re.compile(r"^[IVX]+$")

# Characters that OpenCC's s2t would change but that Hong Kong Traditional text also uses as
# they are (reviewed: each is a standard Traditional character, or the form the programme's
# own reports print: 伙 of 伙伴計劃, 砜 of 聚砜, 床 of 活性炭床 and 秘 of 秘書處 where OpenCC
# prefers 牀 and 祕; 群, the form Hong Kong's standard character list gives, where OpenCC prefers
# the variant 羣). OpenCC's Hong Kong variants (s2hk) are not used: they accept 温 and 脱,
# where the programme's reports write 溫 and 脫.
TRADITIONAL_TOO = frozenset("伙砜床秘台干后里云范斗丑冲于余准几凶划叶吁咸尸并朴杰涂游采咨辟适群")

# Latin words a Chinese text may carry as they are: units and symbols, and names that have
# no Chinese form. Words in capitals (abbreviations) need no entry.
ALLOWED_WORDS = frozenset({
    "pH", "ppm", "ppmv", "mg", "m3", "kg", "kWh", "kW", "MW", "TJ", "NOx", "SOx", "VOCs",
    "JavaScript", "Ctrl+C", "UTF-8", "Atom", "Excel",
})

_t2s = functools.lru_cache(maxsize=None)(lambda: opencc.OpenCC("t2s"))
_s2t = functools.lru_cache(maxsize=None)(lambda: opencc.OpenCC("s2t"))


@functools.lru_cache(maxsize=None)
def _simplified_set() -> frozenset:
    """Every Simplified character that Traditional text does not use: the Han characters that
    OpenCC's t2s leaves as they are and its s2t changes, less TRADITIONAL_TOO. Worked out once,
    all at once (one character a line, so no phrase spans two): about 0.1 s."""
    chars = [chr(c) for a, b in _CJK_RANGES for c in range(a, b + 1)]
    text = "\n".join(chars)
    to_simple, to_traditional = _t2s().convert(text).split("\n"), _s2t().convert(text).split("\n")
    return frozenset(c for c, s, t in zip(chars, to_simple, to_traditional)
                     if s == c and t != c and c not in TRADITIONAL_TOO)


@functools.lru_cache(maxsize=None)
def _simplified_pattern() -> re.Pattern:
    return re.compile("[" + "".join(sorted(_simplified_set())) + "]")


@functools.lru_cache(maxsize=None)
def _trigger_pattern() -> re.Pattern:
    """A character that `findings` or `_typed_spaces` look for; a text without one has nothing
    to report (most texts)."""
    return re.compile("[,:;!?\u201c\u201d\u2018\u2019A-Za-z \u00a0" + "".join(sorted(_simplified_set())) + "]")


def simplified_only(ch: str) -> bool:
    """Whether `ch` is a Simplified character that Traditional text does not use."""
    return ch in _simplified_set()


def has_simplified(text: str) -> bool:
    return _simplified_pattern().search(text) is not None


def in_script(words: Iterable[str], lang: str) -> list[str]:
    """The words a page of `lang` prints: on Traditional pages, none with a Simplified-only
    character, and none that reads the same as an earlier one once simplified (污泥乾化 and
    污泥干化 would be one word twice in the Simplified edition); each once."""
    out: list[str] = []
    seen: set[str] = set()
    for word in words:
        key = _t2s().convert(word) if lang == "zh" else word
        if (lang == "zh" and has_simplified(word)) or key in seen:
            continue
        seen.add(key)
        out.append(word)
    return out


# --- findings in one text ---------------------------------------------------------------------

def findings(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, code, message) for each slip in one piece of Traditional text. Spaces between
    Chinese characters are reported by the callers, which know whether a space was typed.
    A text with no character any check looks for (most texts) is passed over at once."""
    if not _trigger_pattern().search(text):
        return
    for m in _simplified_pattern().finditer(text):
        yield m.start(), "E220", f"'{m.group()}' is a Simplified character; Traditional text writes '{_s2t().convert(m.group())}'"
    for m in _HALF_PUNCT.finditer(text):
        yield m.start(), "E221", f"half-width '{m.group()}' after a Chinese character: use '{chr(ord(m.group()) + 0xFEE0)}'"
    for m in _CURLY.finditer(text):
        yield m.start(), "E222", f"'{m.group()}' in Traditional text: Hong Kong quotes with 「」 (and 『』 inside them)"
    if not HAN.search(text):
        return          # not Chinese at all: W301 says so
    for m in _WORD.finditer(_PLACEHOLDER.sub(lambda p: " " * len(p.group()), text)):
        word = m.group()
        if word in ALLOWED_WORDS or _ROMAN.match(word) or word.upper() == word:
            continue
        yield m.start(), "W303", (f"English word '{word}' in Chinese text: write it in Chinese (or, for a unit or "
                                  "a name with no Chinese form, add it to zhtext.ALLOWED_WORDS)")


def _typed_spaces(text: str) -> Iterator[tuple[int, str, str]]:
    for m in _TYPED_SPACE.finditer(text):
        yield m.start(), "E221", "space between Chinese characters: delete it"


# --- records and data files -------------------------------------------------------------------

def _zh_strings(doc: Document) -> Iterator[tuple[tuple, str]]:
    """Every Traditional text of a record: `zh` values (or the items of a `zh` list), but not
    aliases (search words, in either script)."""
    for path, value in doc.leaves():
        if isinstance(value, str) and path and (path[-1] == "zh" or (len(path) > 1 and path[-2] == "zh"
                                                                      and isinstance(path[-1], int))):
            if "aliases" not in path:
                yield path, value


def _offset(text: str, line: int, col: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[:max(line - 1, 0)]) + max(col - 1, 0)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _locate(doc: Document, path: tuple, value: str, index: int, length: int = 1) -> Optional[tuple[int, int]]:
    """Where the characters value[index:index+length] are in the file: the same text found
    after the value's start (None when it is not there as typed, e.g. across a fold)."""
    line, col = doc.where(path)
    start = _offset(doc.text, line, col)
    window = doc.text[start:start + 3 * len(value) + 80]
    snippet = value[index:index + length]
    nth = value[:index].count(snippet)
    at = -1
    for _ in range(nth + 1):
        at = window.find(snippet, at + 1)
        if at == -1:
            return None
    return _line_col(doc.text, start + at)


def record_problems(docs: Iterable[Document]) -> list[Problem]:
    """E220-E223 and W303 in the Traditional texts of loaded records and data files."""
    out = []
    for doc in docs:
        if not isinstance(doc.data, (dict, list)) or Path(doc.path).name == "zh-hans-terms.yaml":
            continue
        for path, text in _zh_strings(doc):
            if not _trigger_pattern().search(text):
                continue        # the usual case: nothing any check looks for
            for index, code, message in findings(text):
                where = _locate(doc, path, text, index) or doc.where(path)
                out.append(Problem(doc.path, where[0], where[1], code, f"{dotted(path)}: {message}"))
            for index, code, message in _typed_spaces(text):
                where = _locate(doc, path, text, index - 1, 3)   # typed: on one line in the file
                if where:
                    out.append(Problem(doc.path, where[0], where[1] + 1, code, f"{dotted(path)}: {message}"))
        if Path(doc.path).name == "programme-sources.yaml" and isinstance(doc.data, dict):
            out += _descriptions(doc)
    return out


def _descriptions(doc: Document) -> Iterator[Problem]:
    """A bracketed source title is the site's own description: Chinese pages need it in Chinese."""
    for i, source in enumerate(doc.data.get("sources") or []):
        if isinstance(source, dict) and str(source.get("title", "")).startswith("[") and not source.get("title_zh"):
            line, col = doc.where(("sources", i, "title"))
            yield Problem(doc.path, line, col, "E223", f"sources[{i}].title: a description the site wrote "
                          "(in brackets) needs title_zh, the Chinese the Chinese pages show")


# --- hand-written pages -----------------------------------------------------------------------

# Parts of a Markdown line that are not prose: code, link targets, attribute lists, HTML
# tags, snippet includes, addresses. They are blanked (same length) before checking.
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|\{[^}]*\}|<[^>]*>|--8<--.*|https?://\S+")
_FRONT_KEYS = ("title:", "description:")
_BLANK = "\x01"      # stands for a blanked character: neither Chinese nor a space


def _page_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, prose) of a page: front matter only for title and description."""
    lines = text.split("\n")
    body_from, prose_key = 0, False
    if lines and lines[0] == "---":
        for i in range(1, len(lines)):
            if lines[i] == "---":
                body_from = i + 1
                break
            if not lines[i].startswith(" "):
                prose_key = lines[i].startswith(_FRONT_KEYS)
            if prose_key:
                yield i + 1, re.sub(r"^[a-z_]+:( >-)?", lambda m: " " * len(m.group()), lines[i])
    fenced = False
    for i in range(body_from, len(lines)):
        if lines[i].lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            yield i + 1, _NOT_PROSE.sub(lambda m: _BLANK * len(m.group()), lines[i])


def page_problems(root: Path, pages: Iterable[Path]) -> list[Problem]:
    """E220-E222 and W303 (and typed spaces) in hand-written Traditional pages."""
    out = []
    for page in sorted(pages):
        shown = page.relative_to(root).as_posix()
        for number, line in _page_lines(page.read_text(encoding="utf-8")):
            for index, code, message in [*findings(line), *_typed_spaces(line)]:
                out.append(Problem(shown, number, index + 1, code, message))
    return out


def handwritten_pages(content_zh: Path) -> list[Path]:
    """The pages of content/zh/ that people write (not the folders the generator owns)."""
    owned = [o.folder for o in OWNED_DIRS]
    return [p for p in content_zh.rglob("*.md")
            if not any(p.relative_to(content_zh).as_posix().startswith(f + "/") for f in owned)]


# --- rendering --------------------------------------------------------------------------------

_SKIP_HTML = re.compile(r"(<(pre|script|code|textarea|style)\b.*?</\2>)", re.S | re.I)
_BREAK = re.compile(f"(?<=[{_CJK}{_FULL}])[ \t]*\n[ \t]*(?=[{_CJK}{_FULL}])")
_SPACE = re.compile(f"(?<=[{_CJK}{_FULL}]) +(?=[{_CJK}{_FULL}])")
_TAG = re.compile(r"(<[^>]*>)")


def tidy_html(html: str) -> str:
    """A Chinese page as the reader should see it: no space or line break between two
    Chinese characters (from a Markdown line wrap, a folded YAML paragraph or a label put
    before a value), except inside pre, code, script, style and textarea."""
    parts = _SKIP_HTML.split(html)
    out, i = [], 0
    while i < len(parts):
        # text between tags only: attribute values (search keywords, alt text) stay as they are
        out.append("".join(_tidy_text(piece) for piece in _TAG.split(parts[i])))
        if i + 1 < len(parts):
            out.append(parts[i + 1])        # the skipped element, as it is
        i += 3
    return "".join(out)


def _tidy_text(piece: str) -> str:
    if piece.startswith("<") or (" " not in piece and "\n" not in piece):    # a tag, or nothing to take out
        return piece
    return _SPACE.sub("", _BREAK.sub("", piece))


def large_amount_zh(amount, currency: str = "HKD") -> str:
    """A large round amount in the form Chinese reports print it (3 億 1,100 萬元, 人民幣 541
    萬元), for showing beside the digits; '' for amounts under a million or not in whole 萬."""
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 1_000_000 or amount % 10_000:
        return ""
    yi, wan = divmod(amount // 10_000, 10_000)
    words = " ".join(part for part in (f"{yi} 億" if yi else "", f"{wan:,} 萬" if wan else "") if part)
    return ("人民幣 " if currency == "RMB" else "") + words + "元"
