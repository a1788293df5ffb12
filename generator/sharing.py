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

import functools
import io
from pathlib import Path

import jinja2
import segno

from .records import Corpus
from .redirects import redirect_html
from .siteinfo import SiteInfo
from .views import Labels, Raw

SHORT_PREFIX = {"cases": "c", "technologies": "t"}
OWNED_DIRS = tuple(SHORT_PREFIX.values())
QR_SCALE = 4
QR_BORDER = 4


def short_path(kind: str, record_id: str) -> str:
    """Path of a short link inside a language folder, e.g. 'c/foo/'."""
    return f"{SHORT_PREFIX[kind]}/{record_id}/"


def short_url(site: SiteInfo, lang: str, kind: str, record_id: str) -> str:
    return site.absolute(lang, short_path(kind, record_id))


def _qr(url: str):
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, title: str) -> str:
    """SVG QR code of `url`: black on a white square (readable on dark pages too)."""
    out = io.BytesIO()
    _qr(url).save(out, kind="svg", scale=QR_SCALE, border=QR_BORDER, xmldecl=False, title=title,
                  light="#fff", omitsize=True, svgclass=None, lineclass=None, nl=True)
    return out.getvalue().decode("utf-8")


def qr_size(url: str) -> int:
    return _qr(url).symbol_size(scale=QR_SCALE, border=QR_BORDER)[0]


def _title(kind: str, record, lang: str) -> str:
    return (record.title if kind == "cases" else record.name)[lang]


def _records(corpus: Corpus):
    return (("cases", corpus.cases), ("technologies", corpus.technologies))


def short_link_files(corpus: Corpus, site: SiteInfo, t: Labels, lang: str) -> dict[str, str]:
    """{path inside the language folder: text} for every redirect page and QR code."""
    files = {}
    for kind, records in _records(corpus):
        for record in records:
            title = _title(kind, record, lang)
            base = short_path(kind, record.id)
            files[base + "index.html"] = redirect_html(f"../../{kind}/{record.id}/", title=title,
                                                       lang=site.tag(lang))
            files[base + "qr.svg"] = qr_svg(short_url(site, lang, kind, record.id),
                                            t.qr_title.format(title=title))
    return files


@functools.lru_cache(maxsize=1)
def _html_env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def share_box(kind: str, record_id: str, site: SiteInfo, t: Labels, lang: str) -> Raw:
    """HTML of the share box for the page of a record (the page lives at <kind>/<id>/)."""
    url = short_url(site, lang, kind, record_id)
    href = "../../" + short_path(kind, record_id)
    size = qr_size(url)
    html = _html_env().get_template("share.html.j2").render(
        url=url, href=href, qr_src=href + "qr.svg", size=size, t=t)
    return Raw(html.strip() + "\n")
