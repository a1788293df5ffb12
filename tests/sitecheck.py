"""Read a built site the way a browser would: pages, their links, ids and language.

A small helper for tests (stdlib html.parser only); it resolves every internal link of every
page to a file and an anchor.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, dict]] = []   # (href, attrs of the <a>/<link>)
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.refresh: str | None = None      # content of <meta http-equiv="refresh"> (redirect pages)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.refresh = attrs.get("content")
        if tag in ("a", "link") and attrs.get("href") is not None:
            self.links.append((attrs["href"], attrs))


class Site:
    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[Path, PageParser] = {}

    def pages(self):
        return sorted(self.root.rglob("*.html"))

    def parse(self, path: Path) -> PageParser:
        if path not in self._cache:
            parser = PageParser()
            parser.feed(path.read_text(encoding="utf-8"))
            self._cache[path] = parser
        return self._cache[path]

    def is_redirect(self, page: Path) -> bool:
        """A redirect page (short link or former address), not a page of content."""
        return self.parse(page).refresh is not None

    def resolve(self, page: Path, href: str) -> tuple[Path | None, str]:
        """The file an internal href leads to (None when external) and its fragment."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("mailto:"):
            return None, ""
        if not parts.path:
            return page, unquote(parts.fragment)
        base = page.parent.relative_to(self.root).as_posix()
        if parts.path.startswith("/"):   # site-absolute (only the 404 page uses these)
            base, parts = "", parts._replace(path=parts.path.lstrip("/"))
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        path = self.root / target
        if href.split("#")[0].endswith("/") or path.is_dir():
            path = path / "index.html"
        return path, unquote(parts.fragment)

    def broken_links(self) -> list[str]:
        broken = []
        for page in self.pages():
            for href, _ in self.parse(page).links:
                target, fragment = self.resolve(page, href)
                if target is None:
                    continue
                where = f"{page.relative_to(self.root)} -> {href}"
                if not target.is_file():
                    broken.append(where)
                elif fragment and target.suffix == ".html" and fragment not in self.parse(target).ids:
                    broken.append(where + " (no such anchor)")
        return broken
