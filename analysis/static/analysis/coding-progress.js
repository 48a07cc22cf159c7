// Keeps a request for suggestions' progress bar up to date. Without this script the page
// still works: its "check again" link reloads it.
(function () {
  "use strict";
  var box = document.querySelector("[data-run-progress]");
  if (!box || box.dataset.status !== "working" || !window.fetch) return;
  var bar = box.querySelector("[data-progress-bar]");
  var summary = box.querySelector("[data-progress-summary]");
  function poll() {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return window.setTimeout(poll, 10000); }
        bar.max = data.total;
        bar.value = data.done;
        bar.textContent = data.percent + "%";
        summary.textContent = data.summary;
        if (data.status !== "working") { window.location.reload(); return; }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 1500);
})();
