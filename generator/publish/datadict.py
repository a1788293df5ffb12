"""The data dictionary: every field of the case and technology records, read from the schemas.

Walks a JSON Schema (local $refs resolved) and returns one row per field with its dotted
path (`figures.reductions[].unit`), type, whether it is required, its description, its form
and its allowed values. The English text is the schema's own; the Chinese comes from
generator/locales/schema.zh.yaml, keyed by the English text (a test fails when a schema text
has no Chinese). It prepares rows only; the data page template prints them.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Optional

import yaml

from generator.core import project
from generator.model.records import Vocabulary

ZH_TEXTS = project.LOCALES / "schema.zh.yaml"


@dataclasses.dataclass(frozen=True)
class Field:
    path: str                 # e.g. 'figures.reductions[].unit'
    type: str                 # text | bilingual | bilingual-list | string | number | integer |
                              # boolean | date | object | list | list-of-objects
    required: bool
    description: str          # English, from the schema
    form: Optional[str] = None          # English, from x-form
    values: tuple = ()                  # allowed values (enum), in schema order
    vocabulary: Optional[str] = None    # data/<vocabulary>.yaml that the values come from
    default: Optional[str] = None


def _resolve(node: dict, root: dict) -> dict:
    ref = node.get("$ref")
    if not ref:
        return node
    target = root
    for part in ref.lstrip("#/").split("/"):
        target = target[part]
    merged = dict(target)
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    return merged


def _is_bilingual(node: dict) -> bool:
    return node.get("type") == "object" and set(node.get("properties", {})) == {"en", "zh"}


def _scalar_type(node: dict) -> str:
    kind = node.get("type")
    if isinstance(kind, list):
        return "date" if "pattern" in node and "[0-9]{4}" in node["pattern"] else "string"
    return kind or "string"


def fields(schema: dict) -> list[Field]:
    out: list[Field] = []
    _walk(schema, schema, "", out)
    return out


def _walk(node: dict, root: dict, prefix: str, out: list) -> None:
    required = set(node.get("required", ()))
    for name, raw in node.get("properties", {}).items():
        child = _resolve(raw, root)
        path = f"{prefix}{name}"
        common = {"path": path, "required": name in required, "description": child.get("description", "")}
        if _is_bilingual(child):
            members = child["properties"]["en"]
            out.append(Field(type="bilingual-list" if members.get("type") == "array" else "bilingual", **common))
        elif child.get("type") == "object":
            out.append(Field(type="object", **common))
            _walk(child, root, path + ".", out)
        elif child.get("type") == "array":
            items = _resolve(child.get("items", {}), root)
            if items.get("type") == "object" and not _is_bilingual(items):
                out.append(Field(type="list-of-objects", **common))
                _walk(items, root, path + "[].", out)
            else:
                out.append(Field(type="list", form=items.get("x-form"), values=tuple(items.get("enum", ())),
                                 vocabulary=items.get("x-vocabulary"), **common))
        else:
            default = child.get("default")
            out.append(Field(type=_scalar_type(child), form=child.get("x-form"),
                             values=tuple(child.get("enum", ())), vocabulary=child.get("x-vocabulary"),
                             default=None if default is None else str(default), **common))


def schema_texts(schema: dict) -> set[str]:
    """Every English text of a schema that the data page shows (descriptions and forms)."""
    return {text for f in fields(schema) for text in (f.description, f.form) if text}


@functools.lru_cache(maxsize=1)
def zh_texts() -> dict:
    return yaml.safe_load(ZH_TEXTS.read_text(encoding="utf-8")) or {}


def translate(text: Optional[str], lang: str) -> str:
    if not text:
        return ""
    if lang.startswith("zh"):
        return zh_texts()[text]
    return text


def values_label(f: Field, vocab: dict, lang: str) -> list[tuple[str, str]]:
    """(key, label) pairs of the allowed values; the label is empty when there is none."""
    vocabulary: Optional[Vocabulary] = vocab.get(f.vocabulary) if f.vocabulary else None
    return [(str(v), vocabulary.label(v, lang) if vocabulary and v in vocabulary.terms else "")
            for v in f.values]
