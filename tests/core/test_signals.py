"""signals: a parent passes SIGINT/SIGTERM on to its child once and waits for it; the child
stops on the first signal and is not interrupted again while it shuts down."""

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

CHILD = """
import os, sys, time, pathlib
from generator.core.signals import stop_on_first_signal
stop_on_first_signal()
mark = pathlib.Path(sys.argv[1])
mark.write_text(f"ready {os.getpid()}")
try:
    time.sleep(600)
except KeyboardInterrupt:
    time.sleep(0.5)            # a second signal now must not interrupt the shutdown
    mark.write_text("stopped")
    sys.exit(3)
"""

PARENT = """
import sys
from generator.core.signals import run_forwarding_signals
sys.exit(run_forwarding_signals([sys.executable, "-c", sys.argv[1], sys.argv[2]]))
"""


def _wait_for_ready(mark, parent) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and parent.poll() is None:
        text = mark.read_text() if mark.exists() else ""
        if text.startswith("ready "):
            return int(text.split()[1])
        time.sleep(0.05)
    pytest.fail("the child never started")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("how", ["SIGTERM to the parent", "SIGINT to the parent", "SIGINT to the group"])
def test_the_parent_passes_the_signal_on_and_waits_for_its_child(tmp_path, how):
    mark = tmp_path / "mark"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, CHILD, str(mark)], cwd=ROOT,
                              start_new_session=True)
    try:
        child = _wait_for_ready(mark, parent)
        if how == "SIGTERM to the parent":
            parent.send_signal(signal.SIGTERM)
        elif how == "SIGINT to the parent":
            parent.send_signal(signal.SIGINT)
        else:                                  # Ctrl-C in a terminal: every process gets one
            os.killpg(parent.pid, signal.SIGINT)
        assert parent.wait(timeout=60) == 3    # the child's own status: it shut down cleanly
        assert mark.read_text() == "stopped"
        assert _gone(child)                    # reaped by the parent before it left
    finally:
        if parent.poll() is None:
            os.killpg(parent.pid, signal.SIGKILL)
            parent.wait()

