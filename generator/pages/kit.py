"""The seminar kit's additions to generated pages: the share box (short link, QR code, copy
button), structured data for link previews, the 'Impact across cases' section and feed links.

The page loop (`pages/language.py`) asks a Kit for these values page by page; the files they point to (redirect pages,
QR codes, charts, feeds) are written by `publish`, from the same functions, so the two
always agree. A Kit holds only what every page needs: the site's address and languages, and
the roll-ups.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from pathlib import Path
from typing import Optional

from generator.core import memo
from generator.core.labels import Labels
from generator.core.links import Link, feed_path, page_path, rel
from generator.core.reuse import Reuse
from generator.core.siteinfo import SiteInfo
from generator.model import rollup
from generator.model.catalogue import Catalogue
from generator.model.kinds import FEED_FACETS
from generator.model.records import Case, Corpus, Technology
from generator.pages import impact as rollup_pages
from generator.pages import linkpreview, sharing

# Impact sections kept between dev-server runs (Kit.impact); each entry keeps its labels `t`
# alive, so their id in the key stays theirs
_impacts = memo.Memo("impact sections")


@dataclasses.dataclass(frozen=True)
class Kit:
    site: SiteInfo
    rollups: dict              # (group, key) -> rollup.Rollup
    reuse: Reuse               # charts of earlier runs
    qr: sharing.QrCodes        # QR codes, made once per run
    impacts: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)
    digests: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, corpus: Corpus, cat: Catalogue, site: SiteInfo, content_dir: Optional[Path] = None,
           cache_dir: Optional[Path] = None, site_files_dir: Optional[Path] = None) -> "Kit":
        """`content_dir`, `site_files_dir`: where earlier runs wrote their charts and their QR
        codes (found there, they are reused when their inputs are unchanged). `cache_dir`: where
        the PNG of each QR code made is kept for the kit's download."""
        png_cache = cache_dir / "qr-png" if cache_dir is not None else None
        return cls(site, rollup.build(corpus, cat), Reuse(content_dir),
                   sharing.QrCodes(Reuse(site_files_dir), png_cache))

    def digest(self, value) -> bytes:
        """A digest of a record (or any picklable value): what a page kept by the dev server is
        keyed by (core/memo.py). Worked out once per run for each record."""
        found = self.digests.get(id(value))
        if found is None or found[0] is not value:
            found = self.digests[id(value)] = (value, hashlib.blake2b(
                pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).digest())
        return found[1]

    def shared_inputs(self, corpus: Corpus, *settings) -> bytes:
        """A digest of what every generated page may read: the vocabularies, the technologies,
        the site's settings and `settings` (hashable); worked out once per run."""
        key = ("shared", id(corpus), settings)
        found = self.digests.get(key)
        if found is None or found[0] is not corpus:
            found = self.digests[key] = (corpus, self.digest((corpus.vocab, corpus.technologies, self.site, settings)))
        return found[1]

    def impact(self, group: str, key, corpus: Corpus, t: Labels, lang: str) -> tuple:
        """(impact section view, {chart path: svg}) of a technology, sector or pollutant area.
        In the dev server it is kept while the area's cases, the vocabularies and the
        technologies are the same (the roll-up is made from those alone)."""
        if (group, key, lang) not in self.impacts:
            roll = self.rollups[(group, key)]

            def make() -> tuple:
                return t, rollup_pages.impact_section(roll, page_path(group, key), t, corpus, lang, self.reuse)
            if memo.keeping():
                inputs = (group, key, lang, id(t), tuple(self.digest(c) for c in roll.cases),
                          self.shared_inputs(corpus))
                self.impacts[(group, key, lang)] = _impacts.get(inputs, make)[1]
            else:
                self.impacts[(group, key, lang)] = make()[1]
        return self.impacts[(group, key, lang)]

    def case(self, case: Case, corpus: Corpus, t: Labels, lang: str) -> tuple[dict, dict]:
        """(additions to the page view, additions to the front matter)."""
        return ({"share": sharing.share_box("cases", case, self.site, t, lang, self.qr)},
                {"structured_data": linkpreview.script_json(linkpreview.case_data(case, corpus, self.site, lang))})

    def technology(self, tech: Technology, corpus: Corpus, t: Labels, lang: str) -> tuple[dict, dict]:
        impact, _ = self.impact("technologies", tech.id, corpus, t, lang)
        return ({"share": sharing.share_box("technologies", tech, self.site, t, lang, self.qr), "impact": impact},
                {"structured_data": linkpreview.script_json(
                    linkpreview.technology_data(tech, corpus, self.site, lang))})

    def facet(self, facet: str, key, corpus: Corpus, t: Labels, lang: str) -> dict:
        if facet not in FEED_FACETS:
            return {"impact": None, "feed": None}
        page = page_path(facet, key)
        impact, _ = self.impact(facet, key, corpus, t, lang)
        label = corpus.vocab[facet].label(key, lang)
        return {"impact": impact,
                "feed": Link(t.feed_facet.format(label=label), rel(page, feed_path(facet, key)))}

    def cases_index(self, t: Labels) -> dict:
        return {"feed": Link(t.feed_cases, rel(page_path("cases", "index"), feed_path()))}
