"""School-day arithmetic for review deadlines: plain functions over dates.

A school day is a weekday that is not a closed date: a bank holiday, or a day inside one of
the holiday periods of the school calendar the forum's deadlines follow (its holidays, half
terms and closure days), so "10 school days" counts as a parent carer counts them.
The calendar is chosen in the co-production settings (``charter.calendars``); these
functions take its closed dates as plain values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable


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


def closed_days(periods: Iterable[tuple[dt.date, dt.date]]) -> frozenset[dt.date]:
    """Every date inside ``periods``, each a (first day, last day) pair, both days included.

    The periods are a school calendar's holidays, half terms, closure days and bank holidays
    (the same source as the consultations' holiday blackout), as plain dates.
    Raises ``ValueError`` for a period that ends before it starts.
    """
    days: set[dt.date] = set()
    for first, last in periods:
        if last < first:
            raise ValueError(f"a closed period ends ({last}) before it starts ({first})")
        days.update(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return frozenset(days)
