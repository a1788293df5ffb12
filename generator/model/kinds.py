"""The one table of what the site is made of: the facets records are browsed by, and the
folders of generated pages and published files the generator owns inside each language
folder, and the ones it lays into the built site beside MkDocs' output. Catalogue grouping, page generation, owned folders, edit links, feeds, the find page
and the l10n status read it from here; `.gitignore` is checked against it by a test.

Adding a facet: a row in FACETS (and its vocabulary data/<name>.yaml with its schema, its
record field, and the labels its heading names in generator/locales/). Adding a page kind
that writes a folder: a row in OWNED_DIRS and a line in .gitignore.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Facet:
    name: str         # folder of its pages, key in Corpus.vocab and Catalogue.facets: "sectors"
    param: str        # the find page's URL parameter and Pagefind filter: "sector"
    heading: str      # label key (generator/locales) of its heading on the find page
    field: str        # the case record's field that gives its terms: "sector"
    many: bool        # the field is a list (pollutants)
    vocabulary: bool  # its terms and their names come from data/<name>.yaml (years do not)
    feed: bool        # an Atom feed per term (feeds/<name>/<key>.xml)

    def keys(self, case) -> list:
        """The terms of this facet a case is listed under."""
        value = getattr(case, self.field)
        return list(value) if self.many else ([value] if value is not None else [])


FACETS = (
    Facet("sectors", "sector", "sector", "sector", many=False, vocabulary=True, feed=True),
    Facet("pollutants", "pollutant", "pollutants", "pollutants", many=True, vocabulary=True, feed=True),
    Facet("initiatives", "initiative", "initiative", "initiative", many=False, vocabulary=True, feed=False),
    Facet("years", "year", "year", "year", many=False, vocabulary=False, feed=False),
    Facet("locations", "location", "location", "location", many=False, vocabulary=True, feed=False),
)
FACET_NAMES = tuple(f.name for f in FACETS)
FEED_FACETS = tuple(f.name for f in FACETS if f.feed)
VOCABULARY_FACETS = tuple(f.name for f in FACETS if f.vocabulary)


@dataclasses.dataclass(frozen=True)
class Owned:
    folder: str       # inside content/<lang>/
    made_by: str      # the module that writes it
    what: str


# Every folder inside content/<lang>/ the generator writes; nothing else there is touched, and
# inside these every file a run did not produce is removed. PAGES are written by the page loop
# (pages.language), PUBLISHED by publish.files, the chart folder by the programme pages.
PAGES = (Owned("cases", "pages.language", "a page per case and the cases index"),
         Owned("technologies", "pages.language", "a page per technology, the catalogue and the compare page"),
         *(Owned(f.name, "pages.language", f"a page per {f.param} and its index") for f in FACETS))
PUBLISHED = (Owned("feeds", "publish.files", "Atom feeds of new cases"),
             Owned("impact", "publish.files", "the impact overview page and its charts"),
             Owned("data", "publish.files", "the open data page and files"),
             Owned("schema", "publish.files", "the record schemas, published"))
CHARTS = Owned("programme/charts", "pages.programme.render", "the programme pages' charts")
OWNED_DIRS = (*PAGES, *PUBLISHED, CHARTS)

GENERATED_DIRS = tuple(o.folder for o in PAGES)

# Folders of each language written into .generated/site-files/<lang>/ and laid into the built
# site by the site adapter, not through MkDocs: a page links to them only from raw HTML, and
# MkDocs would spend more on their files (a third of the site's, with a QR code and a redirect
# page per record and edition) than on the pages. Earlier versions wrote them into content/:
# the generator removes them there (RETIRED).
BESIDE = (Owned("c", "publish.files", "short links of cases and their QR codes"),
          Owned("t", "publish.files", "short links of technologies and their QR codes"))
BESIDE_DIRS = tuple(o.folder for o in BESIDE)
RETIRED_DIRS = BESIDE_DIRS
PUBLISHED_DIRS = tuple(o.folder for o in PUBLISHED)
