"""Validate every record: load with positions, check schema, apply rules, build the model.

`validate_project` is what `cpsite validate` and the build both call. It collects every
problem in every file first and only then decides: the corpus is returned only when there is
no error. It never writes anything.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterable, Optional

from . import rules, schema, term_table
from .problems import Problem
from .project import Project
from .records import Case, Corpus, Technology, Vocabulary
from .yamlsrc import Document, load_file

VOCABULARIES = ("sectors", "pollutants", "initiatives", "phases", "locations", "units", "substances")


@dataclasses.dataclass
class Result:
    corpus: Optional[Corpus]
    problems: list          # sorted Problems (errors and warnings)
    checked: int            # number of files checked

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def _kind_of(path: Path, project: Project) -> str:
    parent = path.resolve().parent
    if parent == project.technologies_dir.resolve():
        return "technology"
    if parent == project.data_dir.resolve():
        return "vocabulary"
    if parent == project.cases_dir.resolve():
        return "case"
    return "technology" if path.parent.name == "technologies" else "case"


def record_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def validate_project(project: Project, only: Optional[Iterable[Path]] = None) -> Result:
    """Check all records. With `only`, report problems of those files alone (still checking
    their references against every record on disk)."""
    loaded: dict[str, list[tuple[Path, Document]]] = {"case": [], "technology": [], "vocabulary": []}
    problems: list[Problem] = []
    extra = [Path(p) for p in only or ()]
    files = [(p, "vocabulary") for p in (project.data_dir / f"{n}.yaml" for n in VOCABULARIES)]
    files += [(p, "technology") for p in record_files(project.technologies_dir)]
    files += [(p, "case") for p in record_files(project.cases_dir)]
    known = {p.resolve() for p, _ in files} | {term_table.table_path(project).resolve()}
    files += [(p, _kind_of(p, project)) for p in extra if p.resolve() not in known]
    shown: dict[Path, str] = {}
    for path, kind in files:
        doc, found = load_file(path, project.root)
        problems += found
        loaded[kind].append((path, doc))
        shown[path.resolve()] = doc.path

    vocab_docs = {p.stem: d for p, d in loaded["vocabulary"]}
    nouns = {}
    for name, doc in vocab_docs.items():
        problems += schema.check(doc, "vocabulary", project.schema_dir, {})
        if isinstance(doc.data, dict) and isinstance(doc.data.get("noun"), dict):
            nouns[name] = doc.data["noun"].get("en", name)

    problems += term_table.check(project)   # data/zh-hans-terms.yaml: the Simplified edition's terms
    shown[term_table.table_path(project).resolve()] = term_table.display_path(project)

    tech_ids = {d.data.get("id") for _, d in loaded["technology"] if isinstance(d.data, dict)}
    for kind, schema_file in (("technology", "technology.schema.json"), ("case", "case.schema.json")):
        docs = [d for _, d in loaded[kind]]
        for doc in docs:
            problems += schema.check(doc, kind, project.schema_dir, nouns)
            if not isinstance(doc.data, dict):
                continue
            problems += rules.modeline(doc, schema_file)
            problems += rules.id_matches_file(doc)
            problems += rules.source_refs(doc)
            problems += rules.plain_text(doc)
            if kind == "case":
                problems += rules.technology_refs(doc, tech_ids)
        problems += rules.unique_ids([d for d in docs if isinstance(d.data, dict)], kind)

    if only is not None:
        wanted = {shown[p.resolve()] for p in extra}
        problems = [p for p in problems if p.path in wanted]
        checked = len(wanted)
    else:
        checked = len(loaded["case"]) + len(loaded["technology"]) + len(loaded["vocabulary"])
    # a value whose tag was refused is None; its type error would only repeat the E103
    refused = {(p.path, p.line, p.col) for p in problems if p.code == "E103"}
    problems = sorted({p for p in problems if p.code == "E103" or (p.path, p.line, p.col) not in refused})
    all_ok = not any(p.is_error for p in problems) if only is None else None
    corpus = None
    if only is None and all_ok:
        corpus = Corpus(
            cases=tuple(sorted((Case.of(d.data, d.path) for _, d in loaded["case"]), key=lambda c: c.id)),
            technologies=tuple(sorted((Technology.of(d.data, d.path) for _, d in loaded["technology"]),
                                      key=lambda t: t.id)),
            vocab={n: Vocabulary.of(vocab_docs[n].data) for n in VOCABULARIES})
    return Result(corpus, problems, checked)
