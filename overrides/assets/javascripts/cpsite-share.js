/* cpsite: the copy button of the share box on case and technology pages.
   Without JavaScript the button stays hidden and the short link is an ordinary visible link.
   With it, the button copies the link's permanent address; when the clipboard is not
   available, the link text is selected so that Ctrl+C (or the phone's copy menu) copies it. */
(function () {
  "use strict";

  function selectLink(box) {
    var link = box.querySelector(".cp-shortlink");
    if (!link || !window.getSelection) return;
    var range = document.createRange();
    range.selectNodeContents(link);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function setUp(button) {
    var box = button.closest(".cp-share");
    var status = box ? box.querySelector(".cp-copy-status") : null;
    function say(text) { if (status) status.textContent = text; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-copy");
      var failed = function () { selectLink(box); say(button.getAttribute("data-failed")); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () {
          say(button.getAttribute("data-done"));
        }, failed);
      } else {
        failed();
      }
    });
  }

  function init() {
    var buttons = document.querySelectorAll("button.cp-copy[data-copy]");
    for (var i = 0; i < buttons.length; i++) setUp(buttons[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
