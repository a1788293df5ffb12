"""The technology comparison page, /technologies/compare/?ids=a,b,c (in every edition).

The page is one generated Markdown file per language with the data of every technology in a
JSON block; overrides/assets/javascripts/cpsite-compare.js reads `ids` from the address, shows
two to four technologies side by side (pollutant areas, sectors, principle in one line, every
evidence figure by kind, cases, sources) and keeps the choice in the address, so it can be
shared, linked from slides and printed. The script writes text only (textContent); the JSON
is escaped for a <script> element. This module prepares values; it renders nothing itself.
"""

from __future__ import annotations

import re

from generator.core.labels import Labels
from generator.core.markup import Raw
from generator.model.catalogue import Catalogue
from generator.model.records import Corpus, Technology
from generator.pages.figures import evidence_label, evidence_value
from generator.pages.linkpreview import script_json

PAGE = "technologies/compare.md"
MAX_CHOSEN = 4
_SENTENCE = re.compile(r"^(.+?(?:[。！？]|[.!?](?=\s|$)))")


def one_line(text: str) -> str:
    """The first sentence of a paragraph."""
    text = " ".join(text.split())
    found = _SENTENCE.match(text)
    return found.group(1) if found else text


def _technology(tech: Technology, corpus: Corpus, cat: Catalogue, t: Labels, lang: str, directory_urls: bool) -> dict:
    vocab = corpus.vocab
    side = "en" if lang == "en" else "zh"
    numbers = {s.id: n for n, s in enumerate(tech.sources, start=1)}
    return {
        "id": tech.id, "name": tech.name[lang],
        "href": f"../{tech.id}/" if directory_urls else f"{tech.id}.html",
        "pollutants": [vocab["pollutants"].label(p, lang) for p in tech.pollutants],
        "sectors": [vocab["sectors"].label(s, lang) for s in tech.sectors],
        "principle": one_line(tech.principle[lang]),
        "evidence": [{"kind": e.kind, "label": evidence_label(e, vocab, lang), "value": evidence_value(e, t, vocab),
                      "basis": t["evidence_basis_" + e.basis], "basis_key": e.basis,
                      "conditions": e.conditions[side], "source": numbers[e.source.id]} for e in tech.evidence],
        "cases": len(cat.cases_by_technology[tech.id]),
        "sources": [{"number": numbers[s.id], "title": s.title, "publisher": s.publisher, "url": s.url}
                    for s in tech.sources],
    }


def compare_view(corpus: Corpus, cat: Catalogue, t: Labels, lang: str, directory_urls: bool = True) -> dict:
    kinds = corpus.vocab["evidence-kinds"]
    groups = [{"heading": term.label[lang], "ids": [x.id for x in sorted(cat.technologies_by_pollutant[key],
                                                                          key=lambda x: x.name[lang])]}
              for key, term in corpus.vocab["pollutants"].terms.items() if cat.technologies_by_pollutant[key]]
    def cap(text: str) -> str:
        return text[:1].upper() + text[1:] if lang == "en" else text

    data = {"max": MAX_CHOSEN, "kinds": [{"key": k, "label": cap(term.label[lang])} for k, term in kinds.terms.items()],
            "groups": groups,
            "technologies": {x.id: _technology(x, corpus, cat, t, lang, directory_urls) for x in corpus.technologies},
            "strings": {key[len("compare_"):]: t[key] for key in t.strings if key.startswith("compare_")}}
    return {"title": t.compare_title, "intro": t.compare_intro, "data": Raw(script_json(data))}
