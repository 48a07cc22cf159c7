"""When a form may still be sent: the close at the end of its stated minute, and the grace
given to a form opened before the close (plain Python: datetimes in, a verdict out).

An officer who writes "closes at 11:59pm" means the whole of that minute, so a response sent
at 23:59:30 is on time. Someone who opened the form before the close and sends it a little
after (a slow typist, a child who needed them) is given a short grace: their response is
stored and marked late, so officers can decide how to treat it.
"""

from __future__ import annotations

import datetime as dt
import enum

DEFAULT_GRACE_MINUTES = 30


class Verdict(enum.Enum):
    NOT_YET = "not_yet"
    ON_TIME = "on_time"
    LATE = "late"  # after the close, inside the grace of a form opened before it
    CLOSED = "closed"


def close_moment(stated: dt.datetime) -> dt.datetime:
    """The first instant after the stated closing minute (23:59 or 23:59:00 -> 00:00:00)."""
    return stated.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)


def verdict(*, now: dt.datetime, opens: dt.datetime, closes: dt.datetime,
            form_opened_at: dt.datetime | None = None,
            grace: dt.timedelta = dt.timedelta(minutes=DEFAULT_GRACE_MINUTES)) -> Verdict:
    """Whether something sent at ``now`` is taken: on time, late (within ``grace`` after the
    close, from a form opened at ``form_opened_at`` while it was open), or not taken.

    ``form_opened_at`` must come from the server (a signed value or the session); without
    it no grace is given.
    """
    end = close_moment(closes)
    if now < opens:
        return Verdict.NOT_YET
    if now < end:
        return Verdict.ON_TIME
    if (form_opened_at is not None and opens <= form_opened_at < end
            and now < end + grace):
        return Verdict.LATE
    return Verdict.CLOSED
