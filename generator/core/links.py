"""Where a generated page lives and how pages link to each other: paths inside a language
folder (`cases/foo.md`) and relative links between them. Every page kind uses these."""

from __future__ import annotations

import dataclasses
import functools

from generator.core.markup import Raw


@dataclasses.dataclass(frozen=True)
class Link:
    text: str
    url: Raw


def page_path(kind: str, key) -> str:
    """Source path of a generated page inside a language folder, e.g. 'cases/foo.md'."""
    return f"{kind}/{key}.md"


def rel(from_page: str, to_page: str) -> Raw:
    """Relative link between two pages given by their paths in a language folder."""
    return _rel(from_page.rpartition("/")[0], to_page)


@functools.lru_cache(maxsize=1 << 16)
def _rel(folder: str, to_page: str) -> Raw:
    """The link from any page of `folder` ('' for the language folder itself): a few thousand
    targets seen from a dozen folders, asked for again by every list that shows them."""
    here, there = folder.split("/") if folder else [], to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return Raw("/".join([".."] * (len(here) - common) + there[common:]))


def feed_path(facet: str | None = None, key: str | None = None) -> str:
    """Path of a feed inside a language folder."""
    return "feeds/cases.xml" if facet is None else f"feeds/{facet}/{key}.xml"
