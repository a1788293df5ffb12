"""Write a record as YAML text the way an editor would: the schema line first, fields in a
fixed readable order, long text folded, short lists on one line, optional comments.

Used by `cpsite new-case` and `cpsite import`. It only turns a record (plain dicts, lists,
strings and numbers) into text and proves that reading the text back gives the same record;
it does not check what the record means (that is `validate`'s job) and writes no files.
"""

from __future__ import annotations

from typing import Optional

import yaml

from generator.check.rules import MODELINE
from generator.check.yamlsrc import _Resolver, load_text

# Keys in the order people read them; anything not listed follows in its own order.
ORDER = ("id", "former_ids", "title", "summary", "sector", "pollutants", "technologies",
         "initiative", "year", "phase", "location", "company", "background", "what_was_done",
         "results", "figures", "sources",
         "investment", "subsidy", "annual_saving", "payback", "reductions",
         "amount", "currency", "years", "quantity", "unit", "what", "qualifier", "basis", "period",
         "source", "scope", "note", "publisher", "url", "document", "date", "language", "en", "zh")
FOLD_AT = 72          # strings longer than this are written folded (`>-`) on their own lines
WIDTH = 88            # PyYAML breaks at the first space after this column


class RecordTextError(Exception):
    """The text would not read back as the same record (a bug, never an editor's mistake)."""


def _key(name) -> tuple:
    return (ORDER.index(name) if name in ORDER else len(ORDER), 0)


_RESOLVER = _Resolver()


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)   # list items indented under their key


def _plain_is_text(value: str) -> bool:
    """True when our YAML 1.2 reader would read `value` unquoted as the same string."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return tag == "tag:yaml.org,2002:str"


def _represent_str(dumper, value: str):
    style = None
    if not _plain_is_text(value):
        style = "'"
    elif len(value) > FOLD_AT and " " in value and "\n" not in value and value == value.strip():
        style = ">"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_dict(dumper, value: dict):
    items = sorted(value.items(), key=lambda kv: _key(kv[0]))
    return dumper.represent_mapping("tag:yaml.org,2002:map", items, flow_style=False)


def _represent_list(dumper, value: list):
    flat = all(isinstance(v, (str, int, float)) and len(str(v)) < 40 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def dump_field(name: str, value) -> str:
    return yaml.dump({name: value}, Dumper=_Dumper, allow_unicode=True, width=WIDTH, indent=2)


def record_text(record: dict, schema_file: str = "case.schema.json",
                comments: Optional[dict] = None) -> str:
    """The YAML text of `record`; `comments` maps a top-level key to a comment line above it."""
    lines = [f"{MODELINE}../schema/{schema_file}\n"]
    for name in sorted(record, key=_key):
        if comments and comments.get(name):
            lines += [f"# {line}\n" for line in comments[name].splitlines()]
        lines.append(dump_field(name, record[name]))
    text = "".join(lines)
    doc, problems = load_text(text, "record")
    if problems or doc.data != record:
        raise RecordTextError(f"record text does not read back as the same record: {problems}")
    return text
