"""The seminar kit's QR download: PNGs made once are reused from the cache, with the same bytes."""

from __future__ import annotations

import io
import zipfile

from generator.core import memo
from generator.core.siteinfo import from_settings
from generator.publish import kit_zip

SITE = from_settings("https://x.example/", {"hreflang": {"en": "en"}}, [("en", True)])


def _edition(root):
    for short, record_id in (("c", "dyeing-1"), ("t", "heat-pump-system")):
        (root / short / record_id).mkdir(parents=True)
        (root / short / record_id / "qr.svg").write_text(f"<svg>{record_id}</svg>", encoding="utf-8")
    return root


def test_cached_pngs_give_the_same_zip_without_encoding_again(tmp_path, monkeypatch):
    root, cache = _edition(tmp_path / "site"), tmp_path / "cache"
    fresh = kit_zip.qr_zip(root, SITE, "en")
    first = kit_zip.qr_zip(root, SITE, "en", cache)
    assert first == fresh
    assert len(list(cache.glob("*.png"))) == 2

    def refuse(*args, **kwargs):
        raise AssertionError("encoded again although the cache holds the code")
    monkeypatch.setattr(kit_zip.sharing, "encode", refuse)
    assert kit_zip.qr_zip(root, SITE, "en", cache) == fresh
    names = zipfile.ZipFile(io.BytesIO(fresh)).namelist()
    assert names == ["case-dyeing-1.png", "case-dyeing-1.svg", "technology-heat-pump-system.png",
                     "technology-heat-pump-system.svg"]


def test_a_changed_address_is_encoded_anew(tmp_path):
    root, cache = _edition(tmp_path / "site"), tmp_path / "cache"
    kit_zip.qr_zip(root, SITE, "en", cache)
    other = from_settings("https://y.example/", {"hreflang": {"en": "en"}}, [("en", True)])
    assert kit_zip.qr_zip(root, other, "en", cache) == kit_zip.qr_zip(root, other, "en")
    assert len(list(cache.glob("*.png"))) == 4


def test_the_written_zip_is_a_new_file_not_the_last_builds(tmp_path):
    """A dev-server rebuild starts from hard links to the last site: writing must not change it."""
    root = _edition(tmp_path / "site")
    (root / "kit").mkdir()
    old = tmp_path / "old.zip"
    old.write_bytes(b"last build")
    (root / "kit" / "qr-codes.zip").hardlink_to(old)
    assert kit_zip.write_qr_zips(tmp_path / "site", SITE, tmp_path / "cache") == ["kit/qr-codes.zip"]
    assert old.read_bytes() == b"last build"
    assert zipfile.ZipFile(root / "kit" / "qr-codes.zip").namelist()


def test_the_dev_servers_kept_reads_follow_an_edited_code(tmp_path, monkeypatch):
    """In the dev server SVGs and PNGs are read once and kept: a code written again (a new title)
    is in the next zip, and the zip is what a fresh process makes."""
    monkeypatch.setattr(memo, "_enabled", [True])
    root, cache = _edition(tmp_path / "site"), tmp_path / "cache"
    kit_zip.qr_zip(root, SITE, "en", cache)
    svg = root / "c" / "dyeing-1" / "qr.svg"
    svg.unlink()                                    # as the generation step writes: a new file
    svg.write_text("<svg>dyeing-1, new title</svg>", encoding="utf-8")
    memo.next_run()
    kept = kit_zip.qr_zip(root, SITE, "en", cache)
    assert zipfile.ZipFile(io.BytesIO(kept)).read("case-dyeing-1.svg") == b"<svg>dyeing-1, new title</svg>"
    monkeypatch.setattr(memo, "_enabled", [False])
    assert kept == kit_zip.qr_zip(root, SITE, "en", cache)
