"""What the funding page and the calculator show, per language: the current phase's rules,
the rate-and-ceiling table of every initiative in every phase, each phase in detail, and the
calculator's choices and rules (as JSON for its script).

Values only; the blocks are printed by templates/programme/blocks.md.j2. Phase dates and
labels come from data/phases.yaml, initiative names from data/initiatives.yaml.
"""

from __future__ import annotations

import html
import json

from generator.core.markup import Raw
from generator.model import funding as arithmetic
from generator.pages.programme.format import Citations, Fmt
from generator.pages.programme.vocab import VocabRefs

KIND = "funding"


def _rule_name(fmt: Fmt, vocab: VocabRefs, rule: dict) -> str:
    return vocab.label("initiatives", rule["initiative"]) if "initiative" in rule else rule["name"][fmt.lang]


def _rate(fmt: Fmt, path: tuple, rate: dict) -> Raw:
    shown = fmt.percent(KIND, path + ("percent",), rate["source"], rate.get("qualifier"))
    return Raw(fmt.p["rate_of_" + rate["of"]].format(rate=shown) if "of" in rate else shown)


def _ceiling(fmt: Fmt, path: tuple, ceiling: dict) -> Raw:
    amount = fmt.money(KIND, path + ("amount",), ceiling["source"])
    return Raw(fmt.p["ceiling_per_" + ceiling["per"]].format(amount=amount) if "per" in ceiling else amount)


def _count_range(fmt: Fmt, path: tuple, target: dict) -> Raw:
    n = fmt.value(KIND, path + ("count",), target["source"])
    if "count_to" in target:
        n = Raw(fmt.p.range.format(low=n, high=fmt.value(KIND, path + ("count_to",), target["source"])))
    return Raw(fmt.qualified(target.get("qualifier"), fmt.p["target_" + target["what"]].format(n=n)))


def rule_cells(fmt: Fmt, cite: Citations, vocab: VocabRefs, path: tuple, rule: dict) -> dict:
    """One rule as printable parts (absent facts are None)."""
    cells = {"name": Raw(fmt.text({"en": _rule_name(fmt, vocab, rule), "zh": _rule_name(fmt, vocab, rule)})),
             "rate": None, "ceiling": None, "duration": None, "target": None, "notes": [], "sources": []}
    if "rate" in rule:
        cells["rate"] = _rate(fmt, path + ("rate",), rule["rate"])
        cells["sources"].append(rule["rate"]["source"])
    if "ceiling" in rule:
        cells["ceiling"] = _ceiling(fmt, path + ("ceiling",), rule["ceiling"])
        cells["sources"].append(rule["ceiling"]["source"])
    if "higher_ceiling" in rule:
        hc = rule["higher_ceiling"]
        amount = fmt.money(KIND, path + ("higher_ceiling", "amount"), hc["source"])
        cells["notes"].append(Raw(fmt.p.higher_ceiling.format(amount=amount, condition=fmt.text(hc["condition"]))))
        cells["sources"].append(hc["source"])
    if "applicant_share" in rule:
        share = rule["applicant_share"]
        pct = fmt.percent(KIND, path + ("applicant_share", "percent"), share["source"], share.get("qualifier"))
        cells["notes"].append(Raw(fmt.p.applicant_share.format(share=pct)))
        cells["sources"].append(share["source"])
    if "duration" in rule:
        months = fmt.value(KIND, path + ("duration", "months"), rule["duration"]["source"])
        cells["duration"] = Raw(fmt.p.within_months.format(months=months))
        cells["sources"].append(rule["duration"]["source"])
    if "target" in rule:
        cells["target"] = _count_range(fmt, path + ("target",), rule["target"])
        cells["sources"].append(rule["target"]["source"])
    for name in ("purpose", "condition"):
        if name in rule:
            cells["notes"].append(Raw(fmt.p["rule_" + name].format(text=fmt.text(rule[name]))))
            cells["sources"].append(rule[name]["source"])
    if "name_note" in rule:
        cells["notes"].append(fmt.text(rule["name_note"]))
    cells["cite"] = Raw("".join(cite(s) for s in dict.fromkeys(x for s in cells["sources"] for x in _ids(s))))
    return cells


def _ids(source) -> tuple:
    return (source,) if isinstance(source, str) else tuple(source)


def phase_facts(fmt: Fmt, cite: Citations, vocab: VocabRefs, i: int, phase: dict) -> list[dict]:
    """Period, budget, focus and targets of one phase, as a facts block."""
    p = fmt.p
    items = [(p.period, Raw(vocab.phase_period(fmt, cite, phase["phase"]))),
             (p.budget, Raw(fmt.money(KIND, ("phases", i, "budget", "amount"), phase["budget"]["source"])
                            + (fmt.paren(fmt.text(phase['budget']['note'])) if "note" in phase["budget"] else "")
                            + cite(phase["budget"]["source"])))]
    if "focus" in phase:
        items.append((p.focus, Raw(fmt.text(phase["focus"]) + cite(phase["focus"]["source"]))))
    for j, target in enumerate(phase.get("targets", ())):
        n = fmt.value(KIND, ("phases", i, "targets", j, "count"), target["source"])
        items.append((p["phase_target_" + target["what"]],
                      Raw(fmt.qualified(target.get("qualifier"), n) + cite(target["source"]))))
    return [{"type": "facts", "items": items}]


def _matrix_cell(fmt: Fmt, cells: dict) -> Raw:
    parts = [x for x in (cells["rate"], cells["ceiling"] and Raw(fmt.p.ceiling_short.format(amount=cells["ceiling"])))
             if x]
    if not parts:
        return Raw(fmt.p.listed_no_rates)
    if cells["rate"] and not cells["ceiling"]:
        parts.append(Raw(fmt.p.no_ceiling_stated))
    return Raw(fmt.p.list_sep.join(parts) + cells["cite"])


def matrix(fmt: Fmt, cite: Citations, vocab: VocabRefs, data: dict) -> list[dict]:
    """Rows: each initiative or named funding; columns: phases (current one marked)."""
    phases = data["phases"]
    names: dict[str, str] = {}
    for phase in phases:
        for rule in phase["rules"]:
            names.setdefault(rule["key"], _rule_name(fmt, vocab, rule))
    head = [fmt.p.initiative_col] + [
        Raw(vocab.phase_label(fmt, ph["phase"]) + (f' <strong data-cp-current>{fmt.p.current_mark}</strong>'
                                                    if ph["phase"] == data["current_phase"] else ""))
        for ph in phases]
    rows = []
    for key, name in names.items():
        row = [Raw(fmt.text({"en": name, "zh": name}))]
        for i, phase in enumerate(phases):
            match = [(j, r) for j, r in enumerate(phase["rules"]) if r["key"] == key]
            if not match:
                row.append(Raw("—"))
                continue
            j, rule = match[0]
            row.append(_matrix_cell(fmt, rule_cells(fmt, cite, vocab, ("phases", i, "rules", j), rule)))
        rows.append(row)
    return [{"type": "table", "head": head, "rows": rows}]


def current(fmt: Fmt, cite: Citations, vocab: VocabRefs, data: dict) -> list[dict]:
    i = [ph["phase"] for ph in data["phases"]].index(data["current_phase"])
    phase = data["phases"][i]
    blocks = [{"type": "para", "text": Raw(fmt.p.current_phase_is.format(
        phase=f"**{vocab.phase_label(fmt, phase['phase'])}**"))}]
    blocks += phase_facts(fmt, cite, vocab, i, phase)
    for j, rule in enumerate(phase["rules"]):
        c = rule_cells(fmt, cite, vocab, ("phases", i, "rules", j), rule)
        items = [(fmt.p.rate_col, c["rate"]), (fmt.p.ceiling_col, c["ceiling"]), (fmt.p.duration_col, c["duration"])]
        blocks.append({"type": "heading", "level": 3, "text": c["name"], "anchor": Raw("current-" + rule["key"])})
        blocks.append({"type": "facts", "items": [(k, v) for k, v in items if v]
                       + [(fmt.p.note, n) for n in c["notes"]] + [(fmt.p.sources_short, c["cite"])]})
    return blocks


def phases_detail(fmt: Fmt, cite: Citations, vocab: VocabRefs, data: dict) -> list[dict]:
    p = fmt.p
    blocks = []
    for i, phase in reversed(list(enumerate(data["phases"]))):
        label = vocab.phase_label(fmt, phase["phase"])
        if phase["phase"] == data["current_phase"]:
            label += fmt.paren(p.current_mark)
        blocks.append({"type": "heading", "level": 3, "text": Raw(label), "anchor": Raw(phase["phase"])})
        blocks += phase_facts(fmt, cite, vocab, i, phase)
        rows = []
        for j, rule in enumerate(phase["rules"]):
            c = rule_cells(fmt, cite, vocab, ("phases", i, "rules", j), rule)
            rows.append([c["name"], c["rate"] or Raw("—"), c["ceiling"] or Raw("—"), c["duration"] or Raw("—"),
                         c["target"] or Raw("—"), Raw("<br>".join(c["notes"])),
                         c["cite"] or cite(phase["rules_source"])])
        blocks.append({"type": "table", "head": [p.initiative_col, p.rate_col, p.ceiling_col, p.duration_col,
                                                 p.target_col, p.notes_col, p.sources_short], "rows": rows})
        if "no_rates" in phase:
            blocks.append({"type": "para", "text": Raw(fmt.text(phase["no_rates"]) + cite(phase["rules_source"]))})
    return blocks


def calculator(fmt: Fmt, cite: Citations, vocab: VocabRefs, data: dict) -> list[dict]:
    """The calculator form's choices, messages and rules (JSON for the script)."""
    p = fmt.p
    options, conditions = [], {}
    for rule in arithmetic.rules(data):
        i = [ph["phase"] for ph in data["phases"]].index(rule.phase)
        j = [r["key"] for r in data["phases"][i]["rules"]].index(rule.key)
        raw = data["phases"][i]["rules"][j]
        c = rule_cells(fmt, cite, vocab, ("phases", i, "rules", j), raw)
        current = p.current_mark if rule.phase == data["current_phase"] else ""
        group = vocab.phase_label(fmt, rule.phase, plain=True) + (fmt.paren(current) if current else "")
        name = _rule_name(fmt, vocab, raw)
        options.append({"value": Raw(html.escape(rule.id)), "group": Raw(html.escape(group)),
                        "label": Raw(html.escape(name)), "selected": rule.phase == data["current_phase"],
                        "group_md": Raw(vocab.phase_label(fmt, rule.phase) + (f" **{current}**" if current else "")),
                        "label_md": Raw(fmt.text({"en": name, "zh": name})),
                        "rate": c["rate"], "ceiling": c["ceiling"], "notes": c["notes"], "cite": c["cite"]})
        if raw.get("higher_ceiling"):
            amount = fmt.number(raw["higher_ceiling"]["amount"] * 100 // 100)
            conditions[Raw(html.escape(rule.id))] = Raw(html.escape(fmt.p.calc_higher_condition.format(
                amount=fmt.t["money_HKD"].format(amount=amount),
                condition=raw["higher_ceiling"]["condition"]["zh" if fmt.zh else "en"])))
    messages = {key: p["calc_error_" + key] for key in ("empty", "not-a-number", "negative", "zero", "too-large")}
    script = {"rules": arithmetic.rules_json(data), "lang": "zh" if fmt.zh else "en",
              "text": {"years": p.calc_years, "money": fmt.t["money_HKD"], "capped": p.calc_capped,
                       "notCapped": p.calc_not_capped, "noSaving": p.calc_no_saving, "errors": messages,
                       "fixErrors": p.calc_fix_errors, "subsidy": p.calc_subsidy, "share": p.calc_share,
                       "paybackWithout": p.calc_payback_without, "paybackWith": p.calc_payback_with}}
    payload = json.dumps(script, allow_nan=False, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    groups: dict = {}
    for option in options:
        groups.setdefault(option["group"], []).append(option)
    return [{"type": "calculator", "groups": groups, "conditions": conditions, "json": Raw(payload),
             "options": options}]
