"""Edit-to-page time under `cpsite serve`: from saving a record to the changed page served.

For each size, a throw-away project with N synthetic cases (benchmarks/synthetic.py, in a
temporary folder) is served on 127.0.0.1; the script then edits one case's English title a few
times and measures, for each save, the seconds until the served case page shows the new title,
and counts the rebuilds the server logged. Nothing is written to the checkout.

    python3 benchmarks/edit_to_served.py 150 1000 --edits 3
    python3 benchmarks/edit_to_served.py 1000 --git     # the project committed to git, as a clone is

Without --git the project is a plain folder: dates then come from file times (core/history.py),
so every save also moves the build date that feeds and open data print.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_project  # noqa: E402

CASE = "synthetic-00001"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(url: str, text: str, limit: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if text in _page(url):
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def _commit(project: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=benchmark", "-c", "user.email=benchmark@example.invalid",
                  "commit", "-q", "-m", "synthetic records"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


def run(n: int, edits: int, git: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="cpsite-edit-") as tmp:
        project = make_project(Path(tmp) / "p", n)
        if git:
            _commit(project)
        port, log_path = _port(), Path(tmp) / "serve.log"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
        with open(log_path, "w") as log:
            server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)],
                                      cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True)
        url = f"http://127.0.0.1:{port}/cases/{CASE}/"
        try:
            record = project / "cases" / f"{CASE}.yaml"
            if _wait(url, "Synthetic case 1", 1800) is None:
                raise SystemExit(f"{n} cases: the server never served {url}\n" + log_path.read_text()[-2000:])
            times = []
            for i in range(edits):
                before = log_path.read_text().count("Detected file changes")
                text = record.read_text(encoding="utf-8")
                marker = f"Edited title {i}"
                old = text.split("en: ", 1)[1].split("\n", 1)[0]
                record.write_text(text.replace(old, marker, 1), encoding="utf-8")
                took = _wait(url, marker, 600)
                time.sleep(max(5.0, (took or 0) * 1.5))       # time for a second rebuild to show
                rebuilds = log_path.read_text().count("Detected file changes") - before
                times.append((took, rebuilds))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=120)
    seconds = [t for t, _ in times if t is not None]
    return {"cases": n, "seconds": seconds, "median": statistics.median(seconds) if seconds else None,
            "rebuilds per edit": [r for _, r in times]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[150])
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--git", action="store_true", help="commit the project to git first")
    args = parser.parse_args()
    for n in args.sizes:
        result = run(n, args.edits, args.git)
        print(f"{result['cases']:>6} cases: median {result['median']:.1f} s from save to served page "
              f"(each: {', '.join(f'{s:.1f}' for s in result['seconds'])}); "
              f"rebuilds per edit: {result['rebuilds per edit']}", flush=True)


if __name__ == "__main__":
    main()
