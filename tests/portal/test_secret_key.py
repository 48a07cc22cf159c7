"""The rule for a production SECRET_KEY (portal/secret_key.py)."""

import secrets
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.secret_key import MIN_LENGTH, weak_secret_key_reason


@pytest.mark.parametrize("key,words", [
    ("", "must be set"),
    (None, "must be set"),
    ("   ", "must be set"),
    ("dev-only-not-secret", "default or development"),
    ("test-only-not-secret", "default or development"),
    ("django-insecure-" + secrets.token_urlsafe(50), "default or development"),
    (secrets.token_urlsafe(30), "at least 50 characters"),
    ("ab" * 40, "different characters"),
    ("0123456789abcdef" * 4, "one short piece repeated"),
], ids=["empty", "missing", "spaces", "dev default", "test default", "django-insecure prefix",
        "short random", "two characters", "repeated piece"])
def test_weak_keys_are_refused_with_the_reason(key, words):
    reason = weak_secret_key_reason(key)
    assert reason is not None and words in reason


def test_generated_keys_are_accepted():
    assert weak_secret_key_reason(secrets.token_urlsafe(50)) is None
    assert weak_secret_key_reason(secrets.token_hex(32)) is None  # openssl rand -hex 32


@given(st.text(alphabet=string.ascii_letters + string.digits + "-_", min_size=MIN_LENGTH,
               max_size=100).filter(lambda k: len(set(k)) >= 10))
def test_any_long_varied_key_that_is_not_a_repetition_passes_or_says_why(key):
    reason = weak_secret_key_reason(key)
    if reason is not None:
        assert "repeated" in reason


@given(st.text(min_size=1, max_size=MIN_LENGTH - 1))
def test_every_short_key_is_refused(key):
    assert weak_secret_key_reason(key) is not None
