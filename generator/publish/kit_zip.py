"""The download of the seminar kit page: every QR code of an edition, as SVG and PNG, in one
zip (<edition>/kit/qr-codes.zip), made after the site is built.

The SVG files are the ones the build published next to each short link (<edition>/c/<id>/qr.svg
and t/<id>/qr.svg); the PNG files are made here from the same address (segno, the same
settings as `sharing`, 8 pixels a module: sharp on slides and print). Encoding is the slow part
(about 8 ms a code), so a PNG made once is kept in a cache folder under its inputs' key and
reused by every later build and dev-server rebuild. Every entry has a fixed date, so the same
site gives the same bytes. This module does not know MkDocs.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import segno

from generator.core import reuse
from generator.core.siteinfo import SiteInfo
from generator.pages.sharing import QR_BORDER

ZIP_PATH = "kit/qr-codes.zip"
PNG_SCALE = 8
FIXED_DATE = (2000, 1, 1, 0, 0, 0)
SHORT = {"c": "case", "t": "technology"}


_VERSION = reuse.code_version(__file__, "segno")


def qr_png(url: str, cache: Path | None = None) -> bytes:
    """The PNG of `url`'s QR code; from `cache` when an earlier build made it."""
    path = cache / f"{reuse.key(url, PNG_SCALE, QR_BORDER, _VERSION)}.png" if cache else None
    if path is not None and path.is_file():
        return path.read_bytes()
    png = io.BytesIO()
    segno.make(url, error="m", micro=False).save(png, kind="png", scale=PNG_SCALE, border=QR_BORDER)
    data = png.getvalue()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_bytes(data)
        os.replace(part, path)     # whole or not at all, even with two builds at once
    return data


def qr_zip(edition_root: Path, site: SiteInfo, lang: str, cache: Path | None = None) -> bytes | None:
    """The zip of one edition's QR codes, or None when it has none."""
    entries = []
    for short, kind in SHORT.items():
        for svg in sorted((edition_root / short).glob("*/qr.svg")):
            record_id = svg.parent.name
            url = site.absolute(lang, f"{short}/{record_id}/")
            entries.append((f"{kind}-{record_id}.svg", svg.read_bytes()))
            entries.append((f"{kind}-{record_id}.png", qr_png(url, cache)))
    if not entries:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def write_qr_zips(site_dir: Path, site: SiteInfo, cache: Path | None = None) -> list[str]:
    """Write the zip of every edition that has a kit page; returns the paths written. `cache`:
    the folder of PNGs kept between builds (none: every code is made afresh)."""
    written = []
    # The page links its download as `qr-codes.zip`, beside itself: kit/index.html, or kit.html
    # in a build with file-style links (the offline copy).
    path = ZIP_PATH if site.directory_urls else ZIP_PATH.rpartition("/")[2]
    for lang in site.languages:
        root = site_dir / site.prefix(lang)
        if not ((root / "kit").is_dir() or (root / "kit.html").is_file()):
            continue
        data = qr_zip(root, site, lang, cache)
        if data is not None:
            target = root / path
            target.unlink(missing_ok=True)     # a new file, never one shared with the last build
            target.write_bytes(data)
            written.append(site.prefix(lang) + path)
    return written
