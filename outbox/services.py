"""Send e-mails at most once each, however often the task sending them is run again.

A background task may stop part-way (the mail server refuses, the worker is restarted or
killed outright) and be run again by Celery or by the next run of its periodic job.
``send_once`` makes that safe. Each message's row (kind, object, recipient) is written and
committed before it goes, in chunks (``claim``); the unique constraint means only one run
can write it, and a run skips every message another run holds. Just before its message is
handed to the mail server a row is marked attempted, in one statement that also checks the
claim is still this run's; once the server takes the message the row is confirmed.

A mail server that refuses a message for good (a 5xx answer at any step for that one
recipient: "550 No such user" at RCPT, ``SMTPRecipientsRefused``; "554 rejected as spam" at
the end of DATA, ``SMTPDataError``) does not stop the others: each message goes to one
person, so that message's row is marked refused (``refused_at``, with the server's reason and
never the address, and ``refusal`` saying whether the address or the message was refused),
it is never sent again, and the run goes on. A temporary refusal for that one recipient (a
4xx but 421 at RCPT or at the end of DATA: "452 mailbox full", greylisting) defers that
message alone (``retry_at``, with back-off: ``outbox.deferrals``) and the run goes on; a
later run claims it again once ``retry_at`` has passed, and after
``deferrals.MOST_TRIES`` tries it is refused for good as given up. A 5xx to MAIL FROM
(``SMTPSenderRefused``) refuses the portal's own sender, so every message; a 421 closes the
session; several recipients deferred in a row (``deferrals.DEFERRED_IN_A_ROW``) are the
server deferring everyone: each of these stops the run as below, and the task retries with
back-off. Errors leave ``send_once`` as ``SendingStopped``, whose text names no address.

If the mail server answered with a refusal, or the error came before the message's DATA (the
connection dropped at MAIL FROM, say), the message it was given did not go: its row and the
rows of the messages not handed over are removed, so the retry sends exactly those. An error
during DATA with no answer (the connection lost or timed out while the server read the
message or before its answer to the final "." was read: ``outcome_unknown``) leaves it
unknown whether the server queued it. Its row is kept as attempted and never confirmed, like
a dead worker's below: it is never sent again, and the jobs page and the outbox admin count
it as failed for a person to look at.
An officer who has checked the mail server's log that such a message was not delivered
may release it (``unconfirmed_release``, the "E-mails never confirmed" page): its row goes,
so the next run of its job sends it, once; who released it, when and why is kept
(``ReleasedEmail``).
A worker killed outright removes nothing: the messages it had claimed but not
attempted wait (``delivery_counts``) until ``CLAIM_LEASE`` has passed, then the next run
releases and sends them. A message attempted but never confirmed may have reached the mail
server before its worker died: it is never sent again (at most one such per stopped run).
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError, models, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.mail import message_id as site_message_id
from outbox import deferrals, kinds
from outbox.models import ReleasedEmail, SentEmail
from outbox.permissions import can_release_unconfirmed
from portal import log_redaction

logger = logging.getLogger(__name__)

# Messages claimed together: one insert and one read per chunk instead of per message.
CHUNK_SIZE = 100
#: How long a run may hold a claim on a message it has not yet handed to the mail server:
#: longer than a chunk takes to send (a live worker sends a hundred in well under a minute),
#: so a claim older than this is a dead worker's and the next run releases it. Too short a
#: lease would only waste work, never send twice: a live worker whose claim was released
#: finds it gone when it marks its attempt, and skips the message.
CLAIM_LEASE = dt.timedelta(minutes=5)


class MailNotSent(Exception):
    """The mail backend accepted no message and raised nothing (a silent refusal)."""


#: What a sending task retries on: the mail server or the network failing, the database
#: failing, or the backend silently refusing.
SEND_ERRORS = (smtplib.SMTPException, OSError, DatabaseError, MailNotSent)


def without_addresses(text: str) -> str:
    """``text`` with every e-mail address in it replaced by "[address]", the punctuation
    after it kept ("for jo@x.org, bounced" reads "for [address], bounced"): the one rule the
    logs use too (``portal.log_redaction``)."""
    return log_redaction.without_addresses(text)


def _answer_text(text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return without_addresses(str(text))


def error_text(error: BaseException) -> str:
    """A one-line account of ``error`` for people and logs, naming no address: its type and
    the mail server's answer ("SMTPRecipientsRefused: 421 4.3.2 Shutting down") or its
    message with any address replaced by "[address]"."""
    if isinstance(error, SendingStopped):
        return str(error)
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code, text = next(iter(error.recipients.values()))
        said = f"{code} {_answer_text(text)}"
    elif isinstance(error, smtplib.SMTPResponseException):
        said = f"{error.smtp_code} {_answer_text(error.smtp_error)}"
    else:
        said = _answer_text(error)
    return f"{name}: {said}".strip().rstrip(":")[:300]


class SendingStopped(smtplib.SMTPException):
    """The mail server or the connection stopped a run of ``send_once`` (a lost connection,
    a 421, the sender refused, several recipients deferred in a row...): what the task
    retries. Its text is ``error_text`` of the error that stopped it, never an address, so
    Celery's retry lines and the progress pages hold none."""

    def __init__(self, text: str, *, kind: str = ""):
        super().__init__(text)
        self.kind = kind  # the type name of the error that stopped the run


class DeferringEveryone(smtplib.SMTPException):
    """``deferrals.DEFERRED_IN_A_ROW`` messages deferred one after another in one run: the
    mail server is deferring everyone, not one mailbox."""


def _answers(error: Exception) -> list[tuple[int, object]] | None:
    """The mail server's answers about the one message ``error`` is about: the (code, text)
    of each refused recipient (``SMTPRecipientsRefused``, at RCPT) or of the end of DATA
    (``SMTPDataError``); ``None`` for any other error."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        return list(error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return [(error.smtp_code, error.smtp_error)]
    return None


def _answered(error: Exception, meaning: deferrals.Answer) -> str | None:
    answers = _answers(error)
    if not answers or any(deferrals.answer(code) is not meaning for code, _text in answers):
        return None
    code, text = answers[0]
    return f"{code} {_answer_text(text)}".strip()[:200]


def refusal_reason(error: Exception) -> str | None:
    """The mail server's reason, without any address, when ``error`` is it refusing a
    one-person message for good: ``SMTPRecipientsRefused`` with a 5xx answer for every
    recipient (at RCPT), or ``SMTPDataError`` with a 5xx answer (at the end of DATA: "554
    5.7.1 rejected as spam"). ``None`` for anything that may pass if tried again (a 4xx
    answer, a lost connection) and for ``SMTPSenderRefused`` (the sender refused: every
    message would be). Source: RFC 5321 section 4.2.1 (5yz, permanent negative reply)."""
    return _answered(error, deferrals.Answer.REFUSED)


def deferral_reason(error: Exception) -> str | None:
    """The mail server's reason, without any address, when ``error`` is it deferring a
    one-person message (a 4xx but 421 for every recipient at RCPT, or at the end of DATA:
    "452 4.2.2 Mailbox full", "451 4.7.1 Greylisted"); ``None`` otherwise (a 421 closes the
    whole session; see ``outbox.deferrals``)."""
    return _answered(error, deferrals.Answer.DEFERRED)


def outcome_unknown(error: Exception) -> bool:
    """Whether ``error`` leaves it unknown if the mail server queued the message: raised
    inside ``smtplib.SMTP.data`` (the message sent, or being sent, and the server's answer
    to it never read: the connection lost, a timeout) with no answer from the server. An
    answer (any SMTP reply code: ``SMTPResponseException``, ``SMTPRecipientsRefused``) is a
    refusal, and an error before DATA (connecting, MAIL FROM, RCPT; or a backend other than
    SMTP that raised) means the message was not handed over: both may be sent again."""
    if isinstance(error, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused,
                          MailNotSent)):
        return False
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code is smtplib.SMTP.data.__code__:
            return True
        trace = trace.tb_next
    return False


@dataclass(frozen=True)
class Outgoing:
    """One message and the key of its recipient (never the address: ``"invitation:42"``)."""

    recipient_key: str
    message: EmailMessage


@dataclass
class Delivery:
    """What one run sent: the recipients' keys, those the mail server refused for good
    (given up after deferrals too), those it deferred to a later try (with the earliest
    ``retry_at``), and how many were already recorded."""

    sent: list[str] = field(default_factory=list)
    skipped: int = 0
    refused: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)
    retry_at: dt.datetime | None = None


def _chunks(items: Iterable[Outgoing], size: int) -> Iterator[list[Outgoing]]:
    chunk: list[Outgoing] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class Claim:
    """One run's hold on a chunk of messages: its id, the recipients' keys it holds (the
    others of the chunk were already held, attempted, sent, or deferred to a later time)
    and, for those deferred before, how many times (``deferrals``)."""

    claim: uuid.UUID
    keys: frozenset[str]
    deferrals: dict[str, int] = field(default_factory=dict)


#: Rows held by a run and not yet handed over (deferred rows waiting for ``retry_at`` are
#: not held by anyone).
_HELD = Q(sent_at__isnull=True, attempted_at__isnull=True, refused_at__isnull=True,
          retry_at__isnull=True, withdrawn_at__isnull=True)
_DEFERRED = Q(sent_at__isnull=True, attempted_at__isnull=True, refused_at__isnull=True,
              retry_at__isnull=False, withdrawn_at__isnull=True)
#: Rows never handed over and still to go: held by a run, or deferred to a later try.
WAITING = _HELD | _DEFERRED


def due_again(*, now: dt.datetime | None = None) -> Q:
    """The rows (a ``Q``) never handed over that a run may take at ``now``: deferred by the
    recipient's mail server with ``retry_at`` passed, or held longer than ``CLAIM_LEASE`` by
    a run that died. For a periodic job finding the one-off messages (a confirmation, a
    "subscription confirmed") whose own task will not run again."""
    now = now or timezone.now()
    return (_DEFERRED & Q(retry_at__lte=now)) | (_HELD & Q(claimed_at__lt=now - CLAIM_LEASE))


def claim(*, kind: str, about: models.Model, recipient_keys: list[str],
          now: dt.datetime | None = None, due: frozenset[str] | None = None) -> Claim:
    """Hold the messages to ``recipient_keys`` that no run holds or has sent, and those
    deferred whose ``retry_at`` has come. Two queries, and a third (one UPDATE, whose
    condition a concurrent run re-checks, so only one run takes each) when some of
    ``recipient_keys`` were deferred: those of ``due`` (``None``: look for them). Commit
    before sending (``send_once`` runs outside a transaction)."""
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(about)
    mine = uuid.uuid4()
    SentEmail.objects.bulk_create(
        [SentEmail(kind=kind, content_type=content_type, object_id=about.pk,
                   recipient_key=key, claim=mine) for key in recipient_keys],
        ignore_conflicts=True)
    records = _records(kind, about).filter(recipient_key__in=recipient_keys)
    if due is None or not due.isdisjoint(recipient_keys):
        records.filter(_DEFERRED, retry_at__lte=now).update(claim=mine, claimed_at=now,
                                                            retry_at=None)
    held = dict(records.filter(claim=mine).values_list("recipient_key", "deferrals"))
    return Claim(claim=mine, keys=frozenset(held),
                 deferrals={key: n for key, n in held.items() if n})


def claims_release(*, kind: str, about: models.Model, now: dt.datetime | None = None) -> int:
    """Release the claims on messages of this kind about ``about`` held longer than
    ``CLAIM_LEASE`` and never handed to the mail server (their worker died), so the next
    claim sends them; a message deferred before keeps its count of deferrals and is due at
    once. Returns how many were released."""
    return _start(kind, about, now or timezone.now())[0]


def _start(kind: str, about: models.Model, now: dt.datetime) -> tuple[int, frozenset[str]]:
    """What a run does first: release the claims dead workers left (``claims_release``) and
    find the keys of the deferred messages due now, for ``claim``. One query, and one or two
    more only when some claim was left by a dead worker."""
    records = _records(kind, about)
    stale = Q(_HELD, claimed_at__lt=now - CLAIM_LEASE)
    rows = list(records.filter(stale | (_DEFERRED & Q(retry_at__lte=now)))
                .values_list("recipient_key", "deferrals", "retry_at"))
    left = [(key, n) for key, n, retry_at in rows if retry_at is None]
    due = {key for key, _n, retry_at in rows if retry_at is not None}
    if not left:
        return 0, frozenset(due)
    released, _ = records.filter(stale, deferrals=0).delete()
    if any(n for _key, n in left):
        released += records.filter(stale, deferrals__gt=0).update(retry_at=now)
        due |= {key for key, n in left if n}
    return released, frozenset(due)


def send_once(
    *,
    kind: str,
    about: models.Model,
    outgoing: Iterable[Outgoing],
    on_sent: Callable[[list[str]], None] | None = None,
    connection=None,
    chunk_size: int = CHUNK_SIZE,
    withdrawn_why: Callable[[str], str | None] | None = None,
) -> Delivery:
    """Send each message whose (kind, about, recipient) has no record yet, or was deferred
    and is due again; record each sent.

    Call it outside any transaction (a task body): each claim must be committed before its
    message goes, or a second worker could not see it. Claims a dead worker left longer than
    ``CLAIM_LEASE`` are released first, so their messages go in this run. ``on_sent`` is
    called with the keys of each chunk's sent messages (to stamp the objects they were
    about). A message the mail server refuses for good (``refusal_reason``: a 5xx at RCPT or
    at the end of DATA) is recorded as refused, and one it defers (``deferral_reason``: a
    4xx but 421 for that recipient) is recorded with its next try (``outbox.deferrals``; given
    up, so refused, after ``deferrals.MOST_TRIES``); either way the run goes on. Other errors
    from the mail backend, and ``deferrals.DEFERRED_IN_A_ROW`` deferrals one after another,
    stop the run: the claims not handed over are released (and the message being handed
    over, unless its outcome is unknown: ``outcome_unknown``), and ``SendingStopped`` is
    raised (for an SMTP error; its text names no address) for the task to retry.
    ``withdrawn_why``, given a recipient's key, is asked at the last moment, once its claim
    is committed and just before the message is handed over: a reason (naming no address)
    means its recipient withdrew it meanwhile (unsubscribed before a queued task ran), so it
    is recorded withdrawn with that reason and never goes; ``None`` lets it go. A withdrawal
    committed after the claim is seen by the attempt itself (``waiting_withdrawn``).
    Queries: one a run with something to send, two a chunk (three with a message deferred
    before), two a message (attempt, then confirm, refuse or defer).
    """
    try:
        return _send_once(kind=kind, about=about, outgoing=outgoing, on_sent=on_sent,
                          connection=connection, chunk_size=chunk_size,
                          withdrawn_why=withdrawn_why)
    except smtplib.SMTPException as error:
        if isinstance(error, SendingStopped):
            raise
        # The error's own text may hold the recipient's address ("SMTPRecipientsRefused:
        # {'a@b': ...}"): what the task logs and the progress page shows is said without it.
        raise SendingStopped(error_text(error), kind=type(error).__name__) from None


def _send_once(*, kind, about, outgoing, on_sent, connection, chunk_size,
               withdrawn_why=None) -> Delivery:
    records = _records(kind, about)
    due: frozenset[str] | None = None
    delivery = Delivery()
    connection = connection or get_connection()
    in_a_row = 0
    with connection:
        for chunk in _chunks(outgoing, chunk_size):
            if due is None:
                # Only once there is something to send: a run with nothing to send reads
                # nothing.
                _released, due = _start(kind, about, timezone.now())
            held = claim(kind=kind, about=about, due=due,
                         recipient_keys=[item.recipient_key for item in chunk])
            delivery.skipped += len(chunk) - len(held.keys)
            done: list[str] = []
            handing: str | None = None
            try:
                for item in chunk:
                    key = item.recipient_key
                    if key not in held.keys:
                        continue
                    mine = records.filter(claim=held.claim, recipient_key=key)
                    why = withdrawn_why(key) if withdrawn_why is not None else None
                    if why:
                        # Withdrawn since it was asked for: never goes, no longer waits.
                        mine.filter(_HELD).update(withdrawn_at=timezone.now(),
                                                  failure=why[:200])
                        delivery.skipped += 1
                        continue
                    # The sent-record checked at the last moment: a claim released meanwhile
                    # (held past the lease) is another run's now.
                    if not mine.filter(_HELD).update(attempted_at=timezone.now(),
                                                     message_id=_message_id(item.message)):
                        delivery.skipped += 1
                        continue
                    handing = key
                    try:
                        accepted = connection.send_messages([item.message])
                    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as error:
                        if not _answered_for_one(error, mine, key, held, delivery):
                            raise
                        # Answered for this one message: never sent again, or later, alone.
                        handing = None
                        in_a_row = in_a_row + 1 if key in delivery.deferred else 0
                        if in_a_row >= deferrals.DEFERRED_IN_A_ROW:
                            raise DeferringEveryone(
                                f"{in_a_row} messages in a row deferred by the mail server: "
                                "it is deferring everyone, so the sending pauses.") from None
                        continue
                    if not accepted:
                        raise MailNotSent(f"The mail backend did not send {kind} to {key}.")
                    handing = None
                    in_a_row = 0
                    mine.update(sent_at=timezone.now())
                    done.append(key)
            except Exception as error:
                # The rest of the chunk was never handed over: the retry sends it. The message
                # being handed over goes again only if the server answered no; otherwise it
                # may have been queued, and stays attempted, never confirmed, never re-sent.
                not_handed = Q(attempted_at__isnull=True)
                if handing is not None and not outcome_unknown(error):
                    not_handed |= Q(recipient_key=handing)
                unsent = records.filter(claim=held.claim, sent_at__isnull=True,
                                        refused_at__isnull=True, retry_at__isnull=True,
                                        withdrawn_at__isnull=True).filter(not_handed)
                # A message deferred before keeps its count, due at once; the others go.
                unsent.filter(deferrals__gt=0).update(attempted_at=None,
                                                      retry_at=timezone.now())
                unsent.filter(deferrals=0).delete()
                raise
            finally:
                if done and on_sent is not None:
                    on_sent(done)
                delivery.sent.extend(done)
    return delivery


@dataclass(frozen=True)
class Carried:
    """What ``earlier_carried`` did: how many earlier messages it withdrew as carried, and
    whether one of them is being handed to the mail server at this moment (``in_flight``:
    the later message must not go in this run, or the recipient could be told twice)."""

    count: int
    in_flight: bool = False


def earlier_carried(*, kind: str, about: models.Model, current_key: str,
                    now: dt.datetime | None = None) -> Carried:
    """Withdraw as carried (``SentEmail.withdrawn_at``) every message of ``kind`` about ``about``
    to a recipient key other than ``current_key`` that was never handed over: held by a run,
    or deferred to a later try. Call it just before sending the message ``current_key``
    names, which says what they were to say (the next period's digest, listing the events a
    deferred digest was to list): they are then never sent, and no longer wait. One that a
    run began to hand over less than ``CLAIM_LEASE`` ago and the mail server has not
    answered yet is left alone and reported (``Carried.in_flight``). A run about to hand one
    over finds it closed, and skips it (``send_once`` checks the row at the last moment).
    Two queries."""
    now = now or timezone.now()
    earlier = _records(kind, about).exclude(recipient_key=current_key)
    count = earlier.filter(WAITING).update(
        withdrawn_at=now, retry_at=None,
        failure=f"Carried by a later message ({current_key}): not sent."[:200])
    in_flight = earlier.filter(sent_at__isnull=True, refused_at__isnull=True,
                               withdrawn_at__isnull=True,
                               attempted_at__gte=now - CLAIM_LEASE).exists()
    return Carried(count=count, in_flight=in_flight)


def waiting_withdrawn(*, rows: Q, reason: str, now: dt.datetime | None = None) -> int:
    """Withdraw (``SentEmail.withdrawn_at``, with ``reason`` as its ``failure``, naming no
    address) the messages ``rows`` selects that were never handed over (held by a run, or
    deferred to a later try): their recipient no longer wants them (unsubscribed, notices
    turned off, hearing at once now instead of in a digest, or the other way round). They
    never go, and no longer wait; a run about to hand one over finds it withdrawn and skips
    it. Returns how many. One query."""
    now = now or timezone.now()
    return SentEmail.objects.filter(rows).filter(WAITING).update(
        withdrawn_at=now, retry_at=None, failure=reason[:200])


def waiting_released(*, rows: Q) -> int:
    """Forget the messages ``rows`` selects that were never handed over (held by a run, or
    deferred to a later try), as if never claimed: whichever job now tells their recipient of
    the same thing (a digest in place of a notice at once) lists it, once. A run about to
    hand one over finds it gone and skips it. Returns how many. One query."""
    return SentEmail.objects.filter(rows).filter(WAITING).delete()[0]


def about_q(about: models.Model) -> Q:
    """The outbox rows about ``about``, as a condition (for ``waiting_withdrawn``)."""
    return Q(content_type=ContentType.objects.get_for_model(about), object_id=about.pk)


def undelivered(*, kind: str, model: type[models.Model]) -> dict[int, dt.datetime]:
    """The objects of ``model`` with a message of ``kind`` that never reached its recipient
    for sure: never handed over (waiting, or withdrawn as carried), or refused for good
    (given up after deferrals included); each id with when the oldest such message was
    claimed. Not those handed over and never answered: they may have arrived. One query."""
    never = Q(sent_at__isnull=True, attempted_at__isnull=True)
    return dict(SentEmail.objects.filter(
        kind=kind, content_type=ContentType.objects.get_for_model(model))
        .filter(never | Q(refused_at__isnull=False))
        .order_by().values("object_id").annotate(first=Min("claimed_at"))
        .values_list("object_id", "first"))


def earlier_waiting(*, kind: str, model: type[models.Model], current_key: str,
                    now: dt.datetime | None = None) -> dict[int, dt.datetime]:
    """The objects of ``model`` with a message of ``kind`` to a recipient key other than
    ``current_key`` that ``earlier_carried`` would close or report (never handed over: held
    or deferred; or being handed over now), each id with when the oldest such message was
    first claimed (what it was to say goes back from there). One query, to call
    ``earlier_carried`` only for those."""
    now = now or timezone.now()
    in_flight = Q(sent_at__isnull=True, refused_at__isnull=True, withdrawn_at__isnull=True,
                  attempted_at__gte=now - CLAIM_LEASE)
    return dict(SentEmail.objects.filter(
        kind=kind, content_type=ContentType.objects.get_for_model(model))
        .exclude(recipient_key=current_key).filter(WAITING | in_flight)
        .order_by().values("object_id").annotate(first=Min("claimed_at"))
        .values_list("object_id", "first"))


def _answered_for_one(error: Exception, mine, key: str, held: Claim,
                      delivery: Delivery) -> bool:
    """Record the mail server's answer about one message (``key``, its row ``mine``): a
    refusal for good (refused, never sent again) or a deferral (tried again at
    ``deferrals.next_try``, or given up after ``deferrals.MOST_TRIES``). False when
    ``error`` is neither (a 421, an answer about several recipients): the run stops. One
    query."""
    now = timezone.now()
    reason = refusal_reason(error)
    if reason is not None:
        at_data = isinstance(error, smtplib.SMTPDataError)
        mine.update(refused_at=now, failure=reason, refusal=(
            SentEmail.Refusal.MESSAGE if at_data else SentEmail.Refusal.RECIPIENT))
        delivery.refused.append(key)
        return True
    reason = deferral_reason(error)
    if reason is None:
        return False
    count = held.deferrals.get(key, 0) + 1
    retry_at = deferrals.next_try(deferrals=count, deferred_at=now)
    if retry_at is None:
        mine.update(refused_at=now, deferrals=count, refusal=SentEmail.Refusal.DEFERRED,
                    failure=f"Deferred {count} times, then given up: {reason}"[:200])
        delivery.refused.append(key)
        return True
    mine.update(attempted_at=None, retry_at=retry_at, deferrals=count, failure=reason)
    delivery.deferred.append(key)
    delivery.retry_at = min(filter(None, (delivery.retry_at, retry_at)))
    return True


class MessageDeferred(Exception):
    """What a task sending one message retries with when the recipient's mail server
    deferred it (``retry_countdown``): said without the address, and raised as the task's
    error if its retries run out."""

    def __init__(self, text: str = "The recipient's mail server deferred the message; it is "
                                   "tried again later."):
        super().__init__(text)


def retry_countdown(delivery: Delivery, *, now: dt.datetime | None = None) -> int | None:
    """Seconds until the first message ``delivery`` deferred may be tried again (at least
    1), for a task sending one message to retry itself then; ``None`` when it deferred
    none."""
    if delivery.retry_at is None:
        return None
    now = now or timezone.now()
    return max(1, int((delivery.retry_at - now).total_seconds()) + 1)


def _message_id(message: EmailMessage) -> str:
    """The message's ``Message-ID``, given one on the site's host first if it has none (as
    ``core.mail.SiteMessageIdBackend`` would), so the outbox records the one it goes with."""
    for name, value in message.extra_headers.items():
        if name.lower() == "message-id":
            return str(value)[:255]
    message.extra_headers["Message-ID"] = site_message_id()
    return message.extra_headers["Message-ID"][:255]


def _records(kind: str, about: models.Model):
    return SentEmail.objects.filter(kind=kind, object_id=about.pk,
                                    content_type=ContentType.objects.get_for_model(about))


def sent_count(*, kind: str, about: models.Model) -> int:
    """How many messages of this kind about this object the mail server has taken."""
    return _records(kind, about).filter(sent_at__isnull=False).count()


@dataclass(frozen=True)
class DeliveryCounts:
    """Where the messages of one kind about one object stand: ``sent`` (the mail server took
    them), ``sending`` (claimed by a run in the last ``CLAIM_LEASE``, not yet handed over:
    a chunk being sent now, or a worker just killed), ``waiting`` (claimed longer ago than
    that and never handed over: their worker died; the next run releases and sends them,
    once each), ``unconfirmed`` (handed over by a worker that died before the server
    answered: they may have gone, and are never sent again), ``refused`` (the mail server
    refused them for good: never sent again; of them ``refused_message``, the message itself
    refused after DATA, as spam say, and ``given_up``, deferred at every try; the others'
    addresses do not exist or take no mail), ``deferred`` (the recipient's mail server
    said "not now": tried again later, of them ``deferred_due`` already due) and ``withdrawn``
    (never handed over: a later message said what they were to say, or nobody wants them)."""

    sent: int
    sending: int
    waiting: int
    unconfirmed: int
    refused: int = 0
    deferred: int = 0
    deferred_due: int = 0
    refused_message: int = 0
    given_up: int = 0
    withdrawn: int = 0

    @property
    def refused_recipient(self) -> int:
        """Those refused because the address does not exist or takes no mail."""
        return self.refused - self.refused_message - self.given_up


def delivery_counts(*, kind: str, about: models.Model,
                    now: dt.datetime | None = None) -> DeliveryCounts:
    """``DeliveryCounts`` for the messages of ``kind`` about ``about`` at ``now``. One query."""
    now = now or timezone.now()
    stale = Q(claimed_at__lt=now - CLAIM_LEASE)
    refused = Q(refused_at__isnull=False)
    Refusal = SentEmail.Refusal
    counts = _records(kind, about).aggregate(
        n_sent=Count("pk", filter=Q(sent_at__isnull=False)),
        n_sending=Count("pk", filter=_HELD & ~stale),
        n_waiting=Count("pk", filter=_HELD & stale),
        n_unconfirmed=Count("pk", filter=Q(sent_at__isnull=True, attempted_at__isnull=False,
                                           refused_at__isnull=True)),
        n_refused=Count("pk", filter=refused),
        n_deferred=Count("pk", filter=_DEFERRED),
        n_deferred_due=Count("pk", filter=_DEFERRED & Q(retry_at__lte=now)),
        n_refused_message=Count("pk", filter=refused & Q(refusal=Refusal.MESSAGE)),
        n_given_up=Count("pk", filter=refused & Q(refusal=Refusal.DEFERRED)),
        n_withdrawn=Count("pk", filter=Q(withdrawn_at__isnull=False)))
    return DeliveryCounts(**{key.removeprefix("n_"): value or 0
                             for key, value in counts.items()})


# --- releasing an unconfirmed message for sending again -----------------------------------

#: The fewest characters of a reason for releasing a message (after addresses are masked).
REASON_MIN = 10


def unconfirmed_rows(*, now: dt.datetime | None = None):
    """Outbox rows handed to the mail server longer than ``CLAIM_LEASE`` before ``now`` and
    never confirmed or refused (a queryset): they may have gone, and wait for a person."""
    now = now or timezone.now()
    return SentEmail.objects.filter(sent_at__isnull=True, refused_at__isnull=True,
                                    attempted_at__lt=now - CLAIM_LEASE)


class NotUnconfirmed(Exception):
    """The message is no longer waiting for a decision: it was confirmed or refused since,
    or no such message was ever recorded."""


class WillNotGo(Exception):
    """The message would never go if released (its kind's ``not_going``: the person
    unsubscribed or turned these e-mails off, its link was used...): nothing was released.
    ``why`` says so, in the active language, as the page does."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


def masked(reason: str) -> str:
    """``reason`` with every e-mail address in it replaced by "[address]", trimmed: the
    outbox names recipients by key, never by address."""
    return without_addresses(reason or "").strip()


def unconfirmed_release(*, record_id: int, claim: uuid.UUID | str, user, reason: str,
                        checked: bool, now: dt.datetime | None = None
                        ) -> tuple[ReleasedEmail, bool]:
    """Release the unconfirmed message recorded as ``record_id`` (``unconfirmed_rows``), as
    claimed by run ``claim``, for sending again: its outbox row is deleted and the release
    kept (``ReleasedEmail``: who, when, the reason with any address masked, the message's
    kind, object, recipient key and Message-ID). Once committed, its kind's ``send_again``
    queues the sending (``outbox.kinds``): the next run of its job sends it, once, if it is
    still due.

    ``checked`` is the officer's word that the mail server's log shows the message was not
    delivered. Idempotent: the same form sent again (a second press, another tab) finds the
    release already made and returns ``(release, False)``; a new attempt at the same message
    has a new claim, so an old form cannot release it. Returns ``(release, True)`` when
    this call released it.

    Errors: ``PermissionDenied`` for anyone but an officer or administrator;
    ``ValidationError`` (``checked``, ``reason``) when the check is not confirmed or the
    reason is shorter than ``REASON_MIN``; ``NotUnconfirmed`` when the message is not (or no
    longer) waiting: confirmed, refused, or unknown; ``WillNotGo`` when it would never go
    if released (its kind's ``not_going`` says why): the page offers no form for such a
    message, and a form from a page opened before, or a request made by hand, is refused
    here too, the message left waiting as it was.
    """
    if not can_release_unconfirmed(user):
        raise PermissionDenied
    reason = masked(reason)
    errors = {}
    if not checked:
        errors["checked"] = _("Confirm that you checked the mail server's log and the message "
                              "was not delivered.")
    if len(reason) < REASON_MIN:
        errors["reason"] = _("Say why it can be sent again, in a sentence, so others can see "
                             "why it was.")
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    with transaction.atomic():
        row = (unconfirmed_rows(now=now).select_for_update()
               .filter(pk=record_id, claim=claim).first())
        # Asked here, not only by the page: a form from a page opened before the person
        # unsubscribed, or a request made by hand, releases nothing that would never go.
        kind = kinds.kind_of(row.kind) if row is not None else None
        why = (kind.not_going([row]).get(row.pk)
               if kind is not None and kind.not_going is not None else None)
        if why:
            raise WillNotGo(why)
        if row is None or not SentEmail.objects.filter(
                pk=row.pk, claim=row.claim, sent_at__isnull=True,
                refused_at__isnull=True).delete()[0]:
            earlier = ReleasedEmail.objects.filter(record_id=record_id, claim=claim).first()
            if earlier is None:
                raise NotUnconfirmed
            return earlier, False
        release = ReleasedEmail.objects.create(
            kind=row.kind, content_type_id=row.content_type_id, object_id=row.object_id,
            recipient_key=row.recipient_key, record_id=row.pk, claim=row.claim,
            attempted_at=row.attempted_at, message_id=row.message_id, released_at=now,
            released_by=user, reason=reason)
    logger.info("Released unconfirmed %s to %s (outbox row %s) for sending again, by user %s",
                release.kind, release.recipient_key, release.record_id, user.pk)
    entry = kinds.kind_of(release.kind)
    if entry is not None:
        transaction.on_commit(lambda: entry.send_again(release), robust=True)
    return release, True
