// The consultation editor's "Suggest windows that fit": asks for the windows that fit the
// calendar and forum window typed so far, and fills the public window in with one click.
// Without this script the link opens the same suggestions in a new tab, so nothing typed
// in the editor is lost.
(function () {
  "use strict";

  function field(form, name) {
    return form ? form.querySelector('[name="' + name + '"]') : null;
  }

  async function suggest(link) {
    var box = link.closest("[data-suggest-windows]");
    var form = link.closest("form");
    var list = box.querySelector("[data-suggest-windows-list]");
    var url = new URL(box.dataset.url, window.location.href);
    var calendar = field(form, "calendar");
    var preCloses = field(form, "pre_closes");
    if (calendar && calendar.value) url.searchParams.set("calendar", calendar.value);
    if (preCloses && preCloses.value) url.searchParams.set("pre_closes", preCloses.value);
    url.searchParams.set("fragment", "1");
    list.textContent = "Looking for windows that fit…";
    var response = await fetch(url.toString(), { credentials: "same-origin" });
    if (!response.ok) throw new Error("suggestions failed: " + response.status);
    list.innerHTML = await response.text();
  }

  function use(button) {
    var form = button.closest("form");
    var box = button.closest("[data-suggest-windows]");
    [["opens", button.dataset.opens], ["closes", button.dataset.closes]].forEach(function (pair) {
      var input = field(form, pair[0]);
      if (!input) return;
      input.value = pair[1];
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    box.querySelector("[data-suggest-windows-status]").textContent =
      "Filled in: opens " + button.dataset.opens + ", closes " + button.dataset.closes +
      ". Save to keep them.";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-suggest-windows-link]");
    if (link) {
      event.preventDefault();
      suggest(link).catch(function () { window.open(link.href, "_blank", "noopener"); });
      return;
    }
    var button = event.target.closest("[data-use-window]");
    if (button) {
      event.preventDefault();
      use(button);
    }
  });
})();
