"""Which school calendar the forum's review deadlines count school days in.

The school calendars (term dates, holidays) are kept by the consultations app, which sits
above the co-production engine: ``charter`` may not import it. So the app that keeps
calendars offers them here through a Wagtail hook, and the co-production settings name
one calendar by its key. Layers still run one way: consultations imports charter to
register; charter only calls what is registered, and knows nothing of its models.

A registered function returns a ``CalendarSource``. Its ``choices`` are (key, name)
pairs; ``closed_periods(key, years)`` gives that calendar's closed periods (holidays, half
terms, closure days and, if the calendar adds them, bank holidays) as (first day, last
day) pairs, or ``None`` if the key is unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wagtail import hooks

SCHOOL_CALENDARS_HOOK = "register_school_calendars"


@dataclass(frozen=True)
class CalendarSource:
    """Where some school calendars come from (see the module's docstring)."""

    choices: Callable[[], list[tuple[str, str]]]
    closed_periods: Callable[[str, Iterable[int]], list[tuple[dt.date, dt.date]] | None]


def sources() -> list[CalendarSource]:
    return [register() for register in hooks.get_hooks(SCHOOL_CALENDARS_HOOK)]


def calendar_choices() -> list[tuple[str, str]]:
    """Every school calendar on offer, as (key, name), in the order its source gives."""
    return [choice for source in sources() for choice in source.choices()]


def calendar_closed_periods(key: str, years: Iterable[int]) -> list[tuple[dt.date, dt.date]] | None:
    """The closed periods of the calendar with ``key`` in ``years``; None if none has it."""
    for source in sources():
        periods = source.closed_periods(key, years)
        if periods is not None:
            return periods
    return None
