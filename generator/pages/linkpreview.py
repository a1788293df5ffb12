"""Structured data (schema.org JSON-LD) for case and technology pages.

`case_data` and `technology_data` return plain dicts; `script_json` turns one into the JSON
text that goes into the page's front matter as `structured_data` and that overrides/main.html
prints as is inside <script type="application/ld+json"> (<, > and & are written as JSON
escapes, so no text can end the script element). Title, description and Open Graph tags come
from the front matter `title` and `description` that every generated page already has. Only
facts from the record are used; nothing is added.
"""

from __future__ import annotations

import json

from generator.core.siteinfo import SiteInfo
from generator.model.records import Case, Corpus, Source, Technology
from generator.pages.sharing import short_url


def _url(site: SiteInfo, lang: str, kind: str, record_id: str) -> str:
    return site.absolute(lang, f"{kind}/{record_id}/")


def _citation(source: Source) -> dict:
    out = {"@type": "CreativeWork", "name": source.title,
           "publisher": {"@type": "Organization", "name": source.publisher}}
    if source.date:
        out["datePublished"] = source.date
    if source.url:
        out["url"] = source.url
    if source.language:
        out["inLanguage"] = source.language
    return out


def _common(site: SiteInfo, lang: str, kind: str, record, headline: str, description: str) -> dict:
    url = _url(site, lang, kind, record.id)
    return {
        "@context": "https://schema.org", "@type": "Article" if kind == "cases" else "TechArticle",
        "@id": url, "url": url, "headline": headline, "description": " ".join(description.split()),
        "identifier": record.id, "inLanguage": site.tag(lang),
        "sameAs": short_url(site, lang, kind, record.id),
        "isPartOf": {"@type": "WebSite", "url": site.absolute(lang)},
        "citation": [_citation(s) for s in record.sources],
    }


def case_data(case: Case, corpus: Corpus, site: SiteInfo, lang: str) -> dict:
    vocab = corpus.vocab
    techs = {t.id: t for t in corpus.technologies}
    data = _common(site, lang, "cases", case, case.title[lang], case.summary[lang])
    data["about"] = ([{"@type": "Thing", "name": techs[x].name[lang], "url": _url(site, lang, "technologies", x)}
                      for x in case.technologies]
                     + [{"@type": "Thing", "name": vocab["pollutants"].label(p, lang)} for p in case.pollutants])
    data["keywords"] = [vocab["sectors"].label(case.sector, lang)] + [vocab["pollutants"].label(p, lang)
                                                                     for p in case.pollutants]
    data["temporalCoverage"] = str(case.year)
    if case.location:
        data["spatialCoverage"] = {"@type": "Place", "name": vocab["locations"].label(case.location, lang)}
    return data


def technology_data(tech: Technology, corpus: Corpus, site: SiteInfo, lang: str) -> dict:
    vocab = corpus.vocab
    data = _common(site, lang, "technologies", tech, tech.name[lang], tech.principle[lang])
    data["about"] = {"@type": "Thing", "name": tech.name[lang],
                     "alternateName": [tech.name["en" if lang.startswith("zh") else "zh"], *tech.aliases[lang]]}
    data["keywords"] = [vocab["pollutants"].label(p, lang) for p in tech.pollutants]
    return data



def script_json(data: dict) -> str:
    text = json.dumps(data, allow_nan=False, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
