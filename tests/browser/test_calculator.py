"""The funding calculator in real headless Chromium, in both languages: typed values give
exactly what generator/model/funding.py gives for the same rules, including the ceiling, the
higher ceiling and bad input (a message in the page's language, never NaN)."""

import json

import pytest
import yaml

from conftest import ROOT
from generator.model import funding

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DATA = yaml.safe_load((ROOT / "data/funding.yaml").read_text(encoding="utf-8"))
RULES = {r.id: r for r in funding.rules(DATA)}
PREFIX = {"en": "", "zh": "zh/"}


def _text(lang):
    """The page's strings, read from the locale files (not from the page)."""
    p = yaml.safe_load((ROOT / f"generator/locales/programme.{lang}.yaml").read_text(encoding="utf-8"))
    base = yaml.safe_load((ROOT / f"generator/locales/{lang}.yaml").read_text(encoding="utf-8"))
    return {"years": p["calc_years"], "money": base["money_HKD"], "capped": p["calc_capped"],
            "notCapped": p["calc_not_capped"], "noSaving": p["calc_no_saving"], "fixErrors": p["calc_fix_errors"],
            "errors": {k: p["calc_error_" + k] for k in ("empty", "not-a-number", "negative", "zero", "too-large")}}


CASES = [  # rule, cost typed, saving typed, higher ceiling ticked
    ("phase-5/new-technology", "2,000,000", "300000", False),     # capped at the ceiling
    ("phase-5/new-technology", "2,000,000", "300000", True),      # the higher ceiling
    ("phase-5/new-technology", "1000000", "", False),             # below the ceiling, no saving
    ("phase-4/dp-i", "900000", "120,000", False),                 # exactly at the ceiling
    ("phase-4/dp-i", "900001", "120000", False),                  # one dollar over it
    ("phase-4/on-site-assessment", "60000.50", "7,777.77", False),
    ("phase-4/dp-ii", "１５０００００", "２５００００", False),      # full-width digits
    ("phase-2/on-site-assessment", "49999.99", "3", False),
    ("phase-3/demonstration-project", "", "", False),            # empty cost
    ("phase-3/demonstration-project", "-5000", "", False),
    ("phase-3/demonstration-project", "abc", "", False),
    ("phase-3/demonstration-project", "0", "", False),
    ("phase-3/demonstration-project", "500000", "x", False),      # bad saving
    ("phase-3/demonstration-project", "1e6", "-3", False),        # both bad
    ("phase-4/dp-ii", "99999999999", "", False),                  # too large
]


def _shown(page) -> dict:
    out = {}
    for key, selector in (("subsidy", "#cp-calc-subsidy"), ("share", "#cp-calc-share"),
                          ("payback_without", "#cp-calc-payback-without"), ("payback_with", "#cp-calc-payback-with"),
                          ("note", "#cp-calc-note"), ("cost", "#cp-calc-cost-error"), ("saving", "#cp-calc-saving-error")):
        if page.locator(selector).count():
            out[key] = page.locator(selector).inner_text().strip()
    return out


@pytest.mark.parametrize("lang", PREFIX)
def test_calculator_agrees_with_the_python_arithmetic(browser_page, served_site, lang):
    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_site + PREFIX[lang] + "programme/calculator/")
    data = json.loads(page.locator("#cp-calc-data").text_content())
    assert data["rules"] == funding.rules_json(DATA)
    assert page.locator("#cp-calc-rule").input_value() == funding.rules(DATA)[0].id    # current phase first
    text = _text(lang)
    for rule_id, cost, saving, higher in CASES:
        page.select_option("#cp-calc-rule", rule_id)
        boxes = page.locator(f'.cp-calc-higher[data-rule="{rule_id}"] input')
        assert boxes.count() == (1 if RULES[rule_id].higher_ceiling else 0)
        if boxes.count():
            boxes.set_checked(higher)
        page.fill("#cp-calc-cost", cost)
        page.fill("#cp-calc-saving", saving)
        page.click("#cp-calc button[type=submit]")
        want = funding.shown(RULES[rule_id], cost, saving, higher, text)
        got = _shown(page)
        if "errors" in want:
            assert got == want["errors"], (rule_id, cost, saving)
            assert page.locator("#cp-calc-result").inner_text().strip() == text["fixErrors"]
            for field in want["errors"]:
                assert page.locator(f"#cp-calc-{field}").get_attribute("aria-invalid") == "true"
        else:
            note = want.pop("note") + (" " + want.pop("payback") if "payback" in want else "")
            assert got == dict(want, note=note), (rule_id, cost, saving, higher)
            assert page.locator("#cp-calc-cost").get_attribute("aria-invalid") is None
        assert "NaN" not in page.locator("main").inner_text() and "undefined" not in page.locator("main").inner_text()
    assert errors == []


def test_cases_cover_the_cap_the_higher_ceiling_and_every_error():
    text = _text("en")
    results = [funding.shown(RULES[r], c, s, h, text) for r, c, s, h in CASES]
    capped = [x for x in results if x.get("note") == text["capped"]]
    codes = {m for x in results for m in x.get("errors", {}).values()}
    assert capped and any(x.get("note") == text["notCapped"] for x in results)
    assert codes == set(text["errors"].values())
    assert results[0]["subsidy"] != results[1]["subsidy"]        # the higher ceiling changes the result
