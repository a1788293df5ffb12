/*
 * cpsite search, query side (shared by the header search box and the find page).
 *
 * Loads Pagefind (the index of this page's language: Pagefind picks it by <html lang>) and
 * the query data the build wrote for that language (assets/search/<lang>.json, made by
 * generator/search/index.py): a map from the other Chinese script to the site's characters
 * and the interface strings. A query is rewritten into the site's script (热泵 -> 熱泵).
 * Synonyms need nothing here: pages carry the synonyms of what they are about as search
 * keywords (generator/search/terms.py). Chinese is indexed character by character (see
 * generator/search/index.py), so a Chinese run is searched as its characters, and once more
 * as a phrase: pages with the characters in that order come first ("exact"), pages with them
 * anywhere after. Nothing is fetched until the reader starts to search (cpsite-search.js), and
 * only from this site.
 */

const ROOT = new URL("../../", import.meta.url); // this file is <root>/assets/javascripts/
const EMPTY = { fold: { chars: {}, pairs: {} }, strings: {} };
let loading = null;

/* An address on this site, from a path relative to the site root. */
export function siteUrl(path) {
  return new URL(path, ROOT);
}

export function indexLanguage() {
  return (document.documentElement.lang || "unknown").toLowerCase();
}

/* Pagefind and the query data, loaded once; resolves to {pagefind, data}. */
export function load() {
  if (!loading) {
    loading = (async () => {
      const [pagefind, data] = await Promise.all([
        import(new URL("pagefind/pagefind.js", ROOT).href),
        fetch(new URL(`assets/search/${indexLanguage()}.json`, ROOT)).then((r) => (r.ok ? r.json() : EMPTY)),
      ]);
      await pagefind.options({ baseUrl: ROOT.pathname, excerptLength: 24 });
      await pagefind.init();
      return { pagefind, data };
    })();
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/* Load in the background, unless the visitor asked to save data: the search engine and the
   index metadata (not the index itself), so the first query is quick.
   On a Chinese page also one character's part of the index: Pagefind then sets up the
   browser's Chinese word splitter, which takes a few hundred milliseconds the first time. */
export function preload() {
  const connection = navigator.connection || {};
  if (connection.saveData || /2g/.test(connection.effectiveType || "")) return;
  load().then(({ pagefind }) => {
    if (/^(zh|ja)\b/.test(indexLanguage())) return pagefind.preload("中");
    return null;
  }).catch(() => {});
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

const HAN_RUN = /\p{Script=Han}+/gu;

/* What Pagefind is asked for one query: the words to rank by, with each Chinese run as its
   characters (leaving out characters on nearly every page, as long as two rarer ones are
   left: they rank nothing and make the search slow); and each Chinese run of two or more
   characters as a phrase, all characters in their order. */
export function pagefindTerms(query, common = {}) {
  const runs = query.match(HAN_RUN) || [];
  const ranked = (run) => {
    const chars = [...run];
    const rare = chars.filter((c) => (common[c] || 0) < 90);
    return (rare.length >= 2 ? rare : chars).join(" ");
  };
  const words = query.replace(HAN_RUN, (run) => ` ${ranked(run)} `).replace(/\s+/g, " ").trim();
  const phrases = runs.filter((run) => [...run].length > 1).map((run) => `"${[...run].join(" ")}"`);
  return { words, phrases };
}

/* Too short to search: one Latin letter or digit matches nearly every page. */
export function tooShort(query) {
  const q = query.trim();
  return !q || (q.length < 2 && !/\p{Script=Han}/u.test(q));
}

/* The query in the site's script, in the form Pagefind is asked for it. */
function prepare(query, data) {
  return pagefindTerms(fold(query.normalize("NFKC").trim(), data.fold), data.common);
}

/* While the words are typed: fetch the parts of the index they need, without searching. */
export function warm(query) {
  if (!loading || tooShort(query)) return;
  loading.then(({ pagefind, data }) => pagefind.preload(prepare(query, data).words)).catch(() => {});
}

/* Search the query. Returns Pagefind results (each with .id, .score and .data()): those with
   every Chinese run of the query in that order first (`exact` of them), then those with the
   characters elsewhere, each part by score. (Pagefind scores a phrase search 1 for every
   page, so the words search gives the order and the phrase search the tier.) With `top`, no
   phrase search: only the first `top` results are put in tiers, by their text (quicker, for
   the search box, which shows only the first few). */
export async function search(query, options = {}, { top = 0 } = {}) {
  const { pagefind, data } = await load();
  if (tooShort(query)) return { results: [], exact: 0 };
  const folded = fold(query.normalize("NFKC").trim(), data.fold);
  const { words, phrases } = pagefindTerms(folded, data.common);
  if (top) {
    const all = (await pagefind.search(words, options)).results;
    const runs = (folded.match(HAN_RUN) || []).filter((run) => [...run].length > 1);
    const texts = await Promise.all(all.slice(0, top).map(async (r) => plain((await r.data()).content)));
    const first = [];
    const rest = [];
    all.slice(0, top).forEach((r, n) => (runs.every((run) => texts[n].includes(run)) ? first : rest).push(r));
    return { results: [...first, ...rest, ...all.slice(top)], exact: first.length };
  }
  const [all, ...exact] = await Promise.all([words, ...phrases].map((t) => pagefind.search(t, options)));
  const inOrder = exact.map((found) => new Set(found.results.map((r) => r.id)));
  const first = [];
  const rest = [];
  for (const r of all.results) (inOrder.every((set) => set.has(r.id)) ? first : rest).push(r);
  return { results: [...first, ...rest], exact: first.length };
}

/* Text Pagefind returns, without the zero-width spaces the index put between characters. */
export function plain(text) {
  return (text || "").replace(/\u200b/g, "");
}

/* An excerpt as DOM nodes: its text, and the <mark> elements Pagefind puts round the words
   found; nothing else of it becomes markup. DOMParser's document is inert (no script runs,
   nothing loads), so even an excerpt that were not escaped could do no harm. */
export function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(plain(html), "text/html");
  const out = document.createDocumentFragment();
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
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
