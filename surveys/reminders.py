"""When a person invited to a survey may be reminded: a plain rule, no Django.

Nobody is reminded within ``REMINDER_GAP`` (48 hours) of being invited or of their last
reminder (counted from when it was asked for, so a reminder still going counts). Why: an
invitation and its reminder arriving together, or the same reminder twice (two tabs, Back
and press again), tells a parent we are not paying attention and makes the survey look
like spam; two days gives people a weekday evening and a morning to answer first.
"""

from __future__ import annotations

import datetime as dt

REMINDER_GAP = dt.timedelta(hours=48)


def due_before(now: dt.datetime, gap: dt.timedelta = REMINDER_GAP) -> dt.datetime:
    """The latest moment an invitation or last reminder may date from for a reminder to go
    at ``now``: ``now - gap``."""
    return now - gap


def reminder_due(*, invited_at: dt.datetime | None, reminded_at: dt.datetime | None,
                 now: dt.datetime, gap: dt.timedelta = REMINDER_GAP) -> bool:
    """Whether a person may be reminded at ``now``: their invitation reached the mail server
    (``invited_at`` is set) at least ``gap`` ago, and their last reminder, if any, was asked
    for at least ``gap`` ago. An invitation not sent yet is not reminded."""
    if invited_at is None:
        return False
    cutoff = due_before(now, gap)
    return invited_at <= cutoff and (reminded_at is None or reminded_at <= cutoff)
