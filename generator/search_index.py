"""The search step: index a built site with Pagefind, then write what the browser needs to
read queries the way the site is written. Runs after the whole site (every language) is built,
on the folder being built; the MkDocs adapter calls `index_site`, this module never imports
mkdocs.

- Pagefind (the extended build from the `pagefind[extended]` wheel, run as
  `python -m pagefind`) writes <site>/pagefind/: one index per `<html lang>`, with Chinese
  segmented into words. Only what is inside `data-pagefind-body` is indexed (the article,
  not navigation, header or footer; see overrides/main.html); heading permalinks are left out.
- <site>/assets/search/<index language>.json, per index language (e.g. en.json,
  zh-hant.json): the synonym groups and interface strings of that language (from
  .generated/search/terms.json, converted to Simplified for a Simplified edition), and the
  cross-script map of `search_script`, built from that language's indexed text.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from . import search_script
from .output import write_if_changed
from .project import Project
from .records import LANGS
from .search_terms import terms_path

EXCLUDE = ".headerlink"          # the ¶ permalinks Markdown adds to headings
FRAGMENT_MAGIC = b"pagefind_dcd"


class SearchIndexFailed(Exception):
    """Pagefind did not finish; the message holds its output."""


def run_pagefind(site: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", EXCLUDE, "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0 or not (site / "pagefind" / "pagefind-entry.json").is_file():
        raise SearchIndexFailed((done.stdout + done.stderr).strip() or f"pagefind exited with {done.returncode}")


def read_fragments(site: Path) -> dict[str, list[dict]]:
    """{index language: [page records as Pagefind stored them (url, content, meta, filters)]}."""
    pages: dict[str, list[dict]] = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if data.startswith(FRAGMENT_MAGIC):
            data = data[len(FRAGMENT_MAGIC):]
        lang = path.name[:-len(".pf_fragment")].rsplit("_", 1)[0]   # <lang>_<hash>.pf_fragment
        pages.setdefault(lang, []).append(json.loads(data))
    return pages


def source_language(index_lang: str) -> str:
    """The hand-written language whose terms serve an index language ('zh-hant' -> 'zh')."""
    for lang in LANGS:
        if index_lang == lang or index_lang.startswith(lang + "-"):
            return lang
    return LANGS[0]


def query_data(records: list[dict], terms: dict) -> dict:
    runs: Counter = Counter()
    for record in records:
        texts = [record.get("content", ""), *record.get("meta", {}).values()]
        for text in texts:   # Pagefind separates the words it found with zero-width spaces
            runs.update(search_script.han_runs(text.replace("\u200b", "")))
    script = search_script.script_of(runs)
    data = {"script": script, "fold": search_script.fold_map(runs, script) if script else {"chars": {}, "pairs": {}}}
    convert = (lambda text: search_script.convert(text, script)) if script else (lambda text: text)
    data["synonyms"] = [[convert(term) for term in group] for group in terms["synonyms"]]
    data["strings"] = {key: convert(text) for key, text in sorted(terms["strings"].items())}
    return data


def index_site(site: Path, project_root: Path) -> dict[str, int]:
    """Index `site` and write the query data. Returns {index language: pages indexed}."""
    run_pagefind(site)
    terms = json.loads(terms_path(Project(project_root)).read_text(encoding="utf-8"))
    counts = {}
    for index_lang, records in sorted(read_fragments(site).items()):
        data = query_data(records, terms[source_language(index_lang)])
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
        write_if_changed(site / "assets" / "search" / f"{index_lang}.json", text)
        counts[index_lang] = len(records)
    return counts
