"""School-day arithmetic for review deadlines: plain functions over dates.

A school day is a weekday that is not a closed date (bank holidays, and the
holiday periods of a school calendar once the caller passes them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection


def england_bank_holidays(years) -> dict[dt.date, str]:
    """England's bank holidays for ``years``, from the holidays package (no network)."""
    import holidays

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=sorted(set(years))))


def is_school_day(day: dt.date, closed: Collection[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in closed


def add_school_days(start: dt.date, days: int, closed: Collection[dt.date] = ()) -> dt.date:
    """The date ``days`` school days after ``start`` (``start`` itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_school_day(day, closed):
            counted += 1
    return day


def school_days_between(start: dt.date, end: dt.date, closed: Collection[dt.date] = ()) -> int:
    """School days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -school_days_between(end, start, closed)
    return sum(
        1 for n in range(1, (end - start).days + 1)
        if is_school_day(start + dt.timedelta(days=n), closed)
    )
