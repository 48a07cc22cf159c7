"""Send e-mails at most once each, however often the task sending them is run again.

A background task may stop part-way (the mail server refuses, the worker is restarted) and
be run again by Celery. ``send_once`` makes that safe: before a message goes, a row naming
it (kind, object, recipient) is written and committed; the unique constraint means only one
run can write it, and a run skips every message someone already wrote. Once the mail server
takes the message the row is confirmed; if sending raises, the rows of the messages not yet
sent are removed, so the retry sends exactly those.
"""

from __future__ import annotations

import smtplib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError, models
from django.utils import timezone

from outbox.models import SentEmail

# Messages claimed together: one insert and one read per chunk instead of per message. A
# worker killed outright (no chance to clean up) leaves at most this many claimed and
# unsent; they are not sent twice, and stay on record with no ``sent_at``.
CHUNK_SIZE = 100


class MailNotSent(Exception):
    """The mail backend accepted no message and raised nothing (a silent refusal)."""


#: What a sending task retries on: the mail server or the network failing, the database
#: failing, or the backend silently refusing.
SEND_ERRORS = (smtplib.SMTPException, OSError, DatabaseError, MailNotSent)


@dataclass(frozen=True)
class Outgoing:
    """One message and the key of its recipient (never the address: ``"invitation:42"``)."""

    recipient_key: str
    message: EmailMessage


@dataclass
class Delivery:
    """What one run sent: the recipients' keys, and how many were already recorded."""

    sent: list[str] = field(default_factory=list)
    skipped: int = 0


def _chunks(items: Iterable[Outgoing], size: int) -> Iterator[list[Outgoing]]:
    chunk: list[Outgoing] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def send_once(
    *,
    kind: str,
    about: models.Model,
    outgoing: Iterable[Outgoing],
    on_sent: Callable[[list[str]], None] | None = None,
    connection=None,
    chunk_size: int = CHUNK_SIZE,
) -> Delivery:
    """Send each message whose (kind, about, recipient) has no record yet; record each sent.

    Call it outside any transaction (a task body): each claim must be committed before its
    message goes, or a second worker could not see it. ``on_sent`` is called with the keys
    of each chunk's sent messages (to stamp the objects they were about). Errors from the
    mail backend propagate after the unsent claims are released; the task retries.
    """
    content_type = ContentType.objects.get_for_model(about)
    records = _records(kind, about)
    delivery = Delivery()
    connection = connection or get_connection()
    with connection:
        for chunk in _chunks(outgoing, chunk_size):
            claim = uuid.uuid4()
            keys = [item.recipient_key for item in chunk]
            SentEmail.objects.bulk_create(
                [SentEmail(kind=kind, content_type=content_type, object_id=about.pk,
                           recipient_key=key, claim=claim) for key in keys],
                ignore_conflicts=True)
            mine = set(records.filter(recipient_key__in=keys, claim=claim)
                       .values_list("recipient_key", flat=True))
            delivery.skipped += len(chunk) - len(mine)
            done: list[str] = []
            try:
                for item in chunk:
                    if item.recipient_key not in mine:
                        continue
                    if not connection.send_messages([item.message]):
                        raise MailNotSent(f"The mail backend did not send {kind} to "
                                          f"{item.recipient_key}.")
                    done.append(item.recipient_key)
            finally:
                if done:
                    records.filter(claim=claim, recipient_key__in=done).update(
                        sent_at=timezone.now())
                unsent = mine.difference(done)
                if unsent:
                    records.filter(claim=claim, recipient_key__in=unsent).delete()
                if done and on_sent is not None:
                    on_sent(done)
                delivery.sent.extend(done)
    return delivery


def _records(kind: str, about: models.Model):
    return SentEmail.objects.filter(kind=kind, object_id=about.pk,
                                    content_type=ContentType.objects.get_for_model(about))


def sent_count(*, kind: str, about: models.Model) -> int:
    """How many messages of this kind about this object the mail server has taken."""
    return _records(kind, about).filter(sent_at__isnull=False).count()
