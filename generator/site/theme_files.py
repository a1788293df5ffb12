"""List the installed theme's files once per process, not once per edition and rebuild.

Before every build MkDocs asks the theme's Jinja loader for every file of the theme, then
keeps those that are not hidden, not templates and not Python (`Files.add_files_from_theme`).
Material's folder holds about 14,500 files, 14,300 of them icons under the hidden `.icons/`
folder that MkDocs leaves out: three editions walked and filtered them three times per build
(about 0.1 s each on the 2-core box), again on every dev-server rebuild.

`keep_listing(theme)` gives the theme's environment a loader that lists a folder of an
installed package once per process (a package does not change while the process runs) and
leaves out what is under a hidden folder, as MkDocs would; folders of the project (overrides/)
are listed afresh every time. What is loaded and rendered is Jinja's own FileSystemLoader.
"""

from __future__ import annotations

import os
import sysconfig

import jinja2

_INSTALLED = tuple(os.path.realpath(sysconfig.get_paths()[key]) + os.sep for key in ("purelib", "platlib"))
_listed: dict[str, tuple[str, ...]] = {}


def _hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/"))


def _listing(searchpath: str, loader: jinja2.FileSystemLoader) -> tuple[str, ...]:
    def walk() -> tuple[str, ...]:
        one = jinja2.FileSystemLoader(searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
        return tuple(name for name in one.list_templates() if not _hidden(name))
    if not os.path.realpath(searchpath).startswith(_INSTALLED):
        return walk()
    if searchpath not in _listed:
        _listed[searchpath] = walk()
    return _listed[searchpath]


class KeptListing(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            found.update(_listing(searchpath, self))
        return sorted(found)


def keep_listing(theme) -> None:
    """Make `theme` (MkDocs' Theme) give environments whose loader is a KeptListing."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            kept = KeptListing(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
            env.loader = kept
        return env
    theme.get_env = get_env
