"""The parts of the dev server's partial rebuilds that need no server (site/incremental.py)."""

from __future__ import annotations

import os
import time

from generator.site import incremental


def test_a_copy_made_of_links_shares_files_and_fresh_unshares_them(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    (old / "a" / "b").mkdir(parents=True)
    (old / "index.html").write_text("home")
    (old / "a" / "b" / "page.html").write_text("page")
    new.mkdir()
    assert incremental.link_sync(old, new) == 2
    assert os.path.samefile(old / "a" / "b" / "page.html", new / "a" / "b" / "page.html")
    incremental.fresh(new / "index.html")
    (new / "index.html").write_text("rebuilt")
    assert (old / "index.html").read_text() == "home"        # the served site is untouched
    incremental.fresh(new / "never-there.html")                # nothing to unlink: no error


def test_folders_moved_instead_of_linked_go_over_whole_and_come_back_on_failure(tmp_path):
    served, rebuild = tmp_path / "served", tmp_path / "rebuild"
    for path in ("index.html", "pagefind/x.pf", "zh/c/a/index.html", "zh/cases/a/index.html"):
        (served / path).parent.mkdir(parents=True, exist_ok=True)
        (served / path).write_text(path)
    rebuild.mkdir()
    moved = ("pagefind", "zh/c", "c")               # the served site has no c/: nothing to move
    assert incremental.link_sync(served, rebuild, skip=moved) == 2
    assert not (rebuild / "pagefind").exists() and not (rebuild / "zh/c").exists()
    assert incremental.move_over(served, rebuild, moved) == ["pagefind", "zh/c"]
    assert (rebuild / "zh/c/a/index.html").read_text() == "zh/c/a/index.html"
    assert not (served / "zh/c").exists()
    incremental.move_back(served, rebuild, ["pagefind", "zh/c"])     # the rebuild failed
    assert (served / "pagefind/x.pf").read_text() == "pagefind/x.pf"
    assert (served / "zh/c/a/index.html").is_file() and not (rebuild / "zh/c").exists()


def test_link_sync_makes_an_earlier_copy_the_same_as_the_served_site_touching_only_changes(tmp_path):
    served, spare = tmp_path / "served", tmp_path / "spare"
    for path in ("index.html", "cases/a/index.html", "cases/b/index.html", "zh/c/a/qr.svg", "old/x.html"):
        (served / path).parent.mkdir(parents=True, exist_ok=True)
        (served / path).write_text(path)
    spare.mkdir()
    incremental.link_sync(served, spare)
    # the next rebuild changes the served site: a page rewritten, one gone, one new, a folder
    # replaced by a file, a new folder
    for gone in ("cases/b/index.html", "index.html", "old/x.html"):
        os.unlink(served / gone)
    (served / "cases/b").rmdir()
    (served / "old").rmdir()
    (served / "index.html").write_text("new home")
    (served / "old").write_text("now a file")
    (served / "cases/n").mkdir()
    (served / "cases/n/index.html").write_text("new page")
    kept = (spare / "cases/a/index.html").stat().st_ino
    assert incremental.link_sync(served, spare, skip=("zh/c",)) == 3     # home, old, the new page
    files = sorted(p.relative_to(spare).as_posix() for p in spare.rglob("*") if p.is_file())
    assert files == ["cases/a/index.html", "cases/n/index.html", "index.html", "old"]
    for path in files:
        assert os.path.samefile(spare / path, served / path)
    assert (spare / "cases/a/index.html").stat().st_ino == kept
    assert not (spare / "zh/c").exists()           # a folder moved over whole later


def test_sweep_removes_what_the_rebuild_did_not_make(tmp_path):
    for path in ("index.html", "cases/gone/index.html", "cases/kept/index.html", "pagefind/x.pf"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    removed = incremental.sweep(tmp_path, {"index.html", "cases/kept/index.html"})
    assert removed == ["cases/gone/index.html", "pagefind/x.pf"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "cases", "cases/kept", "cases/kept/index.html", "index.html"]       # empty folders gone too



def test_sweep_leaves_kept_folders_whole(tmp_path):
    for path in ("index.html", "gone.html", "pagefind/x.pf", "pagefind/fragment/y.pf", "assets/search/en.json",
                 "assets/other.js", "assets/search-old/z.json"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    (tmp_path / "pagefind" / "empty").mkdir()
    removed = incremental.sweep(tmp_path, {"index.html"}, keep=("pagefind", "assets/search"))
    assert removed == ["assets/other.js", "assets/search-old/z.json", "gone.html"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "assets", "assets/search", "assets/search/en.json", "index.html", "pagefind", "pagefind/empty",
        "pagefind/fragment", "pagefind/fragment/y.pf", "pagefind/x.pf"]

def test_a_page_is_stale_when_a_fragment_it_includes_is_newer(tmp_path):
    snippets = tmp_path / "snippets"
    (snippets / "en").mkdir(parents=True)
    fragment = snippets / "en" / "home-stats.md"
    fragment.write_text("3 cases")
    page, output = tmp_path / "index.md", tmp_path / "index.html"
    page.write_text('# Home\n\n--8<-- "en/home-stats.md"\n')
    output.write_text("<h1>Home</h1>")
    past = time.time() - 60
    os.utime(fragment, (past, past))
    assert not incremental.includes_changed(page, output, [snippets])
    fragment.write_text("4 cases")
    assert incremental.includes_changed(page, output, [tmp_path / "elsewhere", snippets])
    output.unlink()
    assert incremental.includes_changed(page, output, [snippets])        # never built: render it


def test_the_fingerprint_follows_the_theme_and_config(tmp_path):
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    footer = tmp_path / "overrides" / "partials" / "copyright.html"
    footer.write_text("<p>footer</p>")
    first = incremental.fingerprint(tmp_path)
    assert incremental.fingerprint(tmp_path) == first
    footer.write_text("<p>footer, edited</p>")
    assert incremental.fingerprint(tmp_path) != first


def test_the_server_lets_go_of_its_spare_site_at_exit_without_waiting_for_the_index(tmp_path):
    import threading
    spare = tmp_path / "spare"
    (spare / "cases").mkdir(parents=True)
    (spare / "pagefind").mkdir()
    hold = threading.Event()
    incremental.keep_as_spare(spare, ("pagefind",))
    incremental.in_background(hold.wait, 10)      # a search index still under way
    started = time.monotonic()
    incremental.let_go_of_spare()
    assert time.monotonic() - started < 5 and not spare.exists()
    hold.set()
    incremental.wait_for_background()


def test_a_rebuild_stops_the_last_index_and_the_last_whole_index_stays(tmp_path):
    """The dev server indexes a served rebuild in a process of its own; the next rebuild stops
    it rather than wait. Stopped between taking the old index aside and putting the new one in
    place, the site must still have the old index whole, and no half-written one."""
    import subprocess
    import sys
    site = tmp_path / "site"
    (site / "pagefind.old").mkdir(parents=True)            # the old index, taken aside
    (site / "pagefind.old" / "pagefind-entry.json").write_text("{}")
    (site / "pagefind.partial" / "fragment").mkdir(parents=True)   # the new one, unfinished
    (site / "assets" / "search").mkdir(parents=True)
    (site / "assets" / "search" / "en.json.partial").write_text("{")
    (site / "assets" / "search" / "en.json").write_text("{}")
    incremental._index.update(site=site, process=subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]))
    process = incremental._index["process"]
    started = time.monotonic()
    incremental.stop_index()
    assert time.monotonic() - started < 10 and process.poll() is not None
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [
        "assets/search/en.json", "pagefind/pagefind-entry.json"]
    incremental.stop_index()                               # nothing under way: nothing to do


def test_the_first_build_prepares_the_first_rebuilds_spare(tmp_path, monkeypatch):
    """After the first build the spare is made meanwhile: the first rebuild starts from a site
    of links like any other, without the folders it moves over whole; only once per server."""
    monkeypatch.setattr(incremental, "_kept_aside", [])
    monkeypatch.setattr(incremental, "_spare", {"folder": None})
    served = tmp_path / "served"
    for path in ("index.html", "cases/a/index.html", "pagefind/x.pf"):
        (served / path).parent.mkdir(parents=True, exist_ok=True)
        (served / path).write_text(path)
    incremental.prepare_spare(served, ("pagefind",))
    incremental.wait_for_background()
    spare = incremental._spare["folder"]
    assert spare is not None and spare != served
    files = sorted(p.relative_to(spare).as_posix() for p in spare.rglob("*") if p.is_file())
    assert files == ["cases/a/index.html", "index.html"]
    assert all(os.path.samefile(spare / f, served / f) for f in files)
    incremental.prepare_spare(served, ("pagefind",))          # a later build from nothing: none again
    incremental.wait_for_background()
    assert incremental._spare["folder"] == spare and len(incremental._kept_aside) == 1
    incremental.let_go_of_spare()
    assert not spare.exists()
