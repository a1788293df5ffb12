#!/usr/bin/env python3
"""Build-scale benchmark: validate, generate and build N synthetic cases in a temp folder.

    python benchmarks/scale.py               # N = 150, 1000, 10000
    python benchmarks/scale.py 150 1000      # chosen sizes
    python benchmarks/scale.py --keep 1000   # keep the temp project to look at
    python benchmarks/scale.py --two-languages 10000   # en and zh only, as issue 2's target says

For each N it reports, each step timed as its own process: `cpsite validate`, `cpsite
generate` (validate + render + write; first run, then a second run with nothing changed),
`cpsite build` (everything: generation, MkDocs for every language, then the search index once
MkDocs has ended; with --mkdocs, `mkdocs build --strict`, which indexes while the MkDocs
process still holds its memory), peak memory of each step (the largest single process, as
GNU time gives it, and for the build also the sum over all its processes at once, see
treemem.py), and the size of the site. Records are synthetic (benchmarks/
synthetic.py) and only ever written under the temporary folder. With --two-languages the
zh-Hans language is taken out of mkdocs.yml (the generation step still converts and writes its
files, so the figure is a little high).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_project  # noqa: E402
import treemem  # noqa: E402
from zh_hans_cost import without_simplified  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    wrapper = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    result = subprocess.run(wrapper + args, cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    peak = float(result.stderr.strip().splitlines()[-1]) / 1024 if wrapper else float("nan")
    return seconds, peak


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def run(n: int, keep: bool, two_languages: bool = False, mkdocs: bool = False) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"cpsite-scale-{n}-"))
    (tmp / "project").mkdir()
    project = make_project(tmp / "project", n)
    if two_languages:
        without_simplified(project)
    py = sys.executable
    row = {"n": n}
    row["validate_s"], row["validate_mb"] = timed([py, "-m", "generator", "validate"], project)
    row["generate_s"], row["generate_mb"] = timed([py, "-m", "generator", "generate"], project)
    row["regenerate_s"], _ = timed([py, "-m", "generator", "generate"], project)
    command = [py, "-m", "mkdocs", "build", "--strict", "-q"] if mkdocs else [py, "-m", "generator", "build"]
    build = treemem.run(command, project, ENV)
    if build.returncode != 0:
        sys.exit(f"{' '.join(command[1:])} failed:\n{build.stderr[-3000:]}")
    row["build_s"], row["build_mb"], row["build_total_mb"] = build.seconds, build.peak_process_mb, build.peak_total_mb
    row["build_pss_mb"] = build.peak_total_pss_mb
    row["build_by_command"] = build.by_command
    row["files"], size = folder_size(project / "site")
    row["site_mb"] = size / 1e6
    row["generate_share"] = row["generate_s"] / row["build_s"]
    if keep:
        print(f"kept {project}", file=sys.stderr)
    else:
        shutil.rmtree(tmp)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[150, 1000, 10000])
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--two-languages", action="store_true", help="build en and zh only")
    parser.add_argument("--mkdocs", action="store_true", help="build with mkdocs build instead of cpsite build")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, "
          f"languages: {'en, zh' if args.two_languages else 'en, zh, zh-Hans'}, "
          f"build: {'mkdocs build' if args.mkdocs else 'cpsite build'}, load average {os.getloadavg()[0]:.1f}")
    print("| N cases | validate | generate (1st / 2nd run) | full build | generate ÷ build | peak memory (validate / generate / build) | build, all its processes at once (resident / proportional) | site files | site size |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for n in args.sizes:
        r = run(n, args.keep, args.two_languages, args.mkdocs)
        rows.append(r)
        print(f"| {n:,} | {r['validate_s']:.1f} s | {r['generate_s']:.1f} s / {r['regenerate_s']:.1f} s | "
              f"{r['build_s']:.1f} s | {r['generate_share']:.0%} | {r['validate_mb']:.0f} / {r['generate_mb']:.0f} / "
              f"{r['build_mb']:.0f} MiB | {r['build_total_mb']:.0f} / {r['build_pss_mb']:.0f} MiB | {r['files']:,} | {r['site_mb']:.0f} MB |", flush=True)
        largest = sorted(r["build_by_command"].items(), key=lambda item: -item[1])[:4]
        print("  largest processes of the build: " + "; ".join(f"{name} {mb:.0f} MiB" for name, mb in largest), flush=True)
    if len(rows) >= 2:
        by_n = {r["n"]: r for r in rows}
        if 1000 in by_n and 10000 in by_n:
            print(f"\nt(10,000) / t(1,000) = {by_n[10000]['build_s'] / by_n[1000]['build_s']:.1f}")


if __name__ == "__main__":
    main()
