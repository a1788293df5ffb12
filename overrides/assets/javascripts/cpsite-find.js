/*
 * The "find cases and technologies" page: facet filters with counts, combined with words.
 *
 * The form (generator/templates/find_form.html.j2) lists every facet value with its label.
 * Its state lives in the page address (?q=...&sector=metal&pollutant=air-voc...), so a
 * filtered view can be linked from a slide and opens the same. Values of one facet combine
 * with OR, facets with AND; each count says how many results ticking that value would give
 * with the other facets as they are. The build lists the records and which carry each facet
 * value (assets/search/<lang>-records.json, from generator/search/index.py), so combining
 * and counting is set arithmetic here; Pagefind provides the words search (with the script
 * fold of cpsite-query.js; synonyms are indexed with the pages). A listed record's title and
 * address are read from its Pagefind fragment (the gzip'd JSON that Pagefind 1.5 writes per
 * page), only for the records shown.
 */
import { countText, indexLanguage, load, plain, search, siteUrl, text } from "./cpsite-query.js";

const PAGE = 20;
const root = document.querySelector("[data-cp-find]");
const form = root.querySelector("form");
const words = form.elements.namedItem("q");
const sort = form.elements.namedItem("sort");
// Sort keys of generator/pages/figures.py SORTS: the order of each (costs: by unit, then amount).
const DESCENDING = new Set(["removal", "energy", "cases"]);
const boxes = [...form.querySelectorAll("input[type=checkbox]")];
const facets = [...new Set(boxes.map((box) => box.name))];
const status = root.querySelector("[role=status]");
const list = root.querySelector(".cp-find__results");
const more = root.querySelector(".cp-find__more");
// The filters and the order fold into a panel; open on wide screens, folded on phones so the
// count and the first results are on the first screen. Its summary says how many are ticked.
const panel = form.querySelector(".cp-find__panel");
const chosenText = panel.querySelector(".cp-find__chosen");
const labels = new Map(boxes.map((box) => [`${box.name}:${box.value}`, box.labels[0].querySelector(".cp-find__label").textContent]));

let index = null; // {data, order: [id], known: Set(id), sets: Map("facet:value" -> Set(id))}
let shown = [];
let generation = 0;
const cards = new Map();

function readAddress() {
  const params = new URLSearchParams(window.location.search);
  words.value = params.get("q") || "";
  sort.value = [...sort.options].some((o) => o.value === params.get("sort")) ? params.get("sort") : "";
  for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);
}

function writeAddress() {
  const params = new URLSearchParams();
  if (words.value.trim()) params.set("q", words.value.trim());
  for (const box of boxes) if (box.checked) params.append(box.name, box.value);
  if (sort.value) params.set("sort", sort.value);
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    history.replaceState(history.state, "", url);
  }
}

function undelta(deltas) {
  let at = -1;
  return deltas.map((d) => (at += d));
}

async function buildIndex() {
  const [{ data }, records] = await Promise.all([
    load(),
    fetch(siteUrl(`assets/search/${indexLanguage()}-records.json`)).then((r) => {
      if (!r.ok) throw new Error(`records: ${r.status}`);
      return r.json();
    }),
  ]);
  const sets = new Map();
  for (const box of boxes) {
    const positions = undelta(((records.facets[box.name] || {})[box.value]) || []);
    sets.set(`${box.name}:${box.value}`, new Set(positions.map((p) => records.ids[p])));
  }
  const position = new Map(records.ids.map((id, i) => [id, i]));
  return { data, order: records.ids, known: new Set(records.ids), sets, position,
           sort: records.sort || {}, headline: records.headline || [] };
}

/* Title, address and filters of a record, from its Pagefind fragment. */
function card(id) {
  if (!cards.has(id)) {
    cards.set(id, fetch(siteUrl(`pagefind/fragment/${id}.pf_fragment`)).then(async (response) => {
      const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
      const raw = await new Response(stream).text();
      return JSON.parse(raw.slice(raw.indexOf("{")));
    }));
  }
  return cards.get(id);
}

function selected(facet) {
  return boxes.filter((box) => box.name === facet && box.checked).map((box) => index.sets.get(`${facet}:${box.value}`));
}

function passes(id, chosen, except) {
  return facets.every((f) => f === except || !chosen[f].length || chosen[f].some((set) => set.has(id)));
}

let partialMatch = false;

async function candidates(query) {
  partialMatch = false;
  if (!query) return index.order;
  const { results, exact, partial } = await search(query);
  partialMatch = !!partial;
  // With Chinese words, only pages that have them as written (if any do).
  return (exact ? results.slice(0, exact) : results).map((r) => r.id).filter((id) => index.known.has(id));
}

/* Results in the chosen order; records without the figure keep their order, after the rest. */
function sorted(ids) {
  const values = index.sort[sort.value];
  if (!values) return ids;
  const sign = DESCENDING.has(sort.value) ? -1 : 1;
  const value = (id) => values[index.position.get(id)];
  const compare = (a, b) => {
    const x = value(a), y = value(b);
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    if (Array.isArray(x)) return x[0] === y[0] ? sign * (x[1] - y[1]) : (x[0] < y[0] ? -1 : 1);
    return sign * (x - y);
  };
  return [...ids].sort(compare);
}

function meta(data) {
  const filters = data.filters || {};
  const kind = (filters.kind || [])[0];
  const parts = [text(index.data, kind === "technology" ? "search_technologies" : "search_cases")];
  for (const facet of ["year", "sector"]) {
    for (const value of filters[facet] || []) parts.push(labels.get(`${facet}:${value}`) || value);
  }
  const headline = plain((data.meta || {}).cp_headline || "");
  if (headline) parts.push(headline);
  return parts.join(" · ");
}

function item(data) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = siteUrl(data.url.replace(/^\//, "")).pathname;
  a.textContent = plain(data.meta.title) || data.url;
  const small = document.createElement("small");
  small.className = "cp-find__meta";
  small.textContent = meta(data);
  li.append(a, document.createElement("br"), small);
  return li;
}

async function showMore(run) {
  const next = shown.slice(list.children.length, list.children.length + PAGE);
  const loaded = await Promise.all(next.map(card));
  if (run !== generation) return;
  list.append(...loaded.map(item));
  more.hidden = list.children.length >= shown.length;
}

async function update() {
  const run = ++generation;
  writeAddress();
  const query = words.value.trim();
  const pool = await candidates(query);
  if (run !== generation) return;
  const chosen = Object.fromEntries(facets.map((f) => [f, selected(f)]));
  shown = sorted(pool.filter((id) => passes(id, chosen, null)));
  for (const facet of facets) {
    const base = pool.filter((id) => passes(id, chosen, facet));
    for (const box of boxes.filter((b) => b.name === facet)) {
      const set = index.sets.get(`${facet}:${box.value}`);
      const n = base.reduce((sum, id) => sum + (set.has(id) ? 1 : 0), 0);
      box.labels[0].querySelector("[data-count]").textContent = `(${n})`;
      box.labels[0].classList.toggle("cp-find__value--empty", n === 0 && !box.checked);
    }
  }
  status.textContent = countText(index.data, shown.length) + (partialMatch ? ` ${text(index.data, "search_partial")}` : "");
  const ticked = boxes.filter((box) => box.checked).length;
  chosenText.textContent = ticked ? `(${chosenText.dataset.chosen.replace("{n}", ticked)})` : "";
  list.replaceChildren();
  await showMore(run);
  if (run === generation) root.dataset.cpFindDone = window.location.search || "?";
}

async function start() {
  readAddress();
  panel.open = window.matchMedia("(min-width: 60em)").matches;
  form.hidden = false;
  status.textContent = status.dataset.loading;
  try {
    index = await buildIndex();
  } catch (error) {
    const { data } = await load().catch(() => ({ data: {} }));
    status.textContent = text(data, "search_failed") || "Search could not be loaded.";
    return;
  }
  form.addEventListener("change", update);
  words.addEventListener("input", update);
  form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    words.value = "";
    for (const box of boxes) box.checked = false;
    sort.value = "";
    update();
  });
  more.addEventListener("click", () => showMore(generation));
  window.addEventListener("popstate", () => { readAddress(); update(); });
  await update();
}

start();
