"""What the recognition scheme page shows, per language: the scheme, its categories,
benefits, process, cash awards, and the enterprises commended each year (table and chart),
all from data/recognition.yaml with sources.

Values only; blocks are printed by templates/programme/blocks.md.j2.
"""

from __future__ import annotations

from generator.core.markup import Raw, md_escape
from generator.pages.programme.format import Citations, Fmt

KIND = "recognition"
DASH = Raw("—")
COLUMNS = ("excellent", "partner", "manufacturing", "supply_chain", "technology_service")


def about(fmt: Fmt, cite: Citations, data: dict, organisations: dict) -> list[dict]:
    p = fmt.p
    names = fmt.p.list_sep.join(md_escape(organisations[k]["name"]["zh" if fmt.zh else "en"]) for k in data["organisers"])
    return [{"type": "facts", "items": [
        (p.name_label, Raw(fmt.text(data["name"]) + cite(data["name"]["source"]))),
        (p.launched_label, Raw(fmt.date(KIND, ("launched", "date"), data["launched"]["source"])
                               + cite(data["launched"]["source"]))),
        (p.organisers_label, Raw(names + cite(data["organisers_source"]))),
        (p.purpose_label, Raw(fmt.text(data["purpose"]) + cite(data["purpose"]["source"])))]}]


def categories(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, rows = fmt.p, []
    for i, c in enumerate(data["categories"]):
        text = fmt.text(c["for"])
        if "introduced" in c:
            text = p.for_and_introduced.format(text=text, year=fmt.value(
                KIND, ("categories", i, "introduced"), c["introduced_source"], shown=str(c["introduced"]))) \
                + cite(c["introduced_source"])
        rows.append([Raw(f"**{fmt.text(c['name'])}**"), Raw(text), cite(c["source"])])
    return [{"type": "table", "head": [p.category_col, p.for_col, p.sources_short], "rows": rows}]


def benefits(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    b = data["benefits"]
    items = [fmt.text(item, KIND, ("benefits", "items", i), b["source"]) for i, item in enumerate(b["items"])]
    return [{"type": "list", "items": items}, {"type": "para", "text": Raw(fmt.p.sources_short + fmt.p.colon + cite(b["source"]))}]


def process(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, pr = fmt.p, data["process"]
    blocks = [{"type": "ordered", "items": [fmt.text(s) for s in pr["steps"]]},
              {"type": "para", "text": Raw(p.sources_short + fmt.p.colon + cite(pr["source"]))}]
    if "secretariats" in pr:
        blocks.append({"type": "para", "text": Raw(fmt.text(pr["secretariats"]) + cite(pr["secretariats"]["source"]))})
    if "review_2023" in pr:
        r = pr["review_2023"]
        blocks.append({"type": "para", "text": Raw(p.review_meeting.format(date=fmt.date(KIND, ("process", "review_2023", "date"), r["source"]))
                                                   + p.sp + fmt.text(r) + cite(r["source"]))})
    if "not_found" in pr:
        blocks.append({"type": "para", "text": Raw(p.not_found_intro)})
        blocks.append({"type": "list", "items": [fmt.text(x) for x in pr["not_found"]]})
    return blocks


def cash(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, items = fmt.p, []
    for i, c in enumerate(data.get("cash_awards", ())):
        src, cur = c["source"], c["currency"]
        parts = []
        if "from_year" in c:
            parts.append(p.cash_from.format(year=fmt.value(KIND, ("cash_awards", i, "from_year"), src, shown=str(c["from_year"])),
                                            amount=fmt.money(KIND, ("cash_awards", i, "amount"), src, cur)))
        if "label_year" in c:
            parts.append(p.cash_label_year.format(
                year=fmt.value(KIND, ("cash_awards", i, "label_year"), src, shown=str(c["label_year"])),
                excellent=fmt.money(KIND, ("cash_awards", i, "excellent"), src, cur),
                partner=fmt.money(KIND, ("cash_awards", i, "partner"), src, cur)))
        if "fund_year" in c:
            parts.append(p.cash_fund_year.format(year=fmt.value(KIND, ("cash_awards", i, "fund_year"), src,
                                                                 shown=str(c["fund_year"]))))
        if "budget" in c:
            parts.append(p.cash_budget.format(amount=fmt.money(KIND, ("cash_awards", i, "budget"), src, cur)))
        items.append(Raw(p.sp.join(parts) + p.sp + fmt.text(c["text"]) + cite(src)))
    return [{"type": "list", "items": items}]


def rounds(fmt: Fmt, cite: Citations, data: dict) -> list[dict]:
    p, rows, labels, values = fmt.p, [], [], []
    for i, r in enumerate(data["rounds"]):
        src = r["source"]
        path = ("rounds", i)
        rnd = fmt.value(KIND, path + ("round",), src)
        if r.get("round_inferred"):
            rnd = Raw(rnd + fmt.paren(p.inferred))
        cells = [fmt.value(KIND, path + (c,), src) if c in r else DASH for c in COLUMNS]
        if "total" in r:
            total = fmt.value(KIND, path + ("total",), src)
        elif "total_computed" in r:
            total = Raw(fmt.value(KIND, path + ('total_computed',), src) + fmt.paren(p.computed))
        else:
            total = DASH
        notes = []
        if "ceremony" in r:
            notes.append(p.ceremony_on.format(date=fmt.date(KIND, path + ("ceremony",), src)))
        if r.get("uncertain"):
            notes.append(f"**{p.uncertain}**")
        if "note" in r:
            notes.append(fmt.text(r["note"]))
        if not any(c in r for c in COLUMNS + ("total",)):
            notes.append(p.no_counts_found)
        if "applications" in r:
            a = r["applications"]
            split = fmt.p.list_sep.join(
                p.count_in.format(n=fmt.value(KIND, path + ("applications", c), a["source"]), name=p["cat_" + c])
                for c in COLUMNS if c in a)
            notes.append(p.applications_were.format(n=fmt.value(KIND, path + ("applications", "total"), a["source"]))
                         + (fmt.paren(split) if split else "") + cite(a["source"]))
        rows.append([Raw(fmt.value(KIND, path + ("year",), src, shown=str(r["year"]))), rnd] + cells
                    + [total, Raw(fmt.p.list_sep.join(notes)) or DASH, cite(src)])
        exact = r.get("total", r.get("total_computed"))
        if isinstance(exact, int) and not r.get("uncertain"):
            labels.append(str(r["year"]) + (p.sum_mark if "total_computed" in r else ""))
            values.append(exact)
    head = [p.year_col, p.round_col, p.cat_excellent, p.cat_partner, p.cat_manufacturing, p.cat_supply_chain,
            p.cat_technology_service, p.total_col, p.notes_col, p.sources_short]
    blocks = [{"type": "table", "head": head, "rows": rows},
              {"type": "para", "text": Raw(p.rounds_explained)},
              {"type": "figure", "src": Raw("charts/recognition.svg"), "alt": p.chart_recognition,
               "caption": p.chart_recognition_caption,
               "chart": {"kind": "columns", "name": "recognition", "lang": fmt.lang, "title": p.chart_recognition,
                         "labels": labels, "values": values, "desc": p.chart_recognition_caption}}]
    c = data.get("cumulative")
    if c:
        blocks.append({"type": "para", "text": Raw(p.cumulative_line.format(
            date=fmt.date(KIND, ("cumulative", "as_at"), c["source"]),
            rounds=fmt.value(KIND, ("cumulative", "rounds"), c["source"]),
            n=fmt.value(KIND, ("cumulative", "enterprises"), c["source"])) + cite(c["source"]))})
    return blocks
