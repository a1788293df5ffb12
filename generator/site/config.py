"""The site's settings as the generator needs them (a core.siteinfo.SiteInfo), read from
mkdocs.yml without importing MkDocs, so `cpsite validate` and `cpsite generate` run without it.
The MkDocs hook builds the same SiteInfo from MkDocs' own loaded configuration."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag  # what MkDocs itself uses for !ENV

from generator.core.siteinfo import SiteInfo, from_settings


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV` is resolved as MkDocs does; any other tag reads as null."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _settings(project_root: Path) -> dict:
    path = project_root / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) if path.is_file() else {}
    return config if isinstance(config, dict) else {}


def site_dir(project_root: Path) -> Path:
    """The output folder mkdocs.yml names (`site_dir`, MkDocs' default `site`), as MkDocs
    resolves it: relative to the folder of mkdocs.yml."""
    return (project_root / str(_settings(project_root).get("site_dir") or "site")).resolve()


def load(project_root: Path) -> SiteInfo:
    """SiteInfo from the project's mkdocs.yml (defaults when there is none)."""
    config = _settings(project_root)
    languages: list = []
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = [(lang.get("locale"), bool(lang.get("default")))
                         for lang in (plugin["i18n"] or {}).get("languages", [])]
    return from_settings(config.get("site_url"), config.get("extra"), languages,
                         config.get("use_directory_urls", True) is not False)
