"""QR codes encoded in worker processes while the generation step renders the pages: the same
files as encoding them one by one first, the right size on every page before a code exists, a
worker's failure reported, and no process left behind."""

import multiprocessing
import string

import pytest
import segno

from conftest import FIXTURES, copy_project
from generator.build.generate import generate
from generator.core.project import Project
from generator.pages import language, sharing
from generator.site.config import load as load_site


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("length", list(range(1, 260, 7)))
def test_the_size_without_encoding_is_the_encoded_codes_size(length):
    # across several QR versions (every 14 to 20 characters a version grows)
    url = "https://cpsite.example.org/zh-Hans/c/" + (string.ascii_lowercase * 10)[:length] + "/"
    encoded = segno.make(url, error="m", micro=False)
    assert sharing.symbol_width(url) == encoded.symbol_size(scale=sharing.QR_SCALE, border=sharing.QR_BORDER)[0]
    assert sharing.symbol_width(url) == sharing.svg_size(sharing.qr_svg(url, "t"))


def test_codes_from_workers_give_the_same_site_files_as_codes_made_in_turn(tmp_path, monkeypatch):
    trees = {}
    for way, parallel_from in (("in turn", 10 ** 6), ("workers", 1)):
        project = Project(copy_project(tmp_path / way, records_from=FIXTURES / "project"))
        monkeypatch.setattr(sharing.QrCodes, "PARALLEL_FROM", parallel_from)
        pending_while_rendering = []
        real_render = language.render_language

        def render(*args, kit, **kwargs):
            pending_while_rendering.append(bool(kit.qr._pending) and bool(multiprocessing.active_children()))
            return real_render(*args, kit=kit, **kwargs)
        monkeypatch.setattr(language, "render_language", render)
        generate(project, load_site(project.root))
        monkeypatch.setattr(language, "render_language", real_render)
        assert pending_while_rendering[0] == (way == "workers")     # pages rendered while codes were encoded
        assert not multiprocessing.active_children()
        trees[way] = {"content": _tree(project.content_dir), "beside": _tree(project.site_files_dir)}
    assert any(name.endswith("qr.svg") for name in trees["workers"]["beside"])
    assert trees["workers"] == trees["in turn"]


_real_encode_all = sharing._encode_all


def _fail_for_zh(pairs, png_cache=None):
    if any("/zh/" in url for url, _ in pairs):
        raise RuntimeError("encoder broke on a Chinese address")
    return _real_encode_all(pairs, png_cache)


def test_a_workers_failure_fails_the_generation_step(fixture_project, monkeypatch):
    project = Project(fixture_project)
    monkeypatch.setattr(sharing.QrCodes, "PARALLEL_FROM", 1)
    monkeypatch.setattr(sharing, "_encode_all", _fail_for_zh)
    with pytest.raises(RuntimeError, match="encoder broke on a Chinese address"):
        generate(project, load_site(project.root))
    assert not multiprocessing.active_children()


def test_a_failure_while_pages_render_lets_the_workers_go(fixture_project, monkeypatch):
    project = Project(fixture_project)
    monkeypatch.setattr(sharing.QrCodes, "PARALLEL_FROM", 1)

    def broken(*args, **kwargs):
        assert multiprocessing.active_children()          # the codes are being encoded meanwhile
        raise RuntimeError("a template broke")
    monkeypatch.setattr(language, "render_language", broken)
    with pytest.raises(RuntimeError, match="a template broke"):
        generate(project, load_site(project.root))
    assert not multiprocessing.active_children()


def test_asking_for_one_code_waits_for_the_codes_set_before_it_only(monkeypatch):
    monkeypatch.setattr(sharing.QrCodes, "PARALLEL_FROM", 1)
    jobs = [(lang, "cases", f"case-{i}", f"https://cpsite.example.org/{lang}/c/case-{i}/", f"t{i}")
            for lang in ("en", "zh") for i in range(40)]
    qr = sharing.QrCodes()
    qr.start(jobs)
    try:
        assert len(qr._pending) > 2
        first = jobs[0]
        assert qr.svg(*first) == sharing.qr_svg(first[3], first[4])
        assert qr._pending, "the later languages' codes are still the workers' to finish"
        last = jobs[-1]
        assert qr.svg(*last) == sharing.qr_svg(last[3], last[4])
        assert not qr._pending
    finally:
        qr.stop()
    assert not multiprocessing.active_children()
