/* Technology comparison (/technologies/compare/?ids=a,b,c), and the "compare" links on
   technology pages. The page carries every technology's data as JSON (generator/pages/compare.py);
   this script shows the chosen ones side by side and keeps the choice in the address. It only
   ever writes text (textContent), never markup. */
(function () {
  "use strict";

  for (const a of document.querySelectorAll("a[data-cp-compare]")) {
    const url = new URL(a.getAttribute("href"), location.href);
    url.searchParams.set("ids", a.dataset.cpCompare);
    a.href = url.pathname + url.search;
  }

  const root = document.getElementById("cp-compare");
  const source = document.getElementById("cp-compare-data");
  if (!root || !source) return;
  const data = JSON.parse(source.textContent);
  const S = data.strings;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function chosenFromAddress() {
    const raw = new URLSearchParams(location.search).get("ids") || "";
    const ids = raw.split(",").map((s) => s.trim()).filter((id) => Object.hasOwn(data.technologies, id));
    return [...new Set(ids)].slice(0, data.max);
  }

  let chosen = chosenFromAddress();

  function keepInAddress() {
    const url = new URL(location.href);
    if (chosen.length) url.searchParams.set("ids", chosen.join(","));
    else url.searchParams.delete("ids");
    history.replaceState(null, "", url.pathname + url.search.replace(/%2C/g, ",") + url.hash);
  }

  const chooser = el("details", { class: "cp-compare__choose" });
  chooser.append(el("summary", {}, S.choose));
  const status = el("p", { class: "cp-compare__status", role: "status" });
  const grid = el("div", { class: "cp-compare__grid" });
  const print = el("button", { type: "button", class: "md-button cp-compare__print" }, S.print);
  print.addEventListener("click", () => window.print());
  const boxes = [];
  for (const group of data.groups) {
    const set = el("fieldset");
    set.append(el("legend", {}, group.heading));
    for (const id of group.ids) {
      const label = el("label");
      const box = el("input", { type: "checkbox", value: id });
      box.checked = chosen.includes(id);
      box.addEventListener("change", () => {
        chosen = box.checked ? [...chosen.filter((x) => x !== id), id] : chosen.filter((x) => x !== id);
        chosen = chosen.slice(0, data.max);
        keepInAddress();
        render();
      });
      boxes.push(box);
      label.append(box, document.createTextNode(" " + data.technologies[id].name));
      set.append(label);
    }
    chooser.append(set);
  }
  chooser.open = chosen.length < 2;
  root.textContent = "";
  root.append(chooser, status, print, grid);

  function row(list, term, value) {
    list.append(el("dt", {}, term));
    const dd = el("dd");
    if (value instanceof Node) dd.append(value);
    else dd.textContent = value;
    list.append(dd);
  }

  function card(tech) {
    const article = el("article", { class: "cp-compare__card" });
    const h = el("h2");
    h.append(el("a", { href: tech.href }, tech.name));
    article.append(h);
    const list = el("dl");
    row(list, S.pollutants, tech.pollutants.join(", "));
    row(list, S.sectors, tech.sectors.join(", ") || "–");
    row(list, S.principle, tech.principle);
    for (const kind of data.kinds) {
      const figures = tech.evidence.filter((e) => e.kind === kind.key);
      const ul = el("ul");
      for (const e of figures) {
        const li = el("li");
        li.append(el("strong", {}, e.value), document.createTextNode(" "),
                  el("span", { class: "cp-basis cp-basis--" + e.basis_key }, e.basis),
                  document.createTextNode(" [" + e.source + "] "), el("small", {}, e.conditions));
        ul.append(li);
      }
      if (figures.length) row(list, figures.length === 1 ? figures[0].label : kind.label, ul);
      else if (chosen.some((id) => data.technologies[id].evidence.some((e) => e.kind === kind.key)))
        row(list, kind.label, S.none);
    }
    row(list, S.cases, String(tech.cases));
    const ol = el("ol", { class: "cp-compare__sources" });
    for (const s of tech.sources) {
      const li = el("li", { value: String(s.number) });
      li.append(document.createTextNode(s.publisher + ": "));
      li.append(s.url ? el("a", { href: s.url }, s.title) : el("em", {}, s.title));
      ol.append(li);
    }
    row(list, S.sources, ol);
    article.append(list);
    return article;
  }

  function render() {
    for (const box of boxes) {
      box.checked = chosen.includes(box.value);
      box.disabled = !box.checked && chosen.length >= data.max;
    }
    status.textContent = chosen.length < 2 ? S.too_few + " " + S.chosen.replace("{n}", chosen.length)
                                           : S.chosen.replace("{n}", chosen.length);
    grid.textContent = "";
    grid.dataset.count = String(chosen.length);
    for (const id of chosen) grid.append(card(data.technologies[id]));
  }

  render();
})();
