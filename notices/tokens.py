"""The signed links in subscribers' e-mails.

A request to subscribe is not stored: the whole request travels in the confirmation link,
signed with ``SECRET_KEY`` and good for ``CONFIRM_DAYS``. A subscriber's own link (manage,
unsubscribe) signs the subscriber's id: it never expires, and a subscriber deleted and
created again gets a different id, so an old link cannot reach the new subscriptions.
"""

from __future__ import annotations

import datetime as dt

from django.core import signing

CONFIRM_DAYS = 7
_CONFIRM_SALT = "notices.confirm"
_SUBSCRIBER_SALT = "notices.subscriber"


class LinkExpired(Exception):
    """A confirmation link older than ``CONFIRM_DAYS``."""


class LinkBroken(Exception):
    """A link whose signature does not match: altered, cut short, or made with another key."""


def request_token(request: dict) -> str:
    """Sign a subscription request: ``{"email", "topics", "page", "frequency", "language"}``."""
    return signing.dumps(request, salt=_CONFIRM_SALT, compress=True)


def request_from(token: str) -> dict:
    """The request a confirmation link carries. Raises ``LinkExpired`` or ``LinkBroken``."""
    try:
        return signing.loads(token, salt=_CONFIRM_SALT,
                             max_age=dt.timedelta(days=CONFIRM_DAYS))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkBroken from error


def subscriber_token(subscriber_id: int) -> str:
    """The token of a subscriber's manage and unsubscribe links."""
    return signing.Signer(salt=_SUBSCRIBER_SALT).sign(str(subscriber_id))


def subscriber_id_from(token: str) -> int:
    """The subscriber a manage or unsubscribe link names. Raises ``LinkBroken``."""
    try:
        return int(signing.Signer(salt=_SUBSCRIBER_SALT).unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise LinkBroken from error
