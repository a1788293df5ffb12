"""The one escaping path from a value to a page: Markdown text, and links to outside pages.

- `Raw` marks Markdown the generator built itself from trusted parts; it is printed as is.
- `md_escape` makes any other value print literally in Markdown: no emphasis, links, HTML,
  attribute lists (`{ … }`), tables, admonitions, definition lists or snippets.
- `external_link` is the only way a URL from a record or data file reaches a page: the URL is
  normalised by `safeurl` and written as an escaped `href` of an HTML `<a>`, never inside
  Markdown's `[..](..)`, whose `)` would end the link early.

It knows nothing of records or pages; templates get these values from the views in `pages/`.
"""

from __future__ import annotations

import re

from generator.core.safeurl import link_html


class Raw(str):
    """Markdown produced by the generator itself: printed as is, never escaped."""


# Characters that start inline syntax of the extensions in mkdocs.yml; the line-start ones
# (lists, setext headings, definition lists) are handled by _LINE_START.
_INLINE = re.compile(r"([\\`*_\[\]{}<>#|!&])")
_NEEDS_WORK = re.compile(r"[\\`*_\[\]{}<>#|!&:\s+=\d-]")
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)])|(:))", re.MULTILINE)
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def md_escape(value) -> str:
    """Make text print literally in Markdown: no emphasis, links, HTML or attribute lists."""
    if value is None:
        return ""
    if isinstance(value, Raw):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if not _NEEDS_WORK.search(value):
        return value
    text = " ".join(value.split())
    text = _INLINE.sub(lambda m: _ENTITIES.get(m.group(1), "\\" + m.group(1)), text)
    # "1." is escaped as "1\." (Markdown has no escape for a digit): the text stays "1." and is
    # not a list item.
    return _LINE_START.sub(_line_start, text)


def _line_start(m: re.Match) -> str:
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    if m.group(5):   # ": " would open a definition after a term line
        return m.group(1) + "&#58;"
    return m.group(1) + m.group(3) + "\\" + m.group(4)


def external_link(url: str, text) -> Raw:
    """A link to an outside page: `url` from a record (normalised and attribute-escaped),
    `text` escaped as Markdown unless it is Raw."""
    return Raw(link_html(url, md_escape(text)))
