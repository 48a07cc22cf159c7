// Keeps the editor's "Plain language check" panel up to date while they write.
// Every few seconds, if the form has changed since the last check, the unsaved
// form is sent to the portal's check view and the report is swapped in. Rich
// text editors update their hidden inputs as the editor types, so comparing the
// serialised form catches every kind of change without hooking each widget.
(function () {
  "use strict";
  var INTERVAL_MS = 2500;

  function start(panel) {
    var url = panel.getAttribute("data-check-url");
    var form = panel.closest("form");
    if (!url || !form || !window.fetch) return;
    var last = new URLSearchParams(new FormData(form)).toString();
    var busy = false;

    function check() {
      if (busy || document.hidden) return;
      var data = new FormData(form);
      var serialised = new URLSearchParams(data).toString();
      if (serialised === last) return;
      last = serialised;
      busy = true;
      panel.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null) panel.innerHTML = html;
        })
        .catch(function () {
          // A failed check leaves the last report in place; the next change retries.
        })
        .finally(function () {
          busy = false;
          panel.removeAttribute("aria-busy");
        });
    }

    window.setInterval(check, INTERVAL_MS);
  }

  function init() {
    document.querySelectorAll("[data-portal-readability]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
