"""School-day arithmetic: no database. Deadlines counted in the demo school calendar."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter import deadlines
from charter.deadlines import (
    add_school_days,
    closed_days,
    england_bank_holidays,
    is_school_day,
    school_days_between,
)
from consultations.demo import TERM_DATES

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


# --- school days counted in a school calendar, as a parent carer counts them -----------------

# The demo calendar's term dates (consultations.demo.TERM_DATES) as plain (first, last) pairs,
# with England's bank holidays: the same source as the consultations' holiday blackout.
DEMO_PERIODS = [(first, last) for _name, _kind, first, last in TERM_DATES] + [
    (day, day) for day in england_bank_holidays(range(2026, 2030))]
DEMO_CLOSED = closed_days(DEMO_PERIODS)
D = dt.date


@pytest.mark.parametrize(("sent", "due", "why"), [
    # Monday 14 December 2026: four days before the Christmas holidays (21 Dec to 1 Jan),
    # six after. Weekends and bank holidays only would give Wednesday 30 December.
    (D(2026, 12, 14), D(2027, 1, 11), "across Christmas"),
    # Good Friday (26 March 2027), then the Easter holidays (29 March to 9 April).
    (D(2027, 3, 22), D(2027, 4, 20), "across Easter"),
    # The summer holidays (23 July to 1 September 2027, the August bank holiday inside).
    (D(2027, 7, 19), D(2027, 9, 10), "across the summer holidays"),
    # Spring half term (15 to 19 February 2027) is a week of no school days too.
    (D(2027, 2, 8), D(2027, 3, 1), "across a half term"),
])
def test_ten_school_days_skip_the_school_holidays(sent, due, why):
    assert add_school_days(sent, 10, DEMO_CLOSED) == due, why
    assert school_days_between(sent, due, DEMO_CLOSED) == 10


def test_the_christmas_deadline_is_not_in_the_holidays_as_it_was():
    bank_holidays_only = set(england_bank_holidays([2026, 2027]))
    assert add_school_days(D(2026, 12, 14), 10, bank_holidays_only) == D(2026, 12, 30)
    assert D(2026, 12, 30) in DEMO_CLOSED


def test_a_holiday_period_closes_every_day_in_it_and_no_other():
    closed = closed_days([(D(2027, 3, 29), D(2027, 4, 9))])
    assert len(closed) == 12
    assert D(2027, 3, 28) not in closed and D(2027, 4, 10) not in closed


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        closed_days([(D(2027, 4, 9), D(2027, 3, 29))])


days_2026_2028 = st.dates(min_value=D(2026, 1, 1), max_value=D(2028, 12, 31))
periods = st.lists(
    st.tuples(days_2026_2028, st.integers(min_value=0, max_value=45)).map(
        lambda p: (p[0], p[0] + dt.timedelta(days=p[1]))),
    max_size=8)


@given(start=days_2026_2028, days=st.integers(min_value=1, max_value=40), holidays=periods)
@settings(max_examples=200, deadline=None)
def test_a_deadline_is_a_school_day_exactly_that_many_school_days_on(start, days, holidays):
    closed = closed_days(holidays)
    due = add_school_days(start, days, closed)
    assert is_school_day(due, closed)
    assert due.weekday() < 5 and not any(first <= due <= last for first, last in holidays)
    assert school_days_between(start, due, closed) == days
    # The day before it is one school day short: the deadline is the first day that works.
    assert school_days_between(start, due - dt.timedelta(days=1), closed) == days - 1


@given(start=days_2026_2028, days=st.integers(min_value=0, max_value=40), holidays=periods,
       extra=periods)
@settings(max_examples=200, deadline=None)
def test_more_holidays_never_bring_a_deadline_forward(start, days, holidays, extra):
    fewer = add_school_days(start, days, closed_days(holidays))
    more = add_school_days(start, days, closed_days(holidays + extra))
    assert more >= fewer


# --- moving a review's deadline ---------------------------------------------------------------

MON = dt.date(2026, 11, 30)


def test_a_deadline_may_not_come_before_the_review_began_nor_in_the_past():
    started = MON - dt.timedelta(days=7)
    assert deadlines.deadline_change_problem(
        new=started - dt.timedelta(days=1), current=MON + dt.timedelta(days=7),
        started=started, today=MON) == deadlines.BEFORE_START
    assert deadlines.deadline_change_problem(
        new=MON - dt.timedelta(days=1), current=MON + dt.timedelta(days=7),
        started=started, today=MON) == deadlines.IN_THE_PAST


def test_shortening_to_the_day_it_was_sent_leaves_the_forum_no_school_days():
    assert deadlines.deadline_change_problem(
        new=MON, current=dt.date(2026, 12, 14), started=MON, today=MON) == deadlines.TOO_SOON
    earliest = deadlines.earliest_new_deadline(MON)
    assert earliest == dt.date(2026, 12, 7)  # five school days after Monday 30 November
    assert deadlines.deadline_change_problem(
        new=earliest, current=dt.date(2026, 12, 14), started=MON, today=MON) is None
    assert deadlines.deadline_change_problem(
        new=earliest - dt.timedelta(days=1), current=dt.date(2026, 12, 14), started=MON,
        today=MON) == deadlines.TOO_SOON


def test_a_deadline_moved_to_christmas_day_or_a_weekend_is_refused_with_the_next_school_day():
    """The second review: a deadline moved to Friday 25 December 2026 was accepted."""
    closed = closed_days([(dt.date(2026, 12, 21), dt.date(2027, 1, 1))])
    christmas = dt.date(2026, 12, 25)
    assert deadlines.deadline_change_problem(
        new=christmas, current=dt.date(2026, 12, 14), started=MON, today=MON,
        closed=closed) == deadlines.NOT_A_SCHOOL_DAY
    assert deadlines.next_school_day(christmas, closed) == dt.date(2027, 1, 4)
    saturday = dt.date(2026, 12, 12)
    assert deadlines.deadline_change_problem(
        new=saturday, current=dt.date(2026, 12, 7), started=MON,
        today=MON) == deadlines.NOT_A_SCHOOL_DAY
    assert deadlines.next_school_day(saturday) == dt.date(2026, 12, 14)


def test_a_later_deadline_is_always_allowed():
    assert deadlines.deadline_change_problem(
        new=MON + dt.timedelta(days=1), current=MON, started=MON, today=MON) is None


@pytest.mark.parametrize(("reason", "enough"), [
    ("x", False), ("", False), ("   Half term.   ", False), ("Forum asked", False),
    ("a b c", False),  # three words but under ten characters
    ("Half term agreed.", True), ("Forum asked for more time", True),
    ("x y z zzzzzz", False),  # one letter repeated is not a word
    ("aa bb cc dd ee", False), ("ktr wxz qrst", False),  # no vowel: not words
    ("ok ok ok ok ok", False),  # one word, said five times
    ("a1b2c3 d4e5f6 g7", False),  # digits split words into letters
    ("Forum poprosiło o więcej czasu", True), ("Już są ferie zimowe", True),
    ("طلب المنتدى مزيدا من الوقت", True),  # Arabic script: no written vowels needed
    ("طَلَبَ المُنتدى وقتاً", True),  # with its vowel marks
])
def test_a_reason_says_something(reason, enough):
    assert deadlines.reason_is_enough(reason) is enough


_latin_consonants = st.text(alphabet="bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ", min_size=1,
                            max_size=8)
_separators = st.text(alphabet=" .,;:!?-0123456789_", min_size=1, max_size=3)


@given(st.lists(st.tuples(_latin_consonants, _separators), max_size=12))
def test_latin_letters_without_a_vowel_are_never_a_reason(parts):
    assert not deadlines.reason_is_enough("".join(w + sep for w, sep in parts))


@given(st.lists(st.tuples(st.characters(categories=["L"]), st.integers(1, 9), _separators),
                max_size=12))
def test_single_letters_and_one_letter_repeated_are_never_a_reason(parts):
    text = "".join(letter * n + sep for letter, n, sep in parts)
    assert deadlines.real_words(text) == []
    assert not deadlines.reason_is_enough(text)


@given(enough=st.sampled_from(["Half term agreed.", "Forum poprosiło o więcej czasu",
                               "طلب المنتدى مزيدا من الوقت"]),
       noise=st.text(max_size=40))
def test_adding_words_to_a_good_reason_keeps_it_good(enough, noise):
    assert deadlines.reason_is_enough(enough + " " + noise)


@given(new=days_2026_2028, current=days_2026_2028, started=days_2026_2028,
       today=days_2026_2028, holidays=periods)
@settings(max_examples=300, deadline=None)
def test_an_allowed_deadline_never_cuts_the_forums_time_below_the_minimum(new, current,
                                                                          started, today,
                                                                          holidays):
    closed = closed_days(holidays)
    problem = deadlines.deadline_change_problem(new=new, current=current, started=started,
                                                today=today, closed=closed)
    if problem is None:
        assert new >= started and new >= today
        assert (new >= current or school_days_between(today, new, closed)
                >= deadlines.MIN_SCHOOL_DAYS_LEFT)
        assert deadlines.is_school_day(new, closed)
