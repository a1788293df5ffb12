"""Make Pagefind's output the same bytes on every build of the same pages.

Pagefind 1.5.2 writes its filter indexes, and the list of them in each language's metadata
file, in hash-map order, which changes from run to run (a known upstream limitation: its
fragments are stable, its filter and metadata files are not). Both are CBOR inside gzip
behind an 8+4 byte signature. This step rewrites exactly those files in one canonical order
(filters by name, values by value, pages by number), names them by the hash of their new
content as Pagefind does, and points the metadata and pagefind-entry.json at the new names.
What the search finds is unchanged: only the order inside maps Pagefind never relies on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

MAGIC = b"pagefind_dcd"
FILTERS = 3      # position of the filter list in a metadata file: [[filter name, file hash], ...]


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path}: not a Pagefind data file")
    return cbor2.loads(data[len(MAGIC):])


def _write(folder: Path, prefix: str, lang: str, suffix: str, obj, digits: int) -> str:
    """Write `obj` canonically; returns its new hash name (e.g. 'en_1a2b3c4')."""
    data = gzip.compress(MAGIC + cbor2.dumps(obj, canonical=True), 9, mtime=0)
    name = f"{lang}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(data)
    return name


def _canonical_filter(obj):
    name, values = obj
    return [name, sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: str(v[0]))]


def stabilise(output: Path) -> None:
    """Rewrite <site>/pagefind in canonical order (see the module docstring)."""
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = output / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for filter_name, file_hash in meta[FILTERS]:
            old = output / "filter" / f"{file_hash}.pf_filter"
            digits = len(file_hash) - len(lang) - 1
            new = _write(output / "filter", "", lang, ".pf_filter", _canonical_filter(_read(old)), digits)
            if new != file_hash:
                old.unlink()
            filters.append([filter_name, new])
        meta[FILTERS] = sorted(filters)
        digits = len(info["hash"]) - len(lang) - 1
        new_meta = _write(output, "pagefind.", lang, ".pf_meta", meta, digits)
        if new_meta != info["hash"]:
            meta_path.unlink()
        info["hash"] = new_meta
    entry_path.write_text(json.dumps(entry, allow_nan=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
