// The coding screen's keyboard shortcuts and saving without a reload. Without this script
// every action still works: each is a form post that comes back to the same list.
//   j / k: next / previous answer; 1-9, 0: add or take off that theme on the answer you are
//   on; x: select it for the bulk actions; c: confirm its most confident suggestion.
(function () {
  "use strict";
  var list = document.querySelector("[data-answers]");
  if (!list || !window.fetch || !window.FormData) return;
  var status = document.querySelector("[data-status]");
  var count = document.querySelector("[data-selected-count]");

  function answers() { return Array.prototype.slice.call(list.querySelectorAll("[data-answer]")); }
  function current() {
    var el = document.activeElement;
    return el && el.closest ? el.closest("[data-answer]") : null;
  }
  function say(text) { if (status) { status.textContent = text; } }
  function countSelected() {
    if (!count) return;
    var n = list.querySelectorAll("[data-select]:checked").length;
    count.textContent = n ? n + " selected" : "";
  }
  function focus(answer) {
    if (!answer) return;
    answers().forEach(function (a) { a.classList.remove("coding-answer--current"); });
    answer.classList.add("coding-answer--current");
    answer.focus();
    answer.scrollIntoView({ block: "nearest" });
  }
  function hideSaveButtons(root) {
    root.querySelectorAll("[data-save-themes]").forEach(function (b) { b.hidden = true; });
  }

  // Post a form's data (plus extra fields) and put the answer the server sends back in place.
  function send(form, extra, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
    Object.keys(extra || {}).forEach(function (k) { data.set(k, extra[k]); });
    var answer = form.closest("[data-answer]");
    var selected = answer && answer.querySelector("[data-select]").checked;
    var hadFocus = answer && answer.contains(document.activeElement);
    // Not form.action: the form has a field named "action", which that name would find.
    return fetch(form.getAttribute("action") || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false, message: "Not saved: reload the page and try again." }; });
    }).then(function (body) {
      say(body.message || "");
      if (body.html && answer) {
        var holder = document.createElement("div");
        holder.innerHTML = body.html.trim();
        var fresh = holder.firstElementChild;
        answer.replaceWith(fresh);
        fresh.querySelector("[data-select]").checked = selected;
        hideSaveButtons(fresh);
        if (hadFocus) { focus(fresh); }
      }
    }).catch(function () { say("Not saved: the connection failed. Try again."); });
  }

  function toggleTheme(answer, key) {
    var box = answer.querySelector('[data-key="' + key + '"]');
    if (!box) return;
    var form = box.form;
    send(form, { action: "toggle", theme: box.value });
  }

  hideSaveButtons(list);
  countSelected();

  list.addEventListener("change", function (event) {
    var box = event.target;
    if (box.matches("[data-select]")) { countSelected(); return; }
    if (box.matches("[data-theme]")) {
      send(box.form, { action: "toggle", theme: box.value });
    }
  });
  list.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-code-form], [data-row-form]")) return;
    event.preventDefault();
    send(form, {}, event.submitter);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.matches && target.matches("input[type=text], input[type=search], textarea, select, [contenteditable]")) return;
    var key = event.key;
    var all = answers();
    var here = current();
    var at = here ? all.indexOf(here) : -1;
    if (key === "j" || key === "k") {
      event.preventDefault();
      focus(all[key === "j" ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0)]);
      return;
    }
    if (!here) return;
    if (/^[0-9]$/.test(key)) {
      event.preventDefault();
      toggleTheme(here, key);
    } else if (key === "x") {
      event.preventDefault();
      var box = here.querySelector("[data-select]");
      box.checked = !box.checked;
      countSelected();
      say(box.checked ? "Selected." : "Unselected.");
    } else if (key === "c") {
      var confirm = here.querySelector('button[value="confirm"]');
      if (confirm) { event.preventDefault(); send(confirm.form, {}, confirm); }
    }
  });
})();
