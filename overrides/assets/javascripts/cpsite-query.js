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
   the search box, which shows only the first few). When no page has every word, the pages
   with most of them, and `partial` set. */
export async function search(query, options = {}, { top = 0 } = {}) {
  const { pagefind, data } = await load();
  if (tooShort(query)) return { results: [], exact: 0 };
  const folded = fold(query.normalize("NFKC").trim(), data.fold);
  const { words, phrases } = pagefindTerms(folded, data.common);
  if (top) {
    const all = (await pagefind.search(words, options)).results;
    if (!all.length) return partial(pagefind, words, options);
    const runs = (folded.match(HAN_RUN) || []).filter((run) => [...run].length > 1);
    const texts = await Promise.all(all.slice(0, top).map(async (r) => plain((await r.data()).content)));
    const tier = [];
    const rest = [];
    all.slice(0, top).forEach((r, n) => (runs.every((run) => texts[n].includes(run)) ? tier : rest).push(r));
    return { results: [...tier, ...rest, ...all.slice(top)], exact: tier.length };
  }
  const [all, ...exact] = await Promise.all([words, ...phrases].map((t) => pagefind.search(t, options)));
  if (!all.results.length) return partial(pagefind, words, options);
  const inOrder = exact.map((found) => new Set(found.results.map((r) => r.id)));
  const tier = [];
  const rest = [];
  for (const r of all.results) (inOrder.every((set) => set.has(r.id)) ? tier : rest).push(r);
  return { results: [...tier, ...rest], exact: tier.length };
}

/* When no page has every word: the pages with most of the words, by how many they have, then
   by score (one unknown word such as "levitation" must not empty the list). */
async function partial(pagefind, words, options) {
  const terms = [...new Set(words.split(" ").filter(Boolean))];
  if (terms.length < 2) return { results: [], exact: 0 };
  const each = await Promise.all(terms.map((t) => pagefind.search(t, options)));
  const tally = new Map();
  for (const found of each) {
    for (const r of found.results) {
      const seen = tally.get(r.id) || { r, n: 0, score: 0 };
      seen.n += 1;
      seen.score += r.score;
      tally.set(r.id, seen);
    }
  }
  const ranked = [...tally.values()].sort((a, b) => b.n - a.n || b.score - a.score).map((t) => t.r);
  return { results: ranked, exact: 0, partial: ranked.length > 0 };
}

/* The end of the article's prose in the text Pagefind keeps of a page: tables and search
   keywords come after it (generator/search_prose.py). */
const PROSE_END = "\u2063\u2063\u2063";

/* The words of a query to mark in an excerpt, in the site's script: Latin words, and each
   Chinese run (its characters, when the run itself is not in the text). */
function markTerms(query, map) {
  const folded = fold(query.normalize("NFKC").trim(), map);
  return folded.split(/[\s\p{P}]+/u).filter((w) => w && (/\p{Script=Han}/u.test(w) || w.length > 1));
}

/* An excerpt of the article's prose only (no figures table, keyword list, short link or
   button): the page's text before PROSE_END, without its title, around the first word of
   the query found there (from a word start, about `length` characters), the words found
   in <mark>. Returned as DOM nodes, the text never parsed as markup. */
export function proseExcerpt(record, query, qdata, length = 0) {
  let text = plain(record.content || "");
  length = length || (/^zh|^ja/.test(indexLanguage()) ? 90 : 170);   // a Chinese character says more
  const cut = text.indexOf(PROSE_END);
  if (cut >= 0) text = text.slice(0, cut);
  const title = plain((record.meta || {}).title || "");
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[\s.。]+/u, "");
  text = text.replace(/\s+/g, " ").trim();
  const lower = text.toLowerCase();
  let terms = markTerms(query, (qdata || {}).fold || { chars: {}, pairs: {} }).map((w) => w.toLowerCase());
  const han = terms.filter((w) => /\p{Script=Han}/u.test(w) && !lower.includes(w));
  terms = [...terms.filter((w) => !han.includes(w)), ...han.flatMap((w) => [...w])];
  const found = terms.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
  let start = found.length ? Math.max(0, Math.min(...found) - 40) : 0;
  if (start > 0) {
    const space = text.slice(start, start + 30).search(/[\s，。；、]/u);
    if (space >= 0) start += space + 1;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const back = text.slice(start, end).search(/\s\S*$/u);
    if (back > length / 2) end = start + back;
  }
  const piece = text.slice(start, end);
  const out = document.createDocumentFragment();
  if (start > 0) out.append("… ");
  const pattern = terms.length
    ? new RegExp(terms.sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu")
    : null;
  let at = 0;
  for (const m of pattern ? piece.matchAll(pattern) : []) {
    out.append(piece.slice(at, m.index));
    const mark = document.createElement("mark");
    mark.textContent = m[0];
    out.append(mark);
    at = m.index + m[0].length;
  }
  out.append(piece.slice(at));
  if (end < text.length) out.append(" …");
  return out;
}

/* What kind of page a result is, in the reader's language: case, technology, programme or page. */
export function kindText(data, record) {
  const kind = ((record.filters || {}).kind || [])[0];
  if (kind === "case") return text(data, "search_cases");
  if (kind === "technology") return text(data, "search_technologies");
  return text(data, /\/programme\//.test(record.url || "") ? "search_programme" : "search_page");
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
