from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The demo service details' number, for the 500 page (see base.py).
PORTAL_TRANSPORT_PHONE = PORTAL_TRANSPORT_PHONE or "01234 567 890"  # noqa: F405
