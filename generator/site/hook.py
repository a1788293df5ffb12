"""The MkDocs adapter: the only module that imports mkdocs.

- Before the first build of a run, validate and generate (a bad record stops the build with
  the same file:line:col messages as `cpsite validate`, before anything is written).
- One build at a time (`build/lock.py`): from on_config, before anything is written, until the
  site is published, a build holds the project's lock (content/ and .generated/ are shared)
  and, for `mkdocs build`, the lock beside its output folder; a second build waits.
- Every build (`mkdocs build` and each `mkdocs serve` rebuild) writes into its own staging
  folder beside the output folder and swaps it in only at the very end (`build/swap.py`: in one
  step on Linux), so a failed build leaves the previous site folder exactly as it was.
- `mkdocs serve --dirty` (`cpsite serve`): a rebuild starts from hard links to the last good
  site and renders only the pages whose source changed; see `site/incremental.py`.
- `mkdocs serve`: a failed rebuild prints why and the server goes on serving the last good
  site with the messages on top of every page (`site/serve_errors.py`), instead of hanging.
- The first SIGINT/SIGTERM stops MkDocs cleanly (`signals`), which ends the server and its
  children; staging folders and locks are let go at exit.
- Generated pages get "edit" links to the record they came from.
- After the last language is built, the short links and QR codes the generation step wrote
  beside the docs folder are laid into the site (`build/beside.py` says why).
- After the last language is built, sitemap.xml (with hreflang alternates) is written from the
  pages MkDocs built, replacing the one the i18n plugin makes (generator/site/sitemap.py says why).
- Then the search index, and the staged build is published. Under `cpsite build` (the
  environment names a handoff file, `build/finish.py`) the `cpsite` process holds the locks,
  and this hook hands the staging folder over instead: `cpsite` indexes and publishes it once
  this process has ended and let go of its memory.

mkdocs-static-i18n builds each extra language by calling MkDocs' build() again from its own
on_post_build, so every event here can run several times per run; the depth counter tells
the outermost build apart. With a spare core, `mkdocs build` builds the other editions in
forked processes meanwhile (`site/parallel_editions.py`); their pages, files and 404 pages
join this process's when the plugin reaches each edition.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import gc
import logging
import os
import re
import time
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import TableOfContents
from mkdocs_static_i18n import folder as i18n_folder, reconfigure as i18n_reconfigure

from generator.build import beside
from generator.build import finish as build_finish
from generator.build import swap as site_swap
from generator.build.generate import generate
from generator.build.lock import (BuildLock, LockTimeout, output_lock_path, project_lock_path,
                                  timeout_from_environment)
from generator.check.zhtext import tidy_html
from generator.core import history, memo, signals, siteinfo
from generator.core.history import source_date_epoch
from generator.core.problems import ValidationFailed
from generator.core.project import Project
from generator.model.kinds import BESIDE_DIRS
from generator.pages import footer
from generator.publish import kit_zip
from generator.search.index import OUTPUT_FOLDERS as INDEX_OUTPUT_FOLDERS
from generator.search.index import SearchIndexFailed, index_site, indexed_message
from generator.site import incremental, parallel_editions, serve_errors, sitemap
from generator.site.i18n import fill_language_config, source_edit_url
from generator.site.i18n_files import forget as forget_i18n_files, remember_i18n_files, remember_path_tests
from generator.site.table_cards import mark_tables
from generator.site.theme import fix_theme_markup
from generator.site.theme_files import keep_listing
from generator.site.watch import generated_page, use_file_events, watch_hand_written

log = logging.getLogger("mkdocs.cpsite")

_state = {"command": None, "final": None, "staging": None, "lock": None, "depth": 0, "pages": set(),
          "build_error": None, "dirty": False, "reused": False, "produced": set(), "moved": [], "moved_folders": (),
          "handoff": None}


class _WarningCounter(logging.Handler):
    """Counts MkDocs warnings: with --strict, MkDocs aborts only after on_post_build, so the
    swap must not happen when any warning was logged. Keeps them to say why a rebuild failed."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    @property
    def count(self) -> int:
        return len(self.messages)

    def emit(self, record):
        self.messages.append(record.getMessage())


_warnings = _WarningCounter()


class _DirtyNotice(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave stale navigation: the dev server's
    rebuilds make sure it does not (site/incremental.py), and under `strict` the warning would
    stop every rebuild."""

    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    _state["command"] = command
    _state["dirty"] = bool(dirty) and command == "serve"
    if command == "serve":      # the generation step keeps its results from one rebuild to the next
        memo.keep_between_runs()
    if _state["dirty"]:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())
        atexit.register(incremental.let_go_of_spare)
    signals.stop_on_first_signal()
    atexit.register(_cleanup)


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
    if _state["command"] in ("build", "gh-deploy", "serve") and _state["final"] is None:
        _start_staged_build(config)
    # the footer's programme name and hotline (overrides/partials/copyright.html), every language
    config.extra["cp_programme"] = footer.programme_facts(Path(config.config_file_path).parent)
    keep_listing(config.theme)          # Material's 14,500 files listed once, not once per edition
    if "i18n" in config.plugins:        # each edition's copy of a docs file made once per process
        remember_i18n_files(i18n_folder)
        remember_path_tests(i18n_folder, i18n_reconfigure)
    # written once after the last edition, with every edition's alternates (_write_sitemap), so
    # not rendered by MkDocs and the i18n plugin for each edition only to be replaced
    config.theme.static_templates.discard("sitemap.xml")
    return config


def _start_staged_build(config) -> None:
    """Take the locks, then point MkDocs at a fresh staging folder (before anything is written)."""
    final = Path(config.site_dir)
    private = _state["command"] == "serve"     # serve's folder is its own temporary one
    # `cpsite build` holds the locks itself, and indexes and publishes after this process ends
    handoff = build_finish.handoff_file() if _state["command"] == "build" else None
    paths = [project_lock_path(Path(config.config_file_path).parent)]
    paths += [] if private else [output_lock_path(final)]
    lock = None
    if handoff is None:
        try:
            lock = BuildLock(paths, timeout=timeout_from_environment(), say=log.info)
            lock.acquire()
        except (LockTimeout, ValueError) as failed:
            raise PluginError(str(failed)) from None
    if not private:
        site_swap.remove_leftovers(final)
    staging = site_swap.staging_dir_for(final)
    staging.mkdir(parents=True)
    moved = _moved_folders(_prefixes(config, _site_info(config)))
    reused = _state["dirty"] and incremental.start(final, staging, Path(config.config_file_path).parent, moved=moved)
    _state.update(final=final, staging=staging, lock=lock, reused=reused, produced=set(), moved_folders=moved,
                  handoff=handoff)
    config.site_dir = str(staging)
    _warnings.messages = []
    logging.getLogger("mkdocs").addHandler(_warnings)


def on_pre_build(config):
    _state["depth"] += 1
    if _state["depth"] > 1:
        return
    project = Project(Path(config.config_file_path).parent)
    _state["pages"] = set()
    _state["dates"] = footer.PageDates(project.root)     # each page's last-updated date, from git
    try:
        result, changes = generate(project, _site_info(config), edit_base=_records_edit_base(config))
    except ValidationFailed as failed:
        _cleanup()
        raise PluginError("Invalid records; nothing was built:\n" + failed.report()) from None
    if changes:
        log.info("cpsite: %d generated file(s) written, %d removed", len(changes.written), len(changes.removed))
    if "i18n" in config.plugins:      # `mkdocs build` with a spare core: the other editions meanwhile
        records = len(result.corpus.cases) + len(result.corpus.technologies) if result.corpus else 0
        _start_edition_workers(config, config.plugins["i18n"], records)


def _start_edition_workers(config, i18n, records: int) -> None:
    languages = parallel_editions.languages_for_workers(_state["command"], i18n, records)
    if not languages:
        return
    since = len(_warnings.messages)
    # what the generation step let go goes back to the system first, and what is left is kept
    # out of the cycle collector's walks, so the worker starts small and shares the rest
    _give_back_memory()
    gc.freeze()

    def result() -> dict:           # in the worker: what this hook keeps of its build
        return {"produced": sorted(_state["produced"]), "pages": sorted(_state["pages"]),
                "404": _state.get("404", {}), "warnings": _warnings.messages[since:]}
    parallel_editions.start(config, i18n, languages, result, merge=_take_worker_result)


def _take_worker_result(result: dict) -> None:
    _state["produced"].update(result.get("produced", ()))
    _state["pages"].update(result.get("pages", ()))
    _state.setdefault("404", {}).update(result.get("404", {}))


@event_priority(-200)      # after the i18n plugin has chosen the language's files
def on_files(files, config):
    """Note every file this build writes (the sitemap's pages; what the dev server's rebuild
    keeps). In a rebuild that starts from the last site, unlink the ones about to be written."""
    site_dir = Path(config.site_dir)
    if _state["reused"]:
        _render_pages_whose_includes_changed(files, config)
    for file in files:
        _state["produced"].add(Path(os.path.relpath(file.abs_dest_path, site_dir)).as_posix())
        if _state["reused"] and file.is_modified():
            incremental.fresh(file.abs_dest_path)
    for name in config.theme.static_templates:     # 404.html (sitemap.xml is ours: _write_sitemap)
        _state["produced"].add(name)
        if _state["reused"]:
            incremental.fresh(site_dir / name)
    _state["pages"].update("" if f.url in (".", "./") else f.url       # as MkDocs' Page.url has it
                           for f in files.documentation_pages() if not f.inclusion.is_excluded())
    return files


def _render_pages_whose_includes_changed(files, config) -> None:
    """Hand-written pages (and their Simplified conversions) whose included fragments changed lose their output, so MkDocs' dirty
    build renders them again (site/incremental.py)."""
    root = Path(config.config_file_path).parent
    snippets = (config.mdx_configs or {}).get("pymdownx.snippets", {})
    bases = snippets.get("base_path", ["."])
    bases = [root / b for b in ([bases] if isinstance(bases, str) else bases)]
    for file in files.documentation_pages():
        source = Path(file.abs_src_path)
        if not generated_page(file.src_uri) and incremental.includes_changed(source, Path(file.abs_dest_path), bases):
            incremental.fresh(file.abs_dest_path)


def on_env(env, config, files):
    """MkDocs makes a new Jinja environment for every build and every language, which compiles
    the theme's templates again (about 0.3 s each time); their compiled code is kept in the
    project's cache instead (Jinja checks each template's source against it)."""
    folder = Project(Path(config.config_file_path).parent).cache_dir / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def on_page_context(context, page, config, nav):
    if _state.get("dates") is not None:
        page.cp_updated = footer.date_forms(_state["dates"].page_date(page.file.src_uri, page.meta))
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
    files = sitemap.sitemap_files(_state["pages"], _site_info(config), lastmod=built.strftime("%Y-%m-%d"))
    site_dir = Path(_state["staging"] or config.site_dir)
    for name, data in files.items():
        (site_dir / name).unlink(missing_ok=True)      # a new file, never one linked to the last site
        (site_dir / name).write_bytes(data)
        _state["produced"].add(name)


@event_priority(-200)
def on_post_build(config):
    _state["depth"] -= 1
    if _state["depth"] > 0:
        return
    if config.strict and _warnings.count:
        _cleanup()
        return
    project, site, staging = Project(Path(config.config_file_path).parent), _site_info(config), Path(config.site_dir)
    prefixes = _prefixes(config, site)
    _write_sitemap(config)
    _state["produced"] |= set(kit_zip.write_qr_zips(staging, site, project.cache_dir / "qr-png",  # the kit page's download
                                                    codes=project.site_files_dir))
    for folder, text in sorted(_state.pop("404", {}).items()):   # one per language: 404.html, zh/404.html, ...
        (staging / folder / "404.html").write_text(text, encoding="utf-8")
        _state["produced"].add(f"{folder}/404.html" if folder else "404.html")
    if _state["reused"]:     # the last site's search index and short links, whole (site/incremental.py)
        _state["moved"] = incremental.move_over(_state["final"], staging, _state["moved_folders"])
    # the short links and QR codes, beside MkDocs' output (build/beside.py)
    _state["produced"] |= beside.lay_into(staging, project.site_files_dir, prefixes)
    if _state["reused"]:      # a deleted or renamed record's pages, ...; the last search index
        # stays until the new one replaces it, after the rebuild is served
        gone = incremental.sweep(staging, _state["produced"], keep=INDEX_OUTPUT_FOLDERS)
        log.debug("cpsite: %d file(s) of the last site not made again", len(gone))
    if _state["handoff"] is not None:      # `cpsite build` indexes and publishes (build/finish.py)
        build_finish.hand_over(_state["handoff"], staging, _state["final"])
        _state["staging"] = None
        _cleanup()
        return
    later = _state["reused"]     # a dev-server rebuild: its pages are served before the index
    if not later:
        _index(config)
    if _state["staging"] is None:
        return
    final, staging = _state["final"], _state["staging"]
    # the dev server keeps the site taken out of service to start the next rebuild from
    how = site_swap.publish(staging, final, remove=_keep_as_spare if _state["dirty"] else None)
    _state["moved"] = []
    log.debug("cpsite: published %s (%s)", final, how)
    config.site_dir = str(final)
    _state["staging"] = None
    if _state["dirty"]:
        incremental.published()
    if _state["dirty"] and not later:    # the first build: the first rebuild's spare, made meanwhile
        incremental.prepare_spare(final, _state["moved_folders"])
    if later:
        incremental.index_in_background(final, Path(config.config_file_path).parent)
    _cleanup()


def _prefixes(config, site) -> dict[str, str]:
    """Each language MkDocs builds, and its folder in the site ('' for the default)."""
    built = [lang.locale for lang in config.plugins["i18n"].config.languages] if "i18n" in config.plugins else [site.default]
    return {lang: site.prefix(lang) for lang in built}


def _moved_folders(prefixes: dict[str, str]) -> tuple[str, ...]:
    """What a dev-server rebuild moves from the last site instead of linking it file by file."""
    return (*INDEX_OUTPUT_FOLDERS, *(prefix + folder for prefix in prefixes.values() for folder in BESIDE_DIRS))


def _keep_as_spare(folder: Path) -> None:
    """The dev server: the site just taken out of service starts the next rebuild."""
    incremental.keep_as_spare(folder, _state["moved_folders"])


def _give_back_memory() -> None:
    """Hand what the build let go back to the system before the search index starts Pagefind
    beside this process. Python keeps freed memory for reuse; glibc's malloc_trim returns it.
    At 1,000 cases this process then holds 142 MB instead of 222 MB (222 with every page's
    text kept, 191 after on_post_page lets it go, 142 once trimmed)."""
    gc.collect()
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):      # not glibc: the memory is only reused, not returned
        pass


def _index(config):
    """Search index of every language, on the folder being built (staging or serve's)."""
    started = time.monotonic()
    if _state["command"] != "serve":    # kept for the dev server's rebuilds only
        forget_i18n_files()
    _give_back_memory()
    try:
        counts = index_site(Path(config.site_dir), Path(config.config_file_path).parent)
    except SearchIndexFailed as failed:
        _cleanup()
        raise PluginError(f"Search index failed; nothing was published:\n{failed}") from None
    _say_indexed(counts, started)


def _say_indexed(counts, started) -> None:
    log.info("%s", indexed_message(counts, time.monotonic() - started))


def on_build_error(error):
    _state["build_error"] = _failure_reason(error)
    _cleanup()


def _failure_reason(error) -> str:
    """Why a build failed: the validation report, or the strict-mode warnings, or the error."""
    text = str(error) or type(error).__name__
    if _warnings.messages and "strict mode" in text:
        text += "\n" + "\n".join(_warnings.messages)
    return text


def _explain(error) -> str:
    """For the dev server: the reason on_build_error kept (MkDocs then raises a bare
    "Aborted with a BuildError!"), or the error itself when it came before the build started."""
    reason, _state["build_error"] = _state["build_error"], None
    return reason or f"{type(error).__name__}: {error}"


def on_serve(server, config, builder):
    """The build's own output is not watched (site/watch.py), so one edit gives one rebuild. A
    failed rebuild is printed and shown on top of every page, and requests no longer wait for it
    (MkDocs holds them until a rebuild succeeds)."""
    use_file_events(server)                                 # a save is seen at once, not polled for
    watch_hand_written(server, Path(config.docs_dir))      # one edit, one rebuild
    rebuild = serve_errors.KeepServing(server.builder, _explain, log.error)
    server.builder = rebuild
    server.set_app(serve_errors.ErrorBanner(server.get_app(), lambda: rebuild.failure))
    return server


def _cleanup():
    """End the current build: remove its staging folder (if not published) and let go of the locks."""
    if parallel_editions.in_worker():    # the staging folder and the locks are the parent's
        return
    parallel_editions.stop_all()
    if _state["staging"] is not None:
        if _state["moved"]:      # a rebuild that failed after taking folders of the served site
            incremental.move_back(_state["final"], _state["staging"], _state["moved"])
        site_swap.remove_folder(_state["staging"])
    if _state["lock"] is not None:
        _state["lock"].release()
    logging.getLogger("mkdocs").removeHandler(_warnings)
    _state.update(final=None, staging=None, lock=None, depth=0, moved=[], handoff=None)


def on_post_page(output, page, config):
    if page.file.src_uri.startswith("zh"):   # zh and zh-Hans: no space between Chinese characters
        output = tidy_html(output)
    # MkDocs writes `output` and never reads the page's Markdown, body or table of contents
    # again, yet keeps them for every page of every edition until the build ends: a fifth of
    # the build's memory (see _give_back_memory)
    page.markdown, page.content, page.toc = None, None, TableOfContents([])
    return mark_tables(fix_theme_markup(output))


def on_post_template(output_content, template_name, config):
    output = fix_theme_markup(output_content) if template_name.endswith(".html") else output_content
    if template_name == "404.html":
        # every language build writes site/404.html; keep each one for its language's folder. The
        # i18n plugin gives its language links a doubled slash there ("//zh/" reads as a host).
        i18n = config.plugins.get("i18n")
        folder = "" if i18n is None or i18n.is_default_language_build else i18n.current_language
        _state.setdefault("404", {})[folder] = re.sub(r'href="//+', 'href="/', output)
    return output
