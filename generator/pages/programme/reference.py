"""The timeline and the glossary, both assembled from the data so they cannot disagree with it.

The timeline collects every dated fact of the programme files and the phase starts of
data/phases.yaml; the glossary lists the vocabulary terms (initiatives, phases, sectors,
pollutant areas), the organisations, the recognition categories and data/glossary.yaml, in
English and Traditional Chinese. Values only; printed by templates/programme/blocks.md.j2.
"""

from __future__ import annotations

from generator.core.markup import Raw, md_escape
from generator.pages.programme.format import Citations, Fmt
from generator.pages.programme.vocab import VocabRefs


def _event(fmt: Fmt, kind: str, path: tuple, source, text: str, cite: Citations) -> tuple:
    raw = fmt.programme.at(kind, path)
    return (str(raw), fmt.date(kind, path, source), Raw(text), lambda: cite(source))


def timeline(fmt: Fmt, cite: Citations, vocab: VocabRefs, data) -> list[dict]:
    p, d, rec, fun = fmt.p, data["programme"], data["recognition"], data["funding"]
    ev = []
    pilot = d.get("pilot")
    if pilot:
        ev.append(_event(fmt, "programme", ("pilot", "start"), pilot["source"],
                         p.ev_pilot.format(name=fmt.text(pilot["name"])), cite))
        if "conference" in pilot:
            ev.append(_event(fmt, "programme", ("pilot", "conference"), pilot["source"], p.ev_pilot_conference, cite))
    ev.append(_event(fmt, "programme", ("launched", "date"), d["launched"]["source"], p.ev_launched, cite))
    if "launch_ceremony" in d:
        ev.append(_event(fmt, "programme", ("launch_ceremony", "date"), d["launch_ceremony"]["source"],
                         p.ev_launch_ceremony, cite))
    for i, s in enumerate(d.get("scope_changes", ())):
        ev.append(_event(fmt, "programme", ("scope_changes", i, "date"), s["source"], fmt.text(s["text"]), cite))
    for i, m in enumerate(d.get("milestones", ())):
        ev.append(_event(fmt, "programme", ("milestones", i, "date"), m["source"], fmt.text(m["text"]), cite))
    g = d.get("joint_working_group")
    if g:
        year = fmt.value("programme", ("joint_working_group", "established"), g["source"], shown=str(g["established"]))
        ev.append((str(g["established"]), year, Raw(p.ev_jwg_set_up.format(name=fmt.text(g["name"]))), lambda: cite(g["source"])))
        for i, m in enumerate(g.get("meetings", ())):
            n = fmt.value("programme", ("joint_working_group", "meetings", i, "number"), m["source"])
            ev.append(_event(fmt, "programme", ("joint_working_group", "meetings", i, "date"), m["source"],
                             p.ev_jwg_meeting.format(n=n), cite))
    for i, ph in enumerate(fun["phases"]):
        term = vocab.vocab["phases"].terms[ph["phase"]]
        idx = list(vocab.vocab["phases"].terms).index(ph["phase"])
        start = term.extra.get("start")
        if start:
            when = fmt.mark("time", "phases", ("terms", idx, "start"), fmt.date_text(start), start, term.extra.get("source"))
            budget = fmt.money("funding", ("phases", i, "budget", "amount"), ph["budget"]["source"])
            ev.append((str(start), when, Raw(p.ev_phase.format(phase=vocab.phase_label(fmt, ph["phase"]), budget=budget)),
                       lambda term=term, ph=ph: Raw(cite.vocabulary("phases", term.extra["source"])
                                                    + cite(ph["budget"]["source"]))))
    if "launched" in rec:
        ev.append(_event(fmt, "recognition", ("launched", "date"), rec["launched"]["source"],
                         p.ev_recognition.format(name=fmt.text(rec["name"])), cite))
    for i, c in enumerate(rec.get("categories", ())):
        if "introduced" in c:
            year = fmt.value("recognition", ("categories", i, "introduced"), c["introduced_source"], shown=str(c["introduced"]))
            ev.append((str(c["introduced"]), year, Raw(p.ev_category.format(name=fmt.text(c["name"]))),
                       lambda c=c: cite(c["introduced_source"])))
    for i, r in enumerate(rec.get("rounds", ())):
        if "ceremony" in r:
            ev.append(_event(fmt, "recognition", ("rounds", i, "ceremony"), r["source"], p.ev_ceremony, cite))
    n = d.get("new_round")
    if n:
        year = fmt.value("programme", ("new_round", "policy_address"), n["source"], shown=str(n["policy_address"]))
        ev.append((str(n["policy_address"]), year, Raw(p.ev_new_round), lambda: cite(n["source"])))
        if "seminar" in n:
            ev.append(_event(fmt, "programme", ("new_round", "seminar"), n["seminar_source"], p.ev_seminar, cite))
    ev.sort(key=lambda e: (e[0], str(e[2])))
    # cite in display order, so the source numbers go up down the table
    rows = [[when, text, source()] for _, when, text, source in ev]
    return [{"type": "table", "head": [p.date_col, p.event_col, p.sources_short], "rows": rows}]


def _pair(fmt: Fmt, text: dict) -> tuple:
    return Raw(md_escape(text["en"])), Raw(md_escape(text["zh"]))


def glossary(fmt: Fmt, cite: Citations, vocab: VocabRefs, data) -> list[dict]:
    p, d, rec = fmt.p, data["programme"], data["recognition"]
    groups = []
    rows = [[*_pair(fmt, d["name"]), cite(d["name"]["source"])]]
    for org in d["organisations"]:
        rows.append([*_pair(fmt, org["name"]), cite(org["source"])])
        for former in org.get("former_names", ()):
            en, zh = _pair(fmt, former)
            rows.append([Raw(en + fmt.paren(p.former_name)), zh, cite(former["source"])])
    if "joint_working_group" in d:
        g = d["joint_working_group"]
        rows.append([*_pair(fmt, g["name"]), cite(g["source"])])
    groups.append((p.gl_programme, "programme", rows))
    rows = [[*_pair(fmt, {"en": vocab.vocab["initiatives"].terms[k].label.en, "zh": vocab.vocab["initiatives"].terms[k].label.zh}),
             Raw("")] for k in vocab.vocab["initiatives"].terms if k != "not-stated"]
    groups.append((p.gl_initiatives, "initiatives", rows))
    rows = []
    for i, (key, term) in enumerate(vocab.vocab["phases"].terms.items()):
        rows.append([Raw(f'<span data-field="phases:terms[{i}].en">{md_escape(term.label.en)}</span>'),
                     Raw(f'<span data-field="phases:terms[{i}].zh">{md_escape(term.label.zh)}</span>'), Raw("")])
    groups.append((p.gl_phases, "phases", rows))
    rows = [[*_pair(fmt, {"en": t.label.en, "zh": t.label.zh}), Raw(f"[{p.gl_see_sector}](../sectors/{k}.md)")]
            for k, t in vocab.vocab["sectors"].terms.items() if t.extra.get("target")]
    groups.append((p.gl_sectors, "sectors", rows))
    rows = [[*_pair(fmt, {"en": t.label.en, "zh": t.label.zh}), Raw(f"[{p.gl_see_pollutant}](../pollutants/{k}.md)")]
            for k, t in vocab.vocab["pollutants"].terms.items()]
    groups.append((p.gl_pollutants, "pollutants", rows))
    rows = [[*_pair(fmt, rec["name"]), cite(rec["name"]["source"])]]
    rows += [[*_pair(fmt, c["name"]), Raw(fmt.text(c["for"]) + cite(c["source"]))] for c in rec["categories"]]
    groups.append((p.gl_recognition, "recognition", rows))
    rows = [[Raw(md_escape(t["en"])), Raw(md_escape(t["zh"])), Raw(fmt.text(t["definition"]) + cite(t["source"]))]
            for t in sorted(data["glossary"]["terms"], key=lambda t: t["en"].lower())]
    groups.append((p.gl_terms, "terms", rows))
    blocks = []
    for title, anchor, rows in groups:
        blocks.append({"type": "heading", "level": 2, "text": title, "anchor": Raw(anchor)})
        blocks.append({"type": "table", "head": [p.gl_english, p.gl_chinese, p.gl_more], "rows": rows})
    return blocks
