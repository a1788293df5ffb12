"""The whole generation step: validate the records, then render and write every generated page.

`generate()` is what the MkDocs hook, the CLI and the tests call. It raises ValidationFailed
(with every problem) before writing anything when a record has an error.
"""

from __future__ import annotations

from typing import Optional

from . import catalogue, render, search_terms
from .output import GENERATED_DIRS, Changes, sync_tree
from .problems import ValidationFailed
from .project import Project
from .records import LANGS
from .validate import Result, validate_project


def generate(project: Project, *, edit_base: Optional[str] = None, langs=LANGS) -> tuple[Result, Changes]:
    result = validate_project(project)
    if not result.ok:
        raise ValidationFailed(result.problems)
    cat = catalogue.build(result.corpus)
    changes = Changes()
    for lang in langs:
        pages = render.render_language(result.corpus, cat, lang, edit_base)
        sync_tree(project.content_dir / lang, pages, GENERATED_DIRS, changes)
        sync_tree(project.snippets_dir / lang, render.render_snippets(result.corpus, cat, lang), ("",), changes)
    search_terms.write(project, result.corpus)
    return result, changes
