"""Every generated page of one language, as {path inside the language folder: Markdown}: the
case and technology pages, the catalogue pages of each facet and their indexes, the cases,
technologies and compare pages, and the fragments hand-written pages include."""

from __future__ import annotations

import functools
from typing import Optional

from generator.core import memo
from generator.core.labels import Labels, labels
from generator.core.links import page_path
from generator.core.siteinfo import from_settings
from generator.model.catalogue import FACETS, Catalogue
from generator.model.records import Corpus
from generator.pages import compare as compare_page
from generator.pages import find as find_page
from generator.pages import indexes as cp
from generator.pages.edit_sources import catalogue_edit_path
from generator.pages.kit import Kit
from generator.pages.views import case_view, technology_view
from generator.render.env import environment, render_page, render_page_of


def _page(template: str, view: dict, t: Labels, lang: str, meta: dict) -> str:
    return render_page(template, view, t, lang, **meta)


def _generated_meta(path: Optional[str], title: str, description: Optional[str] = None,
                    facet: Optional[str] = None, lang: str = "en") -> dict:
    """`path`: the record of a record page; catalogue pages (None) are edited where their words
    come from (see edit_sources)."""
    return {"title": title, "description": description,
            "edit_path": path or catalogue_edit_path(facet, lang), "generated_from": path or "catalogue"}


def render_language(corpus: Corpus, cat: Catalogue, lang: str, edit_base: Optional[str],
                    kit: Optional[Kit] = None) -> dict[str, str]:
    """All generated pages of one language: {path inside the language folder: Markdown}.
    `kit` adds the share box, structured data, impact sections and feed links (default: for
    the default site address)."""
    kit = kit or Kit.of(corpus, cat, from_settings(None, None))
    t = labels(lang)
    pages: dict[str, str] = {}
    # In the dev server a case page is made again only when the case, a case it lists as
    # related, the vocabularies, the technologies or the settings changed
    keeping = memo.keeping()
    shared = kit.shared_inputs(corpus, edit_base) if keeping else None

    def case_page(case, related) -> tuple[dict, dict]:
        view = case_view(case, corpus, t, lang, edit_base, cat=cat)
        more, meta = kit.case(case, corpus, t, lang)
        view.update(more)
        return view, {**_generated_meta(case.path, view["title"], case.summary[lang]), **meta}
    for case in corpus.cases:
        related = cat.related_cases.get(case.id, ())
        inputs = (kit.digest(case), tuple(kit.digest(c) for c in related), shared) if keeping else None
        pages[page_path("cases", case.id)] = render_page_of(
            "case.md.j2", inputs, t, lang, functools.partial(case_page, case, related))
    for tech in corpus.technologies:
        view = technology_view(tech, corpus, cat, t, lang, edit_base)
        more, meta = kit.technology(tech, corpus, t, lang)
        view.update(more)
        pages[page_path("technologies", tech.id)] = _page(
            "technology.md.j2", view, t, lang,
            {**_generated_meta(tech.path, view["title"], " ".join(tech.principle[lang].split()[:60])), **meta})
    for facet in FACETS:
        for key in cat.facets[facet]:
            view = cp.facet_page(corpus, cat, t, lang, facet, key)
            view.update(kit.facet(facet, key, corpus, t, lang))
            pages[page_path(facet, key)] = _page(
                "facet.md.j2", view, t, lang,
                _generated_meta(None, view["title"], f"{view['noun']}: {view['title']}. {view['count']}",
                                facet, lang))
        view = cp.facet_index(corpus, cat, t, lang, facet)
        pages[page_path(facet, "index")] = _page("facet_index.md.j2", view, t, lang,
                                                 _generated_meta(None, view["title"], None, facet, lang))
    view = cp.cases_index(corpus, cat, t, lang)
    view.update(kit.cases_index(t))
    pages[page_path("cases", "index")] = _page("cases_index.md.j2", view, t, lang,
                                               _generated_meta(None, view["title"], view["intro"], None, lang))
    view = compare_page.compare_view(corpus, cat, t, lang, kit.site.directory_urls)
    pages[compare_page.PAGE] = _page("compare.md.j2", view, t, lang,
                                     _generated_meta(None, view["title"], view["intro"], None, lang))
    view = cp.technologies_index(corpus, cat, t, lang)
    pages[page_path("technologies", "index")] = _page("technologies_index.md.j2", view, t, lang,
                                                      _generated_meta(None, view["title"], view["intro"], None, lang))
    return pages


def render_snippets(corpus: Corpus, cat: Catalogue, lang: str) -> dict[str, str]:
    """Fragments that hand-written pages include with `--8<--` (e.g. the home-page counts)."""
    t = labels(lang)
    view = cp.home_stats(corpus, cat, t, lang)
    return {"home-stats.md": environment().get_template("home_stats.md.j2").render(page=view, t=t, lang=lang),
            "find-form.md": find_page.render_form(corpus, cat, t, lang)}
