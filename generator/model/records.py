"""The data model: frozen records built from data that has already passed validation.

Templates and catalogue code only ever see these objects, never raw YAML. Building them does
no checking; call `validate` first.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional

from generator.core.safeurl import normalise_url

_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_FOLDED_SPACE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def tidy_zh(text: str) -> str:
    """Drop the spaces YAML line folding puts between two Chinese characters."""
    return _FOLDED_SPACE.sub("", text)

LANGS = ("en", "zh")  # languages written by hand; derived editions are made from these
EDITIONS = LANGS + ("zh-Hans",)  # every language folder of the published site (zh-Hans is converted from zh)


@dataclasses.dataclass(frozen=True)
class Text:
    en: str
    zh: str

    def __getitem__(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en

    @classmethod
    def of(cls, raw: Optional[dict]) -> Optional["Text"]:
        return cls(raw["en"], tidy_zh(raw["zh"])) if raw else None


def _url(value: Optional[str]) -> Optional[str]:
    """Validation has refused URLs that cannot be made safe; the model keeps the normalised form."""
    return normalise_url(value) if value else None


@dataclasses.dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: Optional[str]       # None only for an undated web page, which then has `accessed`
    url: Optional[str] = None
    document: Optional[str] = None
    language: Optional[str] = None
    accessed: Optional[str] = None
    locator: Optional[str] = None

    @classmethod
    def of(cls, raw: dict) -> "Source":
        return cls(raw["id"], raw["title"], raw["publisher"], str(raw["date"]) if "date" in raw else None,
                   _url(raw.get("url")), raw.get("document"), raw.get("language"), raw.get("accessed"),
                   raw.get("locator"))


FIGURE_KINDS = ("investment", "subsidy", "annual_saving", "payback", "reductions")


@dataclasses.dataclass(frozen=True)
class Figure:
    kind: str                 # one of FIGURE_KINDS
    value: float              # amount (money), years (payback) or quantity (reductions)
    basis: str
    source: Source
    currency: Optional[str] = None
    unit: Optional[str] = None
    what: Optional[str] = None
    period: Optional[str] = None
    qualifier: Optional[str] = None
    scope: Optional[Text] = None
    note: Optional[Text] = None


def _figures(raw: dict, sources: dict) -> tuple:
    out = []
    for kind in FIGURE_KINDS:
        for item in raw.get(kind, []):
            value = item.get("amount", item.get("years", item.get("quantity")))
            out.append(Figure(
                kind=kind, value=value, basis=item["basis"], source=sources[item["source"]],
                currency=item.get("currency", "HKD") if "amount" in item else None,
                unit=item.get("unit"), what=item.get("what"), period=item.get("period"),
                qualifier=item.get("qualifier"), scope=Text.of(item.get("scope")),
                note=Text.of(item.get("note"))))
    return tuple(out)


@dataclasses.dataclass(frozen=True)
class Case:
    id: str
    path: str                 # record file, relative to the project root
    title: Text
    summary: Text
    sector: str
    pollutants: tuple
    technologies: tuple
    initiative: str
    year: int
    sources: tuple
    phase: Optional[str] = None
    location: Optional[str] = None
    company: Optional[str] = None
    background: Optional[Text] = None
    what_was_done: Optional[Text] = None
    results: Optional[Text] = None
    figures: tuple = ()
    former_ids: tuple = ()

    @classmethod
    def of(cls, raw: dict, path: str) -> "Case":
        sources = {s["id"]: Source.of(s) for s in raw["sources"]}
        return cls(
            id=raw["id"], path=path, title=Text.of(raw["title"]), summary=Text.of(raw["summary"]),
            sector=raw["sector"], pollutants=tuple(raw["pollutants"]),
            technologies=tuple(raw["technologies"]), initiative=raw["initiative"], year=int(raw["year"]),
            sources=tuple(sources.values()), phase=raw.get("phase"), location=raw.get("location"),
            company=raw.get("company"), background=Text.of(raw.get("background")),
            what_was_done=Text.of(raw.get("what_was_done")), results=Text.of(raw.get("results")),
            figures=_figures(raw.get("figures", {}), sources),
            former_ids=tuple(raw.get("former_ids", ())))


@dataclasses.dataclass(frozen=True)
class Demonstration:
    period: str
    source: Source
    wording: Optional[str] = None


@dataclasses.dataclass(frozen=True)
class Evidence:
    """One indicative figure for a technology from a public source; never a case figure and
    never added to one. `value`, or `low` and `high`, in `unit` (data/units.yaml)."""

    kind: str                 # a key of data/evidence-kinds.yaml
    unit: str
    basis: str                # literature | vendor | programme
    conditions: Text
    source: Source
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    what: Optional[str] = None
    qualifier: Optional[str] = None
    price_year: Optional[int] = None

    @classmethod
    def of(cls, raw: dict, sources: dict) -> "Evidence":
        return cls(kind=raw["kind"], unit=raw["unit"], basis=raw["basis"], conditions=Text.of(raw["conditions"]),
                   source=sources[raw["source"]], value=raw.get("value"), low=raw.get("low"),
                   high=raw.get("high"), what=raw.get("what"), qualifier=raw.get("qualifier"),
                   price_year=raw.get("price_year"))

    @property
    def sort_value(self) -> float:
        """The figure for ordering: the single value, else the middle of the range."""
        return self.value if self.value is not None else (self.low + self.high) / 2


@dataclasses.dataclass(frozen=True)
class Technology:
    id: str
    path: str
    name: Text
    aliases: Text             # each side a tuple of strings
    pollutants: tuple
    sectors: tuple
    principle: Text
    applicability: Text
    demonstrated: tuple
    sources: tuple
    former_ids: tuple = ()
    evidence: tuple = ()      # Evidence, in record order
    evidence_gap: Optional[Text] = None   # what was looked for and not found

    @classmethod
    def of(cls, raw: dict, path: str) -> "Technology":
        sources = {s["id"]: Source.of(s) for s in raw["sources"]}
        aliases = raw.get("aliases", {})
        return cls(
            id=raw["id"], path=path, name=Text.of(raw["name"]),
            aliases=Text(tuple(aliases.get("en", ())), tuple(aliases.get("zh", ()))),
            pollutants=tuple(raw["pollutants"]), sectors=tuple(raw["sectors"]),
            principle=Text.of(raw["principle"]), applicability=Text.of(raw["applicability"]),
            demonstrated=tuple(sorted(
                (Demonstration(d["period"], sources[d["source"]], d.get("wording"))
                 for d in raw["demonstrated"]), key=lambda d: d.period)),
            sources=tuple(sources.values()), former_ids=tuple(raw.get("former_ids", ())),
            evidence=tuple(Evidence.of(e, sources) for e in raw.get("evidence", ())),
            evidence_gap=Text.of(raw["evidence_gap"]) if raw.get("evidence_gap") else None)


@dataclasses.dataclass(frozen=True)
class Term:
    key: str
    label: Text
    extra: dict               # any further fields of the vocabulary entry (group, synonyms, ...)


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    name: str
    noun: Text
    terms: dict               # key -> Term, in file order
    sources: tuple

    @classmethod
    def of(cls, raw: dict) -> "Vocabulary":
        terms = {}
        for t in raw["terms"]:
            extra = {k: v for k, v in t.items() if k not in ("key", "en", "zh")}
            terms[t["key"]] = Term(t["key"], Text(t["en"], t["zh"]), extra)
        return cls(raw["vocabulary"], Text.of(raw["noun"]), terms,
                   tuple(Source.of(s) for s in raw.get("sources", ())))

    def label(self, key: str, lang: str) -> str:
        return self.terms[key].label[lang]


@dataclasses.dataclass(frozen=True)
class Corpus:
    """Everything the site is generated from."""

    cases: tuple              # sorted by id
    technologies: tuple       # sorted by id
    vocab: dict               # vocabulary name -> Vocabulary
    programme: Optional[object] = None   # model.programme.Programme (programme data files)
