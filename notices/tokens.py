"""The links in subscribers' e-mails.

A request to subscribe is not stored: the whole request travels in the confirmation link,
encrypted and authenticated (Fernet, from ``cryptography``) with a key derived from
``SECRET_KEY`` (and ``SECRET_KEY_FALLBACKS``, so rotating the key keeps recent links
working), and good for ``CONFIRM_DAYS``. The link is opaque: a web server's or a proxy's
log that keeps paths keeps no address. A link once used is remembered by its hash only
(``notices.models.UsedConfirmation``) until it would have expired anyway, so a second press
does nothing. A subscriber's own link (manage, unsubscribe) signs the subscriber's id: it
never expires, and a subscriber deleted and created again gets a different id, so an old
link cannot reach the new subscriptions.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import time
import zlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM_DAYS = 7
_CONFIRM_SALT = "notices.confirm"
_SUBSCRIBER_SALT = "notices.subscriber"
_STAFF_SALT = "notices.staff-emails"


class LinkExpired(Exception):
    """A confirmation link older than ``CONFIRM_DAYS``."""


class LinkBroken(Exception):
    """A link that does not check out: altered, cut short, or made with another key."""


def _fernet() -> MultiFernet:
    """Fernet keys derived from ``SECRET_KEY``, then each of ``SECRET_KEY_FALLBACKS``: the
    first encrypts, any of them decrypts."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([
        Fernet(base64.urlsafe_b64encode(
            salted_hmac(_CONFIRM_SALT, "fernet", secret=key, algorithm="sha256").digest()))
        for key in keys])


def request_token(request: dict) -> str:
    """Encrypt a subscription request, ``{"email", "topics", "page", "frequency",
    "language"}``, into an opaque URL-safe token (base64 without its ``=`` padding)."""
    data = zlib.compress(json.dumps(request, separators=(",", ":")).encode())
    return _fernet().encrypt(data).decode().rstrip("=")


def request_from(token: str) -> dict:
    """The request a confirmation link carries. Raises ``LinkExpired`` (made more than
    ``CONFIRM_DAYS`` ago) or ``LinkBroken`` (altered, cut short, or another key's)."""
    padded = (token + "=" * (-len(token) % 4)).encode()
    fernet = _fernet()
    try:
        made = fernet.extract_timestamp(padded)  # checks the token's authenticity first
        data = fernet.decrypt(padded)
        request = json.loads(zlib.decompress(data))
    except (InvalidToken, ValueError, zlib.error) as error:
        raise LinkBroken from error
    if time.time() - made > dt.timedelta(days=CONFIRM_DAYS).total_seconds():
        raise LinkExpired
    return request


def confirm_token_hash(token: str) -> str:
    """The hex SHA-256 by which a used confirmation link is remembered (never the link)."""
    return hashlib.sha256(token.rstrip("=").encode()).hexdigest()


def subscriber_token(subscriber_id: int) -> str:
    """The token of a subscriber's manage and unsubscribe links."""
    return signing.Signer(salt=_SUBSCRIBER_SALT).sign(str(subscriber_id))


def staff_token(user_id: int) -> str:
    """The token of a forum representative's or an officer's own link to their notice
    e-mails (``notices:staff_emails``, and ``List-Unsubscribe``): their user id, signed. It
    never expires; it can only change how often, and in which language, that person is
    e-mailed about co-production."""
    return signing.Signer(salt=_STAFF_SALT).sign(str(user_id))


def staff_user_id_from(token: str) -> int:
    """The user a staff notice link names. Raises ``LinkBroken``."""
    try:
        return int(signing.Signer(salt=_STAFF_SALT).unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise LinkBroken from error


def subscriber_id_from(token: str) -> int:
    """The subscriber a manage or unsubscribe link names. Raises ``LinkBroken``."""
    try:
        return int(signing.Signer(salt=_SUBSCRIBER_SALT).unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise LinkBroken from error
