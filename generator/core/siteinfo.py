"""What the generator needs to know about the published site: its address, its languages and
the licence of its open data.

The site adapter makes one: the MkDocs hook from the loaded MkDocs configuration, `cpsite
generate` and the tests from mkdocs.yml (`generator.site.config.load`). Languages come from
`extra.hreflang` (language folder -> BCP 47 tag), so a new language needs a line there and no
code. The default language (served at the site root) is the i18n plugin's `default: true`
one, else the first in `extra.hreflang`. This module knows nothing of MkDocs.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Optional

DEFAULT_URL = "https://cpsite.example.org/"


@dataclasses.dataclass(frozen=True)
class SiteInfo:
    url: str                  # site_url, always ending in "/"
    hreflang: dict            # language folder -> BCP 47 tag, in mkdocs.yml order
    default: str              # language folder served at the site root
    licence: dict             # open data licence: id (SPDX), title, url
    directory_urls: bool = True   # pages at 'cases/foo/' (MkDocs' default), else 'cases/foo.html'

    @property
    def languages(self) -> tuple:
        return tuple(self.hreflang)

    def tag(self, lang: str) -> str:
        return self.hreflang.get(lang, lang)

    def prefix(self, lang: str) -> str:
        """Path of a language's root inside the site: '' for the default, else 'zh/'."""
        return "" if lang == self.default else f"{lang}/"

    def to_root(self, lang: str) -> str:
        """Relative path from a language's root folder back to the site root."""
        return "../" * self.prefix(lang).count("/")

    def absolute(self, lang: str, path: str = "") -> str:
        """Absolute URL of `path` (e.g. 'cases/foo/') in a language."""
        return f"{self.url}{self.prefix(lang)}{path}"


DEFAULT_LICENCE = {
    "id": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}


def from_settings(site_url: Optional[str], extra: Optional[dict],
                  i18n_languages: Iterable[tuple[str, bool]] = (), directory_urls: bool = True) -> SiteInfo:
    """`i18n_languages`: (locale, is_default) pairs from the i18n plugin's configuration."""
    extra = extra or {}
    url = (site_url or DEFAULT_URL).rstrip("/") + "/"
    hreflang = dict(extra.get("hreflang") or {"en": "en"})
    defaults = [locale for locale, is_default in i18n_languages if is_default]
    default = defaults[0] if defaults else next(iter(hreflang))
    licence = dict(DEFAULT_LICENCE, **((extra.get("open_data") or {}).get("licence") or {}))
    return SiteInfo(url, hreflang, default, licence, directory_urls)
