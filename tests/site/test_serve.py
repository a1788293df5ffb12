"""The dev server: `mkdocs serve` generates too and rebuilds when a record changes; while a
record (or page) is broken it keeps answering with the last good site and the messages on
top; and stopping `python3 dev.py site` stops every process it started."""

import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, free_port

pytestmark = pytest.mark.slow
RECORD = "cases/cppp-dp-2009-metal-heat-pump.yaml"
PAGE = "cases/cppp-dp-2009-metal-heat-pump/"
TITLE = "More efficient heat pumps"
BANNER = 'id="cpsite-build-error"'
HANG = 120      # seconds: a request that takes longer than this is stuck, not slow



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


def _answer(url: str) -> str:
    """The page, however the build stands; fails the test if the server does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=HANG) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except TimeoutError:
        pytest.fail(f"{url} did not answer in {HANG} s: the server hangs")


def _poll(url: str, done, what: str) -> str:
    """Ask for `url` until `done(page)`; every request must be answered."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        page = _answer(url)
        if done(page):
            return page
        time.sleep(0.5)
    pytest.fail(f"{url} never showed {what}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def served(tmp_path):
    """`cpsite serve` on a free port of 127.0.0.1 in a copy of the project: (project, base URL, log)."""
    project = copy_project(tmp_path / "p")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)],
                                  cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(base + PAGE, TITLE, 180), "the served site never showed the case"
        yield project, base, log_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        finally:
            _kill_group(server.pid)


def test_serve_regenerates_when_a_record_changes(served):
    project, base, _ = served
    _edit(project / RECORD, TITLE, "Renamed heat pump case")
    assert _wait_for(base + PAGE, "Renamed heat pump case", 120), "the page did not follow the edited record"
    assert "金屬加工廠" in _fetch(base + "zh/" + PAGE)


def test_one_edit_gives_one_rebuild(served):
    """The build writes its pages into the docs folder; watching them would start a second full
    rebuild after every edit (it did: each save gave two)."""
    project, base, log = served
    before = log.read_text().count("Detected file changes")
    started = time.monotonic()
    _edit(project / RECORD, TITLE, "Renamed heat pump case")
    assert _wait_for(base + PAGE, "Renamed heat pump case", 120)
    took = time.monotonic() - started
    time.sleep(max(10.0, took))           # long enough for a second rebuild to start and show
    assert log.read_text().count("Detected file changes") - before == 1, log.read_text()[-3000:]


def test_a_broken_record_shows_on_the_last_good_pages_until_it_is_fixed(served):
    project, base, log = served
    _edit(project / RECORD, "sector: metal\n", "sector: metals\n")
    page = _poll(base + PAGE, lambda page: BANNER in page, "the build error")
    message = re.compile(r"cases/cppp-dp-2009-metal-heat-pump\.yaml:\d+:\d+: E203 sector: ")
    assert message.search(page)
    assert TITLE in page and "<h1" in page                        # the last good page, under the banner
    assert BANNER in _answer(base + "zh/" + PAGE) and BANNER in _answer(base + "no/such/page/")
    printed = log.read_text()
    reason = printed[printed.index("cpsite: the rebuild failed"):]
    assert message.search(reason)                                 # the reason, not just "Aborted"

    _edit(project / RECORD, "sector: metals\n", "sector: metal\n")
    page = _poll(base + PAGE, lambda page: BANNER not in page, "the page without the error")
    assert TITLE in page


def test_a_broken_link_in_a_page_shows_too_and_the_site_stays_whole(served):
    project, base, log = served
    about = project / "content/en/about.md"
    good = about.read_text()
    about.write_text(good + "\n[broken](no-such-page.md)\n")
    page = _poll(base + "about/", lambda page: BANNER in page, "the strict-mode warning")
    assert "no-such-page.md" in page and "strict mode" in page
    # that build wrote pages before it failed; the served site is still the whole last good one
    assert TITLE in _answer(base + PAGE) and "金屬加工廠" in _answer(base + "zh/" + PAGE)
    assert "no-such-page.md" in log.read_text().split("cpsite: the rebuild failed")[-1]
    about.write_text(good)
    _poll(base + "about/", lambda page: BANNER not in page, "the page without the error")


# --- python3 dev.py site, stopped by a signal ----------------------------------------------

def _children() -> dict[int, int]:
    """{pid: parent pid} of every process, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def _descendants(pid: int) -> set[int]:
    parents, found, todo = _children(), set(), [pid]
    while todo:
        current = todo.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_dev_py_site_stops_every_process_it_started(tmp_path, stop):
    project = copy_project(tmp_path / "p", records_from=ROOT / "tests/fixtures/project")
    for name in ("dev.py", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)
    # The checkout's .venv, set up already, so dev.py goes straight on. Were its setup stamp out
    # of date, dev.py would reinstall the copy into the shared .venv: refuse instead.
    stamp = ROOT / ".venv" / ".cpsite-setup"
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    dev_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev_py)
    assert stamp.is_file() and stamp.read_text() == dev_py._fingerprint(), \
        ".venv is not set up for this pyproject.toml / requirements.lock: run `python3 dev.py test`"
    (project / ".venv").symlink_to(ROOT / ".venv")
    port = free_port()
    with open(tmp_path / "site.log", "w") as log:
        dev = subprocess.Popen([sys.executable, "dev.py", "site", "--port", str(port)], cwd=project,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert _wait_for(f"http://127.0.0.1:{port}/", "<html", 180), (tmp_path / "site.log").read_text()[-3000:]
        started = _descendants(dev.pid)
        assert len(started) >= 2                                  # cpsite, and mkdocs under it
        served_from = re.findall(r"documentation to directory: (\S+?)\.partial-",
                                 (tmp_path / "site.log").read_text())
        dev.send_signal(stop)
        dev.wait(timeout=120)
        assert [pid for pid in started if _running(pid)] == []
        assert served_from and not Path(served_from[0]).exists()  # MkDocs shut down and cleaned up
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
    finally:
        _kill_group(dev.pid)
        dev.wait()


def _kill_group(pgid: int) -> None:
    """Whatever is left of a process group the test started (nothing, when all went well)."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass
