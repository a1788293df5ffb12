"""Atom feeds of new cases, per language: all cases, per sector and per pollutant area.

    feeds/cases.xml                  every case
    feeds/sectors/<key>.xml          cases of one sector (one feed per sector, even empty)
    feeds/pollutants/<key>.xml       cases of one pollutant area

A case's date is when it appeared on the site: `history.record_dates` (the commit that added
its record; its last change for <updated>). Entries are newest first, then by id. The entry
id is the case's permanent short link, so a feed reader never sees one case twice. The feed's
<updated> is its newest entry's, or the build date when it has none, so the same commit gives
the same bytes.
"""

from __future__ import annotations

import hashlib
import pickle
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Optional

from generator.core import memo
from generator.core.history import Dates, iso
from generator.core.labels import Labels
from generator.core.links import feed_path
from generator.core.siteinfo import SiteInfo
from generator.model import kinds
from generator.model.kinds import FEED_FACETS
from generator.model.records import Case, Corpus
from generator.pages.sharing import short_url

ATOM = "http://www.w3.org/2005/Atom"
FACETS = FEED_FACETS


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _entry(case: Case, dates: Dates, corpus: Corpus, site: SiteInfo, lang: str) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "id", short_url(site, lang, "cases", case.id))
    _text(entry, "title", case.title[lang])
    _text(entry, "published", iso(dates.published))
    _text(entry, "updated", iso(dates.updated))
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html",
                                  "href": site.absolute(lang, f"cases/{case.id}/")})
    _text(entry, "summary", " ".join(case.summary[lang].split()))
    for facet, key, label in _terms(case, corpus, lang):
        ET.SubElement(entry, "category", {"term": key, "scheme": site.absolute(lang, f"{facet}/"),
                                          "label": label})
    return entry


# A case's entry as it is printed inside a feed: the same in every feed that lists the case
# (all cases, its sector, each of its pollutant areas), and from one rebuild to the next
_entries = memo.Memo("feed entries")


def _entry_xml(case: Case, dates: Dates, corpus: Corpus, site: SiteInfo, lang: str, made: dict) -> str:
    """The entry's XML, indented as ET.indent indents it one level down. `made`: entries made
    in this run, by key."""
    terms = _terms(case, corpus, lang)
    key = (case.id, case.title[lang], case.summary[lang], dates, tuple(terms), repr(site), lang)

    def make() -> str:
        entry = _entry(case, dates, corpus, site, lang)
        ET.indent(entry, level=1)
        return ET.tostring(entry, encoding="unicode")
    if key not in made:
        made[key] = _entries.get(key, make) if memo.keeping() else make()
    return made[key]


def _terms(case: Case, corpus: Corpus, lang: str) -> list[tuple[str, str, str]]:
    return [(facet.name, key, corpus.vocab[facet.name].label(key, lang))
            for facet in kinds.FACETS if facet.feed for key in facet.keys(case)]


# The dev server's feeds from one rebuild to the next (core/memo.py), keyed by everything a feed
# prints: an edit rewrites only the feeds that list the edited case.
_feeds = memo.Memo("feeds")


def atom(title: str, path: str, page: str, cases: list[Case], dates: dict, corpus: Corpus,
         site: SiteInfo, t: Labels, lang: str, built: datetime, made: Optional[dict] = None) -> str:
    """One feed. `path`: the feed's own path, `page`: the page it belongs to (inside the
    language folder); `made`: the entries made so far in this run (feed_files shares them)."""
    made = {} if made is None else made

    def make() -> str:
        return _atom(title, path, page, cases, dates, corpus, site, t, lang, built, made)
    if not memo.keeping():
        return make()
    printed = (title, path, page, lang, built, site, t.feed_author,
               [(c.id, c.title[lang], c.summary[lang], dates[c.id], _terms(c, corpus, lang)) for c in cases])
    return _feeds.get(hashlib.blake2b(pickle.dumps(printed, protocol=pickle.HIGHEST_PROTOCOL),
                                      digest_size=20).digest(), make)


def _atom(title: str, path: str, page: str, cases: list[Case], dates: dict, corpus: Corpus,
          site: SiteInfo, t: Labels, lang: str, built: datetime, made: dict) -> str:
    ordered = sorted(cases, key=lambda c: (-dates[c.id].published.timestamp(), c.id))
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": site.tag(lang)})
    _text(feed, "id", site.absolute(lang, path))
    _text(feed, "title", title)
    updated = max((dates[c.id].updated for c in ordered), default=built)
    _text(feed, "updated", iso(updated))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": site.absolute(lang, path)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": site.absolute(lang, page)})
    author = ET.SubElement(feed, "author")
    _text(author, "name", t.feed_author)
    _text(author, "uri", site.absolute(lang))
    ET.indent(feed)
    head = ET.tostring(feed, encoding="unicode")
    closing = "\n</feed>"
    assert head.endswith(closing)
    # the entries go where ET.indent would have put them: each on its own line, two spaces in
    entries = "".join("\n  " + _entry_xml(case, dates[case.id], corpus, site, lang, made) for case in ordered)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + head[:-len(closing)] + entries + closing + "\n"


def feed_files(corpus: Corpus, facets: dict, dates: dict, site: SiteInfo, t: Labels, lang: str,
               built: datetime) -> dict[str, str]:
    """{path inside the language folder: Atom XML}. `facets`: the catalogue's facets."""
    made: dict = {}
    files = {feed_path(): atom(t.feed_title_all, feed_path(), "cases/", list(corpus.cases), dates,
                               corpus, site, t, lang, built, made)}
    for facet in FACETS:
        for key in corpus.vocab[facet].terms:
            label = corpus.vocab[facet].label(key, lang)
            files[feed_path(facet, key)] = atom(
                t.feed_title_facet.format(label=label), feed_path(facet, key), f"{facet}/{key}/",
                facets[facet].get(key, []), dates, corpus, site, t, lang, built, made)
    return files
