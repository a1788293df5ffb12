"""What the footer of every page says besides the site's name (overrides/partials/copyright.html):
the programme's name and hotline, taken from data/programme.yaml, and the page's last-updated
date, taken from git.

- `programme_facts`: the programme's name (en, zh and the Simplified form of zh), its official
  website and its hotline, with the hotline as a `tel:` address (+852, Hong Kong). Nothing is
  made up: a fact missing from the data file is missing from the footer.
- `PageDates`: the date of the last commit that changed a file a page is made from. A
  hand-written page is made from its Markdown file (the Simplified edition from the
  Traditional one); a page that includes generated fragments (`--8<--`) also from the
  programme data in data/; a record's page from its record (`generated_from` in its front
  matter); a catalogue or any other page the build makes from every record and data file. One `git log` for the whole
  build. Outside a git work tree (a copied project, an archive) every page takes the build
  date (`history.build_date`), so the footer still shows a date.

It does not format dates for a language beyond the two forms the footer prints.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from generator.check import yamlsrc
from generator.core import git, history
from generator.edition.simplify import opencc_only

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
GIT_FOLDERS = ("content", "cases", "technologies", "data")
RECORD_FOLDERS = ("cases/", "technologies/", "data/")


def tel_address(number: str) -> Optional[str]:
    """`tel:` address of a Hong Kong number as written in the data ("2788 5588")."""
    digits = re.sub(r"[\s-]", "", number)
    if digits.startswith("+"):
        return "tel:" + digits if digits[1:].isdigit() else None
    return f"tel:+852{digits}" if digits.isdigit() and len(digits) == 8 else None


def programme_facts(root: Path) -> dict:
    """{"name": {lang: text}, "website": url or None, "hotline": text or None, "tel": address or None}."""
    path = root / "data" / "programme.yaml"
    data = {}
    if path.is_file():
        document, problems = yamlsrc.load_file(path, root)
        data = document.data if document is not None and not problems and isinstance(document.data, dict) else {}
    name = data.get("name") or {}
    names = {lang: name[lang] for lang in ("en", "zh") if isinstance(name.get(lang), str)}
    if "zh" in names:
        names["zh-Hans"] = opencc_only(names["zh"])
    number = (data.get("hotline") or {}).get("number")
    number = number if isinstance(number, str) and number.strip() else None
    return {"name": names, "website": (data.get("website") or {}).get("url"),
            "hotline": number, "tel": tel_address(number) if number else None}


def date_forms(moment: datetime) -> dict:
    """{"iso": "2026-12-02", "en": "2 December 2026", "zh": "2026 年 12 月 2 日"}."""
    day = moment.astimezone(timezone.utc)
    return {"iso": day.strftime("%Y-%m-%d"), "en": f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}",
            "zh": f"{day.year} 年 {day.month} 月 {day.day} 日"}


class PageDates:
    """Last-updated dates of pages, from one `git log` of the project (see the module docstring)."""

    def __init__(self, root: Path):
        self.root = root
        self.fallback = history.build_date(root)
        self.latest: dict[str, datetime] = {}
        log = git.at_top(root, "log", "--format=%x1e%cI", "--name-only", "--no-renames", "--", *GIT_FOLDERS)
        for chunk in (log or "").split("\x1e"):
            lines = [line.strip() for line in chunk.splitlines() if line.strip()]
            if lines:
                moment = history._parse(lines[0])
                for path in lines[1:]:
                    self.latest.setdefault(path, moment)      # git log lists the newest first
        self.in_git = bool(self.latest)

    def _newest(self, prefixes: tuple[str, ...]) -> Optional[datetime]:
        moments = [m for p, m in self.latest.items() if p.startswith(prefixes)]
        return max(moments) if moments else None

    def page_date(self, src_uri: str, meta: dict) -> datetime:
        """`src_uri`: the page's path under content/ ("zh-Hans/about.md"); `meta`: its front matter."""
        if not self.in_git:
            return self.fallback
        generated = meta.get("generated_from")
        if isinstance(generated, str):          # a record's page, or a catalogue of them all
            found = self.latest.get(generated) if generated.endswith(".yaml") else None
            return found or self._newest(RECORD_FOLDERS) or self.fallback
        source = "zh/" + src_uri.split("/", 1)[1] if src_uri.startswith("zh-Hans/") else src_uri
        if "content/" + source not in self.latest:   # not a committed page: made by the build
            return self._newest(RECORD_FOLDERS) or self.fallback
        moments = [self.latest.get("content/" + source)]
        text_path = self.root / "content" / source
        if text_path.is_file() and "--8<--" in text_path.read_text(encoding="utf-8"):
            moments.append(self._newest(("data/",)))
        moments = [m for m in moments if m]
        return max(moments) if moments else self.fallback
