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

import jinja2
import yaml

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


def render_page(template: str, view: dict, t, lang: str, **meta) -> str:
    """One generated Markdown page: front matter from `meta` (title, description, edit_path,
    generated_from …), then the template filled with the page's view and labels `t`."""
    return environment().get_template(template).render(page=view, t=t, lang=lang, front_matter=front_matter(**meta))
