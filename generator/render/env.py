"""The one Jinja environment factory: Markdown pages and HTML fragments, from
generator/templates/.

In a Markdown page (`environment`) every value a template prints is escaped for Markdown and
HTML unless it is `Raw` (made by the generator itself), so text from a record can never become
markup or script on a page. HTML fragments (`html_environment`: the share box, the find form)
use Jinja's HTML autoescape. Front matter is written with a YAML dumper, never by string
pasting. Returns texts; writing them is `core.output`'s job.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle

import jinja2
import yaml

from generator.core import memo
from generator.core.markup import Raw, md_escape
from generator.core.project import TEMPLATES

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_COMMON = dict(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
               trim_blocks=True, lstrip_blocks=True)


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """For Markdown pages: every printed value goes through `md_escape` unless `Raw`."""
    env = jinja2.Environment(**_COMMON, keep_trailing_newline=True, autoescape=False, finalize=md_escape)
    env.filters["raw"] = Raw
    return env


@functools.lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    """For HTML fragments embedded in pages: Jinja's HTML autoescape."""
    return jinja2.Environment(**_COMMON, keep_trailing_newline=False, autoescape=True)


def front_matter(**fields) -> Raw:
    fields = {k: v for k, v in fields.items() if v is not None}
    return Raw("---\n" + yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=1000)
               + "---\n")


# The dev server's pages from one rebuild to the next (core/memo.py). A page is a pure function
# of its template (and those it includes), its view, its labels and front matter: the key holds
# all of them, so an edit re-renders only the pages whose views it changed.
_rendered = memo.Memo("rendered pages")
_templates_seen: dict = {}


def _templates_state() -> int:
    """Name, size and time of every template file, looked at once per generation run (a
    template edited while the dev server runs changes every page key)."""
    run = memo.current_run()
    if _templates_seen.get("run") != run:
        found = []
        for folder, _, names in os.walk(TEMPLATES):
            for name in names:
                stat = os.stat(os.path.join(folder, name))
                found.append((os.path.join(folder, name), stat.st_size, stat.st_mtime_ns))
        _templates_seen.update(run=run, state=hash(tuple(sorted(found))))
    return _templates_seen["state"]


# HTML fragments the same way (the share box of every record page)
_fragments = memo.Memo("rendered fragments")


def render_fragment(template: str, t, **values) -> str:
    """An HTML fragment: `template` of the HTML environment filled with `values` (plain, hashable
    values: strings and numbers) and labels `t`; in the dev server, rendered once per values."""
    def make():
        return t, html_environment().get_template(template).render(t=t, **values)
    if not memo.keeping():
        return make()[1]
    return _fragments.get((template, tuple(sorted(values.items())), id(t), _templates_state()), make)[1]


# Pages kept by what they are made from (the dev server), see render_page_of
_by_inputs = memo.Memo("pages by their inputs")


def render_page_of(template: str, inputs, t, lang: str, make) -> str:
    """render_page of the view and front matter `make()` returns ((view, meta)), for a page
    whose view is made from nothing but what `inputs` stands for (digests of the records and
    settings `make` reads). In the dev server the page is kept under `inputs`: while they are
    the same, the view is not made again. `inputs` None: nothing is kept."""
    def page():
        view, meta = make()
        return t, render_page(template, view, t, lang, **meta)
    if inputs is None or not memo.keeping():
        return page()[1]
    return _by_inputs.get((template, lang, inputs, id(t), _templates_state()), page)[1]


def render_page(template: str, view: dict, t, lang: str, **meta) -> str:
    """One generated Markdown page: front matter from `meta` (title, description, edit_path,
    generated_from …), then the template filled with the page's view and labels `t`."""
    def make():
        return t, environment().get_template(template).render(page=view, t=t, lang=lang,
                                                              front_matter=front_matter(**meta))
    if not memo.keeping():
        return make()[1]
    try:
        data = pickle.dumps((template, lang, view, meta), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):      # a view holding something unpicklable
        return make()[1]
    # `t` is one of core.labels' Labels, each made once per language; the entry keeps it, so its id
    # stays its own while the entry lives
    key = (hashlib.blake2b(data, digest_size=20).digest(), id(t), _templates_state())
    return _rendered.get(key, make)[1]
