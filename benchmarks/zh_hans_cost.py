#!/usr/bin/env python3
"""Measure what the Simplified Chinese edition (zh-Hans) costs at build time.

    .venv/bin/python benchmarks/zh_hans_cost.py              # the real records
    .venv/bin/python benchmarks/zh_hans_cost.py --cases 500  # plus 500 synthetic cases

Every run builds a fresh copy of the project in a temporary folder (nothing generated yet,
as in CI), with `mkdocs build --strict`:

- three languages: the project as it is;
- two languages: the same copy with the zh-Hans language taken out of mkdocs.yml and
  content/zh-Hans/ excluded from the build (the conversion itself still runs in the
  generation step, so it is measured on its own);
- conversion: `write_edition` alone, in this process, into an empty zh-Hans folder.

The cost of the third language is (three - two) + conversion. Synthetic cases are copies of
one real case record under new ids, written only into the temporary folder. Prints a
Markdown table for benchmarks/README.md. Measures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build.generate import generate  # noqa: E402
from generator.check.validate import validate_project  # noqa: E402
from generator.core.output import Changes  # noqa: E402
from generator.core.project import Project  # noqa: E402
from generator.edition.write import LOCALE, write_edition  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import copy_project as copy_real_project  # noqa: E402

PARTS = ("cases", "technologies", "data", "schema", "overrides", "generator", "mkdocs.yml")
TEMPLATE_CASE = "cppp-dp-2009-metal-heat-pump"


def copy_project(dest: Path, synthetic_cases: int) -> Path:
    copy_real_project(dest, PARTS)
    template = (ROOT / "cases" / f"{TEMPLATE_CASE}.yaml").read_text(encoding="utf-8")
    for n in range(synthetic_cases):
        case_id = f"bench-{n:04d}"
        (dest / "cases" / f"{case_id}.yaml").write_text(
            template.replace(f"id: {TEMPLATE_CASE}", f"id: {case_id}"), encoding="utf-8")
    return dest


def without_simplified(project: Path) -> None:
    """Take the zh-Hans language out of mkdocs.yml and its folder out of the build."""
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- locale: {LOCALE}")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or
                                len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    while start > 0 and lines[start - 1].strip().startswith("#"):
        start -= 1
    kept = lines[:start] + lines[end:]
    kept.append(f"exclude_docs: |\n  /{LOCALE}/\n")
    (project / "mkdocs.yml").write_text("\n".join(kept), encoding="utf-8")


def timed_build(project: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project,
                            capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return elapsed


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len([p for p in files if p.suffix == ".html"]), sum(p.stat().st_size for p in files)


def measure_conversion(project: Path, runs: int) -> list[float]:
    proj = Project(project)
    generate(proj)
    corpus = validate_project(proj).corpus
    times = []
    for _ in range(runs):
        for root in (proj.content_dir, proj.snippets_dir):
            shutil.rmtree(root / LOCALE, ignore_errors=True)
        start = time.perf_counter()
        write_edition(proj, corpus, Changes())
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=0, help="synthetic cases to add (temp folder only)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    three, two = [], []
    with tempfile.TemporaryDirectory(prefix="cpsite-bench-") as tmp:
        for run in range(args.runs):
            full = copy_project(Path(tmp) / f"three-{run}", args.cases)
            three.append(timed_build(full))
            reduced = copy_project(Path(tmp) / f"two-{run}", args.cases)
            without_simplified(reduced)
            two.append(timed_build(reduced))
            if (reduced / "site" / LOCALE).exists() or not (full / "site" / LOCALE).is_dir():
                sys.exit("the two-language build must lack zh-Hans and the full one must have it")
        site = full / "site"
        pages_hans, bytes_hans = folder_size(site / LOCALE)
        pages_all, bytes_all = folder_size(site)
        conversion = measure_conversion(copy_project(Path(tmp) / "conversion", args.cases), args.runs)
        sources = sum(1 for p in (full / "content" / LOCALE).rglob("*.md"))
    fmt = lambda xs: ", ".join(f"{x:.2f}" for x in xs)  # noqa: E731
    extra = statistics.median(three) - statistics.median(two) + statistics.median(conversion)
    print(f"| records | pages (all / zh-Hans) | 3 languages, s | 2 languages, s | conversion, s "
          f"| third language, s (median) | site MB (all / zh-Hans) |")
    print("|---|---|---|---|---|---|---|")
    print(f"| real + {args.cases} synthetic cases | {pages_all} / {pages_hans} ({sources} converted files) "
          f"| {fmt(three)} | {fmt(two)} | {fmt(conversion)} | {extra:.2f} "
          f"({extra / statistics.median(two):.0%}) | {bytes_all / 1e6:.1f} / {bytes_hans / 1e6:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
