// After django-otp-webauthn's script has stored a new passkey, open the page that names it.
// The element with data-passkey-name-url holds that page's address for a passkey numbered 0.
(function () {
  "use strict";
  document.addEventListener("otp_webauthn.register_complete", function (event) {
    var holder = document.querySelector("[data-passkey-name-url]");
    var id = event.detail && event.detail.id;
    if (!holder || !id) {
      return;
    }
    var url = holder.getAttribute("data-passkey-name-url");
    window.location.assign(url.replace("/0/", "/" + encodeURIComponent(String(id)) + "/"));
  });
})();
