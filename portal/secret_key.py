"""The rule for a production ``SECRET_KEY``: what makes a key too weak to start with.

Django's own deployment check (security.W009) only warns, and only when someone runs
``check --deploy``; production settings call ``weak_secret_key_reason`` and refuse to start.
The thresholds follow Django's (50 characters, not ``django-insecure-``), with more variety
asked for: a key of 64 hexadecimal digits (``openssl rand -hex 32``) has 16 different
characters, a typed phrase or a repeated pattern far fewer.
"""

from __future__ import annotations

MIN_LENGTH = 50
MIN_DIFFERENT_CHARACTERS = 10
# Keys that have been in this repository or its documentation, and Django's marker for a
# generated development key.
KNOWN_KEYS = frozenset({"dev-only-not-secret", "test-only-not-secret", "change-me", "changeme",
                        "secret", "secret-key", "your-secret-key"})
INSECURE_PREFIX = "django-insecure-"


def weak_secret_key_reason(key: str | None) -> str | None:
    """Why ``key`` must not sign production sessions and tokens, or None when it may.

    Returns one sentence for the start-up error: missing, a known default, Django's
    ``django-insecure-`` development key, shorter than ``MIN_LENGTH`` characters, fewer
    than ``MIN_DIFFERENT_CHARACTERS`` different characters, or one short piece repeated.
    """
    key = (key or "").strip()
    if not key:
        return "SECRET_KEY must be set in production."
    if key.lower() in KNOWN_KEYS or key.startswith(INSECURE_PREFIX):
        return "SECRET_KEY is a default or development key; generate a new one."
    if len(key) < MIN_LENGTH:
        return f"SECRET_KEY must be at least {MIN_LENGTH} characters long."
    if len(set(key)) < MIN_DIFFERENT_CHARACTERS:
        return (f"SECRET_KEY must use at least {MIN_DIFFERENT_CHARACTERS} different "
                "characters: generate a random one.")
    for size in range(1, len(key) // 2 + 1):
        if len(key) % size == 0 and key[:size] * (len(key) // size) == key:
            return "SECRET_KEY is one short piece repeated: generate a random one."
    return None
