"""Redirect pages for former ids: the old address of a renamed case or technology keeps working.

For every id listed in a record's `former_ids`, each language gets
`<kind>/<former id>/index.html` inside its content folder, a static page (made by
`redirects.redirect_html`) that MkDocs copies as it is and that sends the visitor to the
record's page. Returns texts; `generate` writes them with the other generated files, so a
removed former id leaves no page behind.
"""

from __future__ import annotations

from generator.core.redirects import redirect_html
from generator.model.records import Corpus

HTML_LANG = {"en": "en", "zh": "zh-Hant"}


def former_id_pages(corpus: Corpus, lang: str) -> dict[str, str]:
    """{path inside the language folder: HTML} for every former id of every record."""
    pages: dict[str, str] = {}
    for kind, records in (("cases", corpus.cases), ("technologies", corpus.technologies)):
        for record in records:
            title = (record.title if kind == "cases" else record.name)[lang]
            for old in record.former_ids:
                pages[f"{kind}/{old}/index.html"] = redirect_html(
                    f"../{record.id}/", title=title, lang=HTML_LANG.get(lang, lang))
    return pages
