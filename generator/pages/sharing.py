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
from pathlib import Path
from typing import Optional

import segno
import segno.consts
import segno.encoder

from generator.core import memo, reuse
from generator.core.labels import Labels
from generator.core.markup import Raw
from generator.core.redirects import redirect_html
from generator.core.siteinfo import SiteInfo
from generator.model.records import Corpus
from generator.render.env import render_fragment

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


# The PNG of each code, for the seminar kit's download (publish/kit_zip.py): 8 pixels a module,
# sharp on slides and print. Made from the same encoding as the SVG when that is made, and kept
# in the project's cache folder under the key of its address.
PNG_SCALE = 8
PNG_COMPRESSION = 6


def png_cache_path(cache: Path, url: str) -> Path:
    return cache / f"{reuse.key('qr-png', _CODE, url, PNG_SCALE, QR_BORDER, PNG_COMPRESSION)}.png"


def qr_png(code) -> bytes:
    """PNG of an encoded code (segno.QRCode)."""
    out = io.BytesIO()
    # zlib's default level: a few more bytes than level 9 (segno's choice), in two thirds of the time
    code.save(out, kind="png", scale=PNG_SCALE, border=QR_BORDER, compresslevel=PNG_COMPRESSION)
    return out.getvalue()


def keep_png(cache: Path, url: str, data: bytes) -> None:
    path = png_cache_path(cache, url)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_bytes(data)
    os.replace(part, path)     # whole or not at all, even with two builds at once


def encode(url: str):
    """The QR code of `url`, with segno's choice of the best mask (the slow part)."""
    return segno.make(url, error="m", micro=False)


def _qr_unstamped(url: str, title: str, png_cache: Optional[Path] = None) -> str:
    code = encode(url)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=QR_SCALE, border=QR_BORDER, xmldecl=False, title=title, light="#fff",
              omitsize=True, svgclass=None, lineclass=None, nl=True)
    if png_cache is not None and not png_cache_path(png_cache, url).is_file():
        keep_png(png_cache, url, qr_png(code))
    return out.getvalue().decode("utf-8")


def qr_svg(url: str, title: str, png_cache: Optional[Path] = None) -> str:
    """SVG QR code of `url`: black on a white square (readable on dark pages too), stamped with
    the key of its inputs so that a later run can reuse it (see `reuse`). With `png_cache`, its
    PNG is kept there too, from the same encoding."""
    return reuse.stamp(_qr_unstamped(url, title, png_cache), _qr_key(url, title))


def svg_size(svg: str) -> int:
    """Width in pixels of a QR code SVG (from its viewBox)."""
    return int(float(_VIEWBOX.search(svg).group(1)))


def _encode_all(pairs: list, png_cache: Optional[Path] = None) -> list:
    return [qr_svg(url, title, png_cache) for url, title in pairs]


# The dev server's codes from one run to the next (core/memo.py): the key is all a code is made
# from, so the earlier run's files need not be read again.
_kept = memo.Memo("QR codes")


class QrCodes:
    """QR codes of one generation run, each encoded once (encoding, with its choice of the best
    mask, is the slow part). A code that an earlier run wrote for the same URL, title and
    settings is reused (`store`). `start` sets the missing ones encoding in worker processes
    while the caller goes on (pages need only a code's size, `size`); `svg` waits for the code it
    is asked for, `finish` for all of them, and `stop` lets the workers go, finished or not."""

    PARALLEL_FROM = 200

    def __init__(self, store: Optional[reuse.Reuse] = None, png_cache: Optional[Path] = None):
        self.reuse = store or reuse.Reuse()
        self.png_cache = png_cache
        self.made: dict = {}
        self._pool: Optional[concurrent.futures.Executor] = None
        self._pending: list = []        # (keys, future of their texts)
        self._pending_keys: set = set()

    def _previous(self, key: str, lang: str, kind: str, record_id: str) -> Optional[str]:
        return self.reuse.find(lang, short_path(kind, record_id) + "qr.svg", key)

    def _missing(self, jobs) -> dict:
        """{key: (url, title)} of the jobs neither made, nor kept, nor written by an earlier run."""
        missing = {}
        for lang, kind, record_id, url, title in jobs:
            key = _qr_key(url, title)
            if key in self.made or key in missing or key in self._pending_keys:
                continue
            held, previous = _kept.find(key)
            if not held:
                previous = self._previous(key, lang, kind, record_id)
            if previous is not None:
                self.made[key] = previous
                if not held:
                    _kept.put(key, previous)
            else:
                missing[key] = (url, title)
        return missing

    def _have(self, keys, texts) -> None:
        self.made.update(zip(keys, texts))
        for key in keys:
            _kept.put(key, self.made[key])

    def start(self, jobs) -> None:
        """jobs: (lang, kind, record id, url, title) of every code the run will need. Few codes,
        or one core: they are encoded here and now."""
        missing = self._missing(jobs)
        keys, pairs = list(missing), list(missing.values())
        workers = min(os.cpu_count() or 1, 8)
        if len(pairs) < self.PARALLEL_FROM or workers < 2:
            self._have(keys, _encode_all(pairs, self.png_cache))
            return
        size = -(-len(pairs) // (workers * 4))
        if self._pool is None:
            self._pool = concurrent.futures.ProcessPoolExecutor(workers)
        for i in range(0, len(pairs), size):
            future = self._pool.submit(_encode_all, pairs[i:i + size], self.png_cache)
            self._pending.append((keys[i:i + size], future))
        self._pending_keys.update(keys)

    def finish(self) -> None:
        """Wait for every code `start` set encoding (a worker's error is raised here)."""
        self._collect()
        self.stop()

    def _collect(self, until: Optional[str] = None) -> None:
        """Take the workers' codes in the order they were set, all of them or up to the one
        with key `until`; on a worker's error, let the others go and raise it."""
        try:
            while self._pending and (until is None or until not in self.made):
                keys, future = self._pending[0]
                self._have(keys, future.result())
                self._pending.pop(0)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Let the worker processes go; codes not encoded yet are dropped (and made again when
        asked for). Safe to call more than once."""
        pool, self._pool = self._pool, None
        self._pending, self._pending_keys = [], set()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def prepare(self, jobs) -> None:
        """Encode every code of `jobs` now (on every core when there are many)."""
        self.start(jobs)
        self.finish()

    def svg(self, lang: str, kind: str, record_id: str, url: str, title: str) -> str:
        key = _qr_key(url, title)
        if key not in self.made and key in self._pending_keys:
            self._collect(until=key)       # the codes set before it (one language's come first)
        if key not in self.made:
            self.prepare([(lang, kind, record_id, url, title)])
        return self.made[key]

    def size(self, lang: str, kind: str, record_id: str, url: str, title: str) -> int:
        """Width of the code in pixels, without encoding it (the size follows from the URL's
        length alone, whatever the mask)."""
        key = _qr_key(url, title)
        text = self.made.get(key)
        if text is not None:
            return svg_size(text)
        return symbol_width(url)


def symbol_width(url: str) -> int:
    """Width in pixels of `url`'s code as `encode` and `qr_svg` make it: segno's own choice of
    the smallest version that holds the URL, without building the symbol (0.2 ms against 2 ms)."""
    segments = segno.encoder.prepare_data(url, None, None)
    version = segno.encoder.find_version(segments, segno.consts.ERROR_LEVEL_M, eci=False, micro=False)
    return (segno.encoder.calc_matrix_size(version) + 2 * QR_BORDER) * QR_SCALE


def _title(kind: str, record, lang: str) -> str:
    return (record.title if kind == "cases" else record.name)[lang]


def _records(corpus: Corpus):
    return (("cases", corpus.cases), ("technologies", corpus.technologies))


def qr_jobs(corpus: Corpus, site: SiteInfo, t: Labels, lang: str) -> list:
    """(lang, kind, id, url, title) of every QR code of one language, for QrCodes.start."""
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
    html = render_fragment("share.html.j2", t, url=url, href=href, qr_src=folder + "qr.svg", size=size)
    return Raw(html.strip() + "\n")
