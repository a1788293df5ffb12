#!/usr/bin/env python3
"""Lighthouse 12.2.3 (npm, pinned in package-lock.json) on a case page in every language,
mobile preset, with Debian's Chromium, on the built site served with gzip on 127.0.0.1.

    python benchmarks/lighthouse.py [SITE_DIR] [--runs 3]

Prints the median of each category score over the runs; targets: performance ≥ 95,
accessibility 100, best practices ≥ 95, SEO 100. Exits 1 when a median misses its target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from served import Server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
FLAGS = ("--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
LANGS = {"en": "", "zh": "zh/", "zh-Hans": "zh-Hans/"}


def lighthouse(url: str, categories=None) -> dict:
    """One Lighthouse run; returns the parsed report."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        args = [str(LIGHTHOUSE), url, f"--chrome-flags={FLAGS}", "--output=json", f"--output-path={out}",
                "--quiet"]
        if categories:
            args.append("--only-categories=" + ",".join(categories))
        subprocess.run(args, check=True, env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
        return json.loads(out.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    site = Path(args.site)
    case = sorted((site / "cases").glob("*/index.html"))[0].parent.name
    server = Server(site)
    missed = False
    print("| page | performance | accessibility | best practices | SEO | LCP | TBT | transferred |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    try:
        for lang, prefix in LANGS.items():
            if not (site / prefix / "cases" / case).is_dir():
                continue
            reports = [lighthouse(f"{server.url}{prefix}cases/{case}/") for _ in range(args.runs)]
            med = {c: statistics.median(r["categories"][c]["score"] * 100 for r in reports) for c in TARGETS}
            lcp = statistics.median(r["audits"]["largest-contentful-paint"]["numericValue"] for r in reports)
            tbt = statistics.median(r["audits"]["total-blocking-time"]["numericValue"] for r in reports)
            weight = statistics.median(r["audits"]["total-byte-weight"]["numericValue"] for r in reports)
            missed |= any(med[c] < t for c, t in TARGETS.items())
            print(f"| {lang} case page | {med['performance']:.0f} | {med['accessibility']:.0f} | "
                  f"{med['best-practices']:.0f} | {med['seo']:.0f} | {lcp / 1000:.2f} s | {tbt:.0f} ms | "
                  f"{weight / 1024:.0f} KiB |", flush=True)
    finally:
        server.close()
    print(f"\nmedian of {args.runs} runs, mobile preset; targets {TARGETS}: {'MISSED' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
