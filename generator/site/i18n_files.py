"""Make each edition's copy of a docs file once per process, not once per edition and rebuild.

mkdocs-static-i18n builds the editions one after the other. Before each edition's build it
turns every file of the docs folder into that edition's copy (`folder.create_i18n_file`: a
new MkDocs `File` with the edition's output path and address), and then makes the copies of
every page for the other editions once more, as its alternates. The copy depends only on
the file's paths and the build's languages and folders, yet with 1,000 cases (4,300 files in
three editions) that is 7,700 copies per edition, about 0.4 s of path arithmetic each time,
1.2 s of every dev-server rebuild; and an edition's copies are the alternates the edition
before it already made.

`remember_i18n_files(folder)` wraps the plugin's function: the first copy of a file for given
inputs is made by the plugin itself, and its attributes (strings and flags) are kept; later
copies for the same inputs are new `File` objects with those attributes, and an alternates
map of their own, as the plugin would have made them. `forget()` lets go of what is kept (the
hook calls it in a full build once the last edition is built, before the search index step,
so a 10,000-case build does not carry it there; the dev server keeps it for its rebuilds).

`remember_path_tests(*modules)`: the plugin asks, for every file of every edition's build,
whether its path lies inside the docs folder (`is_relative_to`, which makes a `PurePath` each
time: 0.25 s of a rebuild at 1,000 cases); the answer for two given paths never changes, so
it is kept.
"""

from __future__ import annotations

import functools

_made = None                        # the plugin's own function
_kept: dict[tuple, tuple[type, dict]] = {}


def _key(file, current_language: str, default_language: str, all_languages, config) -> tuple:
    # not the site folder: the dev server builds each rebuild into a staging folder of its own
    return (file.src_uri, file.dest_uri, file.inclusion, current_language, default_language,
            tuple(all_languages), config.docs_dir, config.use_directory_urls)


def create_i18n_file(file, current_language: str, default_language: str, all_languages, config):
    key = _key(file, current_language, default_language, all_languages, config)
    kept = _kept.get(key)
    if kept is None:
        made = _made(file, current_language, default_language, all_languages, config)
        _kept[key] = (type(made), {name: value for name, value in made.__dict__.items()
                                   if name not in ("alternates", "abs_dest_path", "dest_dir")})
        return made
    cls, attributes = kept
    copy = cls.__new__(cls)
    copy.__dict__.update(attributes)
    # The plugin sets the output path to site folder + output path (the copy's `dest_dir` it
    # leaves as the output path, which nothing reads). MkDocs' File works out that same path,
    # from `dest_dir`, when first asked: most copies are other editions' alternates whose path
    # nobody asks for, and joining 23,000 paths took 0.4 s of every rebuild.
    copy.dest_dir = config.site_dir
    copy.alternates = {current_language: copy}
    return copy


def remember_i18n_files(folder) -> None:
    """Route the copies of the plugin's `folder` module (its folder structure, the one
    mkdocs.yml uses) through the memo; once per process, however often it is called."""
    global _made
    if folder.create_i18n_file is not create_i18n_file:
        _made = folder.create_i18n_file
        folder.create_i18n_file = create_i18n_file


def forget() -> None:
    _kept.clear()


def remember_path_tests(*modules) -> None:
    """Route the plugin's `is_relative_to` in each of `modules` (those of its modules that
    imported it) through a kept answer per pair of paths; once per process."""
    for module in modules:
        if not hasattr(module.is_relative_to, "cache_info"):
            module.is_relative_to = functools.lru_cache(maxsize=1 << 17)(module.is_relative_to)
