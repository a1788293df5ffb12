"""build/beside.py: the short links and QR codes laid into the built site after MkDocs."""

from __future__ import annotations

import os

from generator.build import beside
from generator.build.generate import generate
from generator.core.output import Changes, sync_tree
from generator.core.project import Project
from generator.site.config import load as load_site


def _files(root, lang, files):
    sync_tree(root / lang, files, ("c", "t"), Changes())


def test_each_language_lands_at_its_place_in_the_site(tmp_path):
    source, site = tmp_path / "site-files", tmp_path / "site"
    _files(source, "en", {"c/a/index.html": "en a", "t/b/qr.svg": "<svg/>"})
    _files(source, "zh", {"c/a/index.html": "zh a"})
    laid = beside.lay_into(site, source, {"en": "", "zh": "zh/", "zh-Hans": "zh-Hans/"})
    assert laid == {"c/a/index.html", "t/b/qr.svg", "zh/c/a/index.html"}
    assert (site / "c/a/index.html").read_text() == "en a"
    assert (site / "zh/c/a/index.html").read_text() == "zh a"
    assert not (site / "zh-Hans").exists()


def test_a_rebuild_never_writes_into_a_file_the_served_site_shares(tmp_path):
    source, served, staging = tmp_path / "site-files", tmp_path / "served", tmp_path / "staging"
    _files(source, "en", {"c/a/index.html": "old a", "c/b/index.html": "b"})
    beside.lay_into(served, source, {"en": ""})
    # the dev server's next rebuild: staging starts as hard links to the served site
    for name in ("a", "b"):
        (staging / f"c/{name}").mkdir(parents=True)
        os.link(served / f"c/{name}/index.html", staging / f"c/{name}/index.html")
    _files(source, "en", {"c/a/index.html": "new a", "c/b/index.html": "b"})
    beside.lay_into(staging, source, {"en": ""})
    assert (staging / "c/a/index.html").read_text() == "new a"
    assert (served / "c/a/index.html").read_text() == "old a"       # what is being served is untouched
    # the unchanged file is still the one the served site has (nothing was written for it)
    assert os.path.samefile(staging / "c/b/index.html", served / "c/b/index.html")


def test_a_site_on_another_file_system_gets_copies(tmp_path, monkeypatch):
    source, site = tmp_path / "site-files", tmp_path / "site"
    _files(source, "en", {"c/a/index.html": "a"})

    def no_links(*args):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(os, "link", no_links)
    beside.lay_into(site, source, {"en": ""})
    copy = site / "c/a/index.html"
    assert copy.read_text() == "a" and not os.path.samefile(copy, source / "en/c/a/index.html")
    made = copy.stat().st_ino
    beside.lay_into(site, source, {"en": ""})            # the same copy: left as it is
    assert copy.stat().st_ino == made
    _files(source, "en", {"c/a/index.html": "changed"})
    beside.lay_into(site, source, {"en": ""})
    assert copy.read_text() == "changed"


def test_short_links_an_earlier_version_wrote_into_content_are_removed(fixture_project):
    project = Project(fixture_project)
    stale = fixture_project / "content/en/c/fx-case-full/index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("written by an earlier version")
    generate(project, load_site(project.root))
    assert not (fixture_project / "content/en/c").exists()
    for lang in ("en", "zh", "zh-Hans"):
        assert (project.site_files_dir / lang / "c/fx-case-full/qr.svg").is_file()
