"""Full builds: the last edition is built in a second process while this one builds the others.

MkDocs builds on one core. mkdocs-static-i18n builds the default language, then, from its own
on_post_build, each other language in turn, in the same process (`build(config)` once per
language). With a spare core, `mkdocs build` instead forks once the generation step is done
(`start`, from the hook's on_pre_build): each forked process builds one of the last languages into
the same staging folder, exactly as the plugin's loop would (its own `clean_directory` off, the
plugin marked as building), and sends back what the hook keeps of a build (the pages built,
the files written, its 404 page, its warnings); this process builds the rest, and when the
plugin's loop reaches a language a worker built, it takes the worker's result instead of
building it (`install`). The editions never write the same file but the theme's shared assets,
which every edition's build writes with the same bytes. A test builds the site both ways and
compares every file.

Only `mkdocs build` (not the dev server, whose rebuilds run in a process with threads and keep
state between rebuilds) and only on POSIX. CPSITE_PARALLEL_EDITIONS sets the number of
editions built in workers (default: every edition but the default one for a site of up to
EVERY_EDITION_UP_TO records, one per spare core above; 0: one edition after another).
A worker never runs the hook's clean-up (it would take the lock and the staging folder of this
process with it) and ends with os._exit; a failure or a strict-mode warning in it fails the
whole build with the worker's message.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Callable

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs_static_i18n import plugin as i18n_plugin
from mkdocs_static_i18n.utils import I18nLoggingFilter

VARIABLE = "CPSITE_PARALLEL_EDITIONS"

_workers: dict[str, "_Worker"] = {}      # language -> the process building it
_in_worker = [False]


def in_worker() -> bool:
    """True in a forked worker: the hook must not clean up there."""
    return _in_worker[0]


class _Worker:
    def __init__(self, pid: int, read_fd: int, language: str):
        self.pid, self.read_fd, self.language = pid, read_fd, language

    def result(self) -> dict:
        with os.fdopen(self.read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        try:
            result = json.loads(data)
        except ValueError:
            result = {"ok": False, "error": f"the process building '{self.language}' ended ({status}) "
                                            "without saying how its build went"}
        return result

    def stop(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        try:
            os.close(self.read_fd)
        except OSError:
            pass


# Each MkDocs process holds about 0.1 MB per page of its edition at its peak (1 GB at 10,000
# cases). Up to this many records every edition gets a process of its own, more processes than
# cores (three editions on two cores finish in about 1.5 editions' time instead of 2); above it,
# one per spare core, so the processes together stay within about 2 GB.
EVERY_EDITION_UP_TO = 4000


def languages_for_workers(command: str, i18n, records: int, environ=os.environ) -> list[str]:
    """The languages to build in worker processes (the last ones): for a site of up to
    EVERY_EDITION_UP_TO records, every one but the default, given a spare core; for a larger
    one, one per spare core; or as many as CPSITE_PARALLEL_EDITIONS says (0: none)."""
    if command != "build" or not hasattr(os, "fork"):
        return []
    others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
    text = environ.get(VARIABLE, "").strip()
    if text:
        try:
            wanted = int(text)
        except ValueError:
            raise PluginError(f"{VARIABLE}={text!r} is not a number of editions") from None
    else:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        wanted = cores - 1
        if wanted >= 1 and records <= EVERY_EDITION_UP_TO:
            wanted = len(others)
    wanted = max(0, min(wanted, len(others)))
    return others[len(others) - wanted:] if wanted else []


def start(config, i18n, languages: list[str], collect: Callable[[], dict], merge: Callable[[dict], None]) -> None:
    """Fork one worker per language in `languages`; each builds its language into
    config.site_dir and sends `collect()` (JSON-ready) back, which this process hands to
    `merge` when the plugin's loop reaches that language."""
    for language in languages:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:                            # the worker: never returns
            os.close(read_fd)
            _in_worker[0] = True
            _build_and_exit(config, i18n, language, write_fd, collect)
        os.close(write_fd)
        _workers[language] = _Worker(pid, read_fd, language)
    # the default language's build cleans the site folder after on_pre_build: not while a
    # worker writes into it (it is the staging folder, new and empty)
    _keep_folder_once(config.site_dir)
    _install(i18n, merge)


def _keep_folder_once(folder: str) -> None:
    original = mkdocs_utils.clean_directory

    def clean(directory):
        mkdocs_utils.clean_directory = original
        if os.path.abspath(directory) != os.path.abspath(folder):
            original(directory)
    mkdocs_utils.clean_directory = clean


def _build_and_exit(config, i18n, language: str, write_fd: int, collect: Callable[[], dict]) -> None:
    code = 1
    try:
        try:
            mkdocs_utils.clean_directory = lambda directory: directory     # as the plugin's loop does
            i18n.building = True
            quiet = I18nLoggingFilter()
            quiet.filtered_prefixes.update(("Documentation built in", "Building documentation to directory"))
            logging.getLogger("mkdocs.commands.build").addFilter(quiet)
            i18n.current_language = language
            mkdocs_build.build(config, dirty=False)
            result, code = {"ok": True}, 0
        except BaseException as error:          # everything, KeyboardInterrupt too: os._exit below
            result = {"ok": False, "error": str(error) or type(error).__name__}
        result.update(collect())
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(json.dumps(result).encode("utf-8"))
    finally:
        os._exit(code)


def _install(i18n, merge: Callable[[dict], None]) -> None:
    """The plugin's loop takes a worker's result for a language a worker built."""
    original = getattr(i18n_plugin.build, "original", i18n_plugin.build)

    def build_or_take(config, dirty=False, **options):
        worker = _workers.pop(i18n.current_language, None)
        if worker is None:
            return original(config, dirty=dirty, **options)
        result = worker.result()
        merge(result)
        if not result.get("ok"):
            raise PluginError(f"Building the '{worker.language}' edition failed: {result.get('error')}"
                              + "".join(f"\n  {m}" for m in result.get("warnings", [])))
        return None

    build_or_take.original = original
    i18n_plugin.build = build_or_take


def stop_all() -> None:
    """End every worker still running (the build failed or was stopped) and put the
    plugin's own build back."""
    while _workers:
        _, worker = _workers.popitem()
        worker.stop()
    original = getattr(i18n_plugin.build, "original", None)
    if original is not None:
        i18n_plugin.build = original
