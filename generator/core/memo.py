"""Results of pure functions kept from one generation run to the next in a long-lived process.

The dev server (`cpsite serve`) runs the generation step again after every saved edit, in the
same process. Most of what a run computes is what the last run computed: every record but the
edited one validates the same, every page but a few converts to the same Simplified text. A
`Memo` holds such results under a key made of everything they depend on (the input text, and
the settings, tables and code they are computed with), so a later run finds them.

Each generation run starts with `next_run()`. An entry used (or made) in this run or the last
stays; anything not used for a whole run is let go, so memory stays about one run's worth.
Memos keep nothing until `keep_between_runs()` is called (the dev server's hook does): a
one-off command (`cpsite build`, `validate`) has one run and would only pay the memory.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable

_run = [0]
_memos: list["Memo"] = []
_enabled = [False]


def keep_between_runs() -> None:
    _enabled[0] = True


def keeping() -> bool:
    """Whether memos keep anything in this process (only then is a key worth computing)."""
    return _enabled[0]


class Memo:
    def __init__(self, name: str):
        self.name = name
        self._entries: dict[Hashable, tuple[int, Any]] = {}
        self.hits = self.misses = 0
        _memos.append(self)

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        if not _enabled[0]:
            return make()
        found = self._entries.get(key)
        if found is not None:
            self.hits += 1
            value = found[1]
        else:
            self.misses += 1
            value = make()
        self._entries[key] = (_run[0], value)
        return value

    def find(self, key: Hashable) -> tuple[bool, Any]:
        """(True, value) when `key` is held (and keep it for this run), else (False, None)."""
        if not _enabled[0]:
            return False, None
        found = self._entries.get(key)
        if found is None:
            return False, None
        self.hits += 1
        self._entries[key] = (_run[0], found[1])
        return True, found[1]

    def put(self, key: Hashable, value: Any) -> None:
        if not _enabled[0]:
            return
        self.misses += 1
        self._entries[key] = (_run[0], value)

    def _forget_before(self, run: int) -> None:
        self._entries = {k: v for k, v in self._entries.items() if v[0] >= run}
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)


def current_run() -> int:
    return _run[0]


def next_run() -> None:
    """A new generation run: entries not used in the last one are let go."""
    _run[0] += 1
    for memo in _memos:
        memo._forget_before(_run[0] - 1)
