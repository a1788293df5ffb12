"""Print programme values the same way on every page, with their place in the data and source.

Every number or date taken from a programme data file is printed as
`<data value="…" data-field="kind:path" data-source="ids">…</data>` (dates as `<time>`), so a
reader sees a formatted value, a machine (and the tests) can read it back to the exact YAML
field, and the source it came from is named. `Citations` numbers the sources of one page in
the order they are first cited. This module only formats; it decides nothing about pages.
"""

from __future__ import annotations

import functools
import html

import yaml

from generator.check.zhtext import large_amount_zh
from generator.core import project
from generator.core.labels import Labels
from generator.core.markup import Raw, external_link, md_escape
from generator.core.problems import dotted
from generator.model.programme import Programme, refs

LOCALES = project.LOCALES
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


@functools.lru_cache(maxsize=None)
def strings(lang: str) -> Labels:
    """The programme pages' interface strings (locales/programme.<lang>.yaml)."""
    base = "zh" if lang.startswith("zh") else "en"
    return Labels(yaml.safe_load((LOCALES / f"programme.{base}.yaml").read_text(encoding="utf-8")), lang)


class Citations:
    """Numbers the sources cited on one page, in order of first citation."""

    def __init__(self, programme: Programme, vocab: dict):
        self.programme, self.vocab = programme, vocab
        self.order: list[str] = []     # anchors: 'source-<id>', or 'source-<vocabulary>-<id>'
        self.entries: dict[str, object] = {}

    def _number(self, anchor: str, source) -> int:
        if anchor not in self.entries:
            self.order.append(anchor)
            self.entries[anchor] = source
        return self.order.index(anchor) + 1

    def _sup(self, pairs) -> Raw:
        links = "".join(f"[\\[{self._number(anchor, source)}\\]](#{anchor})" for anchor, source in pairs)
        return Raw(f"<sup class=\"cp-cite\">{links}</sup>" if links else "")

    def __call__(self, source) -> Raw:
        """Superscript links to the page's source list, e.g. [1][3]."""
        return self._sup((f"source-{r}", self.programme.sources[r]) for r in refs(source))

    def vocabulary(self, name: str, ref: str) -> Raw:
        """Cite a source listed in a vocabulary file (data/<name>.yaml); one that
        programme-sources.yaml lists under the same id is the same document, cited once."""
        if ref in self.programme.sources:
            return self(ref)
        source = {s.id: s for s in self.vocab[name].sources}[ref]
        return self._sup([(f"source-{name}-{ref}", source)])

    def listing(self, p: Labels) -> list[dict]:
        out = []
        for n, anchor in enumerate(self.order, start=1):
            s = self.entries[anchor]
            when = s.date if getattr(s, "date", None) else p.accessed.format(date=s.accessed)
            zh = p.lang.startswith("zh")
            title = (getattr(s, "title_zh", None) if zh else None) or s.title
            publisher = (getattr(s, "publisher_zh", None) if zh else None) or s.publisher
            document = (getattr(s, "document_zh", None) if zh else None) or s.document
            out.append({"number": n, "anchor": Raw(anchor), "title": title, "publisher": publisher,
                        "date": when, "link": external_link(s.url, title) if s.url else None,
                        "document": document, "locator": None, "accessed": None})
        return out


class Fmt:
    """Formats values of one language and marks them up with their data field and source."""

    def __init__(self, programme: Programme, t: Labels, p: Labels, lang: str):
        self.programme, self.t, self.p, self.lang = programme, t, p, lang
        self.zh = lang.startswith("zh")

    # --- plain formatting (no markup) --------------------------------------------------------
    def number(self, value) -> str:
        return self.t.number(value)

    def date_text(self, value) -> str:
        parts = str(value).split("-")
        year, month, day = parts[0], (int(parts[1]) if len(parts) > 1 else None), (int(parts[2]) if len(parts) > 2 else None)
        if self.zh:
            return year + " 年" + (f" {month} 月" if month else "") + (f" {day} 日" if day else "")
        if month is None:
            return year
        return (f"{day} " if day else "") + f"{MONTHS_EN[month - 1]} {year}"

    def paren(self, text: str) -> str:
        """' (text)' in English, '（text）' in Chinese."""
        return self.p.paren.format(text=text)

    def qualified(self, qualifier, text: str) -> str:
        if not qualifier:
            return text
        word = self.p["qualifier_" + qualifier]
        return f"{word}{'' if self.zh and qualifier == 'nearly' else ' '}{text}"

    # --- marked-up values ----------------------------------------------------------------------
    def mark(self, tag: str, kind: str, path: tuple, shown: str, value, source) -> Raw:
        attr = "datetime" if tag == "time" else "value"
        field = html.escape(f"{kind}:{dotted(path)}", quote=True)
        src = html.escape(" ".join(refs(source)), quote=True)
        return Raw(f'<{tag} {attr}="{html.escape(str(value), quote=True)}" data-field="{field}" '
                   f'data-source="{src}">{html.escape(shown)}</{tag}>')

    def value(self, kind: str, path: tuple, source, shown=None) -> Raw:
        """A count or other plain number; a {count, qualifier} mapping keeps its qualifier."""
        raw = self.programme.at(kind, path)
        if isinstance(raw, dict) or hasattr(raw, "keys"):
            marked = self.mark("data", kind, path + ("count",), self.number(raw["count"]), raw["count"], source)
            return Raw(self.qualified(raw.get("qualifier"), marked))
        return self.mark("data", kind, path, shown if shown is not None else self.number(raw), raw, source)

    def text_value(self, kind: str, path: tuple, source) -> Raw:
        """A value printed as it is written (a phone number, a reporting year)."""
        raw = self.programme.at(kind, path)
        return self.mark("data", kind, path, str(raw), raw, source)

    def money(self, kind: str, path: tuple, source, currency: str = "HKD", qualifier=None) -> Raw:
        raw = self.programme.at(kind, path)
        marked = self.mark("data", kind, path, self.number(raw), raw, source)
        shown = self.t["money_" + currency].format(amount=marked)
        if self.zh:   # as the reports print it too: 3 億 1,100 萬元
            words = large_amount_zh(raw, currency)
            shown += self.paren(self.mark("data", kind, path, words, raw, source)) if words else ""
        return Raw(self.qualified(qualifier, shown))

    def percent(self, kind: str, path: tuple, source, qualifier=None) -> Raw:
        raw = self.programme.at(kind, path)
        return Raw(self.qualified(qualifier, self.mark("data", kind, path, f"{self.number(raw)}%", raw, source)))

    def date(self, kind: str, path: tuple, source) -> Raw:
        raw = self.programme.at(kind, path)
        return self.mark("time", kind, path, self.date_text(raw), raw, source)

    def text(self, obj, kind: str = "", path: tuple = (), source=None) -> Raw:
        """A text object in this language, escaped; {placeholders} become the marked-up values
        beside it."""
        text = md_escape(obj["zh" if self.zh else "en"])
        for name in [k for k in obj if isinstance(obj[k], (int, float, str)) and k not in ("en", "zh")]:
            token = md_escape("{" + name + "}")
            if token in text:
                value = (self.text_value if isinstance(obj[name], str) else self.value)(kind, path + (name,), source)
                text = text.replace(token, value)
        return Raw(text)

    def label(self, vocab, key: str) -> str:
        return vocab.label(key, self.lang)
