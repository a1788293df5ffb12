"""The whole generation step: validate the records, then render and write every generated page.

`generate()` is what the MkDocs hook, the CLI and the tests call. It raises ValidationFailed
(with every problem) before writing anything when a record has an error.
"""

from __future__ import annotations

from typing import Optional

from . import catalogue, kit_page, programme_render, publish, render, search_terms, sharing, siteinfo
from .kit import Kit
from .output import GENERATED_DIRS, Changes, sync_tree
from .problems import ValidationFailed
from .project import Project
from .records import EDITIONS, LANGS
from .redirect_pages import former_id_pages
from .simplified_edition import write_edition
from .validate import Result, validate_project


def generate(project: Project, *, edit_base: Optional[str] = None, langs=LANGS,
             site: Optional[siteinfo.SiteInfo] = None) -> tuple[Result, Changes]:
    result = validate_project(project)
    if not result.ok:
        raise ValidationFailed(result.problems)
    cat = catalogue.build(result.corpus)
    kit = Kit.of(result.corpus, cat, site or siteinfo.load(project.root), project.content_dir)
    changes = Changes()
    # Every QR code of the run (each language and the converted edition) at once, on every
    # core, before the pages that show them are rendered.
    edition = EDITIONS[-1]
    with_edition = [*langs, edition] if "zh" in langs and edition in kit.site.languages else list(langs)
    kit.qr.prepare([job for lang in with_edition
                    for job in sharing.qr_jobs(result.corpus, kit.site, render.labels(lang), lang)])
    for lang in langs:
        pages = render.render_language(result.corpus, cat, lang, edit_base, kit=kit)
        pages.update(former_id_pages(result.corpus, lang))   # old addresses of renamed records
        sync_tree(project.content_dir / lang, pages, GENERATED_DIRS, changes)
        programme_snippets, charts = programme_render.render_programme(result.corpus, lang)
        sync_tree(project.content_dir / lang, charts, (programme_render.CHARTS_DIR,), changes)
        sync_tree(project.snippets_dir / lang, {**render.render_snippets(result.corpus, cat, lang), **programme_snippets,
                                                **kit_page.kit_snippet(result.corpus, kit.site, render.labels(lang), lang)},
                  ("",), changes)
    search_terms.write(project, result.corpus)
    publish.write(project, result.corpus, cat, kit, langs, changes)   # short links, feeds, open data
    if "zh" in langs:   # the Simplified edition is converted from all of zh: keep this step last
        own = publish.edition_files(result.corpus, kit, edition) if edition in kit.site.languages else {}
        write_edition(project, result.corpus, changes, own_files=own,
                      urls=(kit.site.absolute("zh"), kit.site.absolute(edition)))
    return result, changes
