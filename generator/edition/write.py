"""The Simplified Chinese edition (zh-Hans), made from the Traditional edition (zh) on every build.

- `write_edition` converts every file under content/zh/ (hand-written and generated pages
  alike, whatever folder they are in) into content/zh-Hans/, and every fragment under
  .generated/snippets/zh/ into .generated/snippets/zh-Hans/. Markdown, HTML and text files
  are converted with `simplify` (link targets and HTML attribute values stay as they are;
  `--8<-- "zh/…"` includes become `--8<-- "zh-Hans/…"`); other files are copied unchanged.
  Both zh-Hans folders belong to this module alone: what is no longer in zh disappears.
  Run it after everything else has written content/zh/.
- `convert_value` converts a setting (text, or a mapping or list of texts) for the site
  adapter, which gives the i18n plugin's zh-Hans language the converted zh settings.

Nothing here imports MkDocs, and nothing converted is ever meant to be committed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Optional

from generator.core import memo
from generator.core.output import Changes, sync_tree
from generator.core.project import Project
from generator.edition.simplify import TERMS_FILE, Simplifier, TermTable
from generator.model.records import EDITIONS, Corpus

SOURCE = "zh"                 # the Traditional edition's folder and locale
LOCALE = EDITIONS[-1]         # "zh-Hans": the Simplified edition's folder, locale, URL segment and BCP 47 tag
CONVERTED_SUFFIXES = (".md", ".html", ".htm", ".txt")

# Parts of a page that are addresses, not text: link and image targets, reference-style link
# definitions and the values of HTML attributes that name things.
VERBATIM = re.compile(
    r"(?<=\]\()[^)\s]+"
    r"|(?<=\]:)[ \t]*<?[^\s>]+"
    r"|\b(?:href|src|srcset|id|class|name|for)=(?:\"[^\"]*\"|'[^']*')")
_SNIPPET = re.compile(r"^([ \t]*;?-+8<-+[ \t]+[\"'])" + re.escape(SOURCE) + "/", re.MULTILINE)
_SNIPPET_BLOCK = re.compile(r"^[ \t]*-+8<-+[ \t]*$")


def official_names(corpus: Corpus) -> set[str]:
    """Names the records give that the term table must never touch: companies, source titles,
    publishers and document references, and the wording quoted from progress reports."""
    names: set[str] = set()
    sources = [s for record in (*corpus.cases, *corpus.technologies) for s in record.sources]
    sources += [s for vocab in corpus.vocab.values() for s in vocab.sources]
    for source in sources:
        names.update((source.title, source.publisher, source.document or ""))
    names.update(case.company or "" for case in corpus.cases)
    names.update(d.wording or "" for tech in corpus.technologies for d in tech.demonstrated)
    return names - {""}


def simplifier_for(project: Project, corpus: Optional[Corpus] = None) -> Simplifier:
    names = official_names(corpus) if corpus is not None else ()
    return Simplifier(TermTable.load_or_empty(project.data_dir / TERMS_FILE), names)


def include_simplified_snippets(text: str) -> str:
    """Point snippet includes of the Traditional fragments at their Simplified copies."""
    text = _SNIPPET.sub(lambda m: m.group(1) + LOCALE + "/", text)
    if "8<-" not in text:
        return text
    lines, inside = text.split("\n"), False
    for i, line in enumerate(lines):
        if _SNIPPET_BLOCK.match(line):
            inside = not inside
        elif inside and line.lstrip().startswith(SOURCE + "/"):
            lines[i] = line.replace(SOURCE + "/", LOCALE + "/", 1)
    return "\n".join(lines)


_converted = memo.Memo("edition pages")


def convert_page(text: str, simplifier: Simplifier) -> str:
    """The Simplified page of a Traditional one (the same text as the last run: the same page)."""
    return _converted.get((simplifier.key, hashlib.sha256(text.encode("utf-8")).digest()),
                          lambda: include_simplified_snippets(simplifier.convert(text, VERBATIM)))


def edition_files(source_root: Path, simplifier: Simplifier) -> dict[str, str | bytes]:
    """{relative path: converted text or copied bytes} for every file under `source_root`."""
    files: dict[str, str | bytes] = {}
    if not source_root.is_dir():
        return files
    for path in sorted(source_root.rglob("*")):
        if not path.is_file() or path.name.startswith(".tmp-"):
            continue
        rel = path.relative_to(source_root).as_posix()
        if path.suffix.lower() in CONVERTED_SUFFIXES:
            files[rel] = convert_page(path.read_text(encoding="utf-8"), simplifier)
        else:
            files[rel] = path.read_bytes()
    return files


def retarget(files: dict, source_url: str, edition_url: str) -> dict:
    """Make the converted files point at the edition itself: absolute links to the zh site
    (short links, JSON-LD ids) become zh-Hans links, and language tags say zh-Hans."""
    out = {}
    for rel, data in files.items():
        if isinstance(data, str):
            data = data.replace(source_url, edition_url).replace('"inLanguage":"zh-Hant"', '"inLanguage":"zh-Hans"')
            if rel.endswith(".html"):
                data = data.replace('lang="zh-Hant"', 'lang="zh-Hans"')
        out[rel] = data
    return out


def write_edition(project: Project, corpus: Corpus, changes: Changes, *, urls: Optional[tuple] = None) -> None:
    """Make content/zh-Hans/ and .generated/snippets/zh-Hans/ from their zh counterparts.
    `urls` (zh site URL, zh-Hans site URL) retargets absolute links."""
    simplifier = simplifier_for(project, corpus)
    for root in (project.content_dir, project.snippets_dir):
        files = edition_files(root / SOURCE, simplifier)
        if urls:
            files = retarget(files, *urls)
        sync_tree(root / LOCALE, files, ("",), changes)


def convert_files(project: Project, corpus: Corpus, files: dict[str, str], *,
                  urls: Optional[tuple] = None) -> dict[str, str]:
    """Files the edition needs of its own, made in its language (its short links and QR codes,
    which must encode the edition's own address), converted as its pages are."""
    simplifier = simplifier_for(project, corpus)
    files = {rel: convert_page(text, simplifier) for rel, text in files.items()}
    return retarget(files, *urls) if urls else files


def convert_value(value, simplifier: Simplifier):
    if isinstance(value, str):
        return simplifier.convert(value)
    if isinstance(value, dict):
        return {key: convert_value(item, simplifier) for key, item in value.items()}
    return value
