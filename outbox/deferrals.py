"""What a mail server's answer about one message means, and when a message the recipient's
mail server deferred is tried again: plain rules over numbers and times.

A mail server answers each step of sending with a three-digit code (RFC 5321 section 4.2.1):
2yz taken, 4yz "not now" (a transient failure: try again later), 5yz "no" (a permanent
failure: never try again). Each message the portal sends goes to one person, so a 4xx or a
5xx answered at RCPT or at the end of DATA is about that one message: a 5xx refuses it for
good, and a 4xx (a full mailbox, greylisting, a domain's rate limit) defers it alone, to be
tried again after a pause while the others go. The one 4xx that speaks for the whole
session is 421 ("service not available, closing transmission channel"): the server is
going away, so the sending pauses and is retried as a whole.

A deferred message is tried again after ``FIRST_WAIT``, then after twice as long each time,
never more than ``LONGEST_WAIT`` apart; after ``MOST_TRIES`` tries that were all deferred it
is given up (counted failed, with a plain reason). RFC 5321 section 4.5.4.1 asks senders to
retry at least 30 minutes apart for four or five days; the portal's messages are notices
and invitations to a survey with a closing date, so it tries for about 16 hours
(``give_up_after``): long enough for a mailbox emptied overnight or a greylisting delay,
short enough that the officer's progress page settles the same day or the next morning.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

FIRST_WAIT = dt.timedelta(minutes=10)
LONGEST_WAIT = dt.timedelta(hours=6)
#: How many times a message is handed to the mail server, all deferred, before it is
#: given up.
MOST_TRIES = 8
#: So many messages deferred one after another in one run say the mail server is deferring
#: everyone (overloaded, or limiting the portal itself), not one mailbox: the run pauses,
#: as for a 421, instead of deferring each message of the list in turn.
DEFERRED_IN_A_ROW = 5


class Answer(Enum):
    """What a mail server's answer about one message means for it."""

    REFUSED = "refused"    # 5xx: that message is refused for good; never sent again
    DEFERRED = "deferred"  # 4xx but 421: that message alone is tried again later
    STOP = "stop"          # 421, or no code the rules know: the whole sending pauses


def answer(code: int) -> Answer:
    """What the SMTP reply ``code`` (an int, such as 550 or 451), answered at RCPT or at
    the end of DATA for a one-recipient message, means: ``Answer.REFUSED`` for 500-599,
    ``Answer.DEFERRED`` for 400-499 except 421, else ``Answer.STOP`` (421 closes the
    session; any other code is no answer about this message)."""
    if 500 <= code <= 599:
        return Answer.REFUSED
    if 400 <= code <= 499 and code != 421:
        return Answer.DEFERRED
    return Answer.STOP


def wait_after(deferrals: int) -> dt.timedelta:
    """The pause after a message's ``deferrals``-th deferral (1 or more): ``FIRST_WAIT``,
    doubled for each deferral before, at most ``LONGEST_WAIT``. Raises ``ValueError`` for
    fewer than 1."""
    if deferrals < 1:
        raise ValueError("A wait follows a deferral: deferrals must be 1 or more.")
    # Capped before doubling far: 2 ** 60 minutes would overflow a timedelta.
    steps = min(deferrals - 1, 16)
    return min(FIRST_WAIT * (2 ** steps), LONGEST_WAIT)


def next_try(*, deferrals: int, deferred_at: dt.datetime) -> dt.datetime | None:
    """When a message deferred for the ``deferrals``-th time (counting this one) at
    ``deferred_at`` is tried again, or ``None`` once it has been tried ``MOST_TRIES`` times
    (give it up)."""
    if deferrals >= MOST_TRIES:
        return None
    return deferred_at + wait_after(deferrals)


def give_up_after() -> dt.timedelta:
    """How long after its first try a message deferred every time is given up: the sum of
    the waits between its ``MOST_TRIES`` tries (about 16 hours)."""
    return sum((wait_after(n) for n in range(1, MOST_TRIES)), dt.timedelta())
