"""Turn one flat row ({column name: cell value}) into a case record, and say which column a
field of that record came from.

Cells become values here: numbers (with a clear message for '1,200' or '約 3 年'), years, dates
(a day that does not exist, 2007-02-30, cannot be read), lists split on ';', vocabulary terms
given by key or by their English or Chinese name. Nothing is judged beyond "can this cell be
read": an unknown sector or a negative amount goes into the record as given and the validator
reports it, so the rules live in one place.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import difflib
import re
from typing import Any, Optional

import yaml

from generator.check.yamlsrc import load_file
from generator.core import project
from generator.core.project import Project
from generator.editors.caseform import CASE_COLUMNS, GROUPS, Column, ColumnRef, group_prefix, lookup

LOCALES = project.LOCALES
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_LIST_SPLIT = re.compile(r"[;,；，、\n]")
_NAMES = {"HKD": ("Hong Kong dollars", "港元"), "RMB": ("Renminbi", "人民幣"),
          "en": ("English", "英文"), "zh-Hant": ("Traditional Chinese", "繁體中文"),
          "zh-Hans": ("Simplified Chinese", "簡體中文")}


@dataclasses.dataclass(frozen=True)
class CellProblem:
    column: str
    code: str
    message: str


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclasses.dataclass
class Terms:
    """Accepted spellings of every vocabulary and choice: key, English or Chinese name -> key."""
    names: dict        # vocabulary or choice name -> {normalised spelling: key}
    keys: dict         # vocabulary or choice name -> [keys in order]
    labels: dict       # vocabulary or choice name -> {key: (en, zh)}

    @classmethod
    def load(cls, project: Project) -> "Terms":
        names: dict = {}
        keys: dict = {}
        labels: dict = {}
        for path in sorted(project.data_dir.glob("*.yaml")):
            doc, _ = load_file(path, project.root)
            if not isinstance(doc.data, dict) or not isinstance(doc.data.get("terms"), list):
                continue
            terms = [t for t in doc.data["terms"] if isinstance(t, dict) and "key" in t]
            labels[path.stem] = {t["key"]: (str(t.get("en", "")), str(t.get("zh", ""))) for t in terms}
        locale = {lang: yaml.safe_load((LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))
                  for lang in ("en", "zh")}
        for choice, values in (("basis", ("reported", "estimated", "measured", "verified")),
                               ("period", ("annual", "one-off", "cumulative", "not-stated")),
                               ("qualifier", ("about", "up-to", "at-least", "more-than")),
                               ("currency", ("HKD", "RMB")), ("language", ("en", "zh-Hant", "zh-Hans"))):
            labels[choice] = {v: _NAMES.get(v) or (locale["en"].get(f"{choice}_{v}", v),
                                                   locale["zh"].get(f"{choice}_{v}", v))
                              for v in values}
        for name, table in labels.items():
            keys[name] = list(table)
            spellings: dict = {}
            for key, (en, zh) in table.items():
                for spelling in (zh, en, key.replace("-", " "), key):
                    if spelling:
                        spellings[_norm(spelling)] = key
            names[name] = spellings
        return cls(names, keys, labels)

    def key(self, name: str, text: str) -> str:
        return self.names.get(name, {}).get(_norm(text), text)

    def suggest(self, name: str, text: str) -> str:
        """' (did you mean 'printing', 印刷和出版業?)' for a spelling that is not accepted: the
        closest key or name, or the one term whose name contains what was typed ('印刷');
        '' when nothing is close."""
        spellings = self.names.get(name, {})
        typed = _norm(text)
        if not typed:
            return ""
        close = difflib.get_close_matches(typed, list(spellings), n=1, cutoff=0.6)
        keys = {spellings[close[0]]} if close else {k for s, k in spellings.items() if typed in s}
        if len(keys) != 1:
            return ""
        key = keys.pop()
        en, zh = self.labels[name][key]
        return f" (did you mean '{key}', {en} / {zh}?)"


def shown(text: str, limit: int = 60) -> str:
    """A cell's text for a message: cut to `limit` characters ('…' marks the cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell_text(value: Any) -> str:
    """A cell as one line of text ('' for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def parse_number(value: Any, column: str, qualifier_hint: Optional[str]) -> tuple[Any, Optional[str]]:
    """(number, None) or (None, message)."""
    if isinstance(value, bool):
        return None, f"'{value}' is not a number"
    if isinstance(value, (int, float)):
        return (int(value) if float(value).is_integer() else value), None
    text = cell_text(value)
    if _PLAIN_NUMBER.fullmatch(text):
        number = float(text)
        return (int(number) if number.is_integer() else number), None
    if _THOUSANDS.fullmatch(text):
        return None, f"'{text}' is not a plain number: write {text.replace(',', '')}, without commas"
    digits = re.search(r"\d+(?:\.\d+)?", text)
    hint = f" (e.g. {shown(digits.group(0), 20)})" if digits else ""
    more = f"; put words like 'about' or 'up to' in {qualifier_hint}" if qualifier_hint else ""
    return None, f"'{shown(text)}' is not a plain number: write the number alone{hint}{more}"


def parse_year(value: Any) -> tuple[Any, Optional[str]]:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value), None
    text = cell_text(value)
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text), None
    return None, f"'{shown(text)}' is not a year: write four digits, e.g. 2021"


def parse_date(value: Any) -> tuple[Any, Optional[str]]:
    """A date cell: YYYY (as a number), YYYY-MM or YYYY-MM-DD, or (None, message) for a month or
    day that does not exist. Any other form is passed on as text for the validator to judge."""
    text = cell_text(value)
    if re.fullmatch(r"\d{4}", text):
        return int(text), None
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not match:
        return text, None
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12:
        return None, f"'{text}' is not a real date: the month must be 01 to 12"
    if day is not None:
        last = calendar.mdays[month] + (month == 2 and calendar.isleap(year))
        if not 1 <= int(day) <= last:
            return None, f"'{text}' is not a real date: {year:04d}-{month:02d} has days 01 to {last}"
    return text, None


def split_list(value: Any) -> list[str]:
    return [part.strip() for part in _LIST_SPLIT.split(cell_text(value)) if part.strip()]


class RowParser:
    """Builds one record from one row; remembers problems and where each field came from."""

    def __init__(self, terms: Terms):
        self.terms = terms

    def parse(self, row: dict[str, Any]) -> tuple[dict, list[CellProblem], dict]:
        """(record, cell problems, {record field path: column name})."""
        self.problems: list[CellProblem] = []
        self.origin: dict = {}
        plain: dict[str, Any] = {}
        groups: dict[tuple[str, int], dict[str, Any]] = {}
        for name, value in row.items():
            ref = lookup(name)
            if ref is None:
                continue
            if ref.group:
                groups.setdefault((ref.group, ref.number), {})[ref.column.name] = value
            else:
                plain[name] = value
        record = self._plain(plain)
        sources = self._groups(groups, "source", record)
        figures: dict[str, list] = {}
        for group, (kind, _) in GROUPS.items():
            if group != "source":
                items = self._groups(groups, group, record, sources)
                if items:
                    figures[kind] = items
        if figures:
            record["figures"] = figures
        if sources:
            record["sources"] = sources
        self.origin.setdefault(("sources",), "source_id")
        return record, self.problems, self.origin

    def _value(self, column: Column, name: str, value: Any, qualifier_hint: Optional[str] = None):
        if column.kind == "number":
            number, problem = parse_number(value, name, qualifier_hint)
        elif column.kind == "year":
            number, problem = parse_year(value)
        elif column.kind == "date":
            number, problem = parse_date(value)
        else:
            text = cell_text(value)
            if column.kind in ("vocab", "choice"):
                return self.terms.key(column.vocab, text)
            if column.kind == "list":
                return split_list(value)
            if column.kind == "vocab-list":
                return [self.terms.key(column.vocab, item) for item in split_list(value)]
            return text
        if problem:
            self.problems.append(CellProblem(name, "E404", problem))
        return number

    def _fill(self, target: dict, parts: dict[str, Any], columns: list[Column], path: tuple,
              prefix: str, qualifier_hint: Optional[str] = None) -> None:
        for column in columns:
            name = prefix + column.name
            field, _, lang = column.name.rpartition("_")
            if lang in ("en", "zh") and column.kind == "text":
                self.origin.setdefault(path + (field,), prefix + field + "_en")
                self.origin[path + (field, lang)] = name
                text = cell_text(parts.get(column.name))
                if text:
                    target.setdefault(field, {})[lang] = text
                continue
            self.origin[path + (column.name,)] = name
            raw = parts.get(column.name)
            if cell_text(raw) == "":
                continue
            value = self._value(column, name, raw, qualifier_hint)
            if value is not None and value != []:
                target[column.name] = value

    def _plain(self, plain: dict[str, Any]) -> dict:
        record: dict = {}
        self._fill(record, plain, list(CASE_COLUMNS), (), "")
        record.setdefault("technologies", [])     # required, and empty when the source names none
        return record

    def _groups(self, groups: dict, group: str, record: dict, sources: Optional[list] = None) -> list:
        kind, parts = GROUPS[group]
        base = ("sources",) if group == "source" else ("figures", kind)
        items = []
        for number in sorted(n for g, n in groups if g == group):
            cells = groups[(group, number)]
            if not any(cell_text(v) for v in cells.values()):
                continue
            prefix = group_prefix(group, number)
            path = base + (len(items),)
            item: dict = {}
            main = parts[0].name
            self.origin[path] = prefix + ("url" if group == "source" else main)
            self._fill(item, cells, parts, path, prefix, None if group == "source" else prefix + "qualifier")
            if group != "source" and "source" not in item and sources and len(sources) == 1 \
                    and "id" in sources[0]:
                item["source"] = sources[0]["id"]
            items.append(item)
        return items


_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def field_path(message: str) -> tuple[tuple, str]:
    """Split a validator message 'figures.investment[0].amount: must not ...' into the field
    path and the rest of the message."""
    field, sep, rest = message.partition(": ")
    if not sep or field == "record":
        return (), message
    path = tuple(int(i) if i else name for name, i in _TOKEN.findall(field))
    return path, rest


def column_of(path: tuple, code: str, origin: dict) -> str:
    """The column a field of the record came from (its nearest known ancestor's column)."""
    if code == "E206" and path + ("zh",) in origin:
        return origin[path + ("zh",)]
    while path:
        if path in origin:
            return origin[path]
        path = path[:-1]
    return "id"


__all__ = ["CellProblem", "ColumnRef", "RowParser", "Terms", "cell_text", "column_of", "field_path",
           "parse_date", "parse_number", "parse_year", "shown", "split_list"]
