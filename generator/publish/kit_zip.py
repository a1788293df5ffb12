"""The download of the seminar kit page: every QR code of an edition, as SVG and PNG, in one
zip (<edition>/kit/qr-codes.zip), made after the site is built.

The SVG files are the ones the build publishes next to each short link (<edition>/c/<id>/qr.svg
and t/<id>/qr.svg, read where the generation step wrote them); the PNG files come from the cache folder where the generation step keeps
the PNG of every code it encodes (`sharing`), or are made here from the same address when the
cache lacks one (encoding is the slow part: about 8 ms a code). Every entry has a fixed date, so the same
site gives the same bytes. This module does not know MkDocs.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from generator.core import memo
from generator.core.siteinfo import SiteInfo
from generator.pages import sharing

ZIP_PATH = "kit/qr-codes.zip"
FIXED_DATE = (2000, 1, 1, 0, 0, 0)
SHORT = {"c": "case", "t": "technology"}


# The dev server's reads from one rebuild to the next (core/memo.py): a PNG by its address (it
# is made from the address alone), an SVG by its path, size and time. Opening and reading the
# 6,000 files of a 1,000-case site's zips took 0.4 s of every rebuild.
_pngs = memo.Memo("QR code PNGs")
_svgs = memo.Memo("QR code SVGs")


def qr_png(url: str, cache: Path | None = None) -> bytes:
    """The PNG of `url`'s QR code; from `cache` when the generation step or an earlier build
    made it."""
    if memo.keeping():
        return _pngs.get(url, lambda: _qr_png(url, cache))
    return _qr_png(url, cache)


def _qr_png(url: str, cache: Path | None) -> bytes:
    path = sharing.png_cache_path(cache, url) if cache else None
    if path is not None and path.is_file():
        return path.read_bytes()
    data = sharing.qr_png(sharing.encode(url))
    if cache is not None:
        sharing.keep_png(cache, url, data)
    return data


# The dev server's zips from one rebuild to the next (core/memo.py), by the codes they hold.
_zips = memo.Memo("QR code zips")


def qr_zip(edition_root: Path, site: SiteInfo, lang: str, cache: Path | None = None) -> bytes | None:
    """The zip of one edition's QR codes (found under `edition_root`: c/<id>/qr.svg, t/...),
    or None when it has none."""
    codes = []
    for short, kind in SHORT.items():
        for svg in sorted((edition_root / short).glob("*/qr.svg")):
            codes.append((short, kind, svg.parent.name, _svg_bytes(svg)))
    if not codes:
        return None
    # a PNG is made from its address alone, so the SVGs and the addresses say what the zip holds;
    # the key is a digest of them (hashing and comparing 3,000 SVGs' bytes took 0.1 s a rebuild)
    held = hashlib.blake2b(digest_size=20)
    for short, kind, record_id, svg in codes:
        held.update(f"{short}\0{kind}\0{record_id}\0{len(svg)}\0".encode())
        held.update(svg)
    return _zips.get((site.url, site.prefix(lang), site.directory_urls, held.digest()),
                     lambda: _zip_of(codes, site, lang, cache))


def _svg_bytes(path: Path) -> bytes:
    if not memo.keeping():
        return path.read_bytes()
    stat = path.stat()
    return _svgs.get((str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino), path.read_bytes)


def _zip_of(codes: list, site: SiteInfo, lang: str, cache: Path | None) -> bytes:
    entries = []
    for short, kind, record_id, svg in codes:
        url = site.absolute(lang, f"{short}/{record_id}/")
        entries.append((f"{kind}-{record_id}.svg", svg))
        entries.append((f"{kind}-{record_id}.png", qr_png(url, cache)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def write_qr_zips(site_dir: Path, site: SiteInfo, cache: Path | None = None, codes: Path | None = None) -> list[str]:
    """Write the zip of every edition that has a kit page; returns the paths written. `cache`:
    the folder of PNGs kept between builds (none: every code is made afresh). `codes`: where
    each language's QR codes are, in <lang>/c/<id>/qr.svg (none: in the site itself)."""
    written = []
    # The page links its download as `qr-codes.zip`, beside itself: kit/index.html, or kit.html
    # in a build with file-style links (the offline copy).
    path = ZIP_PATH if site.directory_urls else ZIP_PATH.rpartition("/")[2]
    for lang in site.languages:
        root = site_dir / site.prefix(lang)
        if not ((root / "kit").is_dir() or (root / "kit.html").is_file()):
            continue
        data = qr_zip(codes / lang if codes is not None else root, site, lang, cache)
        if data is not None:
            target = root / path
            target.unlink(missing_ok=True)     # a new file, never one shared with the last build
            target.write_bytes(data)
            written.append(site.prefix(lang) + path)
    return written
