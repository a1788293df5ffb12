"""The interface strings of each language (generator/locales/<lang>.yaml) and the formatting
rules that go with them (numbers, counts, qualifiers). The Simplified edition uses the
Traditional strings; its pages are converted after rendering."""

from __future__ import annotations

import functools

import yaml

from generator.core.project import LOCALES


class Labels:
    """Interface strings of one language, with the formatting rules of that language."""

    def __init__(self, strings: dict, lang: str):
        self.strings = strings
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return self.strings[key]

    def __getattr__(self, key: str) -> str:
        try:
            return self.strings[key]
        except KeyError:
            raise AttributeError(key) from None

    def number(self, value: float) -> str:
        if float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")

    def count(self, n: int, noun_key: str = "case_count") -> str:
        if noun_key == "case_count" and n in (0, 1):
            return self.strings["case_count_zero" if n == 0 else "case_count_one"]
        return self.strings[noun_key].format(n=n)

    def qualified(self, figure, text: str) -> str:
        if not figure.qualifier:
            return text
        return f"{self.strings['qualifier_' + figure.qualifier]} {text}"


@functools.lru_cache(maxsize=None)
def labels(lang: str) -> Labels:
    base = "zh" if lang.startswith("zh") else "en"
    strings = yaml.safe_load((LOCALES / f"{base}.yaml").read_text(encoding="utf-8"))
    return Labels(strings, lang)
