"""The board's measures of co-production: plain functions over plain values.

No Django, no Wagtail: the board views pass dates and strings in and show
what comes back.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def days_between(start: dt.datetime | dt.date, end: dt.datetime | dt.date) -> float:
    """Elapsed days, fractional for datetimes."""
    return (end - start).total_seconds() / 86400


def median_days_to_answer(pairs: Iterable[tuple[dt.datetime, dt.datetime | None]]) -> float | None:
    """Median days from comment to answer, over answered comments; None when none are answered."""
    waits = [days_between(made, answered) for made, answered in pairs if answered is not None]
    return round(statistics.median(waits), 1) if waits else None


def disposition_counts(dispositions: Iterable[str | None]) -> dict[str, int]:
    """How many comments were given each answer; unanswered ones count as "unanswered"."""
    return dict(Counter(d or "unanswered" for d in dispositions))


@dataclass(frozen=True)
class Gap:
    after: dt.date
    before: dt.date

    @property
    def days(self) -> int:
        return (self.before - self.after).days


def cadence_gaps(meeting_dates: Sequence[dt.date], cadence_days: int, *,
                 today: dt.date | None = None) -> list[Gap]:
    """Gaps between consecutive meetings longer than the agreed cadence.

    With ``today``, the time since the last meeting counts too: a forum that
    has not met for a month has a gap now, not only once it next meets.
    """
    dates = sorted(set(meeting_dates))
    gaps = [Gap(a, b) for a, b in zip(dates, dates[1:], strict=False)
            if (b - a).days > cadence_days]
    if today is not None and dates and (today - dates[-1]).days > cadence_days:
        gaps.append(Gap(dates[-1], today))
    return gaps


@dataclass(frozen=True)
class ActionItem:
    action: str
    owner: str
    due: dt.date
    done: bool


def overdue_actions(actions: Iterable[ActionItem], today: dt.date) -> list[ActionItem]:
    """Actions not done whose due date has passed, oldest first."""
    return sorted((a for a in actions if not a.done and a.due < today), key=lambda a: a.due)


def on_time_share(late_flags: Sequence[bool]) -> float | None:
    """Share of reviews decided by their deadline; None when there were none."""
    if not late_flags:
        return None
    return round(sum(1 for late in late_flags if not late) / len(late_flags), 3)


# --- meetings held, meetings planned, and what a board pack covers ---------------------


def is_held(meeting_date: dt.date, today: dt.date) -> bool:
    """A meeting counts as held once its day has come; one dated after today is planned.

    (The record may hold the date of a meeting that has not happened yet; counting it as
    held would hide a gap in the cadence and let a pack claim a meeting that never met.)
    """
    return meeting_date <= today


@dataclass(frozen=True)
class Period:
    """The days a board pack covers: after ``after`` (None: from the start of the record)
    up to and including ``until``."""

    after: dt.date | None
    until: dt.date

    def covers(self, day: dt.date) -> bool:
        return (self.after is None or day > self.after) and day <= self.until


def pack_period(meeting_date: dt.date, board_meeting_dates: Iterable[dt.date],
                today: dt.date) -> Period:
    """What the pack for the board meeting on ``meeting_date`` covers: everything since the
    board's previous *held* meeting (a planned one in between does not count), up to the
    meeting's date. The issue's rule: "everything since the last board meeting"."""
    earlier = [d for d in board_meeting_dates if d < meeting_date and is_held(d, today)]
    return Period(after=max(earlier) if earlier else None, until=meeting_date)


# --- changes the forum accepted that a later version undid -------------------------------


@dataclass(frozen=True)
class CarriedChange:
    """A change the council accepted (in full or in part) for a forum comment, carried in
    ``version``, to the section ``block_id``."""

    comment_id: int
    block_id: str
    version: int


@dataclass(frozen=True)
class UndoneChange:
    comment_id: int
    block_id: str
    made_in: int
    undone_in: int


def undone_changes(section_texts: dict[int, dict[str, str]],
                   carried: Iterable[CarriedChange]) -> list[UndoneChange]:
    """Accepted changes that a later version took back.

    ``section_texts`` maps each version number to its sections' texts by block id. A change
    carried in version n is undone by the first later version whose text for that section
    is again what it was in the version before n (a section the change added is undone
    when a later version drops it). A comment on the whole page (no block id), a change
    in the first version, or one that left its section's text as it was, is not judged.
    """
    numbers = sorted(section_texts)
    found = []
    for change in carried:
        if not change.block_id or change.version not in section_texts:
            continue
        before_numbers = [n for n in numbers if n < change.version]
        if not before_numbers:
            continue
        before = section_texts[before_numbers[-1]].get(change.block_id)
        after = section_texts[change.version].get(change.block_id)
        if before == after:
            continue
        for later in (n for n in numbers if n > change.version):
            if section_texts[later].get(change.block_id) == before:
                found.append(UndoneChange(change.comment_id, change.block_id,
                                          change.version, later))
                break
    return sorted(found, key=lambda u: (u.undone_in, u.comment_id))
