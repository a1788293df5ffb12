"""Lighthouse's accessibility, best-practice and SEO audits on a case page in every language
(scores, not speed: the performance score is measured by benchmarks/lighthouse.py)."""

import sys

import pytest

from conftest import NODE_MODULES, ROOT, require_tool

pytestmark = [pytest.mark.browser, pytest.mark.slow]
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.mark.parametrize("prefix", ["", "zh/", "zh-Hans/"])
def test_case_page_scores(chromium, built_site, prefix):
    require_tool(NODE_MODULES / ".bin/lighthouse", "Lighthouse")
    from lighthouse import lighthouse
    from served import Server

    server = Server(built_site / "site")
    try:
        report = lighthouse(f"{server.url}{prefix}cases/pilot-2007-cc-joint-printing/",
                            ["accessibility", "best-practices", "seo"])
    finally:
        server.close()
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    failing = sorted(k for k, a in report["audits"].items()
                     if a.get("score") == 0 and a.get("scoreDisplayMode") == "binary")
    assert scores["accessibility"] == 100, failing
    assert scores["seo"] == 100, failing
    assert scores["best-practices"] >= 95, failing
