"""`cpsite l10n-status` and `cpsite l10n-mark` in throw-away git repositories: missing,
untracked and outdated Chinese for pages and records, the table, the JSON and the exit code."""

import json
import os
import re
import subprocess

import pytest

from conftest import ROOT, copy_project, cpsite

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo, *args):
    env = dict(os.environ, **GIT_ENV)
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env,
                          check=True).stdout.strip()


def commit(repo, message="change"):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path):
    project = copy_project(tmp_path / "p")
    git(project, "init", "-q", "-b", "main")
    commit(project, "start")
    return project


@pytest.fixture
def marked(repo):
    result = cpsite(repo, "l10n-mark", *zh_pages(repo))
    assert result.returncode == 0, result.stderr
    commit(repo, "mark translations")
    return repo


def zh_pages(project):
    return sorted(p.relative_to(project).as_posix() for p in (project / "content/zh").rglob("*.md")
                  if subprocess.run(["git", "ls-files", "--error-unmatch", str(p)], cwd=project,
                                    capture_output=True).returncode == 0)


def rows(result):
    return [line.split(None, 3) for line in result.stdout.splitlines()[1:]]


def test_commits_from_elsewhere_are_untracked_until_marked(repo):
    result = cpsite(repo, "l10n-status")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].split() == ["STATUS", "FILE", "FIELD", "DETAIL"]
    assert [r[:3] for r in rows(result)] == [["untracked", page, "-"] for page in zh_pages(repo)]
    assert "is not in this repository (shallow clone, or history rewritten?)" in result.stdout
    head = git(repo, "log", "-1", "--format=%H", "--", "content/en/index.md")
    marked = cpsite(repo, "l10n-mark", *zh_pages(repo))
    assert marked.returncode == 0
    page = (repo / "content/zh/index.md").read_text()
    assert page.startswith("---\ntitle: 清潔生產個案及技術\n")
    assert f"\ntranslated_from: {head}\n---\n" in page
    commit(repo)
    ok = cpsite(repo, "l10n-status")
    assert ok.returncode == 0 and ok.stdout == ""
    assert ok.stderr.startswith(f"OK: Chinese is complete and current ({len(zh_pages(repo))} page(s) and ")


def test_english_page_changed_since_the_translation(marked):
    since = git(marked, "log", "-1", "--format=%H", "--", "content/en/about.md")
    about = marked / "content/en/about.md"
    about.write_text(about.read_text() + "\nA new English paragraph.\n")
    dirty = cpsite(marked, "l10n-status")
    assert dirty.returncode == 1
    assert rows(dirty) == [["outdated", "content/zh/about.md", "-",
                            f"content/en/about.md changed since {since[:12]} (0 commit(s) and uncommitted changes)"]]
    refused = cpsite(marked, "l10n-mark", "content/zh/about.md")
    assert refused.returncode == 1 and "commit the English page first" in refused.stderr
    commit(marked)
    result = cpsite(marked, "l10n-status", "--diff")
    assert result.returncode == 1
    assert f"content/en/about.md changed since {since[:12]} (1 commit(s))" in result.stdout
    assert "+A new English paragraph." in result.stdout
    as_json = cpsite(marked, "l10n-status", "--json")
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and data["checked"]["pages"] == len(zh_pages(marked))
    assert data["items"] == [{"path": "content/zh/about.md", "field": "", "status": "outdated",
                              "detail": f"content/en/about.md changed since {since[:12]} (1 commit(s))",
                              "english": "content/en/about.md", "translated_from": since}]
    assert cpsite(marked, "l10n-mark", "content/zh/about.md").returncode == 0
    commit(marked)
    assert cpsite(marked, "l10n-status").returncode == 0


def test_missing_chinese_page_and_missing_field(marked):
    (marked / "content/en/guide.md").write_text("# Guide\n")
    (marked / "content/zh/index.md").write_text(
        (marked / "content/zh/index.md").read_text().replace("translated_from:", "x_translated_from:"))
    result = cpsite(marked, "l10n-status")
    assert result.returncode == 1
    assert [r[:3] for r in rows(result)] == [["missing", "content/zh/guide.md", "-"],
                                             ["untracked", "content/zh/index.md", "-"]]
    assert "no 'translated_from' in the front matter (run `cpsite l10n-mark content/zh/index.md`" in result.stdout


def test_record_english_changed_after_its_chinese(marked):
    record = marked / "cases/cppp-dp-2009-metal-heat-pump.yaml"
    text = record.read_text()
    record.write_text(text.replace("  en: More efficient heat pumps", "  en: Better heat pumps"))
    first = commit(marked, "english title")
    result = cpsite(marked, "l10n-status")
    assert result.returncode == 1
    assert rows(result) == [["outdated", "cases/cppp-dp-2009-metal-heat-pump.yaml", "title",
                             f"English changed in {first[:12]} after the Chinese (last changed in "
                             f"{git(marked, 'rev-list', '--max-parents=0', 'HEAD')[:12]})"]]
    record.write_text(record.read_text().replace("zh: 金屬加工廠引入更高效的熱泵", "zh: 金屬加工廠改用更佳的熱泵"))
    commit(marked, "chinese title")
    assert cpsite(marked, "l10n-status").returncode == 0


def test_english_and_chinese_changed_together_is_current(marked):
    record = marked / "cases/cppp-dp-2009-metal-heat-pump.yaml"
    record.write_text(record.read_text().replace("  en: More efficient heat pumps", "  en: Better heat pumps")
                      .replace("zh: 金屬加工廠引入更高效的熱泵", "zh: 金屬加工廠改用更佳的熱泵"))
    commit(marked)
    assert cpsite(marked, "l10n-status").returncode == 0


def test_record_chinese_missing_or_untranslated(marked):
    record = marked / "cases/cppp-dp-2009-metal-heat-pump.yaml"
    text = record.read_text().replace("  zh: 金屬加工廠引入更高效的熱泵\n", "")
    text = re.sub(r"(summary:\n  en: >-\n(?:    .*\n)+  zh: >-\n)    .*\n", r"\1    To be translated.\n", text)
    assert "    To be translated.\n" in text
    record.write_text(text)
    result = cpsite(marked, "l10n-status", "--json")
    assert result.returncode == 1
    items = {(i["field"], i["status"], i["detail"]) for i in json.loads(result.stdout)["items"]}
    assert ("title", "missing", "Chinese text absent") in items
    assert ("summary", "missing", "Chinese text has no Chinese characters") in items


def test_outside_a_git_checkout(tmp_path):
    project = copy_project(tmp_path / "p")
    result = cpsite(project, "l10n-status")
    assert result.returncode == 2
    assert "is not inside a git checkout" in result.stderr


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout (no history to compare)")
def test_this_repository_tracks_every_translation():
    result = cpsite(ROOT, "l10n-status", "--json")
    data = json.loads(result.stdout)
    pages = [i for i in data["items"] if i["path"].startswith("content/")]
    assert pages == [], "pages with missing, untracked or outdated Chinese: " + json.dumps(pages, ensure_ascii=False)
    assert data["checked"]["pages"] >= 2
