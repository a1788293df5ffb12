"""Load one YAML record and remember where every value sits in the file.

Reads with `safe_load` semantics (libyaml's parser where available) and builds plain Python
data while keeping a map from each value's path to its (line, column). It is stricter than
PyYAML's defaults on purpose:

- only YAML 1.2 core scalars: `true`/`false` are booleans, `yes`/`no`/`on`/`off` stay text,
  unquoted dates stay text (`2007-10-16` is the string '2007-10-16'), `1,200` stays text;
- duplicate keys, tab characters and tags outside the core schema are problems, never
  silently accepted; tags are never executed.

It does not check what the data means; `schema` and `rules` do that.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple  # a path into the data: keys and list indexes, e.g. ("figures", "investment", 0)


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema resolution (no YAML 1.1 yes/no booleans, no timestamps)."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
_TABLE = _Resolver.yaml_implicit_resolvers


def _resolve(self, kind, value, implicit):
    """BaseResolver.resolve for our table, without path resolvers (called once per node)."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _TABLE.get(value[:1] if value else "", ()):
                if regexp.match(value):
                    return tag
        return _CORE + "str"
    return _CORE + ("seq" if kind is yaml.SequenceNode else "map")


class _Composer(_Parser):
    """libyaml (or pure-Python) parser + composer with our resolver; never constructs objects."""

    resolve = _resolve


class _Refused(Exception):
    """Anything the fast loader does not accept; the careful loader then reports it."""


class _FastLoader(_Parser):
    """The common case, fast: valid YAML of plain core values, no duplicate keys. Builds the
    data without positions; anything unusual raises so the careful path can explain it."""

    resolve = _resolve

    def construct_document(self, node):
        return self._value(node)

    def _value(self, node):
        tag = node.tag
        if tag == _CORE + "str":
            return node.value
        if tag == _CORE + "map":
            out = {}
            for key_node, value_node in node.value:
                if key_node.tag not in _SCALAR_TAGS or key_node.value in out:
                    raise _Refused
                out[key_node.value] = self._value(value_node)
            return out
        if tag == _CORE + "seq":
            return [self._value(item) for item in node.value]
        if tag == _CORE + "int":
            return int(node.value)
        if tag == _CORE + "float":
            return float(node.value)
        if tag == _CORE + "bool":
            return node.value.lower() == "true"
        if tag == _CORE + "null":
            return None
        raise _Refused


@dataclasses.dataclass
class Document:
    """One loaded file: its data and where each part of it came from. Positions are worked
    out on first use (only files with a problem ever need them)."""

    path: str
    data: Any
    positions: dict        # path -> (line, col) of the value
    key_positions: dict    # path -> (line, col) of the key that introduced the value
    text: str

    def _locate(self) -> None:
        if not self.positions and self.text:
            careful = _careful(self.text, self.path)[0]
            self.positions, self.key_positions = careful.positions, careful.key_positions

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Best position for a path: the exact node, else its nearest ancestor."""
        self._locate()
        table = self.key_positions if key else self.positions
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if key and path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Builder:
    def __init__(self, doc: Document, problems: list[Problem]):
        self.doc = doc
        self.problems = problems

    def problem(self, node, code: str, message: str) -> None:
        self.problems.append(Problem(self.doc.path, node.start_mark.line + 1,
                                     node.start_mark.column + 1, code, message))

    def build(self, node, path: Path_) -> Any:
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _CORE + "seq":
                return self.unsafe(node, path)
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag != _CORE + "map":
            return self.unsafe(node, path)
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self.problem(key_node, "E100", f"{_dotted(path) or 'record'}: keys must be plain names")
                continue
            key = str(key_node.value)
            if key in out:
                first = self.doc.key_positions[path + (key,)]
                self.problem(key_node, "E102",
                             f"{_dotted(path + (key,))}: duplicate key (first given on line {first[0]})")
                continue
            self.doc.key_positions[path + (key,)] = (key_node.start_mark.line + 1,
                                                     key_node.start_mark.column + 1)
            out[key] = self.build(value_node, path + (key,))
        return out

    def scalar(self, node, path: Path_) -> Any:
        tag, value = node.tag, node.value
        if tag == _CORE + "str":
            return value
        if tag == _CORE + "int":
            return int(value)
        if tag == _CORE + "float":
            return float(value)
        if tag == _CORE + "bool":
            return value.lower() == "true"
        if tag == _CORE + "null":
            return None
        return self.unsafe(node, path)

    def unsafe(self, node, path: Path_) -> None:
        self.problem(node, "E103", f"{_dotted(path) or 'record'}: YAML tag '{node.tag}' is not "
                                   "allowed (only plain values; tags are never executed)")
        return None


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


def load_text(text: str, display_path: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text. Returns the document (data None when unreadable) and the problems."""
    if "\t" not in text:
        loader = _FastLoader(text)
        try:
            data = loader.get_single_data()
            if data is not None:
                return Document(display_path, data, {}, {}, text), []
        except (_Refused, yaml.YAMLError):
            pass
        finally:
            loader.dispose()
    return _careful(text, display_path)


def _careful(text: str, display_path: str) -> tuple[Document, list[Problem]]:
    """The slow loader: positions for every value, and a problem for everything refused."""
    doc = Document(display_path, None, {}, {}, text)
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        col = line.find("\t")
        if col >= 0:
            problems.append(Problem(display_path, number, col + 1, "E101",
                                    "tab character: indent with spaces"))
    if problems:
        return doc, problems
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        return doc, [Problem(display_path, line, col, "E100", f"YAML syntax: {what}")]
    except yaml.YAMLError as exc:
        return doc, [Problem(display_path, 1, 1, "E100", f"YAML syntax: {exc}")]
    finally:
        loader.dispose()
    if node is None:
        doc.positions[()] = (1, 1)
        return doc, problems
    doc.data = _Builder(doc, problems).build(node, ())
    return doc, problems


def load_file(path: Path, root: Path) -> tuple[Document, list[Problem]]:
    """Read and parse a file; the displayed path is relative to `root` when possible."""
    full, base = os.path.abspath(path), os.path.abspath(root)
    display = os.path.relpath(full, base) if full.startswith(base + os.sep) else path.as_posix()
    display = display.replace(os.sep, "/")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return Document(display, None, {}, {}, ""), [
            Problem(display, line, 1, "E100", "file is not valid UTF-8 text")]
    return load_text(text, display)
