"""The funding calculator's arithmetic, and the rules it offers, taken from data/funding.yaml.

The page's JavaScript (overrides/assets/javascripts/funding-calculator.js) does exactly the
same steps on the same rules, which this module emits as JSON; the tests run both over one
table of cases. All money is handled in whole cents so that Python and JavaScript agree to
the cent:

- subsidy = rate x cost, rounded down to the cent, but never more than the ceiling;
- factory share = cost - subsidy;
- payback (years, one decimal, rounded half up) = share / annual saving, and cost / saving
  without the subsidy, only when a saving is given.

Input is text as typed: digits (ASCII or full-width) with optional thousands commas and up
to two decimals.
Anything else gives an error code (never a number): 'empty', 'not-a-number', 'negative',
'zero', 'too-large'. Messages for the codes live in the locale files, not here.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional

MAX_CENTS = 100_000_000_000          # HK$1,000 million: larger input is refused as a typing slip
_AMOUNT = re.compile(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?$")
# full-width digits and punctuation, as a Chinese input method types them
_WIDE = str.maketrans("０１２３４５６７８９，．－", "0123456789,.-")


@dataclasses.dataclass(frozen=True)
class Rule:
    id: str                   # "<phase>/<rule key>"
    phase: str
    key: str
    percent: float            # government share, e.g. 50
    ceiling: int              # HK dollars
    higher_ceiling: Optional[int] = None
    up_to: bool = False       # the source says "up to" the rate


@dataclasses.dataclass(frozen=True)
class Result:
    cost: int                 # cents
    subsidy: int              # cents
    share: int                # cents (what the factory pays)
    capped: bool              # the ceiling limited the subsidy
    payback_without: Optional[int] = None   # tenths of a year
    payback_with: Optional[int] = None      # tenths of a year


def rules(funding: dict) -> list[Rule]:
    """Every rule of data/funding.yaml that has both a rate and a ceiling, newest phase first."""
    out = []
    for phase in reversed(funding["phases"]):
        for rule in phase["rules"]:
            if "rate" in rule and "ceiling" in rule:
                higher = rule.get("higher_ceiling")
                out.append(Rule(f"{phase['phase']}/{rule['key']}", phase["phase"], rule["key"],
                                rule["rate"]["percent"], int(rule["ceiling"]["amount"]),
                                int(higher["amount"]) if higher else None,
                                rule["rate"].get("qualifier") == "up-to"))
    return out


def parse_amount(text: str, *, optional: bool = False) -> tuple[Optional[int], Optional[str]]:
    """Typed text -> (cents, None) or (None, error code). Empty optional input is (None, None)."""
    text = (text or "").translate(_WIDE).strip()
    if not text:
        return (None, None) if optional else (None, "empty")
    if text.startswith("-") and _AMOUNT.match(text[1:].strip()):
        return None, "negative"
    if not _AMOUNT.match(text):
        return None, "not-a-number"
    whole, _, frac = text.replace(",", "").partition(".")
    cents = int(whole) * 100 + int((frac + "00")[:2])
    if cents == 0:
        return None, "zero"
    if cents > MAX_CENTS:
        return None, "too-large"
    return cents, None


def _tenths(numerator: int, denominator: int) -> int:
    """numerator / denominator in tenths, rounded half up (integers only)."""
    return (numerator * 10 * 2 + denominator) // (denominator * 2)


def calculate(rule: Rule, cost: int, saving: Optional[int] = None, *, higher: bool = False) -> Result:
    """All amounts in cents. `higher` applies the rule's higher ceiling (when it has one)."""
    ceiling = (rule.higher_ceiling if higher and rule.higher_ceiling else rule.ceiling) * 100
    by_rate = cost * round(rule.percent * 100) // 10000
    subsidy = min(by_rate, ceiling)
    share = cost - subsidy
    result = Result(cost, subsidy, share, by_rate > ceiling)
    if saving:
        result = dataclasses.replace(result, payback_without=_tenths(cost, saving), payback_with=_tenths(share, saving))
    return result


def money(cents: int, template: str) -> str:
    """'HK${amount}' -> HK$1,234.50 (cents shown only when there are any)."""
    amount = f"{cents // 100:,}" + (f".{cents % 100:02d}" if cents % 100 else "")
    return template.replace("{amount}", amount)


def years(tenths: int, template: str) -> str:
    """'{years} years' -> 2.5 years."""
    return template.replace("{years}", f"{tenths // 10}.{tenths % 10}")


def shown(rule: Rule, cost_text: str, saving_text: str, higher: bool, text: dict) -> dict:
    """What the page shows for typed input, as text (`text` is the page's JSON 'text' part):
    {'errors': {field: message}} or the result lines."""
    cost, cost_error = parse_amount(cost_text)
    saving, saving_error = parse_amount(saving_text, optional=True)
    errors = {k: text["errors"][v] for k, v in (("cost", cost_error), ("saving", saving_error)) if v}
    if errors:
        return {"errors": errors}
    r = calculate(rule, cost, saving, higher=higher)
    out = {"subsidy": money(r.subsidy, text["money"]), "share": money(r.share, text["money"]),
           "note": text["capped"] if r.capped else text["notCapped"]}
    if r.payback_with is None:
        out["payback"] = text["noSaving"]
    else:
        out["payback_without"] = years(r.payback_without, text["years"])
        out["payback_with"] = years(r.payback_with, text["years"])
    return out


def rules_json(funding: dict) -> list[dict]:
    """The rules as the page's script reads them (numbers only; labels come with the page)."""
    return [{"id": r.id, "percent": r.percent, "ceiling": r.ceiling, "higherCeiling": r.higher_ceiling,
             "upTo": r.up_to} for r in rules(funding)]
