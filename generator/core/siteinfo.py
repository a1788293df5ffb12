"""What the generator needs to know about the published site: its address, its languages and
the licence of its open data.

The MkDocs hook builds a SiteInfo from the loaded MkDocs configuration; `cpsite generate` and
the tests read the same values from mkdocs.yml (`load`). Languages come from
`extra.hreflang` (language folder -> BCP 47 tag), so a new language needs a line there and no
code. The default language (served at the site root) is the i18n plugin's `default: true`
one, else the first in `extra.hreflang`. This module never imports MkDocs.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterable, Optional

import yaml
from yaml_env_tag import construct_env_tag   # what MkDocs itself uses for !ENV

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


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV` is resolved as MkDocs does; any other tag reads as null."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load(project_root: Path) -> SiteInfo:
    """SiteInfo from the project's mkdocs.yml (defaults when there is none)."""
    path = project_root / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) if path.is_file() else {}
    config = config or {}
    languages: list = []
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = [(lang.get("locale"), bool(lang.get("default")))
                         for lang in (plugin["i18n"] or {}).get("languages", [])]
    return from_settings(config.get("site_url"), config.get("extra"), languages,
                         config.get("use_directory_urls", True) is not False)
