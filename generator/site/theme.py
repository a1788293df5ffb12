"""Mend the few bits of Material's page markup that the Nu HTML Checker rejects.

Material writes them outside any template block, so they cannot be overridden without
copying its whole base template. Each fix is narrow, matches only the exact markup Material
produces, and leaves everything else byte for byte as it was:

- `autocomplete="off"` on checkbox and radio inputs (only allowed on text-like inputs);
- `tabindex=""` on navigation labels (an empty string is not an integer);
- `<label for="x">` where the page has no control with id "x" (the table-of-contents toggle
  on pages without a table of contents): the `for` attribute is dropped.
"""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*?)\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
_LABEL_FOR = re.compile(r'(<label\b[^>]*?)\s+for="([^"]*)"')
_IDS = re.compile(r'\sid="([^"]*)"')


def fix_theme_markup(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    ids = set(_IDS.findall(html))
    return _LABEL_FOR.sub(lambda m: m.group(0) if m.group(2) in ids else m.group(1), html)
