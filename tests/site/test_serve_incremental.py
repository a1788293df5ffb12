"""`cpsite serve` renders only what an edit changed, and serves what a clean build would.

One dev server takes a run of edits (a record's title, a new record, a renamed one, a deleted
one, a theme override, a hand-written page); after each, the changed page is served and the
search index follows. Then a second, fresh server builds the same project from nothing on the
same port: every file of the two served folders must be the same, byte for byte, with none
missing and none left over.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project, free_port

pytestmark = pytest.mark.slow

CASE = "cppp-dp-2009-metal-heat-pump"
INDEXED = "cpsite: search index:"



def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


class Server:
    """`cpsite serve` in `project`, its temporary folders (and so the served site) in `tmp`."""

    def __init__(self, project: Path, tmp: Path, port: int):
        tmp.mkdir()
        self.tmp, self.log = tmp, tmp.parent / f"{tmp.name}.log"
        self.base = f"http://127.0.0.1:{port}/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(tmp))
        with open(self.log, "w") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)],
                                            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def indexed(self) -> int:
        return self.log.read_text().count(INDEXED)

    def wait_built(self, count: int, seconds: float = 300) -> None:
        """Until `count` builds have been served and indexed."""
        deadline = time.monotonic() + seconds
        while self.indexed() < count:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not finish its build (exit code {self.process.poll()}):\n"
                            + self.log.read_text()[-3000:])
            time.sleep(0.2)

    def site(self) -> Path:
        found = [p for p in self.tmp.iterdir() if p.name.startswith("mkdocs_") and "." not in p.name]
        assert len(found) == 1, found
        return found[0]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        finally:
            try:
                os.killpg(self.process.pid, 9)
            except ProcessLookupError:
                pass


def _files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "p")


def test_edits_while_serving_give_the_site_a_clean_build_gives(project, tmp_path):
    port = free_port()
    server = Server(project, tmp_path / "first", port)
    builds = 1
    try:
        server.wait_built(builds)
        # the rebuild after an edit: only what changed is rendered, and the page shows it
        steps = []
        record = project / "cases" / f"{CASE}.yaml"
        added = project / "cases" / f"{CASE}-2.yaml"
        renamed = project / "cases" / f"{CASE}-3.yaml"

        def edit_title():
            _edit(record, "More efficient heat pumps at a metal-processing plant", "Heat pumps, edited while served")
            return f"cases/{CASE}/", "Heat pumps, edited while served"

        def add_record():
            text = record.read_text(encoding="utf-8").replace(f"id: {CASE}\n", f"id: {CASE}-2\n")
            added.write_text(text.replace("Heat pumps, edited while served", "A second heat pump case"), encoding="utf-8")
            return f"cases/{CASE}-2/", "A second heat pump case"

        def rename_record():
            text = added.read_text(encoding="utf-8").replace(f"id: {CASE}-2\n",
                                                            f"id: {CASE}-3\nformer_ids: [{CASE}-2]\n")
            renamed.write_text(text.replace("A second heat pump case", "The renamed case"), encoding="utf-8")
            added.unlink()
            return f"zh/cases/{CASE}-3/", "熱泵"

        def change_theme():       # every page's footer: all of them are rendered again
            footer = project / "overrides" / "partials" / "copyright.html"
            footer.write_text(footer.read_text(encoding="utf-8") + "\n<!-- cpsite: theme edited while served -->\n",
                              encoding="utf-8")
            return "about/", "theme edited while served"

        def delete_record():
            renamed.unlink()
            return f"cases/{CASE}-3/", None

        def edit_page():          # a hand-written page, and its Simplified conversion
            about = project / "content" / "zh" / "about.md"
            about.write_text(about.read_text(encoding="utf-8") + "\n本句在網站運行期間加入。\n", encoding="utf-8")
            return "zh-Hans/about/", "本句在网站运行期间加入。"

        for step in (edit_title, add_record, rename_record, change_theme, delete_record, edit_page):
            path, text = step()
            builds += 1
            server.wait_built(builds)
            status, page = _status(server.base + path)
            if text is None:
                assert status == 404, (step.__name__, path, status)
            else:
                assert status == 200 and text in page, (step.__name__, path, status)
            steps.append(step.__name__)
        assert server.log.read_text().count("Detected file changes") == len(steps)
        served = _files(server.site())
    finally:
        server.stop()

    fresh = Server(project, tmp_path / "fresh", port)
    try:
        fresh.wait_built(1)
        clean = _files(fresh.site())
    finally:
        fresh.stop()
    assert f"cases/{CASE}-2/index.html" not in served and f"cases/{CASE}-3/index.html" not in served
    left, missing = sorted(set(served) - set(clean)), sorted(set(clean) - set(served))
    changed = sorted(p for p in set(clean) & set(served) if clean[p] != served[p])
    assert (left, missing, changed) == ([], [], []), f"left over {left}, missing {missing}, different {changed}"
