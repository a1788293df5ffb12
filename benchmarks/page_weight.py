#!/usr/bin/env python3
"""Page-weight budgets, measured in headless Chromium on a built site served with gzip.

    python benchmarks/page_weight.py [SITE_DIR]      # default: site/

Reports, per language: the case page's HTML size (budget 60 KB), the bytes transferred on a
first visit to a case page (budget 600 KB, whatever the number of cases), and on a second page
in the same visit (budget 100 KB). Transfer sizes are Chromium's own counts (encoded bytes
on the wire, cached responses count 0). Exits 1 when a budget is exceeded.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from served import Server  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BUDGET = {"html": 60_000, "first": 600_000, "second": 100_000}
LANGS = {"en": "", "zh": "zh/", "zh-Hans": "zh-Hans/"}


def transferred(page, cdp, url: str) -> int:
    sizes = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    return int(sum(sizes.values()))


def measure(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    case = sorted((site / "cases").glob("*/index.html"))[0].parent.name
    server = Server(site)
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for lang, prefix in LANGS.items():
                if not (site / prefix / "cases" / case / "index.html").exists():
                    continue
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                first = transferred(page, cdp, f"{server.url}{prefix}cases/{case}/")
                second = transferred(page, cdp, f"{server.url}{prefix}technologies/")
                html = (site / prefix / "cases" / case / "index.html").stat().st_size
                rows.append({"lang": lang, "html": html, "first": first, "second": second})
                context.close()
            browser.close()
    finally:
        server.close()
    return rows


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    rows = measure(site)
    print("| language | case page HTML | first visit (transferred) | second page (transferred) |")
    print("|---|---:|---:|---:|")
    over = False
    for r in rows:
        print(f"| {r['lang']} | {r['html'] / 1000:.1f} KB | {r['first'] / 1000:.1f} KB | {r['second'] / 1000:.1f} KB |")
        over |= any(r[k] > BUDGET[k] for k in BUDGET)
    print(f"\nbudgets: HTML ≤ {BUDGET['html'] // 1000} KB, first visit ≤ {BUDGET['first'] // 1000} KB, "
          f"second page ≤ {BUDGET['second'] // 1000} KB: {'EXCEEDED' if over else 'met'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
