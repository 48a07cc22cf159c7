// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js-enabled");

  // GOV.UK error summary: focus it when the page opens, so a screen reader reads it first
  // and a keyboard user starts from its links to the fields.
  var summary = document.querySelector(".govuk-error-summary[tabindex]");
  if (summary) summary.focus();

  // Glossary tips. Hover and keyboard focus show a tip (CSS); a tap shows it too, and a
  // second tap on the same word follows its link to the jargon buster. Escape hides an open
  // tip until the pointer or focus moves on (WCAG 1.4.13). Without this file the word is a
  // plain link to its entry.
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  }, true);
  function closeTips(except) {
    document.querySelectorAll(".portal-term.is-open").forEach(function (term) {
      if (term === except) return;
      term.classList.remove("is-open");
      var link = term.querySelector(".portal-term__link");
      if (link) link.setAttribute("aria-expanded", "false");
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".portal-term__link");
    if (!link) {
      if (!(event.target.closest && event.target.closest(".portal-term__tip"))) closeTips(null);
      return;
    }
    if (lastPointer !== "touch" && lastPointer !== "pen") return;
    var term = link.closest(".portal-term");
    if (term.classList.contains("is-open")) return;  // the second tap follows the link
    event.preventDefault();
    closeTips(term);
    term.classList.remove("is-dismissed");
    term.classList.add("is-open");
    link.setAttribute("aria-expanded", "true");
    var tip = term.querySelector(".portal-term__tip");
    placeUnderWord(term);
    if (tip) showWhole(tip);
  });
  // A word near the bottom of a phone's screen: scroll just enough to show the whole of its
  // tip, with a little room below it. Not scrollIntoView({block: "nearest"}): the page
  // scrolls by whole pixels, so a tip ending at a fraction of a pixel (640.125 on a
  // 640-pixel screen) stayed cut off by that fraction. A tip taller than the screen shows
  // its start.
  function showWhole(tip) {
    var room = 8;
    var box = tip.getBoundingClientRect();  // the tip is shown: laid out by this call
    var by = 0;
    if (box.bottom > window.innerHeight) by = Math.ceil(box.bottom - window.innerHeight + room);
    if (box.top - by < 0) by = Math.floor(box.top - room);
    if (by) window.scrollBy(0, by);
  }
  // A shown tip is moved along its line to sit under its word (the end of the word's last
  // line), kept inside its text block: the pointer then moves straight down from the word
  // onto the tip, over the bridge, in either direction of writing (WCAG 1.4.13, hoverable).
  // Without this file the tip starts at the block's start edge, which fits the screen.
  function placeUnderWord(term) {
    var tip = term.querySelector(".portal-term__tip");
    var link = term.querySelector(".portal-term__link");
    var block = tip && tip.offsetParent;  // null while the tip is not shown
    if (!link || !block) return;
    var lines = link.getClientRects();
    if (!lines.length) return;
    var word = lines[lines.length - 1];
    var edge = block.getBoundingClientRect().left + block.clientLeft;
    var width = tip.offsetWidth;
    var rtl = window.getComputedStyle(tip).direction === "rtl";
    var x = (rtl ? word.right - width : word.left) - edge;
    x = Math.max(0, Math.min(x, block.clientWidth - width));
    tip.style.right = "auto";
    tip.style.left = x + "px";
  }
  function placeFrom(event) {
    var term = event.target.closest && event.target.closest(".portal-term");
    if (term && !(event.target.closest(".portal-term__tip"))) placeUnderWord(term);
  }
  document.addEventListener("mouseover", placeFrom);
  document.addEventListener("focusin", placeFrom);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".portal-term:hover, .portal-term:focus-within, .portal-term.is-open").forEach(function (term) {
      term.classList.add("is-dismissed");
    });
    closeTips(null);
  });
  function reset(event) {
    var term = event.target.closest && event.target.closest(".portal-term");
    if (term) term.classList.remove("is-dismissed");
  }
  document.addEventListener("mouseout", reset);
  document.addEventListener("focusout", reset);

  // A double click sends a form once; the server also refuses a repeated submission.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-submit-once]")) return;
    if (form.dataset.submitted) {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.setAttribute("aria-disabled", "true");
    });
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-print]");
    if (!link) return;
    event.preventDefault();
    window.print();
  });

  // A link to one FAQ question (a search's best answer) opens its answer. Without this
  // file the question is still at the top of the screen, one tap from its answer.
  function openLinkedAnswer() {
    var id = "";
    try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (error) { return; }
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  openLinkedAnswer();
  window.addEventListener("hashchange", openLinkedAnswer);
})();
