"""Who asked for no more e-mails about a survey, kept without their address.

Pressing an invitation's "no more e-mails" link (or a mail program's one-click
"Unsubscribe") deletes the invitation's address; what stays is a keyed digest of it
(``digest``): an HMAC-SHA256 with the site's secret key of the survey's id and the address
as it is compared (``normalised``: no surrounding spaces, lower case, as the invitation file
and the "invited once" rule read it). Without the key the digests cannot be hashed against
a list of addresses to find who asked; with it, a list the officer uploads later is checked
address by address (``asked``), so the person is never invited to that survey again, and a
sending never reaches them. The digest is per survey: one survey's list says nothing of
another's.

Plain functions over plain values and the site's keys (no models, no Wagtail). The key is
``SECRET_KEY``; digests made with a key in ``SECRET_KEY_FALLBACKS`` still match, so rotating
the key forgets nobody (``digests``).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from core.secret_keys import secret_keys

_SALT = "surveys.no-more-emails"


def normalised(email: str) -> str:
    """``email`` as the invitation rules compare it: spaces around it taken off, lower case
    ("  Jo@X.test " reads as "jo@x.test")."""
    return (email or "").strip().lower()


def _keys() -> list[bytes]:
    """The HMAC keys, the current ``SECRET_KEY``'s first, then each fallback's (derived as
    Django's ``salted_hmac`` derives them, so a salt keeps these apart from other uses)."""
    return [hashlib.sha256((_SALT + str(secret)).encode()).digest()
            for secret in secret_keys()]


def _digest(key: bytes, survey_id: int, email: str) -> str:
    return hmac.new(key, f"{survey_id}:{normalised(email)}".encode(),
                    hashlib.sha256).hexdigest()


def digest(survey_id: int, email: str) -> str:
    """The 64 hex characters kept for ``email`` having asked for no more e-mails about
    survey ``survey_id`` (with the current key)."""
    return _digest(_keys()[0], survey_id, email)


def digests(survey_id: int, email: str) -> set[str]:
    """Every digest ``email`` may have been kept under for survey ``survey_id``: with the
    current key and each fallback key."""
    return {_digest(key, survey_id, email) for key in _keys()}


def asked(survey_id: int, emails: Iterable[str], kept: set[str]) -> set[str]:
    """Those of ``emails`` (normalised) whose digest for survey ``survey_id`` is among
    ``kept``: the addresses that asked for no more e-mails about it. No query; the keys are
    derived once for all of them."""
    if not kept:
        return set()
    keys = _keys()
    found = set()
    for email in emails:
        address = normalised(email)
        if any(_digest(key, survey_id, address) in kept for key in keys):
            found.add(address)
    return found
