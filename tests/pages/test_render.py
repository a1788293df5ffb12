"""Rendering: golden pages for the fixture records, and record text that can never become markup."""

import dataclasses
import re
from pathlib import Path

import markdown
import pytest

from conftest import FIXTURES
from generator.build.generate import generate
from generator.check.validate import validate_project
from generator.core import memo
from generator.core.project import Project
from generator.model import catalogue
from generator.model.kinds import GENERATED_DIRS
from generator.model.records import LANGS, Text
from generator.pages import language
from generator.site.config import load as load_site

GOLDEN = FIXTURES.parent / "golden"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "def_list", "toc"]


def _generated(project: Path) -> dict:
    files = {}
    for lang in LANGS:
        for folder in GENERATED_DIRS:
            for path in sorted((project / "content" / lang / folder).rglob("*.md")):
                files[f"{lang}/{path.relative_to(project / 'content' / lang).as_posix()}"] = path.read_text()
    return files


def test_golden_pages(fixture_project, update_golden):
    generate(Project(fixture_project), load_site(fixture_project), edit_base="https://example.org/repo/edit/main/")
    got = _generated(fixture_project)
    if update_golden:
        for rel, text in got.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text)
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text() for p in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(got) == sorted(expected), "generated file set changed: run pytest --update-golden and review"
    for rel in expected:
        assert got[rel] == expected[rel], f"{rel} differs from tests/golden (pytest --update-golden to accept)"


def test_second_run_writes_nothing(fixture_project):
    project = Project(fixture_project)
    _, first = generate(project, load_site(project.root))
    _, second = generate(project, load_site(project.root))
    assert first.written and not second.written and not second.removed


def test_deleted_record_leaves_no_page(fixture_project):
    project = Project(fixture_project)
    generate(project, load_site(project.root))
    page = fixture_project / "content/en/cases/fx-case-minimal.md"
    assert page.exists()
    (fixture_project / "cases/fx-case-minimal.yaml").unlink()
    _, changes = generate(project, load_site(project.root))
    assert not page.exists() and page in changes.removed


def _case_html(corpus, case, lang="en"):
    cat = catalogue.build(corpus)
    pages = language.render_language(corpus, cat, lang, None)
    text = pages[f"cases/{case.id}.md"].split("---\n", 2)[2]
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_markup_in_record_text_prints_as_text(fixture_project):
    corpus = validate_project(Project(fixture_project)).corpus
    case = next(c for c in corpus.cases if c.id == "fx-case-full")
    html = _case_html(corpus, case)
    assert "[a link](https://example.org), {: .attr } and | pipes |" in html
    assert 'href="https://example.org"' not in html
    assert "<em>every</em>" not in html and "*every*" in html
    assert "# not a heading" in html and "<h1>not a heading" not in html
    assert "1. Not a list" in html


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">',
                                     "[x](javascript:alert(1))"])
def test_html_that_slipped_past_validation_is_still_inert(fixture_project, payload):
    corpus = validate_project(Project(fixture_project)).corpus
    case = next(c for c in corpus.cases if c.id == "fx-case-minimal")
    evil = dataclasses.replace(case, title=Text(payload, payload), summary=Text(payload, payload),
                               company=payload)
    corpus = dataclasses.replace(corpus, cases=(evil,) + tuple(c for c in corpus.cases if c is not case))
    html = _case_html(corpus, evil)
    assert not re.search(r"<(script|img)\b(?![^>]*/qr\.svg\")", html)   # the page's own QR code is fine
    assert 'href="javascript:' not in html


def _retitled(record, suffix):
    return dataclasses.replace(record, title=Text(record.title.en + suffix, record.title.zh + suffix))


def test_kept_case_pages_follow_every_input(fixture_project, monkeypatch):
    """The dev server keeps a case page while what it is made from stays the same: after each
    change below, the pages are those made from nothing, and the changed ones did change."""
    monkeypatch.setattr(memo, "_enabled", [True])
    base = validate_project(Project(fixture_project)).corpus
    full = next(c for c in base.cases if c.id == "fx-case-full")
    minimal = next(c for c in base.cases if c.id == "fx-case-minimal")
    tech = next(t for t in base.technologies if t.id == full.technologies[0])
    sectors = base.vocab["sectors"]
    term = sectors.terms[full.sector]

    def cases(*replaced):
        by_id = {c.id: c for c in (*replaced,)}
        return dataclasses.replace(base, cases=tuple(by_id.get(c.id, c) for c in base.cases))
    changes = {
        "the case itself": (cases(_retitled(full, " (edited)")), {"cases/fx-case-full.md"}),
        "a case's figures": (cases(dataclasses.replace(full, figures=tuple(
            dataclasses.replace(f, value=f.value * 3 + 7) for f in full.figures))),
            {"cases/fx-case-full.md", f"sectors/{full.sector}.md"}),      # its impact section
        "a related case": (cases(_retitled(minimal, " (edited)")), {"cases/fx-case-full.md", "cases/fx-case-minimal.md"}),
        "a technology's name": (dataclasses.replace(base, technologies=tuple(
            dataclasses.replace(t, name=Text(t.name.en + " (renamed)", t.name.zh + "（新名）")) if t is tech else t
            for t in base.technologies)), {"cases/fx-case-full.md"}),
        "a vocabulary label": (dataclasses.replace(base, vocab={**base.vocab, "sectors": dataclasses.replace(
            sectors, terms={**sectors.terms, full.sector: dataclasses.replace(term, label=Text("Relabelled", "新標籤"))})}),
            {"cases/fx-case-full.md"}),
    }
    assert "fx-case-minimal" in {c.id for c in catalogue.build(base).related_cases["fx-case-full"]}
    for lang in LANGS:
        before = language.render_language(base, catalogue.build(base), lang, None)
        for what, (corpus, changed) in changes.items():
            memo.next_run()
            language.render_language(base, catalogue.build(base), lang, None)      # kept
            kept = language.render_language(corpus, catalogue.build(corpus), lang, None)
            monkeypatch.setattr(memo, "_enabled", [False])
            assert kept == language.render_language(corpus, catalogue.build(corpus), lang, None), (what, lang)
            monkeypatch.setattr(memo, "_enabled", [True])
            assert {path for path in changed if kept[path] != before[path]} == changed, (what, lang)
