"""`cpsite validate`: what an editor sees and the exit code CI relies on."""

import os
import shutil
import subprocess
import sys

from conftest import FIXTURES, ROOT, copy_project


def run(project, *args):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                          capture_output=True, text=True, env=env)


def test_valid_project_exits_0_with_a_summary(fixture_project):
    result = run(fixture_project, "validate")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip().startswith("OK: ")


def test_broken_copy_of_a_real_record(tmp_path):
    project = copy_project(tmp_path / "p")
    record = project / "cases/cppp-dp-2009-metal-heat-pump.yaml"
    text = record.read_text().replace("sector: metal", "sector: metals")
    broken = project / "cases/copy.yaml"
    broken.write_text(text)
    result = run(project, "validate", "cases/copy.yaml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    line_no = text.splitlines().index("sector: metals") + 1
    assert f"cases/copy.yaml:{line_no}:9: E203 sector: 'metals' is not a known sector (did you mean 'metal'?)" in lines
    assert any(l.startswith("cases/copy.yaml:2:5: E201 ") for l in lines)
    assert all(l.startswith("cases/copy.yaml:") for l in lines)   # only the file asked about


def test_github_format_gives_annotations(fixture_project):
    shutil.copy(FIXTURES / "broken/unknown-sector.yaml", fixture_project / "cases")
    result = run(fixture_project, "validate", "--format", "github")
    assert result.returncode == 1
    assert "::error file=cases/unknown-sector.yaml,line=5,col=9,title=E203::sector: 'textile'" in result.stdout


def test_missing_file_is_an_error(fixture_project):
    result = run(fixture_project, "validate", "cases/nope.yaml")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_python_m_generator_and_console_script_agree():
    script = shutil.which("cpsite", path=os.path.dirname(sys.executable))
    assert script, "the cpsite console script is not installed next to this Python"
    a = subprocess.run([script, "validate"], cwd=ROOT, capture_output=True, text=True)
    b = run(ROOT, "validate")
    assert (a.returncode, a.stdout) == (b.returncode, b.stdout)
