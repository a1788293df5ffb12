"""The search step: index a built site with Pagefind, then write what the browser needs to
read queries the way the site is written. Runs after the whole site (every language) is built,
on the folder being built; the MkDocs adapter calls `index_site`, this module never imports
mkdocs.

- Pagefind (the extended build from the `pagefind[extended]` wheel, run as
  `python -m pagefind`) writes <site>/pagefind/: one index per `<html lang>`, made by one run
  per language (`run_pagefind`: the same files as one run over everything, in a third of the
  memory). Only what is inside `data-pagefind-body` is indexed (the article, not navigation,
  header or footer; see overrides/main.html); heading permalinks are left out.
- Chinese is indexed character by character. Pagefind cuts Chinese into words twice, with
  different dictionaries: at indexing (its own) and in the browser (the browser's ICU). When
  they disagree a query finds nothing: on a Simplified page 热泵 is one indexed word, but the
  browser searches 热 and 泵, and no indexed word starts with 泵. So Pagefind reads a copy of
  each article with a zero-width space between Chinese characters (invisible in excerpts),
  and the browser searches characters too, as a phrase where the order matters
  (overrides/assets/javascripts/cpsite-query.js). The copy also has the page's search
  keywords (synonyms, from `data-cp-keywords`) as text, and its tables and keywords come after
  the prose (`search_prose`), so that excerpts quote the prose. The pages are not changed.
- <site>/assets/search/<index language>.json, per index language (e.g. en.json,
  zh-hant.json): the interface strings of that language (from .generated/search/terms.json,
  converted to Simplified for a Simplified edition), and the cross-script map of
  `search/script.py`, built from that language's indexed text, and the share of pages each
  very common Chinese character is on.
- <site>/assets/search/<index language>-records.json: the case and technology pages in the
  find page's order and which of them carry each facet value, so the find page combines and
  counts facets without a search per value.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Optional

from generator.core.project import Project
from generator.model.records import LANGS
from generator.search import script as search_script
from generator.search.prose import prose_first
from generator.search.stable import stabilise
from generator.search.terms import terms_path

EXCLUDE = ".headerlink"          # the ¶ permalinks Markdown adds to headings
FRAGMENT_MAGIC = b"pagefind_dcd"
BODY_START = "<div data-pagefind-body>"   # overrides/main.html wraps the article in it
SAFE_LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")   # a language tag, safe as a folder name
HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")
BETWEEN_HAN = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


class SearchIndexFailed(Exception):
    """Pagefind did not finish; the message holds its output."""


def indexable_copy(site: Path, dest: Path) -> dict[str, int]:
    """Write, for every page with an article to index, a page holding only that article (and
    the page language), its keywords as text, Chinese characters separated: into
    dest/<page language>/<the page's path in the site>, so that each language can be indexed on
    its own with the same addresses. Returns {page language: number of pages}."""
    counts: Counter = Counter()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] == "pagefind":
            continue
        html = page.read_text(encoding="utf-8")
        start, end = html.find(BODY_START), html.rfind("</article>")
        lang = HTML_LANG.search(html)
        if start < 0 or end < start or not lang or not SAFE_LANG.fullmatch(lang.group(1)):
            continue
        article = prose_first(html[start:end])      # tables and keywords after the prose
        article = BETWEEN_HAN.sub("\u200b", article)
        out = dest / lang.group(1) / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f'<!doctype html><html lang="{lang.group(1)}"><head><meta charset="utf-8"></head>'
                       f"<body>{article}</body></html>\n", encoding="utf-8")
        counts[lang.group(1)] += 1
    return dict(counts)


def _pagefind(pages: Path, output: Path) -> None:
    """One Pagefind run over the pages of one language."""
    command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output.resolve()),
               "--exclude-selectors", EXCLUDE]
    done = subprocess.run(command, capture_output=True, text=True)
    problems = [line for line in (done.stdout + done.stderr).splitlines()
                if "not valid" in line or line.startswith(("Error", "error"))]
    if done.returncode != 0 or problems or not (output / "pagefind-entry.json").is_file():
        raise SearchIndexFailed("\n".join(problems) or (done.stdout + done.stderr).strip()
                                or f"pagefind exited with {done.returncode}")


def _merge(part: Path, into: Path) -> None:
    """Move one language's Pagefind output into the whole index. Every file name but
    pagefind-entry.json is either the same file in every run (the script, the UI, the word
    splitter of a language) or carries its language in its name; the entry files are joined."""
    entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
    whole_path = into / "pagefind-entry.json"
    if whole_path.exists():
        whole = json.loads(whole_path.read_text(encoding="utf-8"))
        if {k: v for k, v in whole.items() if k != "languages"} != {k: v for k, v in entry.items() if k != "languages"}:
            raise SearchIndexFailed("Pagefind's runs for different languages disagree on pagefind-entry.json")
        entry["languages"] = {**whole["languages"], **entry["languages"]}
    for path in sorted(part.rglob("*")):
        if path.is_dir() or path.name == "pagefind-entry.json":
            continue
        target = into / path.relative_to(part)
        if target.exists():
            if target.read_bytes() != path.read_bytes():
                raise SearchIndexFailed(f"Pagefind's runs for different languages wrote different {target.name}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    whole_path.parent.mkdir(parents=True, exist_ok=True)
    whole_path.write_text(json.dumps(entry, allow_nan=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _index_folders(site: Path) -> tuple[Path, Path, Path]:
    """The index in place, the new one being written, the old one taken aside for the swap."""
    return site / "pagefind", site / "pagefind.partial", site / "pagefind.old"


def run_pagefind(site: Path) -> None:
    """Index `site` into <site>/pagefind, replacing what was there only once the new index is
    whole (the dev server indexes the site it is serving: searches go on meanwhile).

    Pagefind holds every page it indexes in memory until it writes (about 100 KB a page here:
    3.7 GB for the 36,000 pages of 10,000 cases in three editions), and its index of one
    language never depends on the pages of another. So it runs once per page language, one
    after the other, and the outputs are joined: the same files as one run over the site."""
    output, partial, old = _index_folders(site)
    for leftover in (partial, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        with tempfile.TemporaryDirectory(prefix="cpsite-index-") as tmp:
            counts = indexable_copy(site, Path(tmp) / "pages")
            if not counts:
                raise SearchIndexFailed(f"no page in {site} has an article to index ({BODY_START})")
            for lang in sorted(counts):
                _pagefind(Path(tmp) / "pages" / lang, Path(tmp) / "out" / lang)
                shutil.rmtree(Path(tmp) / "pages" / lang)
                _merge(Path(tmp) / "out" / lang, partial)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if output.exists():
        os.rename(output, old)
    os.rename(partial, output)
    shutil.rmtree(old, ignore_errors=True)


def index_languages(site: Path) -> list[str]:
    """The index languages of <site>/pagefind (e.g. en, zh-hant)."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sorted(entry["languages"])


def read_fragments(site: Path, index_lang: Optional[str] = None) -> dict[str, list[dict]]:
    """{index language: [page records as Pagefind stored them (url, content, meta, filters),
    each with its result id]}, of every language or of `index_lang` only."""
    pages: dict[str, list[dict]] = {}
    pattern = f"{index_lang}_*.pf_fragment" if index_lang else "*.pf_fragment"
    for path in sorted((site / "pagefind" / "fragment").glob(pattern)):
        data = gzip.decompress(path.read_bytes())
        if data.startswith(FRAGMENT_MAGIC):
            data = data[len(FRAGMENT_MAGIC):]
        page_id = path.name[:-len(".pf_fragment")]      # <lang>_<hash>, the id of a search result
        record = dict(json.loads(data), id=page_id)
        pages.setdefault(page_id.rsplit("_", 1)[0], []).append(record)
    return pages


def source_language(index_lang: str) -> str:
    """The hand-written language whose terms serve an index language ('zh-hant' -> 'zh')."""
    for lang in LANGS:
        if index_lang == lang or index_lang.startswith(lang + "-"):
            return lang
    return LANGS[0]


def query_data(records: list[dict], terms: dict) -> dict:
    runs: Counter = Counter()
    pages_with: Counter = Counter()       # Chinese character -> number of pages that have it
    for record in records:
        texts = [record.get("content", ""), *record.get("meta", {}).values()]
        chars = set()
        for text in texts:   # the index separates words (and here characters) with zero-width spaces
            found = search_script.han_runs(text.replace("\u200b", ""))
            runs.update(found)
            chars.update(*found)
        pages_with.update(chars)
    script = search_script.script_of(runs)
    data = {"script": script, "fold": search_script.fold_map(runs, script) if script else {"chars": {}, "pairs": {}}}
    # Characters on more than half of the pages, with that share (0-100): the browser leaves
    # the commonest out of the words it ranks by when a Chinese run has rarer ones (see
    # cpsite-query.js); on nearly every page they rank nothing and only slow the search.
    data["common"] = {c: round(100 * n / len(records)) for c, n in sorted(pages_with.items())
                      if records and n * 2 > len(records)}
    convert = (lambda text: search_script.convert(text, script)) if script else (lambda text: text)
    data["strings"] = {key: convert(text) for key, text in sorted(terms["strings"].items())}
    return data


def _delta(positions: list[int]) -> list[int]:
    return [b - a for a, b in zip([-1, *positions], positions)]


def _sort_value(text: str):
    """A sort value from page meta: a number, or [unit, number] for costs (never compared across units)."""
    text = text.replace("\u200b", "").strip()
    unit, _, number = text.rpartition(" ")
    return [unit, float(number)] if unit else float(number)


def facet_data(records: list[dict]) -> dict:
    """The records of the find page (pages with a `kind` filter) in the order it lists them
    (cases newest first, then technologies by name) and, per facet value, the positions of
    the records that carry it, delta-encoded ([3, 1, 4] means 2, 3, 7; see cpsite-find.js)."""
    chosen = [r for r in records if r["filters"].get("kind")]

    def order(r):
        year = max((int(y) for y in r["filters"].get("year", ())), default=0)
        return (r["filters"]["kind"][0] != "case", -year, r["meta"].get("title", "").replace("\u200b", ""), r["url"])
    chosen.sort(key=order)
    facets: dict = {}
    for position, record in enumerate(chosen):
        for name, values in record["filters"].items():
            for value in values:
                facets.setdefault(name, {}).setdefault(value, []).append(position)
    sorts = {}
    for position, record in enumerate(chosen):
        for key, value in record["meta"].items():
            if key.startswith("cp_") and key != "cp_headline":
                sorts.setdefault(key[3:], [None] * len(chosen))[position] = _sort_value(value)
    return {"ids": [r["id"] for r in chosen],
            "sort": dict(sorted(sorts.items())),
            "headline": [r["meta"].get("cp_headline", "").replace("\u200b", "") or None for r in chosen],
            "facets": {name: {value: _delta(p) for value, p in sorted(values.items())}
                       for name, values in sorted(facets.items())}}


# What index_site writes into the site: Pagefind's index and our query data.
OUTPUT_FOLDERS = ("pagefind", "assets/search")


def _write(path: Path, text: str) -> None:
    """A new file in place of the old one, never written into (the dev server's folders share
    unchanged files by hard links), readable like the rest of the site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".partial")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


def mend_interrupted(site: Path) -> None:
    """After an index run was stopped part way (the dev server stops it when a newer rebuild
    starts): the last whole index back in place, the unfinished one removed."""
    output, partial, old = _index_folders(site)
    if not output.exists() and old.exists():
        os.rename(old, output)
    for leftover in (partial, old):
        shutil.rmtree(leftover, ignore_errors=True)
    for part in (site / "assets" / "search").glob("*.partial"):
        part.unlink()


def index_site(site: Path, project_root: Path) -> dict[str, int]:
    """Index `site` and write the query data. Returns {index language: pages indexed}."""
    run_pagefind(site)
    stabilise(site / "pagefind")
    terms = json.loads(terms_path(Project(project_root)).read_text(encoding="utf-8"))
    counts = {}
    for index_lang in index_languages(site):      # one language's pages in memory at a time
        records = read_fragments(site, index_lang).get(index_lang, [])
        data = query_data(records, terms[source_language(index_lang)])
        text = json.dumps(data, allow_nan=False, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
        _write(site / "assets" / "search" / f"{index_lang}.json", text)
        text = json.dumps(facet_data(records), allow_nan=False, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
        _write(site / "assets" / "search" / f"{index_lang}-records.json", text)
        counts[index_lang] = len(records)
    return counts


def indexed_message(counts: dict[str, int], seconds: float) -> str:
    """What the build log says once the index is made (the tests and benchmarks look for it)."""
    return f"cpsite: search index: {', '.join(f'{lang} {n} pages' for lang, n in counts.items())} ({seconds:.1f} s)"


def main(argv: Optional[list[str]] = None) -> int:
    """`python -m generator.search.index SITE PROJECT`: index a built site in a process of its
    own (the dev server does, after serving a rebuild), saying what it indexed as MkDocs would."""
    site, root = (Path(arg) for arg in (argv if argv is not None else sys.argv[1:]))
    started = time.monotonic()
    try:
        counts = index_site(site, root)
    except SearchIndexFailed as failed:
        print(f"ERROR   -  cpsite: the search index of this rebuild failed; search shows the last one:\n{failed}",
              file=sys.stderr, flush=True)
        return 1
    print(f"INFO    -  {indexed_message(counts, time.monotonic() - started)}", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
