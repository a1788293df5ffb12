"""Render the generated pages of one language as Markdown text, with Jinja templates.

Every value a template prints is escaped for Markdown and HTML unless it is `Raw` (made by
the generator itself), so text from a record can never become markup or script on a page.
Front matter is written with a YAML dumper, never by string pasting. Returns texts; writing
them is `output`'s job.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Optional

import jinja2
import yaml

from . import catalogue_pages as cp
from . import compare_page
from . import find_page
from .catalogue import FACETS, Catalogue
from .edit_sources import catalogue_edit_path
from .records import Corpus
from .kit import Kit
from .siteinfo import from_settings
from .markup import Raw, md_escape
from .views import Labels, case_view, page_path, technology_view

TEMPLATES = Path(__file__).parent / "templates"
LOCALES = Path(__file__).parent / "locales"

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@functools.lru_cache(maxsize=None)
def labels(lang: str) -> Labels:
    base = "zh" if lang.startswith("zh") else "en"
    strings = yaml.safe_load((LOCALES / f"{base}.yaml").read_text(encoding="utf-8"))
    return Labels(strings, lang)


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
        finalize=md_escape)
    env.filters["raw"] = Raw
    return env


def front_matter(**fields) -> Raw:
    fields = {k: v for k, v in fields.items() if v is not None}
    return Raw("---\n" + yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=1000)
               + "---\n")


def _page(template: str, view: dict, t: Labels, lang: str, meta: dict) -> str:
    return environment().get_template(template).render(
        page=view, t=t, lang=lang, front_matter=front_matter(**meta))


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
    for case in corpus.cases:
        view = case_view(case, corpus, t, lang, edit_base, cat=cat)
        more, meta = kit.case(case, corpus, t, lang)
        view.update(more)
        pages[page_path("cases", case.id)] = _page(
            "case.md.j2", view, t, lang, {**_generated_meta(case.path, view["title"], case.summary[lang]), **meta})
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
