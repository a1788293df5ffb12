#!/usr/bin/env python3
"""Print-sheet capacity: how many figures a case can have and still print on one A4 page.

    python benchmarks/print_sheet.py            # 1..10 figures of each kind
    python benchmarks/print_sheet.py 4 6 8      # chosen sizes

Builds the project (with the fixture records) in a temporary folder, adds one synthetic case
per size N (N investments, N annual savings and N reductions, each with a scope note, plus a
payback period: 3N + 1 figures, three sources, a two-line title and a long summary), prints
every such case page to PDF in headless Chromium (/usr/bin/chromium), in English and Chinese,
and reports the number of pages. Synthetic records exist only in the temporary folder.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("data", "schema", "overrides", "generator", "mkdocs.yml")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def record(n: int) -> str:
    money = "\n".join(f"    - {{amount: {100000 * (i + 1)}, basis: reported, source: s{i % 3 + 1}, "
                      f"scope: {{en: Part {i + 1} of the project, zh: 項目第 {i + 1} 部分}}}}" for i in range(n))
    cut = "\n".join(f"    - {{quantity: {10 * (i + 1)}, unit: tonne, what: voc, basis: measured, period: annual, "
                    f"source: s{i % 3 + 1}, scope: {{en: Line {i + 1}, zh: 第 {i + 1} 號線}}}}" for i in range(n))
    return f"""# yaml-language-server: $schema=../schema/case.schema.json
# Synthetic record for benchmarks/print_sheet.py (temporary folder only).
id: bench-print-{n:02d}
title:
  en: A synthetic case with a long title that needs two lines on the printed sheet of an A4 page
  zh: 一個標題很長的測試個案，在 A4 紙的列印頁上需要用兩行才能顯示完整標題
summary:
  en: {"A synthetic case used only to measure the print sheet. " * 5}
  zh: {"只供量度列印頁使用的測試個案。" * 6}
sector: textiles
pollutants: [air-voc, energy-saving]
technologies: [fx-heat-pump, fx-zeolite]
initiative: dp-ii
year: 2024
location: dongguan
company: Synthetic Test Company Limited
figures:
  investment:
{money}
  annual_saving:
{money}
  payback:
    - {{years: 2.5, basis: estimated, source: s1}}
  reductions:
{cut}
sources:
  - {{id: s1, title: First synthetic source, publisher: Publisher One, url: "https://example.org/1", date: 2024-01-01}}
  - {{id: s2, title: Second synthetic source, publisher: Publisher Two, url: "https://example.org/2", date: 2024-02-01}}
  - {{id: s3, title: 第三個測試來源, publisher: 出版者丙, document: 文件丙第 3 段, date: 2024-03}}
"""


def build(project: Path, sizes: list[int]) -> None:
    for part in PARTS:
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / part)
    for kind in ("cases", "technologies"):
        shutil.copytree(ROOT / "tests" / "fixtures" / "project" / kind, project / kind)
    for rel in subprocess.run(["git", "ls-files", "content"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.split():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, project / rel)
    for n in sizes:
        (project / "cases" / f"bench-print-{n:02d}.yaml").write_text(record(n), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stderr[-3000:])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(range(1, 11)))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    tmp = Path(tempfile.mkdtemp(prefix="cpsite-print-"))
    try:
        project = tmp / "project"
        project.mkdir()
        build(project, args.sizes)
        handler = functools.partial(_Quiet, directory=str(project / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print("| figures per kind | figures in all | pages (en) | pages (zh) |")
        print("|---:|---:|---:|---:|")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            for n in args.sizes:
                pages = []
                for prefix in ("", "zh/"):
                    page.goto(f"{base}{prefix}cases/bench-print-{n:02d}/", wait_until="load")
                    pages.append(len(PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages))
                print(f"| {n} | {3 * n + 1} | {pages[0]} | {pages[1]} |", flush=True)
            browser.close()
        server.shutdown()
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
