"""Render the programme pages' generated parts, per language: Markdown fragments that the
hand-written pages in content/<lang>/programme/ include with `--8<--`, and the SVG charts.

Fragments: .generated/snippets/<lang>/programme/<page>/<part>.md, one per section, plus
<page>/sources.md listing the sources cited on that page (numbered in citation order).
Charts: content/<lang>/programme/charts/<name>.svg. Returns texts; `generate` writes them.
"""

from __future__ import annotations

from generator.core.labels import labels
from generator.model import kinds
from generator.model.records import Corpus
from generator.pages.programme import about
from generator.pages.programme import funding as fund
from generator.pages.programme import recognition as recog
from generator.pages.programme import reference as ref
from generator.pages.programme import stats
from generator.pages.programme.format import Citations, Fmt, strings
from generator.pages.programme.vocab import VocabRefs
from generator.render import charts
from generator.render.env import environment

CHARTS_DIR = kinds.CHARTS.folder     # inside content/<lang>/, owned by the generator


def _parts(corpus: Corpus, fmt: Fmt, cite: Citations, vocab: VocabRefs, page: str) -> dict:
    prog = corpus.programme
    d, f, s, r = prog["programme"], prog["funding"], prog["statistics"], prog["recognition"]
    if page == "index":
        return {"facts": about.key_facts(fmt, cite, d), "aims": about.aims(fmt, cite, vocab, d),
                "organisations": about.organisations(fmt, cite, d), "phases": about.phases(fmt, cite, vocab, f),
                "scope": about.scope(fmt, cite, d), "working-group": about.working_group(fmt, cite, d),
                "new-round": about.new_round(fmt, cite, vocab, d, f), "pilot": about.pilot(fmt, cite, d)}
    if page == "funding":
        return {"current": fund.current(fmt, cite, vocab, f), "matrix": fund.matrix(fmt, cite, vocab, f),
                "phases": fund.phases_detail(fmt, cite, vocab, f)}
    if page == "eligibility":
        return about.eligibility(fmt, cite, vocab, d) | {"criteria": about.target_criteria(fmt, cite, vocab, d)}
    if page == "sectors":
        return {"list": about.sectors(fmt, cite, vocab), "criteria": about.target_criteria(fmt, cite, vocab, d)}
    if page == "apply":
        return {"steps": about.apply(fmt, cite, d)}
    if page == "statistics":
        return {"approvals": stats.approvals(fmt, cite, vocab, s), "by-area": stats.by_area(fmt, cite, s),
                "osi-reports": stats.osi_and_reports(fmt, cite, s), "cross-trade": stats.cross_trade(fmt, cite, s),
                "providers": stats.providers(fmt, cite, s), "benefits": stats.benefits(fmt, cite, vocab, s),
                "aggregates": stats.aggregates(fmt, cite, s)}
    if page == "recognition":
        orgs = {o["key"]: o for o in d["organisations"]}
        return {"about": recog.about(fmt, cite, r, orgs), "categories": recog.categories(fmt, cite, r),
                "benefits": recog.benefits(fmt, cite, r), "process": recog.process(fmt, cite, r),
                "rounds": recog.rounds(fmt, cite, r), "cash": recog.cash(fmt, cite, r)}
    if page == "timeline":
        return {"events": ref.timeline(fmt, cite, vocab, prog)}
    if page == "glossary":
        return {"terms": ref.glossary(fmt, cite, vocab, prog)}
    if page == "calculator":
        return {"form": fund.calculator(fmt, cite, vocab, f)}
    raise KeyError(page)


PAGES = ("index", "funding", "eligibility", "sectors", "apply", "statistics", "recognition", "timeline",
         "glossary", "calculator")


def _chart(spec: dict) -> str:
    if spec["kind"] == "columns":
        return charts.columns(spec["title"], spec["desc"], spec["labels"], spec["values"], spec["lang"])
    return charts.panels(spec["title"], spec["desc"], spec["panels"], spec["lang"],
                         horizontal=spec.get("horizontal", False))


def render_programme(corpus: Corpus, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """({snippet path: Markdown}, {content path: SVG}) for one language."""
    t, p = labels(lang), strings(lang)
    fmt = Fmt(corpus.programme, t, p, lang)
    vocab = VocabRefs(corpus.vocab, lang)
    env = environment()
    snippets, svgs = {}, {}
    for page in PAGES:
        cite = Citations(corpus.programme, corpus.vocab)
        for part, blocks in _parts(corpus, fmt, cite, vocab, page).items():
            snippets[f"programme/{page}/{part}.md"] = env.get_template("programme/blocks.md.j2").render(
                blocks=blocks, t=t, p=p, lang=lang)
            for block in blocks:
                if block.get("chart"):
                    svgs[f"{CHARTS_DIR}/{block['chart']['name']}.svg"] = _chart(block["chart"])
        snippets[f"programme/{page}/sources.md"] = env.get_template("programme/sources.md.j2").render(
            sources=cite.listing(p), t=t, p=p, lang=lang)
    return snippets, svgs
