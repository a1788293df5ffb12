"""The addresses the site has published (data/published-urls.txt): each must keep working, as
a page or as a redirect page made from a record's former_ids. `cpsite check-site` holds the
built site to the list; `new-case` and `import` add the addresses of the records they write."""

from __future__ import annotations

from pathlib import Path

from generator.core.project import Project
from generator.model.records import EDITIONS

URL_LIST = Path("data") / "published-urls.txt"
HEADER = ("# Every address the site has published. Each must keep working: a page, or a redirect\n"
          "# page made from a record's former_ids. Checked by `cpsite check-site` and the tests.\n"
          "# Add lines with `cpsite check-site --update-urls`; remove one only on purpose.\n")


def read_urls(project: Project) -> list[str]:
    path = project.root / URL_LIST
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def add_urls(project: Project, urls) -> list[str]:
    """Add addresses to the list (sorted, no duplicates); returns those that were new."""
    have = read_urls(project)
    new = sorted(set(urls) - set(have))
    if new:
        path = project.root / URL_LIST
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + "".join(f"{u}\n" for u in sorted(set(have) | set(new))), encoding="utf-8")
    return new


def record_urls(kind: str, record_id: str) -> list[str]:
    """The addresses of one record's page in every language."""
    return [f"/{kind}/{record_id}/" if lang == EDITIONS[0] else f"/{lang}/{kind}/{record_id}/" for lang in EDITIONS]


def case_urls(record: dict) -> list[str]:
    """The addresses a new case brings: its page and its year's page (other catalogue pages
    exist for every vocabulary term already)."""
    urls = record_urls("cases", record["id"]) + record_urls("c", record["id"])   # page and short link
    if isinstance(record.get("year"), int):
        urls += record_urls("years", str(record["year"]))
    return urls
