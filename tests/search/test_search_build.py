"""The search step inside the MkDocs run: it indexes what `mkdocs serve` serves too, and when
it fails the build fails and the published site stays as it was."""

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import copy_project, failed_rebuild, free_port

pytestmark = pytest.mark.slow



def test_serve_indexes_the_site_it_serves(tmp_path):
    project = copy_project(tmp_path / "p")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/assets/search/zh-hant.json", timeout=5) as r:
                    assert r.status == 200 and b'"fold"' in r.read()
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "mkdocs serve did not serve the search data"
                time.sleep(1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json", timeout=5) as r:
            assert b'"zh-hant"' in r.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert "search index: en" in (tmp_path / "serve.log").read_text()
    assert not (project / "site").exists()      # serve builds elsewhere


def test_failed_index_leaves_previous_site_untouched(tmp_path):
    def unmark_page_bodies(project):
        main = project / "overrides/main.html"
        main.write_text(main.read_text().replace("<div data-pagefind-body>", "<div>"))
    result = failed_rebuild(copy_project(tmp_path / "p"), unmark_page_bodies)
    assert "Search index failed" in result.stderr and "no page" in result.stderr
