"""Permanent short links, their QR codes, and the share box on case and technology pages.

Every case has /c/<id>/ and every technology /t/<id>/, in each language (/zh/c/<id>/ leads
to the Chinese page). The short link is a small static redirect page (redirects.redirect_html)
written by the generation step next to an SVG QR code of its absolute, site_url-based
address (segno; the same URL gives the same bytes). The share box shows the QR code, the
short link as a plain visible link and a copy button that the page script reveals (without
JavaScript the button stays hidden and the link still works).

Returns texts; writing them is `output`'s job.
"""

from __future__ import annotations

import concurrent.futures
import io
import os
import re
from typing import Optional

import segno

from generator.core import reuse
from generator.core.labels import Labels
from generator.core.markup import Raw
from generator.core.redirects import redirect_html
from generator.core.siteinfo import SiteInfo
from generator.model.records import Corpus
from generator.render.env import html_environment

SHORT_PREFIX = {"cases": "c", "technologies": "t"}
QR_SCALE = 4
QR_BORDER = 4
_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ')


def short_path(kind: str, record_id: str) -> str:
    """Path of a short link inside a language folder, e.g. 'c/foo/'."""
    return f"{SHORT_PREFIX[kind]}/{record_id}/"


def short_url(site: SiteInfo, lang: str, kind: str, record_id: str) -> str:
    return site.absolute(lang, short_path(kind, record_id))


_CODE = reuse.code_version(__file__, "segno")


def _qr_key(url: str, title: str) -> str:
    return reuse.key("qr", _CODE, url, title)


def _qr_unstamped(url: str, title: str) -> str:
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out, kind="svg", scale=QR_SCALE, border=QR_BORDER, xmldecl=False, title=title, light="#fff",
        omitsize=True, svgclass=None, lineclass=None, nl=True)
    return out.getvalue().decode("utf-8")


def qr_svg(url: str, title: str) -> str:
    """SVG QR code of `url`: black on a white square (readable on dark pages too), stamped with
    the key of its inputs so that a later run can reuse it (see `reuse`)."""
    return reuse.stamp(_qr_unstamped(url, title), _qr_key(url, title))


def svg_size(svg: str) -> int:
    """Width in pixels of a QR code SVG (from its viewBox)."""
    return int(float(_VIEWBOX.search(svg).group(1)))


def _encode_all(pairs: list) -> list:
    return [qr_svg(url, title) for url, title in pairs]


class QrCodes:
    """QR codes of one generation run, each encoded once (encoding, with its choice of the best
    mask, is the slow part). A code that an earlier run wrote for the same URL, title and
    settings is reused (`store`). `prepare` encodes many at once on every core."""

    PARALLEL_FROM = 200

    def __init__(self, store: Optional[reuse.Reuse] = None):
        self.reuse = store or reuse.Reuse()
        self.made: dict = {}

    def _previous(self, key: str, lang: str, kind: str, record_id: str) -> Optional[str]:
        return self.reuse.find(lang, short_path(kind, record_id) + "qr.svg", key)

    def prepare(self, jobs) -> None:
        """jobs: (lang, kind, record id, url, title) of every code the run will need."""
        missing = {}
        for lang, kind, record_id, url, title in jobs:
            key = _qr_key(url, title)
            if key in self.made or key in missing:
                continue
            previous = self._previous(key, lang, kind, record_id)
            if previous is not None:
                self.made[key] = previous
            else:
                missing[key] = (url, title)
        keys, pairs = list(missing), list(missing.values())
        workers = min(os.cpu_count() or 1, 8)
        if len(pairs) < self.PARALLEL_FROM or workers < 2:
            texts = _encode_all(pairs)
        else:
            size = -(-len(pairs) // (workers * 4))
            chunks = [pairs[i:i + size] for i in range(0, len(pairs), size)]
            with concurrent.futures.ProcessPoolExecutor(workers) as pool:
                texts = [text for part in pool.map(_encode_all, chunks) for text in part]
        self.made.update(zip(keys, texts))

    def svg(self, lang: str, kind: str, record_id: str, url: str, title: str) -> str:
        key = _qr_key(url, title)
        if key not in self.made:
            self.prepare([(lang, kind, record_id, url, title)])
        return self.made[key]

    def size(self, lang: str, kind: str, record_id: str, url: str, title: str) -> int:
        """Width of the code in pixels, without the slow encoding when it is not made yet (the
        size depends on the URL only, not on the mask)."""
        key = _qr_key(url, title)
        text = self.made.get(key) or self._previous(key, lang, kind, record_id)
        if text is not None:
            return svg_size(text)
        return segno.make(url, error="m", micro=False, mask=0).symbol_size(scale=QR_SCALE, border=QR_BORDER)[0]


def _title(kind: str, record, lang: str) -> str:
    return (record.title if kind == "cases" else record.name)[lang]


def _records(corpus: Corpus):
    return (("cases", corpus.cases), ("technologies", corpus.technologies))


def qr_jobs(corpus: Corpus, site: SiteInfo, t: Labels, lang: str) -> list:
    """(lang, kind, id, url, title) of every QR code of one language, for QrCodes.prepare."""
    return [(lang, kind, record.id, short_url(site, lang, kind, record.id),
             t.qr_title.format(title=_title(kind, record, lang)))
            for kind, records in _records(corpus) for record in records]


def page_from_short_link(site: SiteInfo, kind: str, record_id: str) -> str:
    """The record's page, relative to its short link's redirect page."""
    return f"../../{kind}/{record_id}/" if site.directory_urls else f"../../{kind}/{record_id}.html"


def short_link_files(corpus: Corpus, site: SiteInfo, t: Labels, lang: str,
                     qr: Optional[QrCodes] = None) -> dict[str, str]:
    """{path inside the language folder: text} for every redirect page and QR code. Former ids
    keep their short links too (a redirect page, no QR code)."""
    qr = qr or QrCodes()
    files = {}
    for kind, records in _records(corpus):
        for record in records:
            title = _title(kind, record, lang)
            base = short_path(kind, record.id)
            page = redirect_html(page_from_short_link(site, kind, record.id), title=title, lang=site.tag(lang))
            files[base + "index.html"] = page
            for old in record.former_ids:
                files[short_path(kind, old) + "index.html"] = page
            files[base + "qr.svg"] = qr.svg(lang, kind, record.id, short_url(site, lang, kind, record.id),
                                            t.qr_title.format(title=title))
    return files


def share_box(kind: str, record, site: SiteInfo, t: Labels, lang: str, qr: Optional[QrCodes] = None) -> Raw:
    """HTML of the share box for the page of a record (the page lives at <kind>/<id>/)."""
    qr = qr or QrCodes()
    url = short_url(site, lang, kind, record.id)
    # the page is <kind>/<id>/ (or <kind>/<id>.html without directory URLs)
    folder = ("../../" if site.directory_urls else "../") + short_path(kind, record.id)
    href = folder if site.directory_urls else folder + "index.html"
    size = qr.size(lang, kind, record.id, url, t.qr_title.format(title=_title(kind, record, lang)))
    html = html_environment().get_template("share.html.j2").render(
        url=url, href=href, qr_src=folder + "qr.svg", size=size, t=t)
    return Raw(html.strip() + "\n")
