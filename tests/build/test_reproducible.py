"""Two builds of the same commit are byte-identical, and dates come from the commit."""

import gzip
import os
import subprocess

import pytest

from conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.slow


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_identical(tmp_path):
    project = copy_project(tmp_path / "p")
    env = dict(os.environ, GIT_AUTHOR_DATE="2021-03-04T05:06:07Z", GIT_COMMITTER_DATE="2021-03-04T05:06:07Z")
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x"]):
        subprocess.run(["git", *args], cwd=project, check=True, env=env)
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    first = mkdocs_build(project, tmp_path / "one")
    second = mkdocs_build(project, tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0, second.stderr[-2000:]
    a, b = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    sitemap = a["sitemap.xml"].decode()
    assert "<lastmod>2021-03-04</lastmod>" in sitemap
    assert gzip.decompress(a["sitemap.xml.gz"]).decode() == sitemap
