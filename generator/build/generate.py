"""The whole generation step: validate the records, then render and write every generated page.

`generate()` is what the MkDocs hook, the CLI and the tests call. It raises ValidationFailed
(with every problem) before writing anything when a record has an error.
"""

from __future__ import annotations

from typing import Optional

from generator.model import catalogue
from generator.pages.programme import render as programme_render
from generator.publish import files as publish
from generator.core.labels import labels
from generator.pages import language
from generator.search import terms as search_terms
from generator.pages import sharing
from generator.core import memo, siteinfo
from generator.pages.kit import Kit
from generator.model.kinds import GENERATED_DIRS
from generator.core.output import Changes, sync_tree
from generator.core.problems import ValidationFailed
from generator.core.project import Project
from generator.model.records import EDITIONS, LANGS
from generator.publish.redirect_pages import former_id_pages
from generator.edition.write import convert_files, write_edition
from generator.check.validate import Result, validate_project
from generator.check import hans_words
from generator.pages import kit_page


def generate(project: Project, site: siteinfo.SiteInfo, *, edit_base: Optional[str] = None,
             langs=LANGS) -> tuple[Result, Changes]:
    """`site`: the published site's address and languages, from the site adapter
    (generator.site.config.load, or the MkDocs hook)."""
    memo.next_run()          # results of the last run (dev server) that this run does not use are let go
    result = validate_project(project)
    if not result.ok:
        raise ValidationFailed(result.problems)
    cat = catalogue.build(result.corpus)
    kit = Kit.of(result.corpus, cat, site, project.content_dir, project.cache_dir, project.site_files_dir)
    changes = Changes()
    # Every QR code of the run (each language and the converted edition) is set encoding in
    # worker processes while the pages are rendered (a page needs only a code's size); the short
    # links, which hold the codes, are written last.
    edition = EDITIONS[-1]
    with_edition = [*langs, edition] if "zh" in langs and edition in kit.site.languages else list(langs)
    kit.qr.start([job for lang in with_edition
                  for job in sharing.qr_jobs(result.corpus, kit.site, labels(lang), lang)])
    try:
        for lang in langs:
            pages = language.render_language(result.corpus, cat, lang, edit_base, kit=kit)
            pages.update(former_id_pages(result.corpus, lang))   # old addresses of renamed records
            sync_tree(project.content_dir / lang, pages, GENERATED_DIRS, changes)
            programme_snippets, charts = programme_render.render_programme(result.corpus, lang)
            sync_tree(project.content_dir / lang, charts, (programme_render.CHARTS_DIR,), changes)
            sync_tree(project.snippets_dir / lang, {**language.render_snippets(result.corpus, cat, lang), **programme_snippets,
                                                    **kit_page.kit_snippet(result.corpus, kit.site, labels(lang), lang)},
                      ("",), changes)
        search_terms.write(project, result.corpus)
        publish.write(project, result.corpus, cat, kit, langs, changes)   # feeds, open data
        urls = (kit.site.absolute("zh"), kit.site.absolute(edition))
        if "zh" in langs:   # the Simplified edition is converted from all of zh: keep this step last
            write_edition(project, result.corpus, changes, urls=urls)
        # one language's short links while the workers encode the next language's codes
        publish.write_short_links(project, result.corpus, kit, langs, changes)
        if "zh" in langs:
            own = publish.short_link_files(result.corpus, kit, edition) if edition in kit.site.languages else {}
            publish.write_beside(project, convert_files(project, result.corpus, own, urls=urls), edition, changes)
            left = hans_words.edition_problems(project, result.corpus)   # E226: Hong Kong words left in
            if left:
                raise ValidationFailed(left)
        kit.qr.finish()
    finally:
        kit.qr.stop()
    return result, changes
