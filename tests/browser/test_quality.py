"""What only a browser shows: accessibility (axe-core, WCAG 2.1 AA) in light and dark scheme,
keyboard focus, and that pages need nothing from any other host."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = {"en": "", "zh": "zh/", "zh-Hans": "zh-Hans/"}
# A representative set: home, catalogue pages, a case, a technology, every guide page.
PAGES = ["", "about/", "cases/", "sectors/", "sectors/printing/", "pollutants/air-voc/", "years/2009/",
         "technologies/", "cases/pilot-2007-cc-joint-printing/", "cases/cppp-partner-2012-voc-180t/",
         "technologies/zeolite-rotor-rto/", "programme/", "programme/funding/", "programme/eligibility/",
         "programme/sectors/", "programme/apply/", "programme/statistics/", "programme/recognition/",
         "programme/timeline/", "programme/glossary/", "programme/calculator/", "find/",
         "find/?sector=printing&pollutant=air-voc", "impact/", "data/"]
SEARCH = {"en": "heat pump", "zh": "熱泵", "zh-Hans": "热泵"}   # typed with the results list open
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe(page, axe_script):
    page.add_script_tag(content=axe_script)
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", sorted(LANGS))
def test_no_serious_accessibility_violations(chromium, served_site, axe_script, lang, scheme):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    try:
        for path in PAGES:
            page.goto(served_site + LANGS[lang] + path)
            result = _axe(page, axe_script)
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in v["nodes"]][:3]
                    found.append(f"{LANGS[lang]}{path}: {v['id']} ({v['impact']}): {v['help']} {targets}")
        page.goto(served_site + LANGS[lang])
        page.locator("#cp-search-input").fill(SEARCH[lang])
        page.wait_for_function("q => document.querySelector('[data-cp-search]').dataset.cpSearchDone === q",
                               arg=SEARCH[lang], timeout=15000)
        assert page.locator("#cp-search-results [role=option]").count() > 0
        for v in _axe(page, axe_script)["violations"]:
            if v["impact"] in ("serious", "critical"):
                found.append(f"{LANGS[lang]} search results: {v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:3]} {[n.get('failureSummary', '')[:160] for n in v['nodes']][:1]}")
    finally:
        context.close()
    assert found == []


def test_pages_request_nothing_from_other_hosts(chromium, served_site):
    context = chromium.new_context()
    outside, errors = [], []

    def route(r):
        if r.request.url.startswith(served_site):
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        for lang in LANGS.values():
            for path in PAGES:
                page.goto(served_site + lang + path, wait_until="networkidle")
                assert page.locator("h1").count() >= 1, path
                styled = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
                assert styled in ("sticky", "fixed", "relative"), f"{path}: theme CSS did not load"
    finally:
        context.close()
    assert outside == []
    assert errors == []


def test_keyboard_reaches_controls_with_visible_focus(browser_page, served_site):
    page = browser_page
    page.goto(served_site + "programme/calculator/")
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const ring = el => { const s = getComputedStyle(el);
                return (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none'; };
            const e = document.activeElement;
            // a visually hidden toggle shows its focus on the label that follows it
            const next = e.nextElementSibling;
            const label = next && next.tagName === 'LABEL' ? next : null;
            const hidden = getComputedStyle(e).opacity === '0';
            return {tag: e.tagName, id: e.id || e.className, visible: hidden && label ? ring(label) : ring(e)}; }""")
        if info["tag"] == "BODY":
            break
        assert info["visible"], f"no visible focus on {info}"
        if info["tag"] in ("INPUT", "SELECT", "BUTTON"):
            seen.add(info["id"])
    assert {"cp-calc-cost"} <= seen, seen
