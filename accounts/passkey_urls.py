"""The JSON addresses django-otp-webauthn's JavaScript calls, under the package's own
namespace (``otp_webauthn``, which its template tags reverse), served by the portal's
views (``accounts.views.passkeys``). Mounted at ``/account/two-factor/passkey-api/`` in
``portal/urls.py``: under ``/account/two-factor/`` so that a signed-in person who has
not yet given their second factor can reach them (``accounts.middleware``)."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from accounts.views import passkeys

app_name = "otp_webauthn"

urlpatterns = [
    path("registration/begin/", passkeys.BeginRegistration.as_view(),
         name="credential-registration-begin"),
    path("registration/complete/", passkeys.CompleteRegistration.as_view(),
         name="credential-registration-complete"),
    path("authentication/begin/", passkeys.BeginAuthentication.as_view(),
         name="credential-authentication-begin"),
    path("authentication/complete/", passkeys.CompleteAuthentication.as_view(),
         name="credential-authentication-complete"),
    # The words the package's JavaScript shows ("Registering..."), in the reader's language.
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
         name="js-i18n-catalog"),
]
