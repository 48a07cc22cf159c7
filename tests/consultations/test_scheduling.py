"""The school-holiday blackout on plain dates: no database."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consultations.scheduling import (
    LONDON,
    Period,
    Window,
    check_window,
    earliest_public_start,
    in_holiday,
    local_window,
    public_window_allowed,
    suggest_windows,
    term_days_between,
    window_problems,
)

D = dt.date
# Autumn 2026 to summer 2027, the shape of an English school year.
CALENDAR = [
    Period(D(2026, 10, 26), D(2026, 10, 30), "October half term", "half_term"),
    Period(D(2026, 12, 21), D(2027, 1, 1), "Christmas holidays", "holiday"),
    Period(D(2027, 2, 15), D(2027, 2, 19), "February half term", "half_term"),
    Period(D(2027, 3, 29), D(2027, 4, 9), "Easter holidays", "holiday"),
    Period(D(2027, 5, 3), D(2027, 5, 3), "Early May bank holiday", "bank_holiday"),
    Period(D(2027, 5, 31), D(2027, 6, 4), "May half term", "half_term"),
    Period(D(2027, 7, 23), D(2027, 9, 1), "Summer holidays", "holiday"),
    Period(D(2026, 12, 25), D(2026, 12, 25), "Christmas Day", "bank_holiday"),
]


def test_a_window_touching_half_term_is_refused_and_names_it():
    check = check_window(local_window(D(2026, 9, 14), D(2026, 10, 27)), CALENDAR)
    assert not check.allowed
    assert [p.name for p in check.touches] == ["October half term"]
    assert check.ends_in_holiday and not check.starts_in_holiday
    assert "It touches October half term (Monday 26 October 2026 to Friday 30 October 2026)." in (
        check.problems())


def test_a_term_time_window_of_the_minimum_length_is_allowed():
    check = check_window(local_window(D(2026, 9, 14), D(2026, 10, 21)), CALENDAR)
    assert check.touches == ()
    assert check.term_days == 28
    assert check.allowed


def test_a_short_window_says_how_short():
    check = check_window(local_window(D(2026, 11, 2), D(2026, 11, 13)), CALENDAR)
    assert not check.allowed
    assert check.problems() == ["It lasts 10 term-time working days; the minimum is 28."]


def test_the_minimum_is_configurable():
    window = local_window(D(2026, 11, 2), D(2026, 11, 13))
    assert check_window(window, CALENDAR, minimum_term_days=10).allowed


def test_term_days_skip_weekends_holidays_and_bank_holidays():
    assert term_days_between(D(2026, 12, 14), D(2027, 1, 8), CALENDAR) == 10
    assert term_days_between(D(2027, 5, 3), D(2027, 5, 7), CALENDAR) == 4


def test_a_window_closing_at_midnight_ends_the_day_before():
    window = Window(dt.datetime(2026, 10, 19, 9, tzinfo=LONDON),
                    dt.datetime(2026, 10, 26, 0, 0, tzinfo=LONDON))
    assert window.last_day == D(2026, 10, 25)
    assert check_window(window, CALENDAR).touches == ()


def test_the_clock_change_does_not_move_a_window_by_a_day():
    # British Summer Time ends at 02:00 on Sunday 25 October 2026.
    opens = dt.datetime(2026, 9, 14, 8, 0, tzinfo=dt.UTC)  # 09:00 BST
    closes = dt.datetime(2026, 11, 20, 23, 59, tzinfo=dt.UTC)  # 23:59 GMT
    window = Window(opens, closes)
    assert (window.first_day, window.last_day) == (D(2026, 9, 14), D(2026, 11, 20))
    late = Window(dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC),  # 23:30 GMT, Saturday
                  dt.datetime(2026, 3, 29, 23, 30, tzinfo=dt.UTC))  # 00:30 BST, Monday
    assert (late.first_day, late.last_day) == (D(2026, 3, 28), D(2026, 3, 30))


def test_naive_or_backwards_windows_are_refused():
    with pytest.raises(ValueError):
        Window(dt.datetime(2026, 9, 14, 9), dt.datetime(2026, 9, 20, 9))
    with pytest.raises(ValueError):
        local_window(D(2026, 9, 20), D(2026, 9, 14))
    with pytest.raises(ValueError, match="ends before it starts"):
        Period(D(2026, 9, 20), D(2026, 9, 14), "Backwards")


def test_suggestions_fit_between_holidays():
    windows = suggest_windows(D(2026, 10, 5), CALENDAR, count=3)
    assert len(windows) == 3
    first = windows[0]
    # Not enough term days before October half term, so the first starts after it.
    assert first.first_day == D(2026, 11, 2)
    assert first.opens.astimezone(LONDON).time() == dt.time(9, 0)
    for window in windows:
        assert check_window(window, CALENDAR).allowed
    assert windows[1].first_day >= windows[0].first_day + dt.timedelta(days=7)


def test_no_suggestion_when_the_calendar_is_all_holiday():
    everything = [Period(D(2026, 1, 1), D(2030, 1, 1), "Closed")]
    assert suggest_windows(D(2026, 1, 1), everything, search_days=100) == []


# --- properties --------------------------------------------------------------------

days = st.dates(min_value=D(2025, 1, 1), max_value=D(2029, 12, 31))


@st.composite
def calendars(draw):
    periods = []
    for _ in range(draw(st.integers(0, 12))):
        first = draw(days)
        length = draw(st.integers(0, 20))
        periods.append(Period(first, first + dt.timedelta(days=length), "Holiday"))
    return periods


@settings(max_examples=150, deadline=None)
@given(start=days, periods=calendars(), minimum=st.integers(1, 40))
def test_a_suggested_window_never_touches_a_holiday_and_is_long_enough(start, periods, minimum):
    for window in suggest_windows(start, periods, minimum_term_days=minimum, count=2,
                                  search_days=500):
        check = check_window(window, periods, minimum_term_days=minimum)
        assert check.touches == ()
        assert check.term_days == minimum
        assert window.first_day >= start


@settings(max_examples=150, deadline=None)
@given(first=days, length=st.integers(0, 120), periods=calendars())
def test_the_count_never_includes_a_weekend_or_holiday(first, length, periods):
    last = first + dt.timedelta(days=length)
    counted = term_days_between(first, last, periods)
    expected = sum(
        1 for n in range(length + 1)
        if (d := first + dt.timedelta(days=n)).weekday() < 5 and in_holiday(d, periods) is None
    )
    assert counted == expected <= length + 1


@settings(max_examples=100, deadline=None)
@given(day=days, hour=st.integers(0, 23), minute=st.integers(0, 59), span=st.integers(1, 90))
def test_local_dates_match_london_wall_clock_across_clock_changes(day, hour, minute, span):
    opens = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)
    closes = opens + dt.timedelta(days=span)
    window = Window(opens.astimezone(dt.UTC), closes.astimezone(dt.UTC))
    assert window.first_day == day
    expected_last = closes.astimezone(LONDON)
    if expected_last.time() == dt.time(0, 0):
        assert window.last_day == expected_last.date() - dt.timedelta(days=1)
    else:
        assert window.last_day == expected_last.date()


# --- a written reason to run into a holiday ------------------------------------------

REASON = "The new contract starts in February and families must be heard before it."


def test_a_reason_waives_the_half_term_but_not_the_28_day_minimum():
    # 19 October to 13 November 2026: over October half term, 15 term-time working days.
    check = check_window(local_window(D(2026, 10, 19), D(2026, 11, 13)), CALENDAR)
    assert check.term_days == 15
    assert window_problems(check, reason=REASON) == [
        "It lasts 15 term-time working days; the minimum is 28."]
    assert not public_window_allowed(check, reason=REASON)


def test_a_reason_lets_a_long_enough_window_run_into_a_holiday():
    check = check_window(local_window(D(2026, 11, 30), D(2027, 1, 22)), CALENDAR)
    assert check.touches and check.long_enough
    assert not public_window_allowed(check)
    assert not public_window_allowed(check, reason="Urgent.")
    assert public_window_allowed(check, reason=REASON)


def test_suggestions_start_after_the_forums_window():
    closes = dt.datetime(2026, 11, 6, 17, tzinfo=LONDON)
    assert earliest_public_start(today=D(2026, 9, 1), pre_closes=closes) == D(2026, 11, 7)
    assert earliest_public_start(today=D(2026, 12, 1), pre_closes=closes) == D(2026, 12, 1)
    assert earliest_public_start(today=D(2026, 9, 1)) == D(2026, 9, 1)


reasons = st.one_of(st.just(""), st.just("Urgent."), st.just(REASON), st.text(max_size=40))


@settings(max_examples=200, deadline=None)
@given(first=days, length=st.integers(0, 90), periods=calendars(),
       minimum=st.integers(1, 40), reason=reasons)
def test_no_reason_ever_lets_a_short_window_run(first, length, periods, minimum, reason):
    check = check_window(local_window(first, first + dt.timedelta(days=length)), periods,
                         minimum_term_days=minimum)
    allowed = public_window_allowed(check, reason=reason)
    if check.term_days < minimum:
        assert not allowed
        assert f"the minimum is {minimum}." in " ".join(window_problems(check, reason=reason))
    else:
        # Long enough: only holidays can stop it, and only a real reason waives them.
        assert allowed == (not check.touches or len(reason.strip()) >= 20)
    assert allowed == check.allowed or (check.touches and len(reason.strip()) >= 20)


@settings(max_examples=100, deadline=None)
@given(today=days, closes=days, hour=st.integers(0, 23))
def test_the_earliest_start_is_after_the_forum_and_not_before_today(today, closes, hour):
    pre_closes = dt.datetime.combine(closes, dt.time(hour), tzinfo=LONDON).astimezone(dt.UTC)
    start = earliest_public_start(today=today, pre_closes=pre_closes)
    assert start >= today and start > closes
