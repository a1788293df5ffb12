"""site/theme_files.py: MkDocs adds the same theme files to the site, listed once per process."""

from __future__ import annotations

import os

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from conftest import ROOT
from generator.site import theme_files


def _theme_files(config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((f.src_uri, f.abs_src_path) for f in files)


def test_the_kept_listing_adds_exactly_the_files_mkdocs_adds(monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(ROOT / "mkdocs.yml"))
    stock = _theme_files(config)
    assert any(uri.startswith("assets/javascripts/") for uri, _ in stock)
    assert any(path.startswith(str(ROOT / "overrides") + os.sep) for _, path in stock)   # ours first
    theme_files.keep_listing(config.theme)
    assert isinstance(config.theme.get_env().loader, theme_files.KeptListing)
    assert _theme_files(config) == stock
    assert _theme_files(config) == stock          # the second time from what the first listed
    installed = [path for path in theme_files._listed if "site-packages" in path]
    assert installed, theme_files._listed.keys()
    assert not any(str(ROOT / "overrides") in path for path in theme_files._listed)   # never kept
