"""Vocabulary terms as the programme pages print them: labels, and the phases with their
dates, each traced to its place in data/<vocabulary>.yaml.

Phase labels and dates contain digits, so they are printed inside elements that name their
field (`data-field="phases:terms[3].start"`), like every programme number. Only formats.
"""

from __future__ import annotations

from generator.core.markup import Raw, md_escape
from generator.pages.programme.format import Citations, Fmt


class VocabRefs:
    def __init__(self, vocab: dict, lang: str):
        self.vocab, self.lang = vocab, lang

    def label(self, name: str, key: str) -> str:
        return self.vocab[name].label(key, self.lang)

    def _index(self, name: str, key: str) -> int:
        return list(self.vocab[name].terms).index(key)

    def phase_label(self, fmt: Fmt, key: str, *, plain: bool = False) -> str:
        text = self.label("phases", key)
        if plain:
            return text
        field = f"phases:terms[{self._index('phases', key)}].{'zh' if fmt.zh else 'en'}"
        return Raw(f'<span data-field="{field}">{md_escape(text)}</span>')

    def phase_period(self, fmt: Fmt, cite: Citations, key: str) -> Raw:
        """'June 2020 – March 2025', the phase's note if any, and the citation."""
        term = self.vocab["phases"].terms[key]
        i = self._index("phases", key)
        extra = term.extra
        ends = [fmt.mark("time", "phases", ("terms", i, end), fmt.date_text(extra[end]), extra[end], extra.get("source"))
                for end in ("start", "end") if end in extra]
        text = " – ".join(ends)
        note = extra.get("note")
        if note:
            lang = "zh" if fmt.zh else "en"
            field = f"phases:terms[{i}].note.{lang}"
            text += f' <span class="cp-note" data-field="{field}">{fmt.paren(md_escape(note[lang])).strip()}</span>'
        if extra.get("source"):
            text += cite.vocabulary("phases", extra["source"])
        return Raw(text)

    def target_sectors(self) -> list[str]:
        return [key for key, term in self.vocab["sectors"].terms.items() if term.extra.get("target")]
