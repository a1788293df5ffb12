"""Check a loaded record against its JSON Schema and say where each problem is.

The schemas in `schema/` are the single description of each record kind: editors get
autocomplete from them, this module validates with them, and the data page documents them.
Each jsonschema error becomes one Problem with a code, a field path and the position of the
offending value (or key). Cross-file checks live in `rules`, not here.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

import fastjsonschema

from generator.check.yamlsrc import Document, dotted
from generator.core.problems import Problem

if TYPE_CHECKING:
    import jsonschema

KINDS = ("case", "technology", "vocabulary")


@functools.lru_cache(maxsize=None)
def load_schema(schema_dir: Path, kind: str) -> dict:
    return json.loads((schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def validator(schema_dir: Path, kind: str) -> jsonschema.Draft7Validator:
    """The explaining validator, for records that fail fast_check (jsonschema is imported only
    then: it is a twentieth of `cpsite validate`'s start)."""
    import jsonschema
    schema = load_schema(schema_dir, kind)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@functools.lru_cache(maxsize=None)
def fast_check(schema_dir: Path, kind: str):
    """A compiled validator that only answers valid / not valid, ~50x faster than jsonschema.
    Valid records (nearly all of them) never reach the slower, fully explaining validator.
    It neither fills in defaults (the record stays as written; the model supplies them) nor
    words its errors (jsonschema does): compiling it then takes a quarter of the time, and
    compiling was most of what `cpsite validate` of a small project costs."""
    return fastjsonschema.compile(load_schema(schema_dir, kind), use_default=False, detailed_exceptions=False)


def did_you_mean(value: object, choices) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


_TYPE_NAMES = {"string": "text", "number": "a number", "integer": "a whole number",
               "array": "a list", "object": "a mapping of keys to values", "boolean": "true or false"}


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f"text '{value}'" if len(value) < 60 else "text"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return "a list" if isinstance(value, list) else "a mapping"


def _is_text_object(schema: dict) -> bool:
    return set(schema.get("properties", {})) == {"en", "zh"} and schema.get("type") == "object"


def _problems_for(error: jsonschema.ValidationError, doc: Document, nouns: dict) -> list[Problem]:
    path = tuple(error.absolute_path)
    field = dotted(path) or "record"
    kind = error.validator
    line, col = doc.where(path)

    def at(code: str, message: str, where=None) -> Problem:
        ln, cl = where or (line, col)
        return Problem(doc.path, ln, cl, code, message)

    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        out = []
        for name in missing:
            if _is_text_object(error.schema) and name == "zh":
                out.append(at("E206", f"{field}: Chinese text (zh) is missing"))
            else:
                out.append(at("E110", f"{dotted(path + (name,))}: required field is missing"))
        return out
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        return [at("E111", f"{dotted(path + (extra,))}: unknown key '{extra}'{did_you_mean(extra, allowed)}",
                   doc.where(path + (extra,), key=True))
                for extra in sorted(set(error.instance) - set(allowed))]
    if kind == "type":
        wanted = error.validator_value
        wanted = " or ".join(_TYPE_NAMES.get(w, w) for w in (wanted if isinstance(wanted, list) else [wanted]))
        if wanted == "a mapping of keys to values" and path == ():
            return [at("E112", "record: the file must hold a mapping of field names to values")]
        return [at("E112", f"{field}: expected {wanted}, got {_describe(error.instance)}")]
    if kind == "enum":
        vocabulary = error.schema.get("x-vocabulary")
        if vocabulary:
            noun = nouns.get(vocabulary, vocabulary)
            return [at("E203", f"{field}: '{error.instance}' is not a known {noun}"
                               f"{did_you_mean(error.instance, error.validator_value)}")]
        choices = ", ".join(str(c) for c in error.validator_value)
        return [at("E113", f"{field}: '{error.instance}' is not one of: {choices}"
                           f"{did_you_mean(error.instance, error.validator_value)}")]
    if kind == "pattern":
        form = error.schema.get("x-form", f"pattern {error.validator_value}")
        return [at("E113", f"{field}: '{error.instance}' is not in the expected form: {form}")]
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum") and \
            isinstance(error.instance, float) and not math.isfinite(error.instance):
        return [at("E114", f"{field}: the number is too large to use (got {error.instance})")]
    if kind in ("minimum", "exclusiveMinimum"):
        if error.validator_value == 0 and kind == "minimum":
            return [at("E114", f"{field}: must not be negative (got {error.instance})")]
        return [at("E114", f"{field}: must be greater than {error.validator_value} (got {error.instance})")]
    if kind in ("maximum", "exclusiveMaximum"):
        return [at("E114", f"{field}: must not be more than {error.validator_value:,} (got {error.instance:,})")]
    if kind == "minLength":
        if path and path[-1] == "zh":
            return [at("E206", f"{field}: Chinese text (zh) is empty")]
        return [at("E113", f"{field}: must not be empty")]
    if kind in ("minItems", "minProperties"):
        return [at("E115", f"{field}: must not be empty")]
    if kind == "uniqueItems":
        return [at("E115", f"{field}: lists the same item more than once")]
    if kind == "anyOf" and [a.get("required") for a in error.validator_value] == [["date"], ["accessed"]]:
        return [at("E110", f"{field}.date: required field is missing (for an undated web page, give "
                           "accessed: the date you read it)")]
    if kind == "anyOf" and set(error.schema.get("properties", {})) >= {"url", "document"}:
        return [at("E116", f"{field}: give a url or a document reference")]
    return [at("E119", f"{field}: {error.message}")]


def check(doc: Document, kind: str, schema_dir: Path, nouns: dict) -> list[Problem]:
    """All schema problems of one record (none when the data could not be read at all)."""
    if doc.data is None and doc.positions == {}:
        return []
    try:
        fast_check(schema_dir, kind)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    out: list[Problem] = []
    for error in validator(schema_dir, kind).iter_errors(doc.data):
        out.extend(_problems_for(error, doc, nouns))
    return out
