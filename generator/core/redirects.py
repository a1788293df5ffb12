"""Redirect pages: a tiny HTML file that sends a visitor (and search engines) from an old or
short address to the page that now lives elsewhere. Used for short links and former ids.

Only builds the HTML text; where it is written is the caller's business. The page works
without JavaScript (meta refresh), names the target as canonical, and shows a plain link.
"""

from __future__ import annotations

import html


def redirect_html(target: str, *, title: str, lang: str) -> str:
    """`target` is a URL relative to the redirect page itself (e.g. '../../cases/foo/')."""
    href = html.escape(target, quote=True)
    text = html.escape(title)
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{text}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{href}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n"
        f'<body><p><a href="{href}">{text}</a></p></body>\n'
        "</html>\n"
    )
