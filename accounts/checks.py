"""System checks for signing in (``manage.py check --deploy``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def passkeys_on_https(app_configs, **kwargs):
    """Warn (accounts.W001) when a deployment lets passkeys work on an origin that is not
    https, or on localhost: passkeys are then made for the wrong host and stop working, or
    work where they should not, once the site has its real address."""
    origins = [o for o in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS
               if not o.startswith("https://") or settings.OTP_WEBAUTHN_RP_ID == "localhost"]
    if not origins:
        return []
    return [Warning(
        f"Passkeys would work on {', '.join(origins)} (relying party "
        f"{settings.OTP_WEBAUTHN_RP_ID!r}).",
        hint="Set PORTAL_BASE_URL to the site's https address, for example "
             "https://travel.example.gov.uk, and PORTAL_PASSKEY_ORIGINS only to other https "
             "addresses under the same host name.",
        id="accounts.W001")]
