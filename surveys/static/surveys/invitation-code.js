// An invitation link ends "#code=ABCD2345". Browsers never send the part after "#", so
// the code stays out of every address the server (and its logs) sees; this puts it into
// the start page's code field, to be posted with the form, and takes it out of the
// address bar and history.
(function () {
  "use strict";
  var match = /(?:^#|&)code=([A-Za-z0-9 -]{1,20})/.exec(window.location.hash || "");
  if (!match) return;
  var field = document.getElementById("id_code");
  if (field && !field.value) field.value = decodeURIComponent(match[1]);
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
})();
