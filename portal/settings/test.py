from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the source folders (the browser tests run without DEBUG).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A fixed key for tests only (its public half is in the test files); each test gets its own
# checkpoint folder (tests/conftest.py).
EVIDENCE_SIGNING_KEY = "dGVzdC1vbmx5LWV2aWRlbmNlLXNpZ25pbmcta2V5ISE="  # noqa: S105
EVIDENCE_ORIGIN = "portal.test"
