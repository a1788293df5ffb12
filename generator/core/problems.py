"""Problems: what the checker found, where, and how to print it.

A Problem is one finding with a file position and a code from `codes`. Codes starting with E
are errors (they fail validation and the build), W are warnings (printed, never fatal). This module only
describes and formats problems; it does not find any.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from generator.core.codes import CODES


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    path: str          # path as shown to the editor, relative to the project root
    line: int          # 1-based; 0 when the problem concerns the whole file
    col: int           # 1-based; 0 when unknown
    code: str          # e.g. "E203"
    message: str       # starts with the field path when there is one

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"problem code {self.code!r} is not in generator/core/codes.py")

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def github(self) -> str:
        """One GitHub Actions workflow command, shown as an annotation on the changed line."""
        level = "error" if self.is_error else "warning"
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={max(self.line, 1)},col={max(self.col, 1)},title={self.code}::{message}"


class ValidationFailed(Exception):
    """Raised with every problem found, once, when at least one of them is an error."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"{errors} error(s) in the records")

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def summary(problems: list[Problem], records: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors:
        return f"{errors} error(s), {warnings} warning(s) in {records} record(s)"
    return f"OK: {records} record(s) checked, {warnings} warning(s)"


def dotted(path) -> str:
    """A field's path as editors write it: ('figures', 0, 'unit') -> 'figures[0].unit'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
