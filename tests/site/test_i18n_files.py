"""site/i18n_files.py: each edition's copies of the docs files, made once, are what the plugin makes."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs_static_i18n import folder, reconfigure

from conftest import ROOT
from generator.site import i18n_files

PAGES = ("en/index.md", "zh/index.md", "zh-Hans/index.md",
         "en/cases/a.md", "zh/cases/a.md", "zh-Hans/cases/a.md",
         "en/only-english.md",
         "zh/only-chinese.md",
         "en/impact/a.svg", "zh/impact/a.svg",      # assets, one edition without its own
         "robots.txt")                             # outside every language folder


def _copies(config) -> list:
    """Every file of every edition's build, with its alternates, as the plugin leaves them."""
    plugin = config.plugins["i18n"]
    files = get_files(config)
    seen = []
    for language in plugin.build_languages:
        plugin.current_language = language
        for file in plugin.reconfigure_files(files, config):
            # dest_dir: the plugin leaves the output path there, where nothing reads it; the kept
            # copies hold the site folder, from which MkDocs works out abs_dest_path
            attributes = {name: value for name, value in vars(file).items() if name not in ("alternates", "dest_dir")}
            attributes["abs_dest_path"] = file.abs_dest_path
            attributes["type"] = type(file)
            alternates = {lang: (alt.src_uri, alt.dest_uri, alt.url, alt.abs_dest_path, alt.locale)
                          for lang, alt in sorted(getattr(file, "alternates", {}).items())}
            seen.append((language, sorted(attributes.items()), alternates))
    return seen


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    docs = tmp_path / "docs"
    for rel in PAGES:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f"# {rel}\n", encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    config.plugins["i18n"].on_config(config)
    monkeypatch.setattr(folder, "create_i18n_file", folder.create_i18n_file)   # undone after the test
    for module in (folder, reconfigure):
        monkeypatch.setattr(module, "is_relative_to", module.is_relative_to)
    monkeypatch.setattr(i18n_files, "_kept", {})
    return config


def test_the_kept_copies_are_the_plugins_own_in_every_edition(config, tmp_path):
    stock = _copies(config)
    english = {dict(attributes)["src_uri"]: alts for lang, attributes, alts in stock if lang == "en"}
    assert english["en/cases/a.md"]["zh-Hans"][:3] == ("zh-Hans/cases/a.md", "zh-Hans/cases/a/index.html", "zh-Hans/cases/a/")
    assert sorted(english["en/only-english.md"]) == ["en"]          # no fallback in mkdocs.yml
    i18n_files.remember_i18n_files(folder)
    i18n_files.remember_i18n_files(folder)          # twice: still the plugin's function underneath
    assert i18n_files._made is not i18n_files.create_i18n_file
    assert _copies(config) == stock                 # first made by the plugin, then kept
    assert i18n_files._kept
    assert _copies(config) == stock                 # all from what was kept

    config.site_dir = str(tmp_path / "staging")     # the dev server's next rebuild
    kept = _copies(config)
    assert kept != stock
    folder.create_i18n_file = i18n_files._made      # the plugin alone (the fixture restores it)
    assert kept == _copies(config)                  # what the plugin alone makes for that folder


def test_copies_are_new_objects_with_alternates_of_their_own(config):
    i18n_files.remember_i18n_files(folder)
    plugin = config.plugins["i18n"]
    files = get_files(config)
    plugin.current_language = "zh"
    first = {f.src_uri: f for f in plugin.reconfigure_files(files, config)}
    first["zh/cases/a.md"].page = "rendered"        # what MkDocs attaches while building
    second = {f.src_uri: f for f in plugin.reconfigure_files(files, config)}
    page = second["zh/cases/a.md"]
    assert page is not first["zh/cases/a.md"] and page.page is None
    assert page.alternates["zh"] is page and page.alternates is not first["zh/cases/a.md"].alternates
    assert sorted(page.alternates) == ["en", "zh", "zh-Hans"]


def test_forget_lets_go_of_what_is_kept(config):
    i18n_files.remember_i18n_files(folder)
    _copies(config)
    assert i18n_files._kept
    i18n_files.forget()
    assert not i18n_files._kept


def test_kept_path_answers_are_the_plugins_own(config, tmp_path):
    stock = _copies(config)
    plugin_answer = reconfigure.is_relative_to
    i18n_files.remember_path_tests(folder, reconfigure)
    i18n_files.remember_path_tests(folder, reconfigure)      # twice: still one layer of keeping
    assert reconfigure.is_relative_to.__wrapped__ is plugin_answer
    assert _copies(config) == stock and _copies(config) == stock     # the second time from what was kept
    assert reconfigure.is_relative_to.cache_info().hits
    docs = config.docs_dir
    for path in (f"{docs}/en/a.md", f"{docs}-other/a.md", str(tmp_path / "site" / "a.md"), "en/a.md"):
        for inside in (docs, "en", "zh"):
            assert reconfigure.is_relative_to(path, inside) == plugin_answer(path, inside)
            assert folder.is_relative_to(path, inside) == plugin_answer(path, inside)
