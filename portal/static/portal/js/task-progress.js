// Keeps a background task's progress bar and its words up to date (a survey mailing, a run of
// suggested codes). The box names the status that means "still working" (data-running) and
// the JSON field that counts what is done (data-count-field); when the status changes the
// page reloads for its final words and buttons. Without this script the page still works:
// its "check again" link reloads it.
(function () {
  "use strict";
  var box = document.querySelector("[data-task-progress]");
  if (!box || box.dataset.status !== box.dataset.running || !window.fetch) return;
  var bar = box.querySelector("[data-progress-bar]");
  var summary = box.querySelector("[data-progress-summary]");
  var countField = box.dataset.countField || "done";
  function poll() {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return window.setTimeout(poll, 10000); }
        bar.max = data.total || 1;
        bar.value = data[countField];
        bar.textContent = data.percent + "%";
        summary.textContent = data.summary;
        if (data.status !== box.dataset.running) { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 2000);
})();
