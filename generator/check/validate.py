"""Validate every record: load with positions, check schema, apply rules, build the model.

`validate_project` is what `cpsite validate` and the build both call. It collects every
problem in every file first and only then decides: the corpus is returned only when there is
no error (and only when asked for). It never writes anything.

Per-file work (parse, schema, per-file rules) runs on every core once there are thousands of
files; the checks that span files (unique ids) run afterwards in this process.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import gc
import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable, Optional

from generator.check import programme as programme_check
from generator.check import qualifier_words, rules, schema, source_identity, term_table, zhtext
from generator.check.yamlsrc import Document, load_file
from generator.core import memo
from generator.core.problems import Problem
from generator.core.project import Project
from generator.model.programme import Programme
from generator.model.records import Case, Corpus, Technology, Vocabulary

PARALLEL_FROM = 1000   # below this many files, starting worker processes costs more than it saves
VOCABULARIES = ("sectors", "pollutants", "initiatives", "phases", "locations", "units", "substances",
                "evidence-kinds")
SCHEMA_FILES = {"case": "case.schema.json", "technology": "technology.schema.json"}


@dataclasses.dataclass
class Result:
    corpus: Optional[Corpus]
    problems: list          # sorted Problems (errors and warnings)
    checked: int            # number of files checked

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclasses.dataclass(frozen=True)
class _Context:
    """What a per-file check needs to know about the other files."""

    root: Path
    schema_dir: Path
    nouns: dict
    tech_ids: frozenset
    evidence_kinds: tuple = ()      # (kind, allowed units) pairs, from data/evidence-kinds.yaml
    units: tuple = ()               # (unit, currency or None) pairs, from data/units.yaml
    substances: frozenset = frozenset()


def _kind_of(path: Path, project: Project) -> str:
    parent = path.resolve().parent
    if parent == project.technologies_dir.resolve():
        return "technology"
    if parent == project.data_dir.resolve():
        return "vocabulary"
    if parent == project.cases_dir.resolve():
        return "case"
    return "technology" if path.parent.name == "technologies" else "case"


def check_file(path: Path, kind: str, ctx: _Context) -> tuple[Document, list[Problem]]:
    """Load one record and apply every check that needs no other record."""
    doc, problems = load_file(path, ctx.root)
    problems += schema.check(doc, kind, ctx.schema_dir, ctx.nouns)
    problems += zhtext.record_problems([doc])   # E220-E223, W303
    if kind == "vocabulary" and doc.data is not None:
        problems += rules.text_hygiene(doc)
        problems += rules.numbers(doc)
    if kind != "vocabulary" and isinstance(doc.data, dict):
        problems += rules.modeline(doc, SCHEMA_FILES[kind])
        problems += rules.id_matches_file(doc)
        problems += rules.reserved_ids(doc)
        problems += rules.source_refs(doc)
        problems += rules.plain_text(doc)
        if kind == "case":
            problems += rules.technology_refs(doc, ctx.tech_ids)
        else:
            problems += rules.evidence(doc, dict(ctx.evidence_kinds), dict(ctx.units), ctx.substances)
    return doc, problems


# What is kept of a record that only the checks across files will see again (`slim`): the
# ids, for unique_ids, and not the file's text, which is read again only for the position of a
# problem found across files. Sending whole records back from the worker processes costs a
# tenth of a validation of thousands of files.
_IDS = ("id", "former_ids")


def _check_chunk(items: list, ctx: _Context, slim: bool = False) -> list:
    with _no_cycle_collection():
        out = [check_file(path, kind, ctx) for path, kind in items]
    if slim:
        for (path, _), (doc, _) in zip(items, out):
            if isinstance(doc.data, dict):
                doc.data = {k: doc.data[k] for k in _IDS if k in doc.data}
                doc.let_text_go(path)
    return out


@contextlib.contextmanager
def _no_cycle_collection():
    """Records are trees: building thousands of them makes Python's cycle collector walk every
    object made so far again and again, for nothing (about a tenth of the time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_checked = memo.Memo("record checks")


def check_files(items: list[tuple[Path, str]], ctx: _Context, *, slim: bool = False) -> Callable[[], list]:
    """check_file over many files; with thousands of them, on every core. Returns at once; the
    function it returns waits for the results, so the caller can do other work meanwhile. With
    `slim`, each record's data is cut to its ids. A file whose bytes, kind and context are
    those of a file checked in the last run is not checked again (the dev server, core/memo.py)."""
    if not memo.keeping():      # a one-off command: no digests, nothing kept
        return _check_all(items, ctx, slim)
    context = (repr(ctx), _schema_stamp(ctx.schema_dir))
    keys = [(str(path), kind, _digest(path), context) for path, kind in items]
    results: list = [None] * len(items)
    todo = []
    for i, key in enumerate(keys):
        found, value = _checked.find(key) if key[2] is not None else (False, None)
        if found:
            results[i] = (value[0], list(value[1]))
        else:
            todo.append(i)
    for i, result in zip(todo, _check_all([items[i] for i in todo], ctx, False)()):
        results[i] = result
        if keys[i][2] is not None:
            _checked.put(keys[i], (result[0], tuple(result[1])))
    return lambda: results


def _digest(path: Path):
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None          # not there: checked (and reported) every time


def _schema_stamp(folder: Path) -> tuple:
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.json")))


def _check_all(items: list[tuple[Path, str]], ctx: _Context, slim: bool) -> Callable[[], list]:
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        results = _check_chunk(items, ctx, slim)
        return lambda: results
    size = -(-len(items) // (workers * 4))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    pool = concurrent.futures.ProcessPoolExecutor(workers)
    try:
        parts = [pool.submit(_check_chunk, chunk, ctx, slim) for chunk in chunks]
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise

    def wait() -> list:
        try:
            return [r for part in parts for r in part.result()]
        finally:
            pool.shutdown(cancel_futures=True)
    return wait


def _terms(vocab: list, name: str) -> list[dict]:
    for doc, _ in vocab:
        if Path(doc.path).stem == name and isinstance(doc.data, dict) and isinstance(doc.data.get("terms"), list):
            return [t for t in doc.data["terms"] if isinstance(t, dict) and isinstance(t.get("key"), str)]
    return []


def _evidence_vocabulary(vocab: list) -> dict:
    """What the evidence rule needs from the vocabulary files (plain, picklable values)."""
    return {"evidence_kinds": tuple((t["key"], tuple(t.get("units") or ())) for t in _terms(vocab, "evidence-kinds")),
            "units": tuple((t["key"], t.get("currency")) for t in _terms(vocab, "units")),
            "substances": frozenset(t["key"] for t in _terms(vocab, "substances"))}


def record_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def validate_project(project: Project, only: Optional[Iterable[Path]] = None, *,
                     corpus: bool = True) -> Result:
    """Check all records. With `only`, report problems of those files alone (still checking
    their references against every record on disk). `corpus=False` skips building the model."""
    with _no_cycle_collection():
        return _validate(project, only, corpus)


def _validate(project: Project, only: Optional[Iterable[Path]], corpus: bool) -> Result:
    extra = [Path(p) for p in only or ()]
    extra_items = []
    if extra:   # files named on the command line that are not in the project's folders
        known = {p.resolve() for p in record_files(project.cases_dir) + record_files(project.technologies_dir)}
        known |= {p.resolve() for p in programme_check.files(project.data_dir)} | {term_table.table_path(project).resolve()}
        extra_items = [(p, _kind_of(p, project)) for p in extra if p.resolve() not in known]
    ctx = _Context(project.root, project.schema_dir, {}, frozenset())

    vocab = check_files([(project.data_dir / f"{n}.yaml", "vocabulary") for n in VOCABULARIES], ctx)()
    nouns = {Path(d.path).stem: d.data["noun"].get("en") for d, _ in vocab
             if isinstance(d.data, dict) and isinstance(d.data.get("noun"), dict)}
    ctx = dataclasses.replace(ctx, nouns=nouns, **_evidence_vocabulary(vocab))
    techs = check_files([(p, "technology") for p in record_files(project.technologies_dir)]
                        + [i for i in extra_items if i[1] == "technology"], ctx)()
    tech_ids = frozenset(d.data.get("id") for d, _ in techs if isinstance(d.data, dict))
    ctx = dataclasses.replace(ctx, tech_ids=tech_ids)
    # the cases are checked (on every core, when there are thousands) while this process
    # checks the programme tables and the hand-written pages
    cases_checked = check_files([(p, "case") for p in record_files(project.cases_dir)]
                                + [i for i in extra_items if i[1] == "case"], ctx, slim=not corpus)
    programme = [load_file(p, project.root) for p in programme_check.files(project.data_dir)]
    programme_docs = {Path(d.path).stem: d for d, _ in programme}

    problems: list[Problem] = [p for _, found in vocab + techs + programme for p in found]
    problems += programme_check.check(programme_docs, project.schema_dir, nouns)
    problems += term_table.check(project)   # data/zh-hans-terms.yaml: the Simplified edition's terms
    problems += qualifier_words.problems(programme_docs)   # E224: qualifiers as the sources word them
    if "programme-sources" in programme_docs:                # E225: one document, one id
        problems += source_identity.problems(programme_docs["programme-sources"], [d for d, _ in vocab])
    problems += zhtext.record_problems([d for d, _ in programme])   # E220-E223 (records: in check_file)
    problems += zhtext.page_problems(project.root, zhtext.handwritten_pages(project.content_dir / "zh"))
    cases = cases_checked()
    problems += [p for _, found in cases for p in found]
    for kind, results in (("technology", techs), ("case", cases)):
        problems += rules.unique_ids([d for d, _ in results if isinstance(d.data, dict)], kind)

    if only is not None:
        shown = {os.path.abspath(d.path if os.path.isabs(d.path) else project.root / d.path): d.path
                 for d, _ in vocab + techs + cases + programme}
        shown[os.path.abspath(term_table.table_path(project))] = term_table.display_path(project)
        wanted = {shown.get(os.path.abspath(p), p.as_posix()) for p in extra}
        problems = [p for p in problems if p.path in wanted]
        checked = len(wanted)
    else:
        checked = len(vocab) + len(techs) + len(cases) + len(programme)
    # a value whose tag was refused is None; its type error would only repeat the E103
    refused = {(p.path, p.line, p.col) for p in problems if p.code == "E103"}
    problems = sorted({p for p in problems if p.code == "E103" or (p.path, p.line, p.col) not in refused})
    model = None
    if corpus and only is None and not any(p.is_error for p in problems):
        model = Corpus(
            cases=tuple(sorted((Case.of(d.data, d.path) for d, _ in cases), key=lambda c: c.id)),
            technologies=tuple(sorted((Technology.of(d.data, d.path) for d, _ in techs), key=lambda t: t.id)),
            vocab={Path(d.path).stem: Vocabulary.of(d.data) for d, _ in vocab},
            programme=Programme.of({k: d.data for k, d in programme_docs.items()}))
    return Result(model, problems, checked)
