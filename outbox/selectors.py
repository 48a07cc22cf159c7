"""Reads of the outbox for people: where the e-mails of some kinds stand, without a single
address (the outbox holds none: ``SentEmail.recipient_key`` names recipients by key)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from outbox.models import SentEmail
from outbox.services import CLAIM_LEASE

#: The outbox kinds of the notices told to subscribers, the forum and officers
#: (``notices.services``); the forum's and officers' are ``staff:<event>``.
NOTICE_KINDS = ("notice", "digest", "caught_up", "staff_digest")
NOTICE_KIND_PREFIX = "staff:"


@dataclass(frozen=True)
class Backlog:
    """Where notice e-mails stand: ``waiting`` (recorded, not yet handed to the mail server:
    being sent now, or left by a stopped worker for the next run to send), ``failed``
    (handed to the mail server by a worker that stopped before the server answered, longer
    ago than the claim lease: never sent again, so they may not have arrived; or refused for
    good by the mail server), ``refused`` (those of the failed the mail server refused: the
    address does not exist or takes no mail) and ``oldest_waiting_since``
    (when the oldest waiting one was recorded; ``None`` when none
    waits)."""

    waiting: int
    failed: int
    oldest_waiting_since: dt.datetime | None
    refused: int = 0

    @property
    def unconfirmed(self) -> int:
        """Those of the failed handed over and never confirmed (not refused)."""
        return self.failed - self.refused


def notice_backlog(*, now: dt.datetime | None = None) -> Backlog:
    """``Backlog`` of the notice e-mails (``NOTICE_KINDS``) at ``now``. One query."""
    now = now or timezone.now()
    held = Q(sent_at__isnull=True, attempted_at__isnull=True)
    refused = Q(refused_at__isnull=False)
    failed = Q(sent_at__isnull=True, attempted_at__lt=now - CLAIM_LEASE) | refused
    found = SentEmail.objects.filter(
        Q(kind__in=NOTICE_KINDS) | Q(kind__startswith=NOTICE_KIND_PREFIX),
        held | failed).aggregate(
        waiting=Count("pk", filter=held), failed=Count("pk", filter=failed),
        refused=Count("pk", filter=refused), oldest=Min("claimed_at", filter=held))
    return Backlog(waiting=found["waiting"] or 0, failed=found["failed"] or 0,
                   oldest_waiting_since=found["oldest"], refused=found["refused"] or 0)
