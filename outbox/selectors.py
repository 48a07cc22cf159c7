"""Reads of the outbox for people: where the e-mails of some kinds stand, without a single
address (the outbox holds none: ``SentEmail.recipient_key`` names recipients by key)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import ngettext

from core.numbers import count
from outbox import deferrals, kinds
from outbox.models import ReleasedEmail, SentEmail
from outbox.services import CLAIM_LEASE, WAITING, unconfirmed_rows

#: The outbox kinds of the e-mails ``notices`` sends (``notices.services``): notices and
#: digests to subscribers, the forum and officers (the forum's and officers' are
#: ``staff:<event>``), and the confirmation and "subscription confirmed" e-mails of
#: subscribing, counted with them on Reports > Scheduled jobs.
NOTICE_KINDS = ("notice", "digest", "caught_up", "staff_digest", "subscribed", "confirmation")
NOTICE_KIND_PREFIX = "staff:"


#: How long a message the recipient's mail server deferred at every try is tried for, in
#: whole hours, as officers are told.
GIVE_UP_HOURS = round(deferrals.give_up_after().total_seconds() / 3600)


def refusal_lines(counts) -> list[str]:
    """The sentences, in the active language, saying what the mail servers refused for good,
    each way with its own plain reason: ``counts.refused_recipient`` (the address does not
    exist or takes no mail), ``counts.refused_message`` (the message itself, as spam say) and
    ``counts.given_up`` (deferred at every try). ``counts`` is an
    ``outbox.services.DeliveryCounts`` or a ``Backlog``: the survey mailing pages and the
    notices on Reports > Scheduled jobs say them in the same words."""
    lines = []
    if counts.refused_recipient:
        n = counts.refused_recipient
        lines.append(ngettext(
            "%(n)s refused by the mail server because the address does not exist or takes no "
            "mail: not sent again.",
            "%(n)s refused by the mail server because the addresses do not exist or take no "
            "mail: not sent again.", n) % {"n": count(n)})
    if counts.refused_message:
        n = counts.refused_message
        lines.append(ngettext(
            "%(n)s refused by the receiving mail server, which judged the message itself "
            "(as spam, say), not the address: not sent again. If this grows, ask the "
            "administrators to check the portal's mail is signed and allowed (SPF, DKIM).",
            "%(n)s refused by the receiving mail servers, which judged the message itself "
            "(as spam, say), not the addresses: not sent again. If this grows, ask the "
            "administrators to check the portal's mail is signed and allowed (SPF, DKIM).",
            n) % {"n": count(n)})
    if counts.given_up:
        n = counts.given_up
        lines.append(ngettext(
            "%(n)s could not be delivered: the recipient's mail server said \"not now\" "
            "(a full mailbox, say) at every try for %(hours)s hours, so it was given up.",
            "%(n)s could not be delivered: the recipients' mail servers said \"not now\" "
            "(a full mailbox, say) at every try for %(hours)s hours, so they were given up.",
            n) % {"n": count(n), "hours": GIVE_UP_HOURS})
    return lines


def deferral_line(counts) -> str:
    """The sentence, in the active language, saying how many messages the recipients' mail
    servers deferred (``counts.deferred``) and that each is tried again by itself; empty for
    none."""
    if not counts.deferred:
        return ""
    n = counts.deferred
    return ngettext(
        "%(n)s deferred by the recipient's mail server (a full mailbox, say): it is tried "
        "again by itself, with longer pauses, for up to %(hours)s hours; the others were "
        "not held up.",
        "%(n)s deferred by the recipients' mail servers (a full mailbox, say): each is "
        "tried again by itself, with longer pauses, for up to %(hours)s hours; the others "
        "were not held up.", n) % {"n": count(n), "hours": GIVE_UP_HOURS}


@dataclass(frozen=True)
class Backlog:
    """Where notice e-mails stand: ``waiting`` (recorded, not yet handed to the mail server:
    being sent now, left by a stopped worker for the next run to send, or deferred by the
    recipient's mail server to a later try; of them ``deferred``), ``failed`` (handed to the
    mail server by a worker that stopped before the server answered, longer ago than the
    claim lease: never sent again, so they may not have arrived; or refused for good by the
    mail server), ``refused`` (those of the failed the mail server refused for good: of them
    ``refused_message``, the message itself, as spam say, and ``given_up``, deferred at every
    try; the rest because the address does not exist or takes no mail) and
    ``oldest_waiting_since`` (when the oldest waiting one was recorded; ``None`` when none
    waits). A message withdrawn unsent (a deferred digest the next one carried, or one nobody
    wants now: ``SentEmail.withdrawn_at``) is none of these."""

    waiting: int
    failed: int
    oldest_waiting_since: dt.datetime | None
    refused: int = 0
    #: Messages of any kind (notices, survey invitations and reminders...) handed over and
    #: never answered: what the "E-mails never confirmed" page lists (``unconfirmed_emails``).
    unconfirmed_any_kind: int = 0
    refused_message: int = 0
    given_up: int = 0
    deferred: int = 0

    @property
    def unconfirmed(self) -> int:
        """Those of the failed handed over and never confirmed (not refused)."""
        return self.failed - self.refused

    @property
    def refused_recipient(self) -> int:
        """Those refused because the address does not exist or takes no mail."""
        return self.refused - self.refused_message - self.given_up

    @property
    def refusals(self) -> list[str]:
        """``refusal_lines`` of these counts, in the active language."""
        return refusal_lines(self)

    @property
    def deferral(self) -> str:
        """``deferral_line`` of these counts, in the active language."""
        return deferral_line(self)


def notice_backlog(*, now: dt.datetime | None = None) -> Backlog:
    """``Backlog`` of the notice e-mails (``NOTICE_KINDS``) at ``now``, with the messages of
    any kind never confirmed. One query."""
    now = now or timezone.now()
    notices = Q(kind__in=NOTICE_KINDS) | Q(kind__startswith=NOTICE_KIND_PREFIX)
    held = WAITING
    deferred = WAITING & Q(retry_at__isnull=False)
    refused = Q(refused_at__isnull=False)
    Refusal = SentEmail.Refusal
    unconfirmed = Q(sent_at__isnull=True, refused_at__isnull=True,
                    attempted_at__lt=now - CLAIM_LEASE)
    failed = Q(sent_at__isnull=True, attempted_at__lt=now - CLAIM_LEASE) | refused
    found = SentEmail.objects.filter((notices & (held | failed)) | unconfirmed).aggregate(
        waiting=Count("pk", filter=notices & held),
        failed=Count("pk", filter=notices & failed),
        refused=Count("pk", filter=notices & refused),
        refused_message=Count("pk", filter=notices & refused & Q(refusal=Refusal.MESSAGE)),
        given_up=Count("pk", filter=notices & refused & Q(refusal=Refusal.DEFERRED)),
        deferred=Count("pk", filter=notices & deferred),
        oldest=Min("claimed_at", filter=notices & held),
        unconfirmed=Count("pk", filter=unconfirmed))
    return Backlog(waiting=found["waiting"] or 0, failed=found["failed"] or 0,
                   oldest_waiting_since=found["oldest"], refused=found["refused"] or 0,
                   unconfirmed_any_kind=found["unconfirmed"] or 0,
                   refused_message=found["refused_message"] or 0,
                   given_up=found["given_up"] or 0, deferred=found["deferred"] or 0)


# --- messages never confirmed, and those released for sending again ----------------------

#: The most unconfirmed messages, and releases, one page lists (newest first).
LISTED = 200


@dataclass(frozen=True)
class Unconfirmed:
    """One message handed to the mail server that never answered, as officers read it:
    ``pk`` and ``claim`` (which the release form carries, so an old form cannot release a
    later attempt), its kind's ``label`` and what it is ``about`` (never an address),
    ``recipient_key`` ("invitation:42"), when it was handed over, its ``message_id`` (to
    look for in the mail server's log: empty for one handed over before it was recorded) and
    ``goes_again`` (when its job sends it once released; empty when no app says) and
    ``not_going`` (why it would never go if released, from its kind's ``not_going``: the
    person unsubscribed, its link was used; then no release form is offered)."""

    pk: int
    claim: str
    kind: str
    label: str
    about: str
    recipient_key: str
    attempted_at: dt.datetime
    message_id: str
    goes_again: str
    not_going: str = ""


def _described(rows: list, known: list[kinds.OutboxKind]) -> dict[int, str]:
    """What each row is about, by row id, from its kind's ``describe`` (one call a kind)."""
    by_kind: dict[str, list] = {}
    for row in rows:
        entry = kinds.kind_of(row.kind, known)
        if entry is not None and entry.describe is not None:
            by_kind.setdefault(entry.name, []).append(row)
    found: dict[int, str] = {}
    for entry in known:
        if entry.name in by_kind:
            found.update(entry.describe(by_kind[entry.name]))
    return found


def unconfirmed_emails(*, now: dt.datetime | None = None) -> list[Unconfirmed]:
    """The newest ``LISTED`` messages of any kind handed to the mail server longer than the
    claim lease before ``now`` and never confirmed or refused. One query, and one a kind
    that describes its messages."""
    known = kinds.outbox_kinds()
    rows = list(unconfirmed_rows(now=now).order_by("-attempted_at", "-pk")[:LISTED])
    about = _described(rows, known)
    never = _never_going(rows, known)
    listed = []
    for row in rows:
        entry = kinds.kind_of(row.kind, known)
        listed.append(Unconfirmed(
            pk=row.pk, claim=str(row.claim), kind=row.kind,
            label=str(entry.label) if entry else row.kind, about=about.get(row.pk, ""),
            recipient_key=row.recipient_key, attempted_at=row.attempted_at,
            message_id=row.message_id, goes_again=str(entry.goes_again) if entry else "",
            not_going=never.get(row.pk, "")))
    return listed


def _never_going(rows: list, known: list[kinds.OutboxKind]) -> dict[int, str]:
    """Why each unconfirmed row would never go if released, by row id, from its kind's
    ``not_going`` (which reads ``object_id`` and ``pk``, the same on a row as on a release):
    one call a kind that can say."""
    by_kind: dict[str, list] = {}
    for row in rows:
        entry = kinds.kind_of(row.kind, known)
        if entry is not None and entry.not_going is not None:
            by_kind.setdefault(entry.name, []).append(row)
    found: dict[int, str] = {}
    for entry in known:
        if entry.name in by_kind:
            found.update(entry.not_going(by_kind[entry.name]))
    return found


#: Where a released message stands now (``Released.outcome``).
SENT_AGAIN, SENDING_AGAIN, UNCONFIRMED_AGAIN, REFUSED, NOT_YET, NOT_GOING = (
    "sent", "sending", "unconfirmed", "refused", "not_yet", "not_going")


@dataclass(frozen=True)
class Released:
    """A release as officers read it: the kind's ``label``, what it is ``about`` (in words,
    from its kind's ``describe``, as the messages never confirmed are named: "week of 8 March
    2027", "a forum comment answered"; empty when its kind cannot say), the recipient's key,
    when the message was first handed over, its Message-ID, who released it (their name; empty once
    the account is deleted), when and why; and ``outcome``, where the message stands now:
    ``SENT_AGAIN`` (at ``outcome_at``), ``SENDING_AGAIN`` (claimed by a run),
    ``UNCONFIRMED_AGAIN`` (handed over again, not answered again), ``REFUSED`` (the mail
    server refused it for good), ``NOT_YET`` (no run has sent it yet: its job sends it if
    it is still due; ``goes_again`` says when) or ``NOT_GOING`` (no run will send it: its
    kind says why, ``why``: the link was already used, the person unsubscribed)."""

    label: str
    about: str
    recipient_key: str
    attempted_at: dt.datetime
    message_id: str
    released_by: str
    released_at: dt.datetime
    reason: str
    outcome: str
    outcome_at: dt.datetime | None
    goes_again: str
    why: str = ""


def _not_going(releases: list, rows: dict, known: list[kinds.OutboxKind]) -> dict[int, str]:
    """Why each release no run has sent will never go, by release id, from its kind's
    ``not_going`` (one call a kind with such releases)."""
    by_kind: dict[str, list] = {}
    for release in releases:
        if (release.kind, release.content_type_id, release.object_id,
                release.recipient_key) in rows:
            continue
        entry = kinds.kind_of(release.kind, known)
        if entry is not None and entry.not_going is not None:
            by_kind.setdefault(entry.name, []).append(release)
    found: dict[int, str] = {}
    for entry in known:
        if entry.name in by_kind:
            found.update(entry.not_going(by_kind[entry.name]))
    return found


def releases_recent() -> list[Released]:
    """The newest ``LISTED`` releases, each with what it is about and where its message
    stands now. Two queries, one a kind that describes its messages (``describe`` reads
    ``pk``, ``kind``, ``object_id`` and ``recipient_key``, the same on a release as on an
    outbox row), and one a kind with releases not sent that can say why they will never
    go."""
    known = kinds.outbox_kinds()
    releases = list(ReleasedEmail.objects.select_related("released_by")
                    .order_by("-released_at", "-pk")[:LISTED])
    if not releases:
        return []
    again = Q()
    for release in releases:
        again |= Q(kind=release.kind, content_type_id=release.content_type_id,
                   object_id=release.object_id, recipient_key=release.recipient_key)
    now = {(r.kind, r.content_type_id, r.object_id, r.recipient_key): r
           for r in SentEmail.objects.filter(again)}
    never = _not_going(releases, now, known)
    about = _described(releases, known)
    listed = []
    for release in releases:
        row = now.get((release.kind, release.content_type_id, release.object_id,
                       release.recipient_key))
        if row is None and release.pk in never:
            outcome, at = NOT_GOING, None
        elif row is None:
            outcome, at = NOT_YET, None
        elif row.sent_at:
            outcome, at = SENT_AGAIN, row.sent_at
        elif row.refused_at:
            outcome, at = REFUSED, row.refused_at
        elif row.attempted_at:
            outcome, at = UNCONFIRMED_AGAIN, row.attempted_at
        else:
            outcome, at = SENDING_AGAIN, row.claimed_at
        entry = kinds.kind_of(release.kind, known)
        user = release.released_by
        listed.append(Released(
            label=str(entry.label) if entry else release.kind,
            about=about.get(release.pk, ""),
            recipient_key=release.recipient_key, attempted_at=release.attempted_at,
            message_id=release.message_id,
            released_by=(user.get_full_name() or user.get_username()) if user else "",
            released_at=release.released_at, reason=release.reason, outcome=outcome,
            outcome_at=at, goes_again=str(entry.goes_again) if entry else "",
            why=never.get(release.pk, "")))
    return listed
