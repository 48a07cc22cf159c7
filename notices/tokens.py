"""The links in subscribers' e-mails.

A request to subscribe is not stored: the whole request travels in the confirmation link,
encrypted and authenticated (Fernet, from ``cryptography``) with a key derived from
``SECRET_KEY`` (and ``SECRET_KEY_FALLBACKS``, so rotating the key keeps recent links
working), and good for ``CONFIRM_DAYS``. The link is opaque: a web server's or a proxy's
log that keeps paths keeps no address. A token is taken in its one canonical spelling only
(base64 decoders ignore stray characters and the unused low bits of the last one, so one
token has many spellings that decrypt alike). A link once used is remembered by a digest of
the request's own random id (``used_link_key``; never the address), not of its spelling,
until it would have expired anyway (``notices.models.UsedConfirmation``), so a second press,
however the link is written, does nothing. A subscriber's own link (manage, unsubscribe)
signs the subscriber's id: it never expires, and a subscriber deleted and created again
gets a different id, so an old link cannot reach the new subscriptions.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import time
import zlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.core import signing
from django.utils.crypto import salted_hmac

from core.secret_keys import secret_keys

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
    return MultiFernet([
        Fernet(base64.urlsafe_b64encode(
            salted_hmac(_CONFIRM_SALT, "fernet", secret=key, algorithm="sha256").digest()))
        for key in secret_keys()])


def request_token(request: dict) -> str:
    """Encrypt a subscription request, ``{"email", "topics", "page", "frequency",
    "language"}``, into an opaque URL-safe token (base64 without its ``=`` padding)."""
    data = zlib.compress(json.dumps(request, separators=(",", ":")).encode())
    return _fernet().encrypt(data).decode().rstrip("=")


def canonical(token: str) -> bool:
    """Whether ``token`` is written exactly as ``request_token`` writes the bytes it decodes
    to: URL-safe base64, no padding, nothing but the alphabet, and no stray bits in its
    last character. Python's decoder ignores characters outside the alphabet and those
    bits, so "…MIA", "…MIB" and "…M.IA" would all decrypt to the same request; only one of
    them is the link that was sent."""
    try:
        raw = base64.b64decode((token + "=" * (-len(token) % 4)).encode(), altchars=b"-_",
                               validate=True)
    except (binascii.Error, ValueError):
        return False
    return base64.urlsafe_b64encode(raw).decode().rstrip("=") == token


def request_from(token: str) -> dict:
    """The request a confirmation link carries. Raises ``LinkExpired`` (made more than
    ``CONFIRM_DAYS`` ago) or ``LinkBroken`` (altered, cut short, another key's, or not
    written as it was sent: ``canonical``)."""
    if not canonical(token):
        raise LinkBroken
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


def link_expires(token: str) -> dt.datetime:
    """When the confirmation link ``token`` stops working (an aware UTC datetime): when it
    was made (the time sealed in the token, read with any key) plus ``CONFIRM_DAYS``. Read
    without checking its age, so a link sent late (deferred by the recipient's mail server,
    or released by an officer) tells how long it has left. Raises ``LinkBroken`` for a
    token that does not check out."""
    padded = (token + "=" * (-len(token) % 4)).encode()
    try:
        made = _fernet().extract_timestamp(padded)
    except (InvalidToken, ValueError) as error:
        raise LinkBroken from error
    return dt.datetime.fromtimestamp(made, tz=dt.UTC) + dt.timedelta(days=CONFIRM_DAYS)


def confirm_token_hash(token: str) -> str:
    """The hex SHA-256 of a confirmation link's token: how a used link was remembered before
    links were remembered by their request (``used_link_key``); still checked, so a link used
    before then stays used."""
    return hashlib.sha256(token.rstrip("=").encode()).hexdigest()


def used_link_key(request: dict, token: str) -> str:
    """The 64 hex characters by which a used confirmation link is remembered
    (``UsedConfirmation``): the SHA-256 of the random id of the request it carries
    (``request["link"]``), which every spelling of the link decrypts to; for a link made
    before requests had ids, ``confirm_token_hash`` of its (canonical) token."""
    link = request.get("link")
    if not link:
        return confirm_token_hash(token)
    return hashlib.sha256(f"notices.used-link:{link}".encode()).hexdigest()


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
