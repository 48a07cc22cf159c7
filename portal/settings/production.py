"""Production: every secret comes from the environment, and a missing one stops start-up."""

import json
import os

from django.core.exceptions import ImproperlyConfigured

from accounts.rules import relying_party
from portal.secret_key import weak_secret_key_reason

from .base import *  # noqa: F403


def _require(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# A weak key lets anyone who guesses it forge sessions and security tokens: refuse to start
# (Django's own check only warns). Generate one with
#   python -c "import secrets; print(secrets.token_urlsafe(50))"
if reason := weak_secret_key_reason(SECRET_KEY):
    raise ImproperlyConfigured(reason)
# The keys used before a rotation, separated by spaces (Django's own setting): what they
# signed or encrypted still checks out (sign-ins, subscribers' and survey links), and the
# survey stops kept with them are still recognised (surveys/no_more_emails.py). Keep an old
# key here until every survey open at the rotation has closed.
SECRET_KEY_FALLBACKS = os.environ.get("SECRET_KEY_FALLBACKS", "").split()
ALLOWED_HOSTS = [h.strip() for h in _require("ALLOWED_HOSTS").split(",") if h.strip()]
# Every link in every e-mail (notices, invitations, the forum's) is built on this address; a
# missing one would send families links to 127.0.0.1.
WAGTAILADMIN_BASE_URL = _require("PORTAL_BASE_URL").rstrip("/")
# Passkeys belong to the site's public https address, PORTAL_BASE_URL
# (accounts.rules.relying_party; manage.py check --deploy warns on anything but https).
OTP_WEBAUTHN_RP_ID, OTP_WEBAUTHN_ALLOWED_ORIGINS = relying_party(
    WAGTAILADMIN_BASE_URL,
    os.environ.get("PORTAL_PASSKEY_ORIGINS", "").split(","))
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# The evidence log's checkpoints must be signed: no key, no start (like SECRET_KEY).
if not EVIDENCE_SIGNING_KEY and not EVIDENCE_SIGNING_KEY_FILE.is_file():  # noqa: F405
    raise ImproperlyConfigured(
        "Set EVIDENCE_SIGNING_KEY, or EVIDENCE_SIGNING_KEY_FILE to a key file that exists "
        "(manage.py make_signing_key writes one), in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt back in to SAMEORIGIN.

# Uploaded files (documents, images) on this machine's disk by default. With several app
# servers on several machines they must be shared: name an object-storage backend (for
# example django-storages' "storages.backends.s3.S3Storage") and its options as JSON.
STORAGES = {
    "default": {"BACKEND": os.environ.get("PORTAL_MEDIA_STORAGE",
                                          "django.core.files.storage.FileSystemStorage"),
                "OPTIONS": json.loads(os.environ.get("PORTAL_MEDIA_STORAGE_OPTIONS", "{}"))},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Officers' exports: private (never a public address). The worker writes them and any
    # app server hands them out, so with several machines this must be shared storage too
    # (a private bucket: PORTAL_EXPORTS_STORAGE and PORTAL_EXPORTS_STORAGE_OPTIONS as JSON).
    "exports": {"BACKEND": os.environ.get("PORTAL_EXPORTS_STORAGE",
                                          "django.core.files.storage.FileSystemStorage"),
                "OPTIONS": json.loads(os.environ.get(
                    "PORTAL_EXPORTS_STORAGE_OPTIONS",
                    json.dumps({"location": str(VAR_DIR / "exports"),  # noqa: F405
                                "base_url": None})))},
}

# The task queue and the shared cache. Without a broker the tasks would run inside the web
# request and nothing would run on a schedule (no digests, reminders or "closes soon"); without
# Redis each process would keep its own cache and its own rate limits. Refuse to start.
_require("CELERY_BROKER_URL")
_require("REDIS_URL")

# Mail goes through the council's relay (SMTP), from an address in the council's own domain
# (one that passes its SPF, DKIM and DMARC checks, or notices land in spam).
# (EMAIL_BACKEND stays core.mail.SiteMessageIdBackend, which sends through this one.)
PORTAL_EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND",
                                      "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0") == "1"
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS=1 (STARTTLS, port 587) or EMAIL_USE_SSL=1 "
                               "(port 465), not both.")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
