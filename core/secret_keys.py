"""The site's secret keys, in the order anything keyed with them is made and read back.

Django rotates ``SECRET_KEY`` by moving the old key into ``SECRET_KEY_FALLBACKS``
(https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks): what is
made now is made with the current key, and what was made before the rotation must still be
found or read with a fallback. The encrypted confirmation links (``notices.tokens``), the
keyed digests of addresses (``notices.services``) and the survey "no more e-mails" digests
(``surveys.no_more_emails``) all read the keys from here.
"""

from __future__ import annotations

from django.conf import settings


def secret_keys() -> list[str]:
    """``SECRET_KEY`` first (the one to make anything new with), then each key of
    ``SECRET_KEY_FALLBACKS`` in its order (those to read back with), a key listed twice
    kept once. A site without the fallbacks setting has its one key."""
    keys = [settings.SECRET_KEY, *(getattr(settings, "SECRET_KEY_FALLBACKS", None) or [])]
    return list(dict.fromkeys(keys))
