"""What the overview, eligibility, target sectors and how-to-apply pages show, per language,
from data/programme.yaml, data/funding.yaml (budgets) and the vocabularies.

Values only; blocks are printed by templates/programme/blocks.md.j2.
"""

from __future__ import annotations

from generator.core.markup import Raw, external_link, md_escape
from generator.pages.footer import tel_address
from generator.pages.programme.format import Citations, Fmt
from generator.pages.programme.vocab import VocabRefs

KIND = "programme"


def key_facts(fmt: Fmt, cite: Citations, d: dict) -> list[dict]:
    p = fmt.p
    site = d["website"]["url"]
    return [{"type": "facts", "items": [
        (p.name_label, Raw(fmt.text(d["name"]) + cite(d["name"]["source"]))),
        (p.launched_label, Raw(fmt.date(KIND, ("launched", "date"), d["launched"]["source"]) + cite(d["launched"]["source"])
                               + (p.sp + p.launch_ceremony_on.format(date=fmt.date(KIND, ("launch_ceremony", "date"),
                                                                                  d["launch_ceremony"]["source"]))
                                  + cite(d["launch_ceremony"]["source"]) if "launch_ceremony" in d else ""))),
        (p.website_label, Raw(external_link(site, site.split('//', 1)[-1]) + cite(d["website"]["source"]))),
        (p.hotline_label, Raw(_hotline(fmt, d)
                              + cite(d["hotline"]["source"])))]}]


def aims(fmt: Fmt, cite: Citations, vocab: VocabRefs, d: dict) -> list[dict]:
    items = []
    for item in d["aims"]["items"]:
        text = fmt.text(item)
        if "since_phase" in item:
            text = Raw(text + fmt.p.sp + fmt.p.since_phase.format(phase=vocab.phase_label(fmt, item["since_phase"])))
        items.append(text)
    return [{"type": "list", "items": items}, {"type": "para", "text": Raw(fmt.p.sources_short + fmt.p.colon + cite(d["aims"]["source"]))}]


def organisations(fmt: Fmt, cite: Citations, d: dict) -> list[dict]:
    p, items = fmt.p, []
    for org in d["organisations"]:
        text = f"**{fmt.text(org['name'])}**{p.colon}{fmt.text(org['role'])}" + cite(org["source"])
        for former in org.get("former_names", ()):
            note = fmt.paren(fmt.text(former['note'])) if "note" in former else ""
            text += p.sp + p.formerly.format(name=fmt.text(former)) + note + cite(former["source"])
        items.append(Raw(text))
    return [{"type": "list", "items": items}]


def phases(fmt: Fmt, cite: Citations, vocab: VocabRefs, funding: dict) -> list[dict]:
    p, rows = fmt.p, []
    for i, ph in enumerate(funding["phases"]):
        label = vocab.phase_label(fmt, ph["phase"])
        if ph["phase"] == funding["current_phase"]:
            label = Raw(f"{label} **{p.current_mark}**")
        rows.append([Raw(f"[{label}](funding.md#{ph['phase']})"), vocab.phase_period(fmt, cite, ph["phase"]),
                     Raw(fmt.money("funding", ("phases", i, "budget", "amount"), ph["budget"]["source"])
                         + cite(ph["budget"]["source"]))])
    return [{"type": "table", "head": [p.phase_col, p.period, p.budget], "rows": rows}]


def scope(fmt: Fmt, cite: Citations, d: dict) -> list[dict]:
    p, items = fmt.p, []
    for i, s in enumerate(d.get("scope", ())):
        start = fmt.date(KIND, ("scope", i, "from"), s["source"])
        when = (p.between.format(start=start, end=fmt.date(KIND, ("scope", i, "to"), s["source"])) if "to" in s
                else p.from_date.format(start=start))
        items.append(Raw(f"**{when}**{p.colon}{fmt.text(s['text'])}" + cite(s["source"])))
    for i, s in enumerate(d.get("scope_changes", ())):
        items.append(Raw(f"**{fmt.date(KIND, ('scope_changes', i, 'date'), s['source'])}**{p.colon}{fmt.text(s['text'])}"
                         + cite(s["source"])))
    return [{"type": "list", "items": items}]


def working_group(fmt: Fmt, cite: Citations, d: dict) -> list[dict]:
    p, g = fmt.p, d["joint_working_group"]
    est = fmt.value(KIND, ("joint_working_group", "established"), g["source"], shown=str(g["established"]))
    rows = []
    for i, m in enumerate(g.get("meetings", ())):
        place = fmt.text(m["place"]) if "place" in m else Raw("—")
        rows.append([fmt.value(KIND, ("joint_working_group", "meetings", i, "number"), m["source"]),
                     fmt.date(KIND, ("joint_working_group", "meetings", i, "date"), m["source"]), place, cite(m["source"])])
    return [{"type": "para", "text": Raw(f"**{fmt.text(g['name'])}** — " + p.established_in.format(year=est) + p.sp
                                         + fmt.text(g["text"]) + cite(g["source"]))},
            {"type": "table", "head": [p.meeting_col, p.date_col, p.place_col, p.sources_short], "rows": rows}]


def new_round(fmt: Fmt, cite: Citations, vocab: VocabRefs, d: dict, funding: dict) -> list[dict]:
    p, n = fmt.p, d["new_round"]
    i = [ph["phase"] for ph in funding["phases"]].index("phase-5") if any(
        ph["phase"] == "phase-5" for ph in funding["phases"]) else None
    items = [(p.announced_label, Raw(p.policy_address.format(
        year=fmt.value(KIND, ("new_round", "policy_address"), n["source"], shown=str(n["policy_address"])))
        + cite(n["source"])))]
    if i is not None:
        ph = funding["phases"][i]
        items.append((p.budget, Raw(fmt.money("funding", ("phases", i, "budget", "amount"), ph["budget"]["source"])
                                    + cite(ph["budget"]["source"]))))
        items.append((p.application_period, vocab.phase_period(fmt, cite, ph["phase"])))
    if "focus" in n:
        items.append((p.focus, Raw(fmt.text(n["focus"]) + cite(n["focus_source"]))))
    if "seminar" in n:
        items.append((p.seminar_label, Raw(fmt.date(KIND, ("new_round", "seminar"), n["seminar_source"])
                                           + cite(n["seminar_source"]))))
    return [{"type": "facts", "items": items}]


def pilot(fmt: Fmt, cite: Citations, d: dict) -> list[dict]:
    p, x = fmt.p, d["pilot"]
    items = [(p.name_label, fmt.text(x["name"])),
             (p.started_label, fmt.date(KIND, ("pilot", "start"), x["source"]))]
    if "factories" in x:
        items.append((p.factories_label, fmt.value(KIND, ("pilot", "factories"), x["source"])))
    if "conference" in x:
        items.append((p.conference_label, fmt.date(KIND, ("pilot", "conference"), x["source"])))
    items.append((p.note, Raw(fmt.text(x["text"]) + cite(x["source"]))))
    return [{"type": "facts", "items": items}]


def eligibility(fmt: Fmt, cite: Citations, vocab: VocabRefs, d: dict) -> dict[str, list[dict]]:
    p, e = fmt.p, d["eligibility"]
    a = e["applicant"]
    chapter = fmt.value(KIND, ("eligibility", "applicant", "ordinance_chapter"), a["source"])
    out = {"applicant": [{"type": "para", "text": Raw(fmt.text(a) + p.sp + p.ordinance_ref.format(chapter=chapter)
                                                      + cite(a["source"]))}]}
    items = []
    for c in e["connections"]:
        text = f"**{fmt.text(c['text'])}**" + cite(c["source"])
        if "kinds" in c:
            text += "".join(f"\n    - {fmt.text(k)}" for k in c["kinds"])
        items.append(Raw(text))
    out["connections"] = [{"type": "ordered", "items": items}]
    more = []
    for name in ("associations", "non_target_sectors", "new_technologies"):
        if name in e:
            more.append(Raw(fmt.text(e[name]) + cite(e[name]["source"])))
    if "repeat_assessment" in e:
        r = e["repeat_assessment"]
        more.append(Raw(p.in_phase.format(phase=vocab.phase_label(fmt, r["phase"])) + p.sp
                        + fmt.text(r, KIND, ("eligibility", "repeat_assessment"), r["source"]) + cite(r["source"])))
    out["more"] = [{"type": "list", "items": more}]
    return out


def target_criteria(fmt: Fmt, cite: Citations, vocab: VocabRefs, d: dict) -> list[dict]:
    t = d["eligibility"].get("target_criteria")
    if not t:
        return []
    items = [Raw(fmt.text(x) + cite(t["source"])) for x in t["items"]]
    for x in t.get("earlier", ()):
        items.append(Raw(fmt.text(x) + fmt.p.sp + fmt.p.until_phase.format(phase=vocab.phase_label(fmt, x["until_phase"]))
                         + cite(x["source"])))
    return [{"type": "list", "items": items}]


def sectors(fmt: Fmt, cite: Citations, vocab: VocabRefs) -> list[dict]:
    items = []
    for key in vocab.target_sectors():
        items.append(Raw(f"[{md_escape(vocab.label('sectors', key))}](../sectors/{key}.md)"))
    source = vocab.vocab["sectors"].sources[-1].id if vocab.vocab["sectors"].sources else None
    cited = cite.vocabulary("sectors", source) if source else ""
    return [{"type": "list", "items": items}, {"type": "para", "text": Raw(fmt.p.sources_short + fmt.p.colon + cited)}]


def _hotline(fmt: Fmt, d: dict) -> str:
    """The hotline as printed in the data, as a tap-to-call link where it is a Hong Kong number."""
    number = fmt.text_value(KIND, ("hotline", "number"), d["hotline"]["source"])
    tel = tel_address(str(d["hotline"]["number"]))
    return f'<a href="{tel}">{number}</a>' if tel else number


def apply(fmt: Fmt, cite: Citations, d: dict) -> list[dict]:
    site = d["website"]["url"]
    items = [Raw(fmt.text(x) + cite(x["source"])) for x in d["apply"]]
    contact = fmt.p.contact_line.format(
        hotline=_hotline(fmt, d),
        website=f"[{md_escape(site.split('//', 1)[-1])}]({site})") + cite(d["hotline"]["source"]) + cite(d["website"]["source"])
    return [{"type": "list", "items": items}, {"type": "note", "title": fmt.p.contact_title, "text": Raw(contact)}]
