"""Two commands timed in turn, A B A B …, with the ratio A/B taken pair by pair, so a drift
in the machine's speed during the run falls on both sides of each ratio alike.

Each run is a shell command whose own exit ends it. Wall time is the parent's monotonic clock;
CPU time and peak memory are the kernel's accounting of the finished process tree (wait4: user
and system time of the shell and every descendant it waited for; ru_maxrss, the largest single
process, as GNU time's %M; a process forked from this one starts with its resident size, about
15 MiB, so that is the floor). For the sum over a tree of processes at once, see treemem.py.

    python3 benchmarks/pairs.py 'sleep 0.2' 'sleep 0.1' --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field


@dataclass
class Run:
    wall: float         # seconds
    cpu: float          # user + system seconds of the whole tree
    peak_mib: float     # the largest single process
    returncode: int
    stderr: str


@dataclass
class Pairs:
    a: list = field(default_factory=list)
    b: list = field(default_factory=list)

    @property
    def ratios(self) -> list[float]:
        return [x.wall / y.wall for x, y in zip(self.a, self.b)]

    def failed(self) -> list[str]:
        return [f"{side} exit {run.returncode}: {run.stderr[-2000:]}"
                for side, runs in (("A", self.a), ("B", self.b)) for run in runs if run.returncode]


def spread(values: list[float]) -> tuple[float, float, float]:
    """(min, median, max)."""
    return min(values), statistics.median(values), max(values)


def timed(command: str, env: dict | None = None) -> Run:
    """Run `command` with sh and wait for it."""
    start = time.perf_counter()
    proc = subprocess.Popen(["sh", "-c", command], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)    # reaped here, not by Popen
    proc.stderr.close()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, err)


def compare(a: str, b: str, runs: int, warmup: int = 0, env: dict | None = None) -> Pairs:
    """`warmup` pairs not counted, then `runs` pairs, A first in each."""
    for _ in range(warmup):
        timed(a, env), timed(b, env)
    pairs = Pairs()
    for _ in range(runs):
        pairs.a.append(timed(a, env))
        pairs.b.append(timed(b, env))
    return pairs


def report(pairs: Pairs) -> str:
    rows = []
    for name, runs in (("A", pairs.a), ("B", pairs.b)):
        for label, values in (("wall s", [r.wall for r in runs]), ("cpu s", [r.cpu for r in runs]),
                              ("peak MiB", [r.peak_mib for r in runs])):
            rows.append(f"{name} {label:<9}" + "".join(f"{v:>11.3f}" for v in spread(values)))
    rows.append("A/B wall   " + "".join(f"{v:>11.4f}" for v in spread(pairs.ratios)))
    return "             min     median        max\n" + "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    pairs = compare(args.a, args.b, args.runs, args.warmup)
    print(report(pairs))
    for line in pairs.failed():
        print(line)


if __name__ == "__main__":
    main()
