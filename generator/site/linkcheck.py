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
from generator.model.records import EDITIONS

URL_LIST = Path("data") / "published-urls.txt"
HEADER = ("# Every address the site has published. Each must keep working: a page, or a redirect\n"
          "# page made from a record's former_ids. Checked by `cpsite check-site` and the tests.\n"
          "# Add lines with `cpsite check-site --update-urls`; remove one only on purpose.\n")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in ("a", "link") and attrs.get("href") is not None:
            self.links.append(attrs["href"])


def _parse(path: Path, cache: dict) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        cache[path] = page
    return cache[path]


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """'page -> href (why)' for every internal link that leads nowhere. `base_path` is the path
    of the site's address (e.g. '/cpsite/' on GitHub Pages), which site-absolute links start with."""
    cache: dict = {}
    broken = []
    for page in sorted(site.rglob("*.html")):
        base = page.parent.relative_to(site).as_posix()
        for href in _parse(page, cache).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
                continue
            path = page
            if parts.path:
                target, start = unquote(parts.path), base
                if target.startswith("/"):      # site-absolute (the 404 page uses these)
                    start = ""
                    if target.startswith(base_path):
                        target = "/" + target[len(base_path):]
                path = site / posixpath.normpath(posixpath.join(start, target.lstrip("/")))
                if parts.path.endswith("/") or path.is_dir():
                    path = path / "index.html"
            where = f"{page.relative_to(site).as_posix()} -> {href}"
            if not path.is_file():
                broken.append(f"{where} (no such page)")
            elif parts.fragment and path.suffix == ".html" and unquote(parts.fragment) not in _parse(path, cache).ids:
                broken.append(f"{where} (no such anchor)")
    return broken


def site_urls(site: Path) -> list[str]:
    """Every page address of a built site: '/', '/cases/foo/', '/zh/cases/foo/' ..."""
    urls = []
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site).as_posix()
        urls.append("/" if rel == "." else f"/{rel}/")
    return sorted(urls)


def read_urls(project: Project) -> list[str]:
    path = project.root / URL_LIST
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def add_urls(project: Project, urls) -> list[str]:
    """Add addresses to the list (sorted, no duplicates); returns those that were new."""
    have = read_urls(project)
    new = sorted(set(urls) - set(have))
    if new:
        path = project.root / URL_LIST
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + "".join(f"{u}\n" for u in sorted(set(have) | set(new))), encoding="utf-8")
    return new


def record_urls(kind: str, record_id: str) -> list[str]:
    """The addresses of one record's page in every language."""
    return [f"/{kind}/{record_id}/" if lang == EDITIONS[0] else f"/{lang}/{kind}/{record_id}/" for lang in EDITIONS]


def case_urls(record: dict) -> list[str]:
    """The addresses a new case brings: its page and its year's page (other catalogue pages
    exist for every vocabulary term already)."""
    urls = record_urls("cases", record["id"]) + record_urls("c", record["id"])   # page and short link
    if isinstance(record.get("year"), int):
        urls += record_urls("years", str(record["year"]))
    return urls


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
