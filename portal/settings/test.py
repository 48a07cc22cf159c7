import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PORTAL_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "exports": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
# Serve static files straight from the source folders (the browser tests run without DEBUG).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A fixed key for tests only (its public half is in the test files); each test gets its own
# checkpoint folder (tests/conftest.py).
EVIDENCE_SIGNING_KEY = "dGVzdC1vbmx5LWV2aWRlbmNlLXNpZ25pbmcta2V5ISE="  # noqa: S105
EVIDENCE_ORIGIN = "portal.test"
# Tasks run in-process as they are called, whatever the environment says, so a test sees
# what a task did at once. tests/portal/test_task_queue.py sends one through a real broker:
# the one configured, else the cache's Redis, else Redis on its default port.
PORTAL_TEST_BROKER_URL = (
    CELERY_BROKER_URL if not CELERY_BROKER_URL.startswith("memory://")  # noqa: F405
    else REDIS_URL or "redis://127.0.0.1:6379/0")  # noqa: F405
CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = False  # so retries run, as in base.py
# Two-factor is not forced in the suite at large: most tests sign staff in with force_login
# and test what they can do, not how they signed in. tests/accounts turns it on (the
# ``settings`` fixture) and checks it for every role; the browser tests' server, which uses
# these settings, signs the demo officer and board member in with their passwords alone.
ACCOUNTS_TWO_FACTOR_REQUIRED = False

# pytest-xdist runs the suite in several processes (``-n``). Each has its own test database
# (pytest-django names them per worker); the Redis cache gets its own database number too,
# since every test starts by clearing the cache and Redis clears a whole database at once.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ...
if _XDIST_WORKER and REDIS_URL:  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _url = urlsplit(REDIS_URL)  # noqa: F405
    _base = int(_url.path.strip("/") or 0)
    # Every other number downwards, so a worker never lands on the broker's database (the
    # cache's number minus one in CI, .ci/run).
    _number = (_base - 2 * int(_XDIST_WORKER.removeprefix("gw"))) % 16
    CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_number}"))  # noqa: F405
# The demo service details' number, for the 500 page (see base.py).
PORTAL_TRANSPORT_PHONE = PORTAL_TRANSPORT_PHONE or "01234 567 890"  # noqa: F405
# A test that commits (tests/outbox/at_once.py) empties the database at its end, and the
# next one puts back the rows the migrations made (serialized_rollback). wagtail-localize's
# are left out: saving its locale synchronisation row syncs the page tree there and then,
# before the locales it names are back.
TEST_NON_SERIALIZED_APPS = ["wagtail_localize"]
