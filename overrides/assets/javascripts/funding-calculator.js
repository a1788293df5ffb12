/* cpsite funding calculator. Plain JavaScript, no framework; runs only on a page that has the
   form #cp-calc. Its rules and texts come from the JSON in #cp-calc-data, generated from
   data/funding.yaml and the locale files. The arithmetic is the same as generator/model/funding.py
   (whole cents, integers only), so both give the same result for the same input. */
(function () {
  "use strict";
  var MAX_CENTS = 100000000000;
  var AMOUNT = /^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{1,2})?$/;
  var WIDE = "０１２３４５６７８９，．－", NARROW = "0123456789,.-";

  function normalise(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var k = WIDE.indexOf(text.charAt(i));
      out += k >= 0 ? NARROW.charAt(k) : text.charAt(i);
    }
    return out.trim();
  }

  /* -> {cents: n} or {error: code}; {} for empty optional input */
  function parseAmount(text, optional) {
    text = normalise(text || "");
    if (!text) return optional ? {} : { error: "empty" };
    if (text.charAt(0) === "-" && AMOUNT.test(text.slice(1).trim())) return { error: "negative" };
    if (!AMOUNT.test(text)) return { error: "not-a-number" };
    var parts = text.replace(/,/g, "").split(".");
    var whole = parts[0].replace(/^0+/, "");
    var frac = ((parts[1] || "") + "00").slice(0, 2);
    if (whole.length > 12) return { error: "too-large" };
    var cents = (whole ? parseInt(whole, 10) : 0) * 100 + parseInt(frac, 10);
    if (cents === 0) return { error: "zero" };
    if (cents > MAX_CENTS) return { error: "too-large" };
    return { cents: cents };
  }

  function tenths(numerator, denominator) {          /* rounded half up */
    return Math.floor((numerator * 20 + denominator) / (denominator * 2));
  }

  function calculate(rule, cost, saving, higher) {
    var ceiling = (higher && rule.higherCeiling ? rule.higherCeiling : rule.ceiling) * 100;
    var byRate = Math.floor(cost * Math.round(rule.percent * 100) / 10000);
    var subsidy = Math.min(byRate, ceiling);
    var result = { subsidy: subsidy, share: cost - subsidy, capped: byRate > ceiling };
    if (saving) {
      result.paybackWithout = tenths(cost, saving);
      result.paybackWith = tenths(result.share, saving);
    }
    return result;
  }

  function money(cents, template) {
    var whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var rest = cents % 100;
    return template.replace("{amount}", whole + (rest ? "." + (rest < 10 ? "0" : "") + rest : ""));
  }

  function years(t, template) {
    return template.replace("{years}", Math.floor(t / 10) + "." + (t % 10));
  }

  function setup(form) {
    var data = JSON.parse(document.getElementById("cp-calc-data").textContent);
    var text = data.text;
    var rules = {};
    data.rules.forEach(function (r) { rules[r.id] = r; });
    var select = form.querySelector("#cp-calc-rule");
    var output = document.getElementById("cp-calc-result");
    var fields = { cost: form.querySelector("#cp-calc-cost"), saving: form.querySelector("#cp-calc-saving") };

    function higherBox() {
      var row = form.querySelector('.cp-calc-higher[data-rule="' + select.value + '"]');
      return row ? row.querySelector("input") : null;
    }

    function showHigherRow() {
      Array.prototype.forEach.call(form.querySelectorAll(".cp-calc-higher"), function (row) {
        row.hidden = row.getAttribute("data-rule") !== select.value;
      });
    }

    function setError(name, message) {
      var input = fields[name];
      var id = input.id + "-error";
      var old = document.getElementById(id);
      if (old) old.parentNode.removeChild(old);
      var hint = input.id + "-hint";
      if (!message) {
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", hint);
        return;
      }
      var p = document.createElement("span");
      p.id = id;
      p.className = "cp-calc-error";
      p.textContent = message;
      input.parentNode.appendChild(p);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", hint + " " + id);
    }

    function line(label, value, id) {
      var dt = document.createElement("dt");
      dt.textContent = label;
      var dd = document.createElement("dd");
      dd.id = id;
      dd.textContent = value;
      return [dt, dd];
    }

    function run(event) {
      if (event) event.preventDefault();
      var cost = parseAmount(fields.cost.value, false);
      var saving = parseAmount(fields.saving.value, true);
      setError("cost", cost.error ? text.errors[cost.error] : null);
      setError("saving", saving.error ? text.errors[saving.error] : null);
      output.textContent = "";
      if (cost.error || saving.error) {
        var p = document.createElement("p");
        p.className = "cp-calc-error";
        p.id = "cp-calc-summary";
        p.textContent = text.fixErrors;
        output.appendChild(p);
        (cost.error ? fields.cost : fields.saving).focus();
        return;
      }
      var box = higherBox();
      var r = calculate(rules[select.value], cost.cents, saving.cents, !!(box && box.checked));
      var dl = document.createElement("dl");
      dl.className = "cp-calc-out";
      var rows = line(text.subsidy, money(r.subsidy, text.money), "cp-calc-subsidy")
        .concat(line(text.share, money(r.share, text.money), "cp-calc-share"));
      if (r.paybackWith !== undefined) {
        rows = rows.concat(line(text.paybackWithout, years(r.paybackWithout, text.years), "cp-calc-payback-without"))
          .concat(line(text.paybackWith, years(r.paybackWith, text.years), "cp-calc-payback-with"));
      }
      rows.forEach(function (node) { dl.appendChild(node); });
      output.appendChild(dl);
      var note = document.createElement("p");
      note.id = "cp-calc-note";
      note.textContent = (r.capped ? text.capped : text.notCapped) +
        (r.paybackWith === undefined ? " " + text.noSaving : "");
      output.appendChild(note);
    }

    select.addEventListener("change", function () { showHigherRow(); if (output.querySelector("dl")) run(); });
    form.addEventListener("submit", run);
    showHigherRow();
  }

  function start() {
    var form = document.getElementById("cp-calc");
    if (form && document.getElementById("cp-calc-data")) setup(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
