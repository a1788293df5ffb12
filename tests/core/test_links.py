"""core/links.py: relative links between generated pages, as a browser resolves them."""

from __future__ import annotations

import posixpath

import pytest

from generator.core.links import rel

CASES = [
    ("cases/a.md", "cases/b.md", "b.md"),
    ("cases/a.md", "technologies/x.md", "../technologies/x.md"),
    ("sectors/metal.md", "cases/a.md", "../cases/a.md"),
    ("index.md", "cases/a.md", "cases/a.md"),
    ("cases/a.md", "index.md", "../index.md"),
    ("impact/index.md", "impact/charts/x.svg", "charts/x.svg"),
    ("a/b/c.md", "a/d.md", "../d.md"),
    ("a/b/c.md", "feeds/sectors/metal.xml", "../../feeds/sectors/metal.xml"),
]


@pytest.mark.parametrize("source,target,link", CASES)
def test_links_between_pages(source, target, link):
    assert rel(source, target) == link
    # where a browser on the source page lands (pages are files here, the link is to a file)
    assert posixpath.normpath(posixpath.join(posixpath.dirname(source), link)) == target


def test_the_same_target_from_pages_of_one_folder_and_of_another():
    """Links are kept per folder: pages of one folder share them, other folders do not."""
    assert rel("cases/a.md", "cases/z.md") == rel("cases/b.md", "cases/z.md") == "z.md"
    assert rel("sectors/a.md", "cases/z.md") == "../cases/z.md"
    assert rel("z.md", "cases/z.md") == "cases/z.md"
