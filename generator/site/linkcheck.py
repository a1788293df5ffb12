"""`cpsite check-site`: check a built site the way a visitor would find it.

1. Every internal link (`<a href>`, `<link href>`) of every page leads to a file, and every
   `#anchor` to an id on that page.
2. Links never break: every URL in `data/published-urls.txt` (the addresses the site has
   published) still has a page, either the page itself or a redirect page made from a
   record's `former_ids`. A URL that disappeared without a redirect is an error.
3. Every page of the site is in that list, so the next change cannot drop it unnoticed;
   `--update-urls` adds them (it never removes one). `new-case` and `import` add the addresses
   of the records they write.

Reads the built site only (stdlib html.parser); writes only the URL list, and only when asked.
"""

from __future__ import annotations

import os
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.core.project import Project
from generator.publish.urls import URL_LIST, add_urls, read_urls


class PageParser(HTMLParser):
    """What the checks read of one page: its links, ids, language and redirect target."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, dict]] = []   # (href, attributes of the <a> or <link>)
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.refresh: str | None = None          # <meta http-equiv="refresh"> of a redirect page

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
    """A built site read as a browser follows it (used by `cpsite check-site` and the tests).
    `base_path`: the path of the site's address (e.g. '/cpsite/' on GitHub Pages), which
    site-absolute links start with."""

    def __init__(self, root: Path, base_path: str = "/"):
        self.root = root
        self.base_path = base_path
        self._cache: dict[Path, PageParser] = {}

    def pages(self) -> list[Path]:
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
        """The file an internal href leads to (None when it leaves the site) and its fragment."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
            return None, ""
        if not parts.path:
            return page, unquote(parts.fragment)
        target, start = unquote(parts.path), page.parent.relative_to(self.root).as_posix()
        if target.startswith("/"):      # site-absolute (the 404 page uses these)
            start = ""
            if target.startswith(self.base_path):
                target = "/" + target[len(self.base_path):]
        path = self.root / posixpath.normpath(posixpath.join(start, target.lstrip("/")))
        if parts.path.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path, unquote(parts.fragment)

    def broken_links(self) -> list[str]:
        """'page -> href (why)' for every internal link that leads nowhere."""
        broken = []
        for page in self.pages():
            for href, _ in self.parse(page).links:
                path, fragment = self.resolve(page, href)
                if path is None:
                    continue
                where = f"{page.relative_to(self.root).as_posix()} -> {href}"
                if not path.is_file():
                    broken.append(f"{where} (no such page)")
                elif fragment and path.suffix == ".html" and fragment not in self.parse(path).ids:
                    broken.append(f"{where} (no such anchor)")
        return broken


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    return Site(site, base_path).broken_links()


def site_urls(site: Path) -> list[str]:
    """Every page address of a built site: '/', '/cases/foo/', '/zh/cases/foo/' ..."""
    urls = []
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site).as_posix()
        urls.append("/" if rel == "." else f"/{rel}/")
    return sorted(urls)


def missing_urls(project: Project, site: Path) -> list[str]:
    return [url for url in read_urls(project) if not (site / url.strip("/") / "index.html").is_file()]


def check_site_command(project: Project, site: Path, *, update_urls: bool = False, out=None) -> int:
    out = out or sys.stdout
    site = site if site.is_absolute() else project.root / site
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here (run `cpsite build` first)", file=sys.stderr)
        return 2
    base_path = urlsplit(os.environ.get("CPSITE_SITE_URL", "")).path or "/"
    problems = [f"broken link: {b}" for b in broken_links(site, base_path.rstrip("/") + "/")]
    for url in missing_urls(project, site):
        problems.append(f"published URL {url} has no page: it was removed or renamed without a redirect "
                        "(list the old id in the record's former_ids)")
    unlisted = sorted(set(site_urls(site)) - set(read_urls(project)))
    if update_urls:
        add_urls(project, unlisted)
        print(f"{URL_LIST}: {len(unlisted)} address(es) added", file=sys.stderr)
    else:
        for url in unlisted:
            problems.append(f"page {url} is not in {URL_LIST} (run `cpsite check-site --update-urls`)")
    for line in problems:
        print(line, file=out)
    pages = len(list(site.rglob("*.html")))
    print(f"{len(problems)} problem(s) in {pages} page(s)" if problems else
          f"OK: {pages} page(s), every internal link and published URL resolves", file=sys.stderr)
    return 1 if problems else 0
