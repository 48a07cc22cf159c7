// Keeps "n of N sent" and the bar up to date while a mailing is sending. Without this
// script the page still works: its "check again" link reloads it.
(function () {
  "use strict";
  var box = document.querySelector("[data-mailing-progress]");
  if (!box || box.dataset.status !== "sending" || !window.fetch) return;
  var bar = box.querySelector("[data-progress-bar]");
  var summary = box.querySelector("[data-progress-summary]");
  function poll() {
    fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return window.setTimeout(poll, 10000); }
        bar.max = data.total || 1;
        bar.value = data.sent;
        bar.textContent = data.percent + "%";
        summary.textContent = data.summary;
        if (data.status !== "sending") {
          // Finished or stopped: reload for the final words and, if needed, the button.
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 2000);
})();
