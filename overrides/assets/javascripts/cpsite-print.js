/*
 * The date of printing on the printed page's head (overrides/partials/cpsite-print-head.html),
 * in the page's language: "Printed on 2 December 2026", "列印日期：2026 年 12 月 2 日".
 * Filled in when the page loads and again just before printing; without JavaScript the head
 * shows no date.
 */
(function () {
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  function fill() {
    var now = new Date();
    var zh = /^zh/.test(document.documentElement.lang);
    var date = zh ? now.getFullYear() + " 年 " + (now.getMonth() + 1) + " 月 " + now.getDate() + " 日"
                  : now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
    document.querySelectorAll("[data-cp-print-date]").forEach(function (el) {
      el.textContent = el.getAttribute("data-cp-print-date") + (zh ? "" : " ") + date;
      el.hidden = false;
    });
  }
  fill();
  window.addEventListener("beforeprint", fill);
})();
