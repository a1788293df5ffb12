"""The MkDocs adapter: the only module that imports mkdocs.

- Before the first build of a run, validate and generate (a bad record stops the build with
  the same file:line:col messages as `cpsite validate`, before anything is written).
- `mkdocs build` writes into a sibling staging folder and swaps it in only at the very end,
  so a failed build leaves the previous site folder exactly as it was.
- Generated pages get "edit" links to the record they came from.
- After the last language is built, sitemap.xml (with hreflang alternates) is written from the
  pages MkDocs built, replacing the one the i18n plugin makes (generator/sitemap.py says why).

mkdocs-static-i18n builds each extra language by calling MkDocs' build() again from its own
on_post_build, so every event here can run several times per run; the depth counter tells
the outermost build apart.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator import history, siteinfo, sitemap
from generator.generate import generate
from generator.htmlfix import fix_theme_markup
from generator.problems import ValidationFailed
from generator.project import Project, source_date_epoch
from generator.simplified_edition import fill_language_config, source_edit_url
from generator.search_index import SearchIndexFailed, index_site

log = logging.getLogger("mkdocs.cpsite")

_state = {"command": None, "final": None, "staging": None, "depth": 0, "pages": set()}


class _WarningCounter(logging.Handler):
    """Counts MkDocs warnings: with --strict, MkDocs aborts only after on_post_build, so the
    swap must not happen when any warning was logged."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


_warnings = _WarningCounter()


def on_startup(command, dirty):
    _state["command"] = command


def _records_edit_base(config) -> str | None:
    repo = config.repo_url
    base = (config.extra or {}).get("edit_records_uri")
    return f"{repo.rstrip('/')}/{base.strip('/')}/" if repo and base else None


@event_priority(100)
def on_config(config):
    # Dates in the output (sitemap, feeds, open data) come from the last commit, not the clock.
    epoch = source_date_epoch(Path(config.config_file_path).parent)
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    if "i18n" in config.plugins:   # zh-Hans site name and nav titles from zh, before i18n reads them
        root = Path(config.config_file_path).parent
        fill_language_config(config.plugins["i18n"].config["languages"], Project(root))
    if _state["command"] in ("build", "gh-deploy") and _state["final"] is None:
        final = Path(config.site_dir)
        staging = final.with_name(final.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        _state.update(final=final, staging=staging)
        config.site_dir = str(staging)
        _warnings.count = 0
        logging.getLogger("mkdocs").addHandler(_warnings)
    return config


def on_pre_build(config):
    _state["depth"] += 1
    if _state["depth"] > 1:
        return
    project = Project(Path(config.config_file_path).parent)
    _state["pages"] = set()
    try:
        _, changes = generate(project, edit_base=_records_edit_base(config), site=_site_info(config))
    except ValidationFailed as failed:
        _cleanup()
        raise PluginError("Invalid records; nothing was built:\n" + failed.report()) from None
    if changes:
        log.info("cpsite: %d generated file(s) written, %d removed", len(changes.written), len(changes.removed))


def on_page_context(context, page, config, nav):
    edit_path = page.meta.get("edit_path")
    base = _records_edit_base(config)
    if page.meta.get("generated_from"):
        page.edit_url = base + edit_path if base and edit_path else None
    else:
        page.edit_url = source_edit_url(page.edit_url, page.file.src_uri)
    return context


def _site_info(config) -> siteinfo.SiteInfo:
    i18n = config.plugins.get("i18n")
    languages = [(lang.locale, bool(lang.default)) for lang in i18n.config.languages] if i18n else []
    return siteinfo.from_settings(config.site_url, config.extra, languages, config.use_directory_urls)


def _write_sitemap(config) -> None:
    built = history.build_date(Path(config.config_file_path).parent)
    text = sitemap.sitemap_xml(_state["pages"], _site_info(config), lastmod=built.strftime("%Y-%m-%d"))
    site_dir = Path(_state["staging"] or config.site_dir)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(sitemap.gzipped(text))


@event_priority(-200)
def on_post_build(config):
    _state["depth"] -= 1
    if _state["depth"] > 0:
        return
    if config.strict and _warnings.count:
        _cleanup()
        return
    _write_sitemap(config)
    if _state.get("404"):
        (Path(config.site_dir) / "404.html").write_text(_state.pop("404"), encoding="utf-8")
    _index(config)
    if _state["staging"] is None:
        return
    final, staging = _state["final"], _state["staging"]
    old = final.with_name(final.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)
    config.site_dir = str(final)
    logging.getLogger("mkdocs").removeHandler(_warnings)
    _state.update(final=None, staging=None)


def _index(config):
    """Search index of every language, on the folder being built (staging or serve's)."""
    started = time.monotonic()
    try:
        counts = index_site(Path(config.site_dir), Path(config.config_file_path).parent)
    except SearchIndexFailed as failed:
        _cleanup()
        raise PluginError(f"Search index failed; nothing was published:\n{failed}") from None
    log.info("cpsite: search index: %s (%.1f s)", ", ".join(f"{lang} {n} pages" for lang, n in counts.items()),
             time.monotonic() - started)


def on_build_error(error):
    _cleanup()


def _cleanup():
    if _state["staging"] is not None:
        shutil.rmtree(_state["staging"], ignore_errors=True)
    logging.getLogger("mkdocs").removeHandler(_warnings)
    _state.update(final=None, staging=None, depth=0)


def on_post_page(output, page, config):
    _state["pages"].add(page.url)      # for sitemap.xml
    return fix_theme_markup(output)


def on_post_template(output_content, template_name, config):
    output = fix_theme_markup(output_content) if template_name.endswith(".html") else output_content
    if template_name == "404.html" and _state["depth"] == 1:
        # every language build writes site/404.html; keep the default one. The i18n plugin gives
        # its language links a doubled slash there ("//zh/" reads as a host), so mend them.
        _state["404"] = re.sub(r'href="//+', 'href="/', output)
    return output
