"""Full build against MkDocs' own floor: cpsite's build per page against a stock MkDocs +
Material + mkdocs-static-i18n site with the same number of pages in the same three editions,
built in the same run, pair by pair (pairs.py), so the machine's drift cancels out.

For each N, a throw-away project with N synthetic cases (benchmarks/synthetic.py) is made in a
temporary folder, and a stock site beside it: the same count of Markdown pages in each edition
(folder structure, as ours), each about as long as our average page, with a heading, prose, a
list and a table; Material with no custom templates, no hooks, no other plugin. Both are built
with `mkdocs build --strict` from nothing (no site/, and for cpsite no .generated/ and no
generated pages, so its caches start empty), or with `--warm` from the state the last build
left (cpsite's QR codes, compiled templates and unchanged generated pages reused).

    python3 benchmarks/stock_compare.py 300 1000 --runs 3
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pairs import Pairs, compare, report, spread  # noqa: E402
from synthetic import make_project  # noqa: E402

EDITIONS = ("en", "zh", "zh-Hans")
OWNED = ("cases", "technologies", "sectors", "pollutants", "initiatives", "years", "locations",
         "c", "t", "feeds", "impact", "data", "schema", "programme/charts")
WORDS = ("cleaner production factory energy saving effluent heat pump boiler solvent recovery "
         "demonstration project investment payback emission reduction sector pollutant").split()


def _pages(docs: Path) -> dict[str, list[Path]]:
    return {lang: sorted((docs / lang).rglob("*.md")) for lang in EDITIONS}


def stock_site(dest: Path, counts: dict[str, int], size: int, seed: int = 1) -> Path:
    """A stock MkDocs + Material + i18n site: counts[lang] pages of about `size` bytes each."""
    rng = random.Random(seed)
    theme = {"en": "en", "zh": "zh-Hant", "zh-Hans": "zh"}      # Material's names of the languages
    languages = "\n".join(
        f"        - locale: {lang}\n          name: {lang}\n          build: true\n"
        f"          theme:\n            language: {theme[lang]}" + ("\n          default: true" if lang == "en" else "")
        for lang in EDITIONS)
    (dest / "content").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(f"""site_name: Stock site
site_url: https://stock.example.org/
docs_dir: content
strict: true
theme:
  name: material
  features: [navigation.tabs, navigation.indexes]
plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
{languages}
nav:
  - Home: index.md
not_in_nav: |
  */pages/*.md
""", encoding="utf-8")
    for lang in EDITIONS:
        folder = dest / "content" / lang / "pages"
        folder.mkdir(parents=True)
        (dest / "content" / lang / "index.md").write_text("# Home\n\nA stock page.\n", encoding="utf-8")
        for i in range(counts[lang] - 1):
            parts = [f"# Page {i}\n"]
            while sum(len(p) for p in parts) < size:
                parts.append(" ".join(rng.choice(WORDS) for _ in range(40)) + ".\n")
                parts.append("\n".join(f"- **{rng.choice(WORDS)}**: {rng.randint(1, 999)}" for _ in range(4)) + "\n")
                parts.append("| Item | Value | Basis |\n|---|---:|---|\n"
                             + "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} % | reported |" for _ in range(3)) + "\n")
            (folder / f"p{i:05d}.md").write_text("\n".join(parts), encoding="utf-8")
    return dest


def _cold(project: Path) -> str:
    """Shell words that put a cpsite project back to a fresh clone's state before its build."""
    owned = " ".join(f"content/{lang}/{o}" for lang in ("en", "zh") for o in OWNED)
    return f"rm -rf site .generated content/zh-Hans {owned}"


def _bench(ours: Path, stock: Path, runs: int, warm: bool) -> Pairs:
    mkdocs = f"{sys.executable} -m mkdocs build --strict -q"
    a = f"cd {ours} && " + ("" if warm else _cold(ours) + " && ") + mkdocs
    b = f"cd {stock} && rm -rf site && {mkdocs}"
    return compare(a, b, runs, warmup=1 if warm else 0, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def run(n: int, runs: int, warm: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="cpsite-stock-") as tmp:
        ours = make_project(Path(tmp) / "ours", n)
        subprocess.run([sys.executable, "-m", "generator", "generate"], cwd=ours, check=True,
                       capture_output=True)
        pages = _pages(ours / "content")
        counts = {lang: len(p) for lang, p in pages.items()}
        size = sum(p.stat().st_size for ps in pages.values() for p in ps) // sum(counts.values())
        stock = stock_site(Path(tmp) / "stock", counts, size)
        pairs = _bench(ours, stock, runs, warm)
        shutil.rmtree(ours / "site", ignore_errors=True)
    failed = pairs.failed()
    if failed:
        raise SystemExit(f"{n} cases: a build failed:\n" + "\n".join(failed))
    ours_s, stock_s = (spread([r.wall for r in side])[1] for side in (pairs.a, pairs.b))
    total = sum(counts.values())
    return {"cases": n, "pages": total, "bytes per page": size, "ours s": ours_s, "stock s": stock_s,
            "ratio": spread(pairs.ratios), "ours ms/page": 1000 * ours_s / total, "stock ms/page": 1000 * stock_s / total,
            "peak MiB": round(spread([r.peak_mib for r in pairs.a])[1], 1), "report": report(pairs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[300, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm", action="store_true", help="rebuild from the last build's state")
    parser.add_argument("--report", action="store_true", help="print every figure's spread too")
    args = parser.parse_args()
    for n in args.sizes:
        r = run(n, args.runs, args.warm)
        low, median, high = r["ratio"]
        print(f"{r['cases']:>6} cases, {r['pages']} pages ({r['bytes per page']} B each): cpsite {r['ours s']:.1f} s "
              f"({r['ours ms/page']:.1f} ms/page), stock {r['stock s']:.1f} s ({r['stock ms/page']:.1f} ms/page); "
              f"ratio {median:.2f} (min {low:.2f}, max {high:.2f}); cpsite peak {r['peak MiB']} MiB", flush=True)
        if args.report:
            print(r["report"])


if __name__ == "__main__":
    main()
