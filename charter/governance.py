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
