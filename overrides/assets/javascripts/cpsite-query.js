/*
 * cpsite search, query side (shared by the header search box and the find page).
 *
 * Loads Pagefind (the index of this page's language: Pagefind picks it by <html lang>) and
 * the query data the build wrote for that language (assets/search/<lang>.json, made by
 * generator/search_index.py): a map from the other Chinese script to the site's characters,
 * and the synonym groups from the records and vocabularies. A query is rewritten into the
 * site's script (热泵 -> 熱泵), widened to the other terms of a synonym group it contains
 * (VOC -> 揮發性有機化合物 ...), and every variant is searched; results are merged by score.
 * Chinese is indexed character by character (see generator/search_index.py), so a Chinese
 * run is searched as its characters, and once more as a phrase: pages with the characters in
 * that order come first ("exact"), pages with them anywhere after.
 * Nothing is fetched before the first call of load(), and only from this site.
 */

const ROOT = new URL("../../", import.meta.url); // this file is <root>/assets/javascripts/
const EMPTY = { fold: { chars: {}, pairs: {} }, synonyms: [], strings: {} };
const MAX_VARIANTS = 8;
let loading = null;

export function indexLanguage() {
  return (document.documentElement.lang || "unknown").toLowerCase();
}

/* Pagefind and the query data, loaded once; resolves to {pagefind, data}. */
export function load() {
  if (!loading) {
    loading = (async () => {
      const pagefind = await import(new URL("pagefind/pagefind.js", ROOT).href);
      await pagefind.options({ baseUrl: ROOT.pathname, excerptLength: 24 });
      const response = await fetch(new URL(`assets/search/${indexLanguage()}.json`, ROOT));
      const data = response.ok ? await response.json() : EMPTY;
      await pagefind.init();
      return { pagefind, data };
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/* Width, case and punctuation folded away: the form used to compare terms. */
export function normalise(text) {
  return text.normalize("NFKC").toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ").replace(/\s+/g, " ").trim();
}

/* The query in the site's script, character by character (pairs first, where the build
   found that a character's reading depends on its neighbour). */
export function fold(text, map) {
  const chars = [...text];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const pair = map.pairs[chars[i] + (chars[i + 1] || "")];
    if (pair) {
      out += pair;
      i++;
    } else {
      out += map.chars[chars[i]] || chars[i];
    }
  }
  return out;
}

const LATIN = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

function findTerm(query, term) {
  let from = 0;
  for (;;) {
    const at = query.indexOf(term, from);
    if (at < 0) return -1;
    const before = query[at - 1] || " ";
    const after = query[at + term.length] || " ";
    const edgeOk = (outside, inside) => HAN.test(inside) || HAN.test(outside) || !LATIN.test(outside);
    if (edgeOk(before, term[0]) && edgeOk(after, term[term.length - 1])) return at;
    from = at + 1;
  }
}

/* The query and its variants: the longest synonym-group term it contains, replaced by each
   other term of that group. */
export function variants(query, groups) {
  const q = normalise(query);
  let best = null;
  for (const group of groups) {
    for (const term of group) {
      const t = normalise(term);
      const at = t ? findTerm(q, t) : -1;
      if (at >= 0 && (!best || t.length > best.term.length)) best = { group, term: t, at };
    }
  }
  const out = [query.trim()];
  if (best) {
    for (const other of best.group) {
      const o = normalise(other);
      if (o && o !== best.term) out.push(q.slice(0, best.at) + o + q.slice(best.at + best.term.length));
    }
  }
  return [...new Set(out.map((s) => s.trim()).filter(Boolean))].slice(0, MAX_VARIANTS);
}

const HAN_RUN = /\p{Script=Han}+/gu;

/* What Pagefind is asked for one query: every word, Chinese runs as their characters; and
   each Chinese run of two or more characters as a phrase. */
export function pagefindTerms(query) {
  const runs = query.match(HAN_RUN) || [];
  const words = query.replace(HAN_RUN, (run) => ` ${[...run].join(" ")} `).replace(/\s+/g, " ").trim();
  const phrases = runs.filter((run) => [...run].length > 1).map((run) => `"${[...run].join(" ")}"`);
  return { words, phrases };
}

/* Search the query and its variants. Returns Pagefind results (each with .id, .score and
   .data()), those with every Chinese run in order first (`exact` of them), then the rest,
   each part by best score; and the variants searched. */
export async function search(query, options = {}) {
  const { pagefind, data } = await load();
  const queries = variants(fold(query.normalize("NFKC"), data.fold), data.synonyms);
  const best = new Map();
  await Promise.all(queries.map(async (q, n) => {
    const { words, phrases } = pagefindTerms(q);
    const [all, ...exact] = await Promise.all([words, ...phrases].map((t) => pagefind.search(t, options)));
    const inOrder = exact.map((found) => new Set(found.results.map((r) => r.id)));
    for (const r of all.results) {
      const tier = inOrder.every((set) => set.has(r.id)) ? 0 : 1;
      const seen = best.get(r.id);
      if (!seen || tier < seen.tier || (tier === seen.tier && r.score > seen.r.score)) best.set(r.id, { r, n, tier });
    }
  }));
  const ranked = [...best.values()].sort((a, b) => a.tier - b.tier || b.r.score - a.r.score || a.n - b.n);
  return { results: ranked.map((x) => x.r), exact: ranked.filter((x) => x.tier === 0).length, queries };
}

/* Text Pagefind returns, without the zero-width spaces the index put between characters. */
export function plain(text) {
  return (text || "").replace(/\u200b/g, "");
}

/* Interface string of this language from the query data, with {n} filled in. */
export function text(data, key, n) {
  const value = (data.strings || {})[key] || "";
  return n === undefined ? value : value.replace("{n}", String(n));
}

export function countText(data, n) {
  if (n === 0) return text(data, "search_none");
  return n === 1 ? text(data, "search_count_one") : text(data, "search_count", n);
}
