"""Make a URL from a record safe to publish, or say why it cannot be.

A source `url` is written by an editor and printed as a link on pages of every edition, in
feeds and in the open data. `normalise_url` parses it (scheme http or https, a host, no user
name or password, no white space or control characters) and percent-encodes every character
that is not plainly part of a URL, so the result cannot close an HTML attribute, start
Markdown or attribute-list syntax, or split a table cell. `link_html` is the one way such a
URL reaches a page: an `<a href>` with the URL attribute-escaped, never Markdown `[..](..)`.

It does not check that the page exists (no network here).
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

# Characters kept as they are in path, query and fragment: RFC 3986 unreserved characters,
# '%' of an existing escape, and the sub-delimiters that carry meaning in real URLs. Everything
# else (quotes, < > ` { } | \ ^ [ ] space, non-ASCII) is percent-encoded.
_KEEP = "/?#:@!$&'()*+,;=-._~%"
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
MAX_LENGTH = 2000


class UnsafeURL(ValueError):
    """The URL cannot be published; the message says why, in words an editor can act on."""


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch.isspace() for ch in text)


def _host(netloc: str) -> str:
    host, _, port = netloc.rpartition(":") if netloc.count(":") == 1 else (netloc, "", "")
    if port and not port.isdigit():
        raise UnsafeURL(f"the port '{port}' is not a number")
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise UnsafeURL(f"'{host}' is not a valid host name") from None
    if not _HOST.match(ascii_host):
        raise UnsafeURL(f"'{host}' is not a valid host name")
    return ascii_host + (f":{port}" if port else "")


def normalise_url(url: str) -> str:
    """The URL with unsafe characters percent-encoded; UnsafeURL when it cannot be made safe."""
    if not isinstance(url, str) or not url:
        raise UnsafeURL("the URL is empty")
    if len(url) > MAX_LENGTH:
        raise UnsafeURL(f"the URL is {len(url)} characters long (at most {MAX_LENGTH})")
    if _has_control(url):
        raise UnsafeURL("the URL contains a space, line break or control character")
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise UnsafeURL(f"the URL cannot be read ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeURL("only http:// and https:// addresses are allowed")
    if "@" in parts.netloc:
        raise UnsafeURL("the address must not contain a user name or password ('@' before the host)")
    if not parts.netloc:
        raise UnsafeURL("the address has no host name (write it as https://host/path)")
    host = _host(parts.netloc)

    def encode(part: str) -> str:
        return quote(_BAD_ESCAPE.sub("%25", part), safe=_KEEP)

    return urlunsplit((parts.scheme.lower(), host, encode(parts.path), encode(parts.query),
                       encode(parts.fragment)))


def href(url: str) -> str:
    """The URL ready for an HTML attribute value (normalised, then attribute-escaped)."""
    return html.escape(normalise_url(url), quote=True)


def link_html(url: str, text_markup: str) -> str:
    """An HTML link around text that is already safe markup (escaped by the caller)."""
    return f'<a href="{href(url)}">{text_markup}</a>'
