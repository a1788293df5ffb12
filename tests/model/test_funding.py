"""The calculator's arithmetic (generator/model/funding.py) against data/funding.yaml, worked out
here independently with exact fractions."""

from fractions import Fraction
from math import floor

import pytest
import yaml

from conftest import ROOT
from generator.model import funding

DATA = yaml.safe_load((ROOT / "data" / "funding.yaml").read_text(encoding="utf-8"))
RULES = {r.id: r for r in funding.rules(DATA)}


def _stated_rules():
    """(id, percent, ceiling, higher ceiling) for every rule with a rate and a ceiling, read
    straight from the YAML."""
    out = {}
    for phase in DATA["phases"]:
        for rule in phase["rules"]:
            if "rate" in rule and "ceiling" in rule:
                out[f"{phase['phase']}/{rule['key']}"] = (rule["rate"]["percent"], rule["ceiling"]["amount"],
                                                          (rule.get("higher_ceiling") or {}).get("amount"))
    return out


def test_calculator_offers_exactly_the_rules_with_a_rate_and_a_ceiling():
    stated = _stated_rules()
    assert {r.id: (r.percent, r.ceiling, r.higher_ceiling) for r in RULES.values()} == stated
    assert "phase-5/new-technology" in stated and "phase-4/organisation-support" not in stated
    assert funding.rules(DATA)[0].phase == DATA["current_phase"]


def _expected(percent, ceiling, cost_cents):
    by_rate = floor(Fraction(cost_cents) * Fraction(percent) / 100)
    return min(by_rate, ceiling * 100)


COSTS = ["1", "99.99", "60000", "90,000", "123456.78", "900000", "900001", "1300000", "1,500,000", "20000000"]


@pytest.mark.parametrize("rule_id", sorted(RULES))
@pytest.mark.parametrize("cost_text", COSTS)
def test_subsidy_is_rate_times_cost_capped_at_the_ceiling(rule_id, cost_text):
    percent, ceiling, higher = _stated_rules()[rule_id]
    cost, error = funding.parse_amount(cost_text)
    assert error is None
    result = funding.calculate(RULES[rule_id], cost)
    assert result.subsidy == _expected(percent, ceiling, cost)
    assert result.share == cost - result.subsidy
    assert result.capped == (Fraction(cost) * Fraction(percent) / 100 > ceiling * 100)
    if higher:
        assert funding.calculate(RULES[rule_id], cost, higher=True).subsidy == _expected(percent, higher, cost)


def test_cap_and_higher_ceiling_of_the_current_round():
    rule = RULES["phase-5/new-technology"]
    r = funding.calculate(rule, 2_000_000_00, 300_000_00)
    assert (r.subsidy, r.share, r.capped) == (650_000_00, 1_350_000_00, True)
    assert (r.payback_without, r.payback_with) == (67, 45)        # 6.67 -> 6.7 years, 4.5 years
    r = funding.calculate(rule, 2_000_000_00, 300_000_00, higher=True)
    assert (r.subsidy, r.payback_with) == (750_000_00, 42)        # 1,250,000 / 300,000 = 4.17
    r = funding.calculate(rule, 1_000_000_00, None, higher=True)
    assert (r.subsidy, r.capped, r.payback_with) == (500_000_00, False, None)


@pytest.mark.parametrize("share,saving,tenths", [(100, 40, 25), (100, 30, 33), (1, 3, 3), (2, 3, 7), (5, 100, 1),
                                                 (1, 40, 0), (1, 20, 1)])
def test_payback_rounds_half_up_to_a_tenth(share, saving, tenths):
    assert funding._tenths(share, saving) == tenths
    assert tenths == floor(Fraction(share * 10, saving) + Fraction(1, 2))


@pytest.mark.parametrize("text,want", [
    ("", (None, "empty")), ("   ", (None, "empty")), ("abc", (None, "not-a-number")), ("-5", (None, "negative")),
    ("- 5", (None, "negative")), ("0", (None, "zero")), ("0.00", (None, "zero")), ("1e5", (None, "not-a-number")),
    ("12.345", (None, "not-a-number")), ("1,20", (None, "not-a-number")), ("NaN", (None, "not-a-number")),
    ("1,000,000,001", (None, "too-large")), ("1,200", (120000, None)), ("１２００", (120000, None)),
    ("12.5", (1250, None)), (" 7 ", (700, None)), ("1,000,000,000", (100_000_000_000, None)),
])
def test_typed_amounts(text, want):
    assert funding.parse_amount(text) == want


def test_empty_optional_saving_is_no_error():
    assert funding.parse_amount("", optional=True) == (None, None)


def test_money_and_years_formats():
    assert funding.money(123_456_78, "HK${amount}") == "HK$123,456.78"
    assert funding.money(450_000_00, "{amount} 港元") == "450,000 港元"
    assert funding.money(5, "HK${amount}") == "HK$0.05"
    assert funding.years(45, "{years} 年") == "4.5 年"
