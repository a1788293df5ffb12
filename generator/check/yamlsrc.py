"""Load one YAML record and remember where every value sits in the file.

Reads with `safe_load` semantics (libyaml's parser where available) and builds plain Python
data while keeping a map from each value's path to its (line, column). It is stricter than
PyYAML's defaults on purpose:

- only YAML 1.2 core scalars: `true`/`false` are booleans, `yes`/`no`/`on`/`off` stay text,
  unquoted dates stay text (`2007-10-16` is the string '2007-10-16'), `1,200` stays text;
- duplicate keys, tab characters and tags outside the core schema are problems, never
  silently accepted; tags are never executed;
- anchors and aliases (`&name`, `*name`) are refused before anything is built, so a "billion
  laughs" file costs no memory; a file larger than MAX_FILE_BYTES or nested deeper than
  Python can follow is a located problem, never a traceback.

It does not check what the data means; `schema` and `rules` do that.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

import yaml

from generator.core.problems import Problem, dotted

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 256 * 1024   # the largest real record is under 10 KB
MAX_DEPTH = 32                # records nest about five levels deep

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


# The composer calls these two around every node for path resolvers, of which our resolver
# has none (BaseResolver's methods then return at once). C callables that do nothing with their
# arguments instead of those Python methods: a fifth of the time a record takes to parse.
_NO_DESCEND = staticmethod(slice)    # (parent, index) -> a slice, thrown away
_NO_ASCEND = staticmethod(tuple)     # () -> (), thrown away


class _Composer(_Parser):
    """libyaml (or pure-Python) parser + composer with our resolver; never constructs objects."""

    resolve = _resolve
    descend_resolver, ascend_resolver = _NO_DESCEND, _NO_ASCEND


class _Refused(Exception):
    """Anything the fast loader does not accept; the careful loader then reports it."""


class _TooDeep(Exception):
    """Values nested deeper than MAX_DEPTH (the node where it happened)."""


class _FastLoader(_Parser):
    """The common case, fast: valid YAML of plain core values, no duplicate keys. Builds the
    data without positions; anything unusual raises so the careful path can explain it."""

    resolve = _resolve
    descend_resolver, ascend_resolver = _NO_DESCEND, _NO_ASCEND

    def construct_document(self, node):
        return self._value(node, 0)

    def _value(self, node, depth):
        if depth > MAX_DEPTH:
            raise _Refused
        tag = node.tag
        if tag == _CORE + "str":
            return node.value
        if tag == _CORE + "map":
            out = {}
            for key_node, value_node in node.value:
                if key_node.tag not in _SCALAR_TAGS or key_node.value in out:
                    raise _Refused
                out[key_node.value] = self._value(value_node, depth + 1)
            return out
        if tag == _CORE + "seq":
            return [self._value(item, depth + 1) for item in node.value]
        if tag == _CORE + "int":
            return int(node.value)
        if tag == _CORE + "float":
            return float(node.value)
        if tag == _CORE + "bool":
            return node.value.lower() == "true"
        if tag == _CORE + "null":
            return None
        raise _Refused


def _leaves(value) -> tuple[tuple[Path_, Any], ...]:
    out: list = []
    stack = [((), value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, dict):
            stack.extend(reversed([(path + (k,), v) for k, v in item.items()]))
        elif isinstance(item, list):
            stack.extend(reversed([(path + (i,), v) for i, v in enumerate(item)]))
        else:
            out.append((path, item))
    return tuple(out)


@dataclasses.dataclass
class Document:
    """One loaded file: its data and where each part of it came from. Positions are worked
    out on first use (only files with a problem ever need them)."""

    path: str
    data: Any
    positions: dict        # path -> (line, col) of the value
    key_positions: dict    # path -> (line, col) of the key that introduced the value
    text: str
    _leaf_cache: Any = dataclasses.field(default=None, repr=False, compare=False)
    source: str = ""       # the file, to read again for positions once `text` was let go

    def leaves(self) -> tuple:
        """Every plain value of the data (text, number, …) with its path, in document order:
        walked once, for all the rules that read every value. Not pickled."""
        if self._leaf_cache is None:
            self._leaf_cache = _leaves(self.data)
        return self._leaf_cache

    def __getstate__(self):
        return dict(self.__dict__, _leaf_cache=None)

    def let_text_go(self, path: Path) -> None:
        """Keep the file's name instead of its text (positions then read the file again)."""
        self.source, self.text = os.path.abspath(path), ""

    def _locate(self) -> None:
        if self.positions:
            return
        text = self.text or self._read_source()
        if text:
            careful = _careful(text, self.path)[0]
            self.positions, self.key_positions = careful.positions, careful.key_positions

    def _read_source(self) -> str:
        try:
            return Path(self.source).read_text(encoding="utf-8") if self.source else ""
        except (OSError, UnicodeDecodeError):
            return ""

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
        if len(path) > MAX_DEPTH:
            raise _TooDeep(node)
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
                self.problem(key_node, "E100", f"{dotted(path) or 'record'}: keys must be plain names")
                continue
            key = str(key_node.value)
            if key in out:
                first = self.doc.key_positions[path + (key,)]
                self.problem(key_node, "E102",
                             f"{dotted(path + (key,))}: duplicate key (first given on line {first[0]})")
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
        self.problem(node, "E103", f"{dotted(path) or 'record'}: YAML tag '{node.tag}' is not "
                                   "allowed (only plain values; tags are never executed)")
        return None


# Plain words beside the parser's own message, for the mistakes editors make most.
_HINTS = (
    ("could not find expected ':'", "a key needs a colon and a space after it (`sector: metal`, not "
                                    "`sector:metal`), and a text that goes on over lines must be indented"),
    ("mapping values are not allowed", "a colon followed by a space inside a value: put the value in quotes "
                                       "('Note: …'), or the line is indented more than the key above it"),
    ("expected <block end>", "this line is not lined up with the lines above it: indent it like its "
                             "neighbours, with spaces"),
    ("did not find expected key", "this line is not lined up with the lines above it, or a list item "
                                  "(`- …`) is indented differently from the others"),
    ("did not find expected '-' indicator", "a list item is indented differently from the others"),
    ("found unexpected end of stream", "a quote that is opened and never closed"),
    ("while scanning a quoted scalar", "a quote that is opened and never closed, or a quote inside the "
                                       "text (write '' for ' inside single quotes)"),
    ("found character that cannot start any token", "a value starts with a character YAML reserves "
                                                    "(` @ %): put the value in quotes"),
)


def syntax_hint(message: str) -> str:
    """' (hint: …)' for a parser message editors often meet, else ''."""
    for pattern, hint in _HINTS:
        if pattern in message:
            return f" (hint: {hint})"
    return ""


def _mark_problem(display_path: str, mark, code: str, message: str) -> Problem:
    return Problem(display_path, mark.line + 1, mark.column + 1, code, message)


def _anchor_problems(text: str, display_path: str) -> list[Problem]:
    """Every anchor and alias, found from the parser's events (nothing is built)."""
    if "&" not in text and "*" not in text:
        return []
    problems = []
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.AliasEvent):
                problems.append(_mark_problem(display_path, event.start_mark, "E105",
                                              f"alias '*{event.anchor}' is not allowed: write the value out "
                                              "in full (anchors and aliases are refused in records)"))
            elif getattr(event, "anchor", None):
                problems.append(_mark_problem(display_path, event.start_mark, "E105",
                                              f"anchor '&{event.anchor}' is not allowed: write the value out "
                                              "in full (anchors and aliases are refused in records)"))
    except yaml.YAMLError:
        pass   # the loader reports the syntax error itself
    if len(problems) > 10:
        rest = len(problems) - 10
        problems = problems[:10] + [Problem(display_path, problems[10].line, problems[10].col, "E105",
                                            f"… and {rest} more anchors or aliases")]
    return problems


def _refused(display_path: str, problems: list[Problem]) -> tuple[Document, list[Problem]]:
    """A document that is not read at all (no text kept, so nothing ever parses it again)."""
    return Document(display_path, None, {}, {}, ""), problems


def load_text(text: str, display_path: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text. Returns the document (data None when unreadable) and the problems."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        return _refused(display_path, [Problem(
            display_path, 1, 1, "E106", f"record: the file is {size:,} bytes; a record may be at most "
                                        f"{MAX_FILE_BYTES:,} bytes (split it, or move long text elsewhere)")])
    anchors = _anchor_problems(text, display_path)
    if anchors:
        return _refused(display_path, anchors)
    try:
        return _load_checked(text, display_path)
    except RecursionError:
        return _refused(display_path, [Problem(display_path, 1, 1, "E100",
                                               "YAML syntax: the values are nested too deeply to read")])


def _load_checked(text: str, display_path: str) -> tuple[Document, list[Problem]]:
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
        # a key with no colon is found only on the next line: point at the key itself
        key_without_colon = exc.context_mark and "could not find expected ':'" in (exc.problem or "")
        mark = exc.context_mark if key_without_colon else (exc.problem_mark or exc.context_mark)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        return doc, [Problem(display_path, line, col, "E100", f"YAML syntax: {what}{syntax_hint(what)}")]
    except yaml.reader.ReaderError as exc:   # a character YAML does not allow, e.g. NUL
        line = text[: exc.position].count("\n") + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return doc, [Problem(display_path, line, col, "E212",
                             f"control character U+{exc.character:04X} is not allowed in a record "
                             "(retype the text around it)"
                             if isinstance(exc.character, int) else f"YAML syntax: {exc}")]
    except yaml.YAMLError as exc:
        return doc, [Problem(display_path, 1, 1, "E100", f"YAML syntax: {exc}")]
    finally:
        loader.dispose()
    if node is None:
        doc.positions[()] = (1, 1)
        return doc, problems
    try:
        doc.data = _Builder(doc, problems).build(node, ())
    except _TooDeep as deep:
        mark = deep.args[0].start_mark
        return _refused(display_path, [_mark_problem(
            display_path, mark, "E100", f"YAML syntax: values nested more than {MAX_DEPTH} levels deep")])
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
