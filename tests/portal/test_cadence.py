"""The shape of a schedule (portal/cadence.py): what the words on "Scheduled jobs" are made
from. Checked against Celery's own reading of the same cron line, which is what runs."""

import itertools

import pytest
from celery.schedules import crontab
from hypothesis import given, settings
from hypothesis import strategies as st

from portal import cadence
from portal.cadence import Cadence, cron_cadence, interval_cadence


@pytest.mark.parametrize(("fields", "expected"), [
    (("*/10",), Cadence(kind=cadence.EVERY_MINUTES, step=10,
                        minutes=(0, 10, 20, 30, 40, 50), cron="*/10 * * * *")),
    (("*",), Cadence(kind=cadence.EVERY_MINUTES, step=1, minutes=tuple(range(60)),
                     cron="* * * * *")),
    ((5,), Cadence(kind=cadence.HOURLY, minutes=(5,), cron="5 * * * *")),
    ((0, 2), Cadence(kind=cadence.DAILY, times=((2, 0),), cron="0 2 * * *")),
    ((30, 2), Cadence(kind=cadence.DAILY, times=((2, 30),), cron="30 2 * * *")),
    (("15", "0,12"), Cadence(kind=cadence.DAILY, times=((0, 15), (12, 15)),
                             cron="15 0,12 * * *")),
    ((0, 7, "*", "*", "mon"), Cadence(kind=cadence.WEEKLY, times=((7, 0),), weekdays=(1,),
                                      cron="0 7 * * mon")),
    ((0, 7, "*", "*", "0,6"), Cadence(kind=cadence.WEEKLY, times=((7, 0),), weekdays=(6, 7),
                                      cron="0 7 * * 0,6")),
    ((0, 7, "*", "*", "0-6"), Cadence(kind=cadence.DAILY, times=((7, 0),),
                                      cron="0 7 * * 0-6")),
    ((0, 6, 1), Cadence(kind=cadence.MONTHLY, times=((6, 0),), month_days=(1,),
                        cron="0 6 1 * *")),
])
def test_the_usual_schedules_take_their_plain_shape(fields, expected):
    assert cron_cadence(*fields) == expected


@pytest.mark.parametrize("fields", [
    ("0-30/10",),  # every 10 minutes, but only in the first half of the hour
    ("*/7",),  # 0, 7, ... 56, then 4 minutes to the next: not "every 7 minutes"
    ("*/15", "9-17"),  # many times a day
    (0, 7, 1, "*", "mon"),  # cron's "the 1st OR a Monday"
    (0, 7, "*", 6),  # June only
    (0, 7, "*", "*", "fri-mon"),  # wraps round the week
    ("5/10",),  # Celery refuses it
    (0, 7, "*", "*", 7),  # Celery refuses it
    ("sixty",),
])
def test_anything_else_is_kept_as_its_cron_line(fields):
    result = cron_cadence(*fields)
    assert result.kind == cadence.CRON
    assert result.cron == " ".join(str(f) for f in (*fields, *["*"] * (5 - len(fields))))


def test_an_interval_is_kept_in_seconds_and_must_be_positive():
    assert interval_cadence(600.0) == Cadence(kind=cadence.INTERVAL, seconds=600)
    with pytest.raises(ValueError, match="longer than 0 seconds"):
        interval_cadence(0)


def _field(low: int, high: int, names=()):
    number = st.integers(low, high).map(str)
    single = st.one_of(number, st.sampled_from(names)) if names else number
    span = st.tuples(st.integers(low, high), st.integers(low, high)).map(
        lambda ab: f"{min(ab)}-{max(ab)}")
    step = st.integers(1, high - low + 1)
    return st.one_of(
        st.just("*"), single, span,
        step.map(lambda k: f"*/{k}"),
        st.tuples(span, step).map(lambda s: f"{s[0]}/{s[1]}"),
        st.lists(single, min_size=2, max_size=4).map(",".join),
    )


def _mostly_every(field):
    """``field``, or (twice as often) "*": so most lines have a plain shape to check."""
    return st.one_of(st.just("*"), st.just("*"), field)


@settings(max_examples=300, deadline=None)  # a busy CI machine is no failure
@given(minute=_field(0, 59),
       hour=st.one_of(st.just("*"), st.integers(0, 23).map(str), _field(0, 23)),
       day_of_month=_mostly_every(_field(1, 31)),
       month_of_year=_mostly_every(_mostly_every(_field(1, 12))),
       day_of_week=_mostly_every(_field(0, 6, ("sun", "mon", "tue", "wed", "thu", "fri",
                                               "sat"))))
def test_the_shape_never_says_other_than_celery_runs(minute, hour, day_of_month,
                                                    month_of_year, day_of_week):
    fields = {"minute": minute, "hour": hour, "day_of_month": day_of_month,
              "month_of_year": month_of_year, "day_of_week": day_of_week}
    result = cron_cadence(**fields)
    assert result.cron == " ".join(fields.values())
    try:
        runs = crontab(**fields)
    except ValueError:
        assert result.kind == cadence.CRON  # words only for what Celery would run
        return
    if result.kind == cadence.CRON:
        return
    all_days, all_hours = set(range(1, 32)), set(range(24))
    assert runs.month_of_year == set(range(1, 13))
    times = set(itertools.product(sorted(runs.hour), sorted(runs.minute)))
    weekdays = {day or 7 for day in runs.day_of_week}
    if result.kind == cadence.EVERY_MINUTES:
        assert runs.minute == set(result.minutes)
        assert all((m + result.step) % 60 in runs.minute for m in runs.minute)
        assert runs.hour == all_hours and runs.day_of_month == all_days and len(weekdays) == 7
    elif result.kind == cadence.HOURLY:
        assert runs.minute == set(result.minutes) and len(result.minutes) == 1
        assert runs.hour == all_hours and runs.day_of_month == all_days and len(weekdays) == 7
    elif result.kind == cadence.DAILY:
        assert times == set(result.times)
        assert runs.day_of_month == all_days and len(weekdays) == 7
    elif result.kind == cadence.WEEKLY:
        assert times == set(result.times)
        assert runs.day_of_month == all_days and weekdays == set(result.weekdays)
    else:
        assert result.kind == cadence.MONTHLY
        assert times == set(result.times)
        assert runs.day_of_month == set(result.month_days) and len(weekdays) == 7
