"""School-day arithmetic: no database."""

import datetime as dt

import pytest

from charter.deadlines import add_school_days, is_school_day, school_days_between

FRI = dt.date(2026, 11, 20)


def test_weekends_are_not_school_days():
    assert not is_school_day(dt.date(2026, 11, 21))
    assert is_school_day(dt.date(2026, 11, 23))


def test_ten_school_days_from_a_friday_is_two_fridays_later():
    assert add_school_days(FRI, 10) == dt.date(2026, 12, 4)


def test_closed_days_are_skipped():
    closed = {dt.date(2026, 11, 23)}
    assert add_school_days(FRI, 1, closed) == dt.date(2026, 11, 24)


def test_counting_between_dates_matches_adding():
    end = add_school_days(FRI, 7, {dt.date(2026, 11, 25)})
    assert school_days_between(FRI, end, {dt.date(2026, 11, 25)}) == 7
    assert school_days_between(end, FRI, {dt.date(2026, 11, 25)}) == -7


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_school_days(FRI, -1)
