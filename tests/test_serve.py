"""`mkdocs serve` generates too, and rebuilds when a record changes."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import copy_project

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_regenerates_when_a_record_changes(tmp_path):
    project = copy_project(tmp_path / "p")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/cases/cppp-dp-2009-metal-heat-pump/"
        assert _wait_for(url, "More efficient heat pumps", 120), "the served site never showed the case"
        record = project / "cases/cppp-dp-2009-metal-heat-pump.yaml"
        record.write_text(record.read_text().replace("More efficient heat pumps", "Renamed heat pump case"))
        assert _wait_for(url, "Renamed heat pump case", 120), "the page did not follow the edited record"
        zh = f"http://127.0.0.1:{port}/zh/cases/cppp-dp-2009-metal-heat-pump/"
        assert "金屬加工廠" in _fetch(zh)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
