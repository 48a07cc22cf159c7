"""Who in the council and the forum hears of what: plain rules over plain values.

Issue 14 names what each role must be told. Forum representatives: a draft is waiting, a
comment was answered, the draft changed mid-review, a deadline moved, two school days before
a deadline, another representative recorded the forum's decision. Officers: a new forum
comment, a decision that leaves the council's position to write (a stated disagreement), a
consultation about to open or close, a calendar change that puts a consultation in a
holiday. Each person chooses to hear at once or in one message a day.

The event kinds are the evidence log's own names (``charter.models.EvidenceEntry.Kind``)
repeated as strings, plus the events no log entry records: a draft saved during review, a
deadline two school days away, a consultation about to open or close, and a window the
school calendar no longer allows. This module needs only the standard library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

FORUM = "forum"
OFFICERS = "officers"

# Events no evidence entry records, found by reading the reviews and consultations.
DRAFT_CHANGED = "draft_changed"
DEADLINE_SOON = "deadline_soon"
OPENS_SOON = "consultation_opens_soon"
CLOSES_SOON = "consultation_closes_soon"
WINDOW_IN_HOLIDAY = "window_in_holiday"

#: Each event kind and the roles told of it.
AUDIENCES: dict[str, frozenset[str]] = {
    "review_opened": frozenset({FORUM}),
    "comment_answered": frozenset({FORUM}),
    DRAFT_CHANGED: frozenset({FORUM}),
    "review_deadline_changed": frozenset({FORUM}),
    DEADLINE_SOON: frozenset({FORUM}),
    "review_agreement_pending": frozenset({FORUM}),
    "review_decided": frozenset({FORUM, OFFICERS}),
    "comment_made": frozenset({OFFICERS}),
    "disagreement_stated": frozenset({OFFICERS}),
    OPENS_SOON: frozenset({OFFICERS}),
    CLOSES_SOON: frozenset({OFFICERS}),
    WINDOW_IN_HOLIDAY: frozenset({OFFICERS}),
}

#: The evidence log's kinds among them.
LOGGED_KINDS = frozenset(kind for kind in AUDIENCES
                         if kind not in {DRAFT_CHANGED, DEADLINE_SOON, OPENS_SOON,
                                         CLOSES_SOON, WINDOW_IN_HOLIDAY})

#: School days before a review's deadline that the forum is reminded (issue 14).
REMINDER_SCHOOL_DAYS = 2
#: Days before a consultation opens or closes that officers are told.
WINDOW_NOTICE_DAYS = 2
#: How far back a run looks for events staff have not been told of. A run every ten
#: minutes and a digest every morning need a day; three cover a worker down over a weekend.
LOOK_BACK = dt.timedelta(days=3)

IMMEDIATELY = "immediately"
DAILY = "daily"
#: No notices at all: the person turned them off (one click in their mail program, or the
#: page every staff notice links to), and may turn them back on there.
OFF = "off"

#: The two windows a calendar clash is found in: the public consultation's, and the forum's
#: pre-consultation review before it.
PUBLIC_WINDOW = "public"
FORUM_WINDOW = "forum"


@dataclass(frozen=True)
class Person:
    """One member of staff who may be told: their user id and roles (``FORUM``,
    ``OFFICERS``; a person may hold both)."""

    user_id: int
    roles: frozenset[str]


def recipients(kind: str, people: Iterable[Person], *, actor_id: int | None = None
               ) -> list[int]:
    """The user ids told of an event of ``kind``, in the order given: everyone holding a role
    in ``AUDIENCES[kind]``, except ``actor_id`` (who did it, and knows). An unknown kind
    reaches nobody."""
    audience = AUDIENCES.get(kind, frozenset())
    return [p.user_id for p in people if p.roles & audience and p.user_id != actor_id]


def school_days_left(today: dt.date, deadline: dt.date, closed: Collection[dt.date]) -> int:
    """School days from the day after ``today`` up to and including ``deadline``: weekends
    and ``closed`` days (bank holidays, the calendar's holidays) are not counted. 0 on the
    deadline itself or after it."""
    count, day = 0, today
    while day < deadline:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            count += 1
    return count


def reminder_due(today: dt.date, deadline: dt.date | None, closed: Collection[dt.date],
                 *, before: int = REMINDER_SCHOOL_DAYS) -> bool:
    """Whether a review due on ``deadline`` should be reminded of on ``today``: once it is
    ``before`` school days away or nearer, and not yet past. A reminder is sent once per
    review (the outbox keeps it), so the first day this is true is the day it goes; a worker
    down that morning still sends it the next day."""
    if deadline is None or today > deadline:
        return False
    return school_days_left(today, deadline, closed) <= before


def window_soon(now: dt.datetime, opens: dt.datetime, closes: dt.datetime,
                *, days: int = WINDOW_NOTICE_DAYS) -> str | None:
    """``OPENS_SOON`` when a consultation opens within ``days`` from ``now``, ``CLOSES_SOON``
    when it is open and closes within ``days``, else ``None``. Times are aware datetimes."""
    ahead = now + dt.timedelta(days=days)
    if now < opens <= ahead:
        return OPENS_SOON
    if opens <= now < closes <= ahead:
        return CLOSES_SOON
    return None



def clash_facts(public, *, holidays_waived: bool = False, forum=None) -> list[dict]:
    """A calendar clash as plain facts a message can word in any language, in the order of
    ``consultations.scheduling.WindowCheck.problems`` (whose English words are the admin's).

    ``public`` and ``forum`` are the checks (``WindowCheck``: ``touches``, periods with
    ``kind``, ``first_day``, ``last_day``; ``long_enough``, ``term_days``,
    ``minimum_term_days``) of the public window and of the forum's window before it (None
    when that one is clear or past); ``holidays_waived`` (a written reason) leaves out the
    public window's holidays, never its length. Each fact is a dict: ``window``
    (``PUBLIC_WINDOW`` or ``FORUM_WINDOW``) and either ``kind``, ``first`` and ``last`` (ISO
    dates) for a closure it runs into, or ``days`` and ``minimum`` (school days) for a window
    too short.
    """
    facts = []
    for window, check, waived in ((PUBLIC_WINDOW, public, holidays_waived),
                                  (FORUM_WINDOW, forum, False)):
        if check is None:
            continue
        for period in () if waived else check.touches:
            facts.append({"window": window, "kind": period.kind,
                          "first": period.first_day.isoformat(),
                          "last": period.last_day.isoformat()})
        if not check.long_enough:
            facts.append({"window": window, "days": check.term_days,
                          "minimum": check.minimum_term_days})
    return facts
