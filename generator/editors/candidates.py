"""Check case records before they are written, against the project as it would be afterwards.

`cpsite new-case` and `cpsite import` produce record texts; this module copies the project's
vocabularies, schemas, technologies and cases into a temporary folder, puts the candidates in
(replacing the records they update), and runs the ordinary validator on them. So a new record
is checked by exactly the rules `cpsite validate` applies, including the cross-record ones
(ids and former ids unique, technologies that exist). Nothing in the project is touched.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Optional

from generator.check.schema import load_schema
from generator.check.validate import record_files, validate_project
from generator.check.yamlsrc import load_file
from generator.core.problems import Problem
from generator.core.project import Project


def id_form_problem(project: Project, case_id: str) -> Optional[str]:
    """The validator's message when `case_id` is not a well-formed id (None when it is)."""
    spec = load_schema(project.schema_dir, "case")["properties"]["id"]
    if re.fullmatch(spec["pattern"], case_id):
        return None
    return f"'{case_id}' is not in the expected form: {spec['x-form']}"


def taken_ids(project: Project) -> dict[str, str]:
    """Every id and former id of the existing case records -> the record file that holds it."""
    taken: dict[str, str] = {}
    for path in record_files(project.cases_dir) if project.cases_dir.is_dir() else []:
        doc, _ = load_file(path, project.root)
        data = doc.data if isinstance(doc.data, dict) else {}
        for value in [path.stem, data.get("id"), *(data.get("former_ids") or [])]:
            if isinstance(value, str):
                taken.setdefault(value, doc.path)
    return taken


def check_cases(project: Project, texts: dict[str, str]) -> dict[str, list[Problem]]:
    """{case id: record text} -> {case id: problems of that record (errors and warnings)}.

    A candidate whose id names an existing record replaces it. Problem paths read
    'cases/<id>.yaml', as they will once written."""
    if not texts:
        return {}
    bad = [case_id for case_id in texts if id_form_problem(project, case_id)]
    if bad:
        raise ValueError(f"not well-formed ids: {bad}")
    with tempfile.TemporaryDirectory(prefix="cpsite-check-") as tmp:
        stage = Project(Path(tmp))
        for folder in ("data", "schema", "technologies"):
            shutil.copytree(project.root / folder, stage.root / folder)
        stage.cases_dir.mkdir()
        if project.cases_dir.is_dir():
            for path in project.cases_dir.glob("*.yaml"):
                if path.stem not in texts:
                    shutil.copy2(path, stage.cases_dir / path.name)
        files = []
        for case_id, text in texts.items():
            path = stage.cases_dir / f"{case_id}.yaml"
            path.write_text(text, encoding="utf-8")
            files.append(path)
        result = validate_project(stage, only=files)
    found: dict[str, list[Problem]] = {case_id: [] for case_id in texts}
    for problem in result.problems:
        found[Path(problem.path).stem].append(problem)
    return found
