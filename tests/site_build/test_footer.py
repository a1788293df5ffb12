"""The footer on every page of the built site, in every edition: names, licence, the hotline as
a tel: link and the last-updated date (the parts are unit-tested in tests/pages/test_footer.py)."""

from __future__ import annotations

import re

FOOTER = re.compile(r'<div class="md-copyright cp-footer" data-cp-footer>(.*?)</div>', re.S)
EDITIONS = {"": ("Cleaner Production Partnership Programme", "Page last updated: "),
            "zh/": ("清潔生產伙伴計劃", "本頁最後更新："), "zh-Hans/": ("清洁生产伙伴计划", "本页最后更新：")}


def test_every_page_has_the_footer(built_site):
    site = built_site / "site"
    checked = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        if rel.startswith("pagefind/") or 'http-equiv="refresh"' in html:
            continue
        prefix = next((p for p in ("zh-Hans/", "zh/") if rel.startswith(p)), "")
        name, updated = EDITIONS[prefix]
        footer = FOOTER.search(html)
        assert footer, rel
        text = footer.group(1)
        assert name in text and 'href="tel:+85227885588"' in text, rel
        assert 'rel="license"' in text and "creativecommons.org/licenses/by/4.0/" in text, rel
        if rel.endswith("404.html"):
            assert "<time" not in text, rel
        else:
            date = re.search(updated + r'<time datetime="(\d{4}-\d\d-\d\d)">', text)
            assert date, rel
        checked += 1
    assert checked > 300
