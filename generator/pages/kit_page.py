"""The seminar kit page (/kit/ in each edition): every case and technology as a card with its
short link and QR code, to print as a sheet of cards or to copy into slides.

`kit_snippet` writes the cards as an HTML fragment that the hand-written page
content/<lang>/kit.md includes (`--8<-- "<lang>/kit-cards.md"`); the Simplified edition gets
it converted and pointed at its own short links with the rest of zh (simplified_edition).
The QR codes are the ones `sharing` writes next to each short link; the download of all of
them is made after the build (`kit_zip`). Returns text; writing it is `output`'s job.
"""

from __future__ import annotations

import html

from generator.core.labels import Labels
from generator.core.siteinfo import SiteInfo
from generator.model.records import Corpus
from generator.pages.sharing import short_path, short_url

SNIPPET = "kit-cards.md"


def _card(kind: str, record, title: str, site: SiteInfo, t: Labels, lang: str) -> str:
    url = short_url(site, lang, kind, record.id)
    page = f"../{kind}/{record.id}/" if site.directory_urls else f"{kind}/{record.id}.html"
    up = "../" if site.directory_urls else ""
    qr = f"{up}{short_path(kind, record.id)}qr.svg"
    e = lambda text: html.escape(text, quote=True)   # noqa: E731
    return (f'<li class="cp-kit__card"><img src="{e(qr)}" alt="{e(t.qr_alt.format(url=url))}" width="148" height="148" loading="lazy">'
            f'<p class="cp-kit__title"><a href="{e(page)}">{e(title)}</a></p>'
            f'<p class="cp-kit__url">{e(url)}</p></li>')


def kit_snippet(corpus: Corpus, site: SiteInfo, t: Labels, lang: str) -> dict[str, str]:
    """{SNIPPET: the cards of every case, then every technology, each group under its heading}."""
    parts = []
    for kind, heading, records, name in (("cases", t.cases, corpus.cases, lambda r: r.title[lang]),
                                         ("technologies", t.technologies, corpus.technologies, lambda r: r.name[lang])):
        cards = "\n".join(_card(kind, r, name(r), site, t, lang) for r in sorted(records, key=name))
        parts.append(f'<h2 id="kit-{kind}">{html.escape(t.heading_count.format(label=heading, n=len(records)))}</h2>\n'
                     f'<ul class="cp-kit" data-pagefind-ignore="all">\n{cards}\n</ul>')
    return {SNIPPET: "\n\n".join(parts) + "\n"}
