"""What the Simplified edition needs from mkdocs-static-i18n: the zh-Hans language's site
name, description and navigation titles, converted from the zh language's (unless mkdocs.yml
sets them), and "edit this page" of a converted page pointing at its Traditional source."""

from __future__ import annotations

from typing import Optional

from generator.core.project import Project
from generator.edition.write import LOCALE, SOURCE, convert_value, simplifier_for

LANGUAGE_KEYS = ("site_name", "site_description", "site_author", "copyright",
                 "nav_translations", "admonition_translations")


def fill_language_config(languages, project: Project) -> None:
    """`languages`: mkdocs-static-i18n's list of language settings (mappings with 'locale').
    Fills the zh-Hans entry's unset LANGUAGE_KEYS from the zh entry, converted."""
    by_locale = {language["locale"]: language for language in languages}
    source, target = by_locale.get(SOURCE), by_locale.get(LOCALE)
    if source is None or target is None:
        return
    simplifier = None
    for key in LANGUAGE_KEYS:
        if target.get(key) is None and source.get(key) is not None:
            simplifier = simplifier or simplifier_for(project)
            target[key] = convert_value(source[key], simplifier)


def source_edit_url(edit_url: Optional[str], src_uri: str) -> Optional[str]:
    """The edit link of a converted page leads to the Traditional file it was made from."""
    prefix = LOCALE + "/"
    if not edit_url or not src_uri.startswith(prefix) or not edit_url.endswith(src_uri):
        return edit_url
    return edit_url[: -len(src_uri)] + SOURCE + "/" + src_uri[len(prefix):]
