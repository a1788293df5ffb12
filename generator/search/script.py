"""Cross-script search: which Chinese script an edition is written in, and a map from the
characters of the other script to the characters the edition uses, so that a Simplified query
finds Traditional pages (热泵 -> 熱泵) and a Traditional query finds Simplified pages.

The map is built from the edition's own indexed text with OpenCC: every run of Han
characters is converted to the other script (with several OpenCC configurations, to catch
regional variants), and each converted character is paired with the character it came from.
So only characters that occur on the site get an entry. Where one character of the other
script stands for several characters of the site (Simplified 发 for 發 and 髮), the one seen most
often wins, and the two-character pairs seen on the site settle the rest (头发 -> 頭髮). Runs
written in the other script (quoted titles) are left out. Pure text in, plain dicts out; this
module does not read or write files.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from typing import Iterable, Optional

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
TO_SIMPLIFIED = ("hk2s", "t2s", "tw2s")
TO_TRADITIONAL = ("s2hk", "s2t", "s2tw")
HANT_VARIANTS = ("hk2t", "t2tw", "tw2t", "t2hk")   # other Traditional forms (臺/台, 綫/線)


@functools.lru_cache(maxsize=None)
def converter(config: str):
    from opencc import OpenCC

    return OpenCC(config)


def han_runs(text: str) -> Iterable[str]:
    return HAN.findall(text)


def _changes(text: str, config: str) -> int:
    return sum(a != b for a, b in zip(text, converter(config).convert(text)))


def run_script(run: str) -> Optional[str]:
    """'hant' if converting to Simplified changes more of the run than converting to
    Traditional does, 'hans' for the opposite, None when both change it equally (shared
    characters)."""
    traditional_only, simplified_only = _changes(run, "t2s"), _changes(run, "s2t")
    if traditional_only == simplified_only:
        return None
    return "hant" if traditional_only > simplified_only else "hans"


def script_of(runs: Counter) -> Optional[str]:
    """'hant' or 'hans' for the text as a whole, None when it has no Han characters."""
    text = "".join(runs)
    if not text:
        return None
    return "hans" if _changes(text, "s2t") > _changes(text, "t2s") else "hant"


def convert(text: str, script: str) -> str:
    """Text of the Traditional sources in the given script (for synonyms and strings)."""
    return converter("hk2s").convert(text) if script == "hans" else text


def _aligned(run: str, config: str) -> str:
    other = converter(config).convert(run)
    if len(other) != len(run):   # a phrase of a different length: fall back to characters
        other = "".join(converter(config).convert(c) or c for c in run)
    return other if len(other) == len(run) else run


def fold_map(runs: Counter, script: str) -> dict:
    """{"chars": {other char: site char}, "pairs": {other pair: site pair}} for the runs of an
    edition written in `script` ('hant' or 'hans'); see the module docstring."""
    configs = TO_SIMPLIFIED + HANT_VARIANTS if script == "hant" else TO_TRADITIONAL
    # Text quoted in the other script (a source title in Simplified on the Traditional site)
    # says nothing about how the site writes a word, so it is left out.
    own = {run: count for run, count in runs.items() if run_script(run) in (script, None)}
    converted = [(run, count, _aligned(run, config)) for config in configs for run, count in own.items()]
    chars: dict = defaultdict(Counter)    # other char -> Counter(site char), itself included
    for run, count, other in converted:
        for o, s in zip(other, run):
            chars[o][s] += count
    best = {o: max(sorted(sources), key=lambda s: sources[s]) for o, sources in chars.items()}
    ambiguous = {o for o, sources in chars.items() if len(sources) > 1}
    pairs: dict = defaultdict(Counter)    # other pair -> Counter(site pair), for ambiguous chars
    for run, count, other in converted:
        for i in range(len(run) - 1):
            if ambiguous.intersection(other[i:i + 2]):
                pairs[other[i:i + 2]][run[i:i + 2]] += count
    out_pairs = {}
    for o, sources in pairs.items():
        site = max(sorted(sources), key=lambda s: sources[s])
        if site != "".join(best[c] for c in o):
            out_pairs[o] = site
    return {"chars": {o: s for o, s in sorted(best.items()) if s != o}, "pairs": dict(sorted(out_pairs.items()))}
