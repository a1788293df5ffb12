"""What the statistics page shows, per language: tables of every count in data/statistics.yaml
with their sources, and the specifications of its charts (drawn by `charts`).

Values only; blocks are printed by templates/programme/blocks.md.j2. A chart always comes
with the table holding its numbers, which is its text alternative.
"""

from __future__ import annotations

from generator.core.markup import Raw, md_escape
from generator.pages.programme.format import Citations, Fmt
from generator.pages.programme.vocab import VocabRefs

KIND = "statistics"
DASH = Raw("—")


def _figure(name: str, fmt: Fmt, alt: str, chart: dict) -> dict:
    return {"type": "figure", "src": Raw(f"charts/{name}.svg"), "alt": alt, "caption": fmt.p.chart_see_table,
            "chart": dict(chart, name=name, lang=fmt.lang, title=alt)}


def approvals(fmt: Fmt, cite: Citations, vocab: VocabRefs, data: dict) -> list[dict]:
    p, a = fmt.p, data["approvals"]
    head = [p.initiative_col] + [Raw(fmt.text_value(KIND, ("approvals", "periods", n), a["source"]))
                                 for n in range(len(a["periods"]))] + [p.cumulative_col]
    rows, panels = [], []
    for i, row in enumerate(a["rows"]):
        name = md_escape(vocab.label("initiatives", row["initiative"]))
        if row.get("unit") == "activities":
            name = p.activities_of.format(name=name)
        label = p.of_which.format(name=name) if "part_of" in row else f"**{name}**"
        cells = [fmt.value(KIND, ("approvals", "rows", i, "counts", n), a["source"]) for n in range(len(row["counts"]))]
        rows.append([Raw(label)] + cells + [fmt.value(KIND, ("approvals", "rows", i, "cumulative"), a["source"])])
        if "part_of" not in row:
            plain = vocab.label("initiatives", row["initiative"])
            plain = p.activities_of.format(name=plain) if row.get("unit") == "activities" else plain
            panels.append((plain, list(a["periods"]), list(row["counts"])))
    as_at = fmt.date(KIND, ("approvals", "as_at"), a["source"])
    blocks = [{"type": "para", "text": Raw(p.approvals_intro.format(date=as_at, phase=vocab.phase_label(fmt, a["phase"])) + cite(a["source"]))},
              {"type": "table", "head": head, "rows": rows}]
    earlier = a.get("earlier_report")
    if earlier:
        parts = [p.count_of.format(n=fmt.value(KIND, ("approvals", "earlier_report", "counts", key), earlier["source"]),
                                   name=md_escape(vocab.label("initiatives", key))) for key in earlier["counts"]]
        period = fmt.text_value(KIND, ("approvals", "earlier_report", "period"), earlier["source"])
        blocks.append({"type": "note", "title": p.differs_title, "text": Raw(
            p.approvals_differ.format(period=period, counts=fmt.p.list_sep.join(parts))
            + cite(earlier["source"]) + cite(a["source"]))})
    alt = p.chart_approvals
    blocks.append(_figure("approvals", fmt, alt, {"kind": "panels", "panels": panels,
                                                 "desc": p.chart_see_table}))
    return blocks


def osi_and_reports(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, items = fmt.p, []
    for i, x in enumerate(data.get("osi_approved", ())):
        items.append(Raw(p.osi_line.format(
            period=fmt.text_value(KIND, ("osi_approved", i, "period"), x["source"]),
            applications=fmt.value(KIND, ("osi_approved", i, "applications"), x["source"]),
            activities=fmt.value(KIND, ("osi_approved", i, "activities"), x["source"])) + cite(x["source"])))
    for i, x in enumerate(data.get("case_reports", ())):
        items.append(Raw(p.case_reports_line.format(
            period=fmt.text_value(KIND, ("case_reports", i, "period"), x["source"]),
            n=fmt.value(KIND, ("case_reports", i, "count"), x["source"])) + cite(x["source"])))
    return [{"type": "list", "items": items}]


AREAS = ("air", "energy-saving", "effluent", "solid-waste")


def by_area(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, rows = fmt.p, []
    for i, x in enumerate(data.get("dp_by_area", ())):
        rows.append([Raw(fmt.text_value(KIND, ("dp_by_area", i, "period"), x["source"]))]
                    + [fmt.value(KIND, ("dp_by_area", i, "areas", k), x["source"]) if k in x["areas"] else DASH
                       for k in AREAS]
                    + [fmt.value(KIND, ("dp_by_area", i, "total"), x["source"]), cite(x["source"])])
    return [{"type": "table", "head": [p.period_col] + [p["area_" + k] for k in AREAS] + [p.total_col, p.sources_short],
             "rows": rows}]


TYPES = ("factory-visit", "seminar-workshop", "exhibition", "other")


def cross_trade(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, items = fmt.p, data.get("cross_trade", ())
    head = [p.activity_col] + [Raw(fmt.text_value(KIND, ("cross_trade", i, "period"), x["source"]) + cite(x["source"]))
                               for i, x in enumerate(items)]
    rows = [[p["type_" + t]] + [fmt.value(KIND, ("cross_trade", i, "types", t), x["source"]) for i, x in enumerate(items)]
            for t in TYPES]
    rows.append([Raw(f"**{p.total_col}**")] + [fmt.value(KIND, ("cross_trade", i, "total"), x["source"])
                                               for i, x in enumerate(items)])
    for field, label in (("participants", p.participants_row), ("joint_seminars", p.joint_seminars_row),
                         ("joint_participants", p.joint_participants_row)):
        rows.append([label] + [fmt.value(KIND, ("cross_trade", i, field), x["source"]) if field in x else DASH
                               for i, x in enumerate(items)])
    panels = [(x["period"], [p["type_" + t] for t in TYPES], [x["types"][t] for t in TYPES]) for x in items]
    return [{"type": "table", "head": head, "rows": rows},
            _figure("cross-trade", fmt, p.chart_cross_trade,
                    {"kind": "panels", "panels": panels, "horizontal": True, "desc": p.chart_see_table})]


def providers(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, rows = fmt.p, []
    for i, x in enumerate(data.get("service_providers", ())):
        rows.append([Raw(fmt.date(KIND, ("service_providers", i, "as_at"), x["source"]))]
                    + [fmt.value(KIND, ("service_providers", i, k), x["source"]) if k in x else DASH
                       for k in ("hong-kong", "guangdong", "elsewhere", "total")] + [cite(x["source"])])
    return [{"type": "table", "head": [p.as_at_col, p.based_hong_kong, p.based_guangdong, p.based_elsewhere,
                                       p.total_col, p.sources_short], "rows": rows}]


def benefits(fmt: Fmt, cite: Citations, vocab: VocabRefs, data: dict) -> list[dict]:
    p, blocks = fmt.p, []
    for i, block in enumerate(data.get("expected_benefits", ())):
        src = block["source"]
        intro = p["benefits_intro_" + block.get("basis", "expected")].format(projects=fmt.value(KIND, ("expected_benefits", i, "projects"), src),
                                        date=fmt.date(KIND, ("expected_benefits", i, "as_at"), src),
                                        period=p["benefit_period_" + block["period"]])
        rows = []
        for j, item in enumerate(block["items"]):
            path = ("expected_benefits", i, "items", j, "quantity")
            if item["unit"] == "hkd":
                amount = fmt.money(KIND, path, src, qualifier=item.get("qualifier"))
            else:
                symbol = vocab.vocab["units"].terms[item["unit"]].extra["symbol"]["zh" if fmt.zh else "en"]
                amount = Raw(fmt.qualified(item.get("qualifier"), f"{fmt.value(KIND, path, src)} {symbol}"))
            what = (vocab.label("substances", item["what"]) if item["what"] in vocab.vocab["substances"].terms
                    else p["benefit_" + item["what"]])
            rows.append([Raw(p.of_which.format(name=md_escape(what)) if "part_of" in item else md_escape(what)), amount])
        blocks += [{"type": "para", "text": Raw(intro + cite(src))},
                   {"type": "table", "head": [p.benefit_col, p.quantity_col], "rows": rows}]
    return blocks


def aggregates(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, rows = fmt.p, []
    for i, x in enumerate(data.get("aggregates", ())):
        other = []
        for field in ("received", "demonstration_projects", "participants", "activities"):
            if field in x:
                other.append(p["agg_" + field].format(n=fmt.value(KIND, ("aggregates", i, field), x["source"])))
        note = ""
        if x.get("uncertain"):
            note = f"**{p.uncertain}**" + (p.colon + fmt.text(x['note']) if "note" in x else "")
        elif "note" in x:
            note = fmt.text(x["note"])
        rows.append([Raw(fmt.date(KIND, ("aggregates", i, "as_at"), x["source"])),
                     fmt.value(KIND, ("aggregates", i, "approved"), x["source"]),
                     Raw(fmt.p.list_sep.join(other)) or DASH, Raw(note) or DASH, cite(x["source"])])
    return [{"type": "table", "head": [p.as_at_col, p.approved_col, p.other_counts_col, p.notes_col, p.sources_short],
             "rows": rows}]
