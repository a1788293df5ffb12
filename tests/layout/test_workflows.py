"""The pull-request checks: the workflow and pre-commit files are valid YAML, call only the
commands the README documents, and do what the contributor docs promise."""

import re
import shlex
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/ci.yml"
ALLOWED_SETUP = ('git config --global --add safe.directory "$GITHUB_WORKSPACE"',)


def documented() -> set[tuple]:
    """Command prefixes in the README: ('python3', 'dev.py', 'cpsite', 'validate'), ('.ci/run',) ..."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = set()
    for line in readme.splitlines():
        for match in re.finditer(r"python3 dev\.py [a-z][\w-]*(?: [a-z][\w-]*)?", line):
            found.add(_prefix(match.group(0)))
    if "`.ci/run`" in readme:
        found.add((".ci/run",))
    return found


def _prefix(command: str) -> tuple:
    words = shlex.split(command)
    if words[:1] == [".ci/run"]:
        return (".ci/run",)
    if words[:2] != ["python3", "dev.py"]:
        return tuple(words)
    return tuple(words[:4] if words[2:3] == ["cpsite"] else words[:3])


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a YAML mapping"
    return data


def run_lines(workflow: dict):
    for job_name, job in workflow["jobs"].items():
        for step in job["steps"]:
            for line in str(step.get("run", "")).splitlines():
                if line.strip():
                    yield job_name, line.strip()


def test_workflow_is_valid_and_calls_documented_commands():
    workflow = load(WORKFLOW)
    triggers = workflow.get("on", workflow.get(True))     # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    known = documented()
    assert ("python3", "dev.py", "cpsite", "validate") in known and (".ci/run",) in known
    for job_name, job in workflow["jobs"].items():
        assert job["runs-on"] == "ubuntu-latest" and job["steps"], job_name
        for step in job["steps"]:
            assert ("run" in step) != ("uses" in step), f"{job_name}: a step needs run or uses"
    for job_name, line in run_lines(workflow):
        if line in ALLOWED_SETUP:
            continue
        assert _prefix(line) in known, f"{job_name}: `{line}` is not a command the README documents"


def test_workflow_does_what_the_docs_promise():
    workflow = load(WORKFLOW)
    jobs = workflow["jobs"]
    runs = {job: [line for j, line in run_lines(workflow) if j == job] for job in jobs}
    assert "python3 dev.py cpsite validate --format github" in runs["validate"]
    assert ".ci/run" in runs["test"]
    assert "bookworm" in jobs["test"]["container"]          # Debian's chromium for the browser tests
    assert runs["build"] == ["python3 dev.py build", "python3 dev.py cpsite check-site"]
    for job in ("validate", "test"):
        checkout = next(s for s in jobs[job]["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0, f"{job}: l10n needs the whole history"
    assert any(str(s.get("uses", "")).startswith("actions/upload-pages-artifact@") and s["with"]["path"] == "site"
               for s in jobs["build"]["steps"])
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) == {"validate", "test", "build"}
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert (ROOT / ".ci/run").read_text().rstrip().endswith('exec python3 dev.py test "$@"')


def test_pre_commit_validates_changed_records(tmp_path):
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    records = hooks["cpsite-validate-records"]
    assert _prefix(records["entry"]) in documented() and records["language"] == "system"
    assert re.search(records["files"], "cases/foo.yaml") and re.search(records["files"], "technologies/x.yaml")
    assert not re.search(records["files"], "content/en/index.md")
    everything = hooks["cpsite-validate-all"]
    assert everything["pass_filenames"] is False and re.search(everything["files"], "data/sectors.yaml")
    # what pre-commit runs for a changed record: the entry followed by the file names
    entry = shlex.split(records["entry"])
    assert entry[0] == "python3"
    good = subprocess.run([sys.executable, *entry[1:], "cases/pilot-2007-cc-joint-printing.yaml"], cwd=ROOT,
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    broken = tmp_path / "cases" / "broken-case.yaml"
    broken.parent.mkdir()
    broken.write_text((ROOT / "cases/pilot-2007-cc-joint-printing.yaml").read_text()
                      .replace("id: pilot-2007-cc-joint-printing", "id: broken-case")
                      .replace("sector: printing", "sector: printer"))
    bad = subprocess.run([sys.executable, *entry[1:], str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "E203 sector: 'printer' is not a known sector (did you mean 'printing'?)" in bad.stdout


@pytest.mark.parametrize("kind", ["case", "technology", "translation", "page", "vocabulary", "code"])
def test_pull_request_template_per_kind_of_change(kind):
    text = (ROOT / f".github/PULL_REQUEST_TEMPLATE/{kind}.md").read_text(encoding="utf-8")
    assert text.startswith("## ") and text.count("- [ ] ") >= 4
    assert f"{kind}.md" in (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")


def test_vs_code_maps_every_record_folder_to_its_schema():
    import json

    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    schemas = settings["yaml.schemas"]
    assert schemas == {"./schema/case.schema.json": "cases/*.yaml",
                       "./schema/technology.schema.json": "technologies/*.yaml",
                       "./schema/vocabulary.schema.json": "data/*.yaml"}
    assert all((ROOT / path).is_file() for path in schemas)
    assert json.loads((ROOT / ".vscode/extensions.json").read_text())["recommendations"] == ["redhat.vscode-yaml"]
