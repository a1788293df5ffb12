"""The footer of every page (overrides/partials/copyright.html, generator/pages/footer.py): the site's
and programme's names, the data licence, the hotline from data/programme.yaml as a tel: link,
and the page's last-updated date from git."""

from __future__ import annotations

from datetime import datetime, timezone

import yaml

from conftest import ROOT
from generator.pages.footer import PageDates, date_forms, programme_facts, tel_address
from gitrepo import commit, init


def test_hotline_is_the_one_in_the_data():
    number = yaml.safe_load((ROOT / "data/programme.yaml").read_text(encoding="utf-8"))["hotline"]["number"]
    facts = programme_facts(ROOT)
    assert facts["hotline"] == number and facts["tel"] == "tel:+852" + number.replace(" ", "")
    assert facts["name"] == {"en": "Cleaner Production Partnership Programme", "zh": "清潔生產伙伴計劃",
                             "zh-Hans": "清洁生产伙伴计划"}


def test_tel_addresses():
    assert tel_address("2788 5588") == "tel:+85227885588"
    assert tel_address("+852 2788 5588") == "tel:+85227885588"
    assert tel_address("ask us") is None and tel_address("123") is None


def test_a_project_without_a_hotline_has_none(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/programme.yaml").write_text("name:\n  en: P\n  zh: 計劃\n", encoding="utf-8")
    assert programme_facts(tmp_path)["tel"] is None and programme_facts(tmp_path)["hotline"] is None


def test_date_forms():
    forms = date_forms(datetime(2026, 3, 4, 23, 0, tzinfo=timezone.utc))
    assert forms == {"iso": "2026-03-04", "en": "4 March 2026", "zh": "2026 年 3 月 4 日"}


def test_page_dates_follow_the_files_a_page_is_made_from(tmp_path):
    init(tmp_path)
    for rel in ("content/en/about.md", "content/zh/about.md", "content/en/programme/funding.md",
                "cases/a.yaml", "data/funding.yaml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x\n", encoding="utf-8")
    (tmp_path / "content/en/programme/funding.md").write_text('--8<-- "en/programme/funding/matrix.md"\n')
    commit(tmp_path, "first", "2026-01-05T10:00:00+00:00")
    (tmp_path / "content/zh/about.md").write_text("y\n", encoding="utf-8")
    commit(tmp_path, "zh", "2026-02-06T10:00:00+00:00")
    (tmp_path / "data/funding.yaml").write_text("y\n", encoding="utf-8")
    commit(tmp_path, "data", "2026-03-07T10:00:00+00:00")
    dates = PageDates(tmp_path)
    day = lambda src, meta={}: dates.page_date(src, meta).strftime("%Y-%m-%d")    # noqa: E731
    assert day("en/about.md") == "2026-01-05"
    assert day("zh/about.md") == "2026-02-06"
    assert day("zh-Hans/about.md") == "2026-02-06"              # converted from the zh page
    assert day("en/programme/funding.md") == "2026-03-07"       # includes programme data
    assert day("en/cases/a.md", {"generated_from": "cases/a.yaml"}) == "2026-01-05"
    assert day("en/sectors/index.md", {"generated_from": "catalogue"}) == "2026-03-07"
