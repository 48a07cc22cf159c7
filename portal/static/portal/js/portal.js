// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js-enabled");

  // GOV.UK error summary: focus it when the page opens, so a screen reader reads it first
  // and a keyboard user starts from its links to the fields.
  var summary = document.querySelector(".govuk-error-summary[tabindex]");
  if (summary) summary.focus();

  // Escape hides an open glossary tip until the pointer or focus moves on (WCAG 1.4.13).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".portal-term:hover, .portal-term:focus-within").forEach(function (term) {
      term.classList.add("is-dismissed");
    });
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
})();
