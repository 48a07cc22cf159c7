"""How often a scheduled job runs, in a shape that reads as plain words.

A job's schedule is a cron line (minute, hour, day of month, month, day of week, as
``celery.schedules.crontab`` and django-celery-beat's ``CrontabSchedule`` keep it) or a fixed
interval. ``cron_cadence`` and ``interval_cadence`` turn either into a ``Cadence``: "every 10
minutes", "every hour at 5 past", "every day at 02:30", "every Monday at 07:00", "on the 1st
of each month at 06:00". The words themselves (translated) are made by the admin page
(``portal.jobs.cadence_words``); a cron line that none of these shapes fits is kept as
written (``Cadence.kind == "cron"``), so nothing is ever described wrongly.

Cron fields are read as Celery reads them (``celery.schedules.crontab_parser``): ``*``, a
number, a list ``1,3``, a range ``1-5``, a step ``*/10`` or ``0-30/10``; days of the week
0-6 from Sunday, or three-letter English names (``mon``). What Celery would refuse, or reads
in a way not described here (a range that wraps round, ``fri-mon``), is kept as written.

Standard library only: no Django, no Celery.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Cadence kinds, from most to least frequent.
EVERY_MINUTES = "every_minutes"  # every ``step`` minutes (at ``minutes`` past each hour)
HOURLY = "hourly"  # at ``minutes`` past every hour
DAILY = "daily"  # at ``times`` every day
WEEKLY = "weekly"  # at ``times`` on ``weekdays``
MONTHLY = "monthly"  # at ``times`` on ``month_days`` of every month
INTERVAL = "interval"  # every ``seconds`` seconds, counted from the last run
CRON = "cron"  # none of the above: ``cron`` as written

_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


@dataclass(frozen=True)
class Cadence:
    """One schedule's shape.

    ``times`` are (hour, minute) pairs in the schedule's time zone, earliest first;
    ``weekdays`` are ISO numbers (1 Monday ... 7 Sunday), in week order; ``month_days`` are
    1-31; ``minutes`` are minutes past the hour; ``step`` is minutes (EVERY_MINUTES) and
    ``seconds`` the interval (INTERVAL). ``cron`` is the line as written, for every kind made
    from one.
    """

    kind: str
    step: int = 0
    seconds: int = 0
    minutes: tuple[int, ...] = ()
    times: tuple[tuple[int, int], ...] = ()
    weekdays: tuple[int, ...] = ()
    month_days: tuple[int, ...] = ()
    cron: str = ""


class _Unreadable(ValueError):
    """A cron field outside the forms this module reads."""


def _number(text: str, names: tuple[str, ...] = ()) -> int:
    text = text.strip().lower()
    if text in names:
        return names.index(text)
    if not text.isdigit():
        raise _Unreadable(text)
    return int(text)


def _values(field: str, low: int, high: int, names: tuple[str, ...] = ()) -> frozenset[int]:
    """Every value ``field`` selects between ``low`` and ``high`` (both included)."""
    chosen: set[int] = set()
    for part in str(field).replace(" ", "").lower().split(","):
        if not part:
            raise _Unreadable(field)
        span, _, step_text = part.partition("/")
        step = _number(step_text) if step_text else 1
        if step < 1:
            raise _Unreadable(field)
        if span == "*":
            first, last = low, high
        elif "-" in span:
            first_text, last_text = span.split("-", 1)
            first, last = _number(first_text, names), _number(last_text, names)
        elif step_text:
            raise _Unreadable(field)  # "5/10": Celery refuses it, so must we
        else:
            first = last = _number(span, names)
        if not (low <= first <= high and low <= last <= high) or first > last:
            raise _Unreadable(field)
        chosen.update(range(first, last + 1, step))
    return frozenset(chosen)


def _every(field: str) -> bool:
    return str(field).replace(" ", "") == "*"


def _iso_weekdays(field: str) -> tuple[int, ...]:
    # Cron counts from Sunday = 0; ISO from Monday = 1 to Sunday = 7.
    return tuple(sorted(day or 7 for day in _values(field, 0, 6, _DAY_NAMES)))


def cron_cadence(minute="*", hour="*", day_of_month="*", month_of_year="*",
                 day_of_week="*") -> Cadence:
    """The cadence of a cron line (fields as strings or numbers, as Celery takes them).

    Never raises: a line outside the shapes described above, or one this module cannot
    read, comes back as ``Cadence(kind=CRON, cron=<the line>)``.
    """
    fields = (minute, hour, day_of_month, month_of_year, day_of_week)
    cron = " ".join(str(f).replace(" ", "") for f in fields)
    try:
        minutes = tuple(sorted(_values(minute, 0, 59)))
        hours = tuple(sorted(_values(hour, 0, 23)))
        month_days = tuple(sorted(_values(day_of_month, 1, 31)))
        weekdays = _iso_weekdays(day_of_week)
        _values(month_of_year, 1, 12)
    except _Unreadable:
        return Cadence(kind=CRON, cron=cron)
    if not _every(month_of_year) or (not _every(day_of_month) and not _every(day_of_week)):
        # Some months only, or cron's "this day of the month OR this weekday": kept as written.
        return Cadence(kind=CRON, cron=cron)
    every_day = _every(day_of_month) and _every(day_of_week)
    if every_day and _every(hour):
        if len(minutes) == 1:
            return Cadence(kind=HOURLY, minutes=minutes, cron=cron)
        step = _even_step(minutes)
        if step:
            return Cadence(kind=EVERY_MINUTES, step=step, minutes=minutes, cron=cron)
        return Cadence(kind=CRON, cron=cron)
    times = tuple((h, m) for h in hours for m in minutes)
    if len(times) > 4:
        # "every day at 00:00, 00:30, 01:00, ..." reads worse than the line itself.
        return Cadence(kind=CRON, cron=cron)
    if every_day:
        return Cadence(kind=DAILY, times=times, cron=cron)
    if _every(day_of_month):
        if len(weekdays) == 7:
            return Cadence(kind=DAILY, times=times, cron=cron)
        return Cadence(kind=WEEKLY, times=times, weekdays=weekdays, cron=cron)
    return Cadence(kind=MONTHLY, times=times, month_days=month_days, cron=cron)


def _even_step(minutes: tuple[int, ...]) -> int:
    """The gap between ``minutes`` (two or more, sorted) if it is the same everywhere,
    across the hour too (5, 15, ..., 55, then 5 again), else 0."""
    step = minutes[1] - minutes[0]
    evenly = all(b - a == step for a, b in zip(minutes, minutes[1:], strict=False))
    return step if evenly and 60 % step == 0 and len(minutes) == 60 // step else 0


def interval_cadence(seconds: float) -> Cadence:
    """The cadence of a fixed interval of ``seconds`` (more than 0), counted from the last
    run (Celery's ``schedule(run_every=...)``, django-celery-beat's ``IntervalSchedule``).

    Raises ``ValueError`` for an interval of 0 seconds or less.
    """
    if seconds <= 0:
        raise ValueError(f"an interval must be longer than 0 seconds, not {seconds}")
    return Cadence(kind=INTERVAL, seconds=round(seconds))
