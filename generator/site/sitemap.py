"""sitemap.xml with the language alternates of every page (xhtml:link hreflang).

The pages carry no <link rel="alternate" hreflang> in their head (see overrides/main.html);
this file is where search engines find which pages are translations of each other. Every
page gets one <url> per language it exists in, each listing all its languages (including
itself) and x-default (the default language). Tags come from `extra.hreflang`, so a new
language needs no code. <lastmod> is the build date (the last commit's, never the clock's),
the same for every page: the site is published as a whole.

Input is the list of built page URLs relative to the site root ('zh/cases/foo/'); the MkDocs
hook collects them. Output is sorted, so the same pages give the same bytes.
"""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
from typing import Iterable, Optional

from generator.core import memo
from generator.core.siteinfo import SiteInfo

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def split_language(url: str, site: SiteInfo) -> tuple[str, str]:
    """('zh', 'cases/foo/') for 'zh/cases/foo/'; the default language has no prefix."""
    url = url.lstrip("/")
    for lang in site.languages:
        prefix = site.prefix(lang)
        if prefix and url.startswith(prefix):
            return lang, url[len(prefix):]
    return site.default, url


def _normal(url: str) -> str:
    url = url.lstrip("/")
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    return url


def sitemap_xml(page_urls: Iterable[str], site: SiteInfo, lastmod: Optional[str] = None) -> str:
    pages: dict[str, set] = {}
    for url in page_urls:
        lang, path = split_language(_normal(url), site)
        pages.setdefault(path, set()).add(lang)
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:xhtml": XHTML_NS})
    order = {lang: n for n, lang in enumerate(site.languages)}
    for path in sorted(pages):
        langs = sorted(pages[path], key=lambda lang: order.get(lang, len(order)))
        for lang in langs:
            entry = ET.SubElement(root, "url")
            ET.SubElement(entry, "loc").text = site.absolute(lang, path)
            if lastmod:
                ET.SubElement(entry, "lastmod").text = lastmod
            if len(langs) < 2:
                continue
            for other in langs:
                ET.SubElement(entry, "xhtml:link", {"rel": "alternate", "hreflang": site.tag(other),
                                                    "href": site.absolute(other, path)})
            if site.default in langs:
                ET.SubElement(entry, "xhtml:link", {"rel": "alternate", "hreflang": "x-default",
                                                    "href": site.absolute(site.default, path)})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def gzipped(text: str) -> bytes:
    """Gzip with no timestamp and no file name, so the bytes depend on the text alone."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as handle:
        handle.write(text.encode("utf-8"))
    return out.getvalue()


# The dev server: an edit that adds, removes or renames no page leaves the sitemap as it was
_files = memo.Memo("sitemaps")


def sitemap_files(page_urls: Iterable[str], site: SiteInfo, lastmod: Optional[str] = None) -> dict[str, bytes]:
    """{'sitemap.xml': bytes, 'sitemap.xml.gz': bytes} of `sitemap_xml`."""
    urls = sorted(page_urls)

    def make() -> dict[str, bytes]:
        text = sitemap_xml(urls, site, lastmod)
        return {"sitemap.xml": text.encode("utf-8"), "sitemap.xml.gz": gzipped(text)}
    return _files.get((tuple(urls), repr(site), lastmod), make) if memo.keeping() else make()
