"""`cpsite l10n-status` and `cpsite l10n-mark`: which Chinese text is missing or older than
its English.

Hand-written pages: every `content/zh/<path>.md` names, in its front matter, the commit of
`content/en/<path>.md` it was translated from (`translated_from: <commit>`). The page is
outdated when the English page now differs from that commit (committed or not); missing when
there is no Chinese page; untracked when the field is absent or names an unknown commit.
`l10n-mark` writes the field, with the last commit of the English page.

Records (cases/, technologies/, data/): every text with `en` and `zh`. Its Chinese is missing
when `zh` is absent, empty or Latin letters without any Chinese character; outdated when the English was changed
in a later commit than the Chinese (git history of the record, plus uncommitted changes).

Only reads, except `l10n-mark`, which changes only the front matter of the pages it is given.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path
from typing import Optional

import yaml

from generator.check.yamlsrc import load_text
from generator.core.git import Git, NotARepository
from generator.core.problems import dotted
from generator.core.project import Project
from generator.model.kinds import GENERATED_DIRS, PUBLISHED_DIRS

FIELD = "translated_from"
RECORD_FOLDERS = ("cases", "technologies", "data")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FRONT = re.compile(r"\A---\n(.*?\n)?---\n", re.DOTALL)


@dataclasses.dataclass(frozen=True, order=True)
class Item:
    path: str                  # the file holding (or meant to hold) the Chinese
    field: str                 # record field, or '' for a whole page
    status: str                # missing | outdated | untracked
    detail: str
    english: str = ""          # the English page, for pages
    translated_from: str = ""  # commit the Chinese follows (pages) or last changed in (records)


def front_matter(text: str) -> dict:
    match = _FRONT.match(text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def hand_written(project: Project, lang: str) -> list[str]:
    base = project.content_dir / lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md")
                  if p.relative_to(base).parts[0] not in GENERATED_DIRS + PUBLISHED_DIRS)


def page_items(project: Project, git: Git) -> tuple[list[Item], int]:
    items: list[Item] = []
    pages = hand_written(project, "en")
    for rel in pages:
        en, zh = f"content/en/{rel}", f"content/zh/{rel}"
        if not (project.root / zh).is_file():
            items.append(Item(zh, "", "missing", "no Chinese page", en))
            continue
        commit = str(front_matter((project.root / zh).read_text(encoding="utf-8")).get(FIELD) or "")
        if not commit:
            items.append(Item(zh, "", "untracked", f"no '{FIELD}' in the front matter "
                              f"(run `cpsite l10n-mark {zh}` once it matches the English)", en))
            continue
        if not git.commit_exists(commit):
            items.append(Item(zh, "", "untracked", f"{FIELD}: commit {commit[:12]} is not in this "
                              "repository (shallow clone, or history rewritten?)", en, commit))
            continue
        then = git.show(commit, en)
        now = (project.root / en).read_text(encoding="utf-8")
        if then is None:
            items.append(Item(zh, "", "untracked", f"{en} did not exist in commit {commit[:12]}", en, commit))
        elif then != now:
            count = git.commits_since(commit, en)
            more = " and uncommitted changes" if git.dirty(en) else ""
            items.append(Item(zh, "", "outdated", f"{en} changed since {commit[:12]} "
                              f"({count} commit(s){more})", en, commit))
    return items, len(pages)


def texts(data, path=()) -> dict[tuple, tuple[Optional[str], Optional[str]]]:
    """Every {en, zh} text in a record: path -> (English, Chinese), whitespace-normalised."""
    found = {}
    if isinstance(data, dict):
        if isinstance(data.get("en"), str):
            zh = data.get("zh")
            found[path] = (" ".join(data["en"].split()), " ".join(zh.split()) if isinstance(zh, str) else None)
        for key, value in data.items():
            found.update(texts(value, path + (key,)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.update(texts(value, path + (i,)))
    return found


def _record_texts(text: Optional[str]) -> dict:
    if text is None:
        return {}
    doc, _ = load_text(text, "record")
    return texts(doc.data)


def record_items(project: Project, git: Git) -> tuple[list[Item], int]:
    files = sorted(p.relative_to(project.root).as_posix() for folder in RECORD_FOLDERS
                   for p in (project.root / folder).glob("*.yaml") if not p.name.startswith("_"))
    history = git.history(list(RECORD_FOLDERS))
    blobs = git.blobs([(c, rel) for rel in files for c in history.get(rel, [])])
    items: list[Item] = []
    for rel in files:
        current_text = (project.root / rel).read_text(encoding="utf-8")
        versions = [(c, blobs.get((c, rel))) for c in history.get(rel, [])]
        if not versions or versions[-1][1] != current_text:
            versions.append(("working tree", current_text))
        last_en: dict = {}
        last_zh: dict = {}
        before: dict = {}
        for index, (commit, text) in enumerate(versions):
            now = _record_texts(text)
            for path, (en, zh) in now.items():
                old_en, old_zh = before.get(path, (None, None))
                if en != old_en:
                    last_en[path] = (index, commit)
                if zh != old_zh:
                    last_zh[path] = (index, commit)
            before = now
        for path, (en, zh) in sorted(before.items(), key=lambda kv: str(kv[0])):
            field = dotted(path) or "record"
            if not zh or (not _HAN.search(zh) and re.search("[A-Za-z]", zh)):
                what = "absent" if zh is None else ("empty" if not zh else "has no Chinese characters")
                items.append(Item(rel, field, "missing", f"Chinese text {what}"))
            elif last_en[path][0] > last_zh.get(path, (-1, ""))[0]:
                en_at, zh_at = last_en[path][1], last_zh[path][1]
                items.append(Item(rel, field, "outdated", f"English changed in {en_at[:12]} after the "
                                  f"Chinese (last changed in {zh_at[:12]})", "", zh_at))
    return items, len(files)


def _table(items: list[Item]) -> str:
    rows = [("STATUS", "FILE", "FIELD", "DETAIL")] + [(i.status, i.path, i.field or "-", i.detail) for i in items]
    widths = [max(len(r[k]) for r in rows) for k in range(3)]
    return "\n".join(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}" for r in rows)


def status_command(project: Project, *, as_json: bool = False, show_diff: bool = False,
                   out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    try:
        git = Git(project.root)
    except NotARepository as exc:
        print(f"cpsite l10n-status: {exc}; translation status comes from git history", file=err)
        return 2
    pages, n_pages = page_items(project, git)
    records, n_records = record_items(project, git)
    items = pages + records
    if as_json:
        json.dump({"ok": not items, "checked": {"pages": n_pages, "records": n_records},
                   "items": [dataclasses.asdict(i) for i in items]}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif items:
        print(_table(items), file=out)
    if show_diff and not as_json:
        for item in items:
            if item.status == "outdated":
                target = item.english or item.path
                print(f"\n# {item.path} {item.field}: English changes since {item.translated_from[:12]}", file=out)
                out.write(git.diff(item.translated_from, target))
    counts = {s: sum(i.status == s for i in items) for s in ("missing", "outdated", "untracked")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    checked = f"{n_pages} page(s) and {n_records} record(s) checked"
    print(f"{summary} ({checked})" if items else f"OK: Chinese is complete and current ({checked})", file=err)
    return 1 if items else 0


def set_front_matter_field(text: str, name: str, value: str) -> str:
    """Set one top-level front-matter field, leaving every other byte of the page as it was."""
    line = f"{name}: {value}\n"
    match = _FRONT.match(text)
    if not match:
        return f"---\n{line}---\n\n{text}"
    body = match.group(1) or ""
    pattern = re.compile(rf"^{re.escape(name)}:.*\n", re.MULTILINE)
    body = pattern.sub(line, body, count=1) if pattern.search(body) else body + line
    return f"---\n{body}---\n" + text[match.end():]


def mark_command(project: Project, pages: list[Path], err=None) -> int:
    err = err or sys.stderr
    try:
        git = Git(project.root)
    except NotARepository as exc:
        print(f"cpsite l10n-mark: {exc}", file=err)
        return 2
    failed = 0
    for page in pages:
        try:
            rel = page.resolve().relative_to((project.content_dir / "zh").resolve()).as_posix()
        except ValueError:
            print(f"{page}: not a page under content/zh/", file=err)
            failed += 1
            continue
        en = f"content/en/{rel}"
        commit = git.last_commit(en)
        if not (project.root / en).is_file() or commit is None:
            print(f"{page}: no committed English page {en}", file=err)
            failed += 1
        elif git.dirty(en):
            print(f"{page}: {en} has uncommitted changes: commit the English page first", file=err)
            failed += 1
        else:
            path = project.content_dir / "zh" / rel
            path.write_text(set_front_matter_field(path.read_text(encoding="utf-8"), FIELD, commit),
                            encoding="utf-8")
            print(f"content/zh/{rel}: {FIELD} {commit}", file=err)
    return 1 if failed else 0
