"""Run a command and follow the memory of it and every process it starts (Linux /proc).

GNU time's %M is the largest resident set of any one process of the tree (the kernel keeps a
maximum, not a sum), so a build whose Pagefind run sits beside the MkDocs process shows only
the larger of the two. What a machine must hold is the sum at the worst moment; this samples
it every 0.2 s (a peak shorter than that can be missed, so the figure is a lower bound).

A forked process shares its parent's memory until either writes to it, and both resident sets
count the shared pages; the proportional set size (Pss, /proc/PID/smaps_rollup) counts a page
shared by two processes half in each, so the sum of Pss is what the tree holds. Both sums are
reported. Figures are MiB (1,048,576 bytes).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TreeMemory:
    returncode: int
    seconds: float
    stderr: str
    peak_total_mb: float            # the largest sum over the tree at one sample
    peak_process_mb: float          # the largest single process
    by_command: dict = field(default_factory=dict)   # {first words of the command line: its peak MiB}
    peak_total_pss_mb: float = 0.0  # the largest sum of proportional set sizes at one sample


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = defaultdict(list)
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            kids[int(stat.rsplit(")", 1)[1].split()[1])].append(int(name))
    return kids


def _field_mb(path: str, name: str) -> float:
    """A "Name:   1234 kB" line of a /proc file, in MiB (0 when the process is gone)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _rss_mb(pid: int) -> float:
    return _field_mb(f"/proc/{pid}/status", "VmRSS:")


def _pss_mb(pid: int) -> float:
    return _field_mb(f"/proc/{pid}/smaps_rollup", "Pss:")


def _command(pid: int) -> str:
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    return " ".join(Path(w.decode(errors="replace")).name if i == 0 else w.decode(errors="replace")
                    for i, w in enumerate(words[:3]) if w)


def run(args: list[str], cwd: Path, env: dict, interval: float = 0.2) -> TreeMemory:
    start = time.perf_counter()
    with subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as proc:
        err_chunks: list[str] = []
        reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
        reader.start()
        peak_total = peak_process = peak_pss = 0.0
        by_command: dict[str, float] = {}
        while proc.poll() is None:
            kids, stack, total, pss = _children(), [proc.pid], 0.0, 0.0
            while stack:
                pid = stack.pop()
                rss = _rss_mb(pid)
                total += rss
                pss += _pss_mb(pid)
                peak_process = max(peak_process, rss)
                name = _command(pid)
                by_command[name] = max(by_command.get(name, 0.0), rss)
                stack.extend(kids.get(pid, ()))
            peak_total, peak_pss = max(peak_total, total), max(peak_pss, pss)
            time.sleep(interval)
        reader.join()
    return TreeMemory(proc.returncode, time.perf_counter() - start, "".join(err_chunks),
                      peak_total, peak_process, by_command, peak_pss)
