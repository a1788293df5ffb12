"""Synthetic case records for benchmarks and scale tests (never for cases/ or the site).

`make_project(dest, n)` copies the real project (vocabularies, schemas, technologies,
templates, hand-written pages) into `dest` and writes `n` generated case records there. The
records are plainly fake ("Synthetic case 17") and use only real vocabulary keys and real
technology ids, so they exercise every page kind.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("technologies", "data", "schema", "overrides", "generator", "mkdocs.yml")

EN_WORDS = ("factory exhaust solvent energy compressor heat recovery dyeing wastewater sludge "
            "coating printing boiler steam chiller motor filter adsorption oxidiser line").split()
ZH_WORDS = "工廠 廢氣 溶劑 能源 壓縮機 熱能回收 染色 污水 污泥 塗裝 印刷 鍋爐 蒸汽 冷水機 電機 過濾 吸附 氧化".split()


def _keys(name: str) -> list[str]:
    return [t["key"] for t in yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text())["terms"]]


def _sentence(rng: random.Random, words, n: int, sep: str) -> str:
    return sep.join(rng.choice(words) for _ in range(n))


def case_record(i: int, rng: random.Random, vocab: dict, techs: list[str]) -> dict:
    cid = f"synthetic-{i:05d}"
    return {
        "id": cid,
        "title": {"en": f"Synthetic case {i}: {_sentence(rng, EN_WORDS, 6, ' ')}",
                  "zh": f"測試個案 {i}：{_sentence(rng, ZH_WORDS, 6, '')}"},
        "summary": {"en": _sentence(rng, EN_WORDS, 40, " ") + ".",
                    "zh": _sentence(rng, ZH_WORDS, 40, "") + "。"},
        "sector": rng.choice(vocab["sectors"]),
        "pollutants": sorted(rng.sample(vocab["pollutants"], rng.randint(1, 2))),
        "technologies": sorted(rng.sample(techs, rng.randint(1, 2))),
        "initiative": rng.choice(vocab["initiatives"]),
        "year": rng.randint(2008, 2026),
        "location": rng.choice(vocab["locations"]),
        "background": {"en": _sentence(rng, EN_WORDS, 60, " ") + ".", "zh": _sentence(rng, ZH_WORDS, 60, "") + "。"},
        "what_was_done": {"en": _sentence(rng, EN_WORDS, 60, " ") + ".", "zh": _sentence(rng, ZH_WORDS, 60, "") + "。"},
        "results": {"en": _sentence(rng, EN_WORDS, 40, " ") + ".", "zh": _sentence(rng, ZH_WORDS, 40, "") + "。"},
        "figures": {
            "investment": [{"amount": rng.randint(50, 2000) * 1000, "basis": "reported", "source": "s1"}],
            "annual_saving": [{"amount": rng.randint(10, 500) * 1000, "basis": "estimated", "source": "s1"}],
            "payback": [{"years": round(rng.uniform(0.5, 6), 1), "basis": "estimated", "source": "s1"}],
            "reductions": [{"quantity": rng.randint(1, 300), "unit": "tonne", "what": "voc",
                            "basis": rng.choice(["reported", "measured"]), "period": "annual", "source": "s1"}],
        },
        "sources": [{"id": "s1", "title": f"Synthetic source {i}", "publisher": "Benchmark",
                     "document": "Synthetic benchmark record", "date": "2024-01-01"}],
    }


def copy_project(dest: Path, parts=PARTS) -> Path:
    """A copy of the real project's `parts` and of its tracked hand-written pages in `dest`."""
    for part in parts:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    tracked = subprocess.run(["git", "ls-files", "content"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    for rel in tracked:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
    return dest


def make_project(dest: Path, n: int, seed: int = 1) -> Path:
    copy_project(dest)
    rng = random.Random(seed)
    vocab = {name: [k for k in _keys(name) if k != "not-stated"]
             for name in ("sectors", "pollutants", "initiatives", "locations")}
    techs = sorted(p.stem for p in (ROOT / "technologies").glob("*.yaml"))
    cases = dest / "cases"
    cases.mkdir()
    header = "# yaml-language-server: $schema=../schema/case.schema.json\n"
    for i in range(n):
        record = case_record(i, rng, vocab, techs)
        text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
        (cases / f"{record['id']}.yaml").write_text(header + text, encoding="utf-8")
    return dest
