/*
 * cpsite search box in Material's header (markup: overrides/partials/cpsite-search.html).
 *
 * Looks and opens like Material's own search (its md-search classes and its __search toggle).
 * Keyboard: "/" or "s" focuses the box, arrows move through the results, Enter opens the
 * selected (or first) result, Escape closes. The input is an ARIA combobox that owns a
 * listbox of results, and a status line announces how many were found. The search engine
 * and the index metadata are loaded as soon as the reader shows an intent to search (points
 * at or touches the search button or box, focuses it, or presses its key), not with every
 * page: reading a page costs no search download and no main-thread time. The index itself
 * is loaded only as words are typed. On the find page it also starts the facet filters
 * (cpsite-find.js).
 */
import { countText, kindText, load, plain, preload, proseExcerpt, search, text, tooShort, warm } from "./cpsite-query.js";

const MAX_RESULTS = 10;
const box = document.querySelector("[data-cp-search]");
const toggle = document.getElementById("__search");

function isEditable(el) {
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

function setup() {
  const input = box.querySelector("input[name=q]");
  const form = input.form;
  const list = box.querySelector("[role=listbox]");
  const status = box.querySelector("[data-cp-search-status]");
  const all = box.querySelector("[data-cp-search-all]");
  let active = -1;
  let running = false;
  let pending = false;
  let idle = Promise.resolve();
  let data = null;

  const options = () => [...list.querySelectorAll("[role=option]")];

  function open() {
    if (!toggle.checked) toggle.checked = true;
    input.setAttribute("aria-expanded", "true");
    load().then((loaded) => {
      data = loaded.data;
      all.textContent = text(data, "search_all_results");
      all.parentElement.hidden = false;
      if (!input.value.trim()) status.textContent = text(data, "search_label");
    }).catch(() => { status.textContent = "Search could not be loaded."; });
    if (input.value.trim() && box.dataset.cpSearchDone !== input.value.trim()) update();
  }

  function close() {
    toggle.checked = false;
    input.setAttribute("aria-expanded", "false");
    select(-1);
  }

  function select(n) {
    const items = options();
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === n)));
    active = n >= 0 && n < items.length ? n : -1;
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function item(query, result, n) {
    const li = document.createElement("li");
    li.setAttribute("role", "none");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.href = result.url;
    a.id = `cp-search-option-${n}`;
    a.className = "md-search-result__link";
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-search-result__article--document md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("div");
    title.className = "cp-search__title";
    const kind = document.createElement("span");
    kind.className = "cp-search__kind";
    kind.textContent = kindText(data, result);
    title.append(kind, " ", plain(result.meta.title) || result.url);
    const excerpt = document.createElement("p");
    excerpt.className = "cp-search__excerpt";
    excerpt.append(proseExcerpt(result, query, data));
    article.append(icon, title, excerpt);
    a.append(article);
    li.append(a);
    return li;
  }

  async function show(query, { results, partial }) {
    const shown = await Promise.all(results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (input.value.trim() !== query) return; // typed on meanwhile
    list.replaceChildren(...shown.map((r, n) => item(query, r, n)));
    list.hidden = !shown.length;
    select(-1);
    status.textContent = countText(data, results.length) + (partial ? ` ${text(data, "search_partial")}` : "");
    box.dataset.cpSearchDone = query; // for tests and benchmarks: results of this query are shown
  }

  async function run(query) {
    all.href = `${form.action}${query ? `?q=${encodeURIComponent(query)}` : ""}`;
    if (tooShort(query)) {
      list.replaceChildren();
      list.hidden = true;
      select(-1);
      status.textContent = data ? text(data, "search_label") : "";
      return;
    }
    const loaded = await load();
    data = loaded.data;
    const found = await search(query, {}, { top: 2 * MAX_RESULTS });
    if (input.value.trim() === query) await show(query, found);
  }

  /* One search at a time; typing during a search queues one more with the latest words. */
  function update() {
    if (running) {
      pending = true;
      return idle;
    }
    running = true;
    idle = (async () => {
      try {
        do {
          pending = false;
          await run(input.value.trim());
        } while (pending);
      } catch (error) {
        status.textContent = data ? text(data, "search_failed") : "Search could not be loaded.";
      } finally {
        running = false;
      }
    })();
    return idle;
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", () => {
    if (!toggle.checked) open();
    warm(input.value);
    update();
  });
  toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); else close(); });
  form.addEventListener("reset", () => setTimeout(() => { input.focus(); update(); }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = input.value.trim();
    await idle;
    if (box.dataset.cpSearchDone !== query) await update();
    const items = options();
    // The selected or first result; with none, the find page with the words.
    window.location.href = items.length ? items[Math.max(active, 0)].href : all.href;
  });
  input.addEventListener("keydown", (event) => {
    const count = options().length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      select(active + 1 < count ? active + 1 : 0);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      select(active > 0 ? active - 1 : count - 1);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.blur();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isEditable(document.activeElement)) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
}

/* The first sign that the reader is about to search starts loading the search engine. */
function preloadOnIntent() {
  const targets = [box, document.querySelector("label[for=__search]")].filter(Boolean);
  const events = ["pointerenter", "touchstart", "focusin"];
  const start = () => {
    for (const el of targets) for (const type of events) el.removeEventListener(type, start);
    toggle.removeEventListener("change", start);
    preload();
  };
  for (const el of targets) for (const type of events) el.addEventListener(type, start, { passive: true });
  toggle.addEventListener("change", start);
}

if (box && toggle) {
  setup();
  preloadOnIntent();
}
if (document.querySelector("[data-cp-find]")) import("./cpsite-find.js");
