"""Write the files the seminar kit publishes beside the pages, for every language:

    feeds/                    Atom feeds of new cases                         (feeds)
    impact/                   the impact overview page and every chart        (pages/impact)
    data/index.md             the open data page with the data dictionary     (datapage)

and, once, in the default language's folder (= the site root): data/*.json, data/cases.csv
and schema/*.schema.json (opendata). Each language folder's owned sub-folders are made to
hold exactly these files (stale ones are removed), written only when their text changed.

The short-link redirect pages and their QR codes (c/<id>/, t/<id>/, `sharing`) are written into
.generated/site-files/<lang>/ instead (`write_beside`), which the site adapter lays into the
built site as they are (model.kinds.BESIDE says why).
"""

from __future__ import annotations

from datetime import datetime

from generator.core import history
from generator.core.labels import Labels, labels
from generator.core.links import page_path
from generator.core.output import Changes, remove_folders, sync_tree
from generator.core.project import Project
from generator.model.catalogue import Catalogue
from generator.model.kinds import BESIDE_DIRS, PUBLISHED_DIRS, RETIRED_DIRS
from generator.model.records import Corpus
from generator.pages import impact as rollup_pages
from generator.pages import sharing
from generator.pages.edit_sources import catalogue_edit_path
from generator.pages.kit import Kit
from generator.publish import datapage, feeds, opendata
from generator.render.env import render_page


def case_dates(project: Project, corpus: Corpus, built: datetime) -> dict:
    paths = {c.id: [c.path] + [f"cases/{old}.yaml" for old in c.former_ids] for c in corpus.cases}
    return history.record_dates(project.root, paths, built)


def _page(template: str, view: dict, t: Labels, lang: str, title: str, description: str, source: str,
          edit_path: str) -> str:
    """A generated page; "edit this page" opens `edit_path`, where most of its text comes from."""
    return render_page(template, view, t, lang, title=title, description=description, generated_from=source,
                       edit_path=edit_path)


def _locale_file(lang: str) -> str:
    return catalogue_edit_path(None, lang)      # the labels file of the page's language


def impact_files(kit: Kit, corpus: Corpus, cat: Catalogue, t: Labels, lang: str) -> dict[str, str]:
    view, files = rollup_pages.impact_index(kit.rollups, corpus, cat, t, lang, kit.reuse)
    files[page_path("impact", "index")] = _page("impact_index.md.j2", view, t, lang, view["title"],
                                                view["intro"], "cases/*.yaml", _locale_file(lang))
    for group, key in sorted(kit.rollups):
        files.update(kit.impact(group, key, corpus, t, lang)[1])
    return files


def language_files(project: Project, corpus: Corpus, cat: Catalogue, kit: Kit, lang: str,
                   built: datetime, dates: dict, schemas: dict) -> dict[str, str]:
    t = labels(lang)
    files = feeds.feed_files(corpus, cat.facets, dates, kit.site, t, lang, built)
    files.update(impact_files(kit, corpus, cat, t, lang))
    view = datapage.data_page(schemas, corpus, kit.site, t, lang, built)
    field_texts = "schema/case.schema.json" if lang == "en" else "generator/locales/schema.zh.yaml"
    files[datapage.PAGE] = _page("data_page.md.j2", view, t, lang, view["title"], view["intro"],
                                 "schema/*.schema.json", field_texts)
    if lang == kit.site.default:
        files.update(opendata.open_data_files(project, corpus, kit.site, built))
    return files


def short_link_files(corpus: Corpus, kit: Kit, lang: str) -> dict[str, str]:
    """A language's or edition's short links and their QR codes (each encodes that language's
    own address), as {path inside .generated/site-files/<lang>/: text}."""
    return sharing.short_link_files(corpus, kit.site, labels(lang), lang, kit.qr)


def write_beside(project: Project, files: dict[str, str], lang: str, changes: Changes) -> None:
    """Make .generated/site-files/<lang>/ hold exactly `files` (model.kinds.BESIDE)."""
    sync_tree(project.site_files_dir / lang, files, BESIDE_DIRS, changes)


def write(project: Project, corpus: Corpus, cat: Catalogue, kit: Kit, langs, changes: Changes) -> None:
    built = history.build_date(project.root)
    dates = case_dates(project, corpus, built)
    schemas = {name: opendata.load_schema(project, name) for _, name in opendata.KINDS}
    for lang in langs:
        files = language_files(project, corpus, cat, kit, lang, built, dates, schemas)
        sync_tree(project.content_dir / lang, files, PUBLISHED_DIRS, changes)
        remove_folders(project.content_dir / lang, RETIRED_DIRS, changes)   # where earlier versions wrote them


def write_short_links(project: Project, corpus: Corpus, kit: Kit, langs, changes: Changes) -> None:
    """Every language's short links and QR codes (the converted edition's are its own step)."""
    for lang in langs:
        write_beside(project, short_link_files(corpus, kit, lang), lang, changes)
