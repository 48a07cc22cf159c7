"""The plain rules of who in the council and the forum is told of what, and when."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from notices import staff_topics as rules

REP = rules.Person(1, frozenset({rules.FORUM}))
OTHER_REP = rules.Person(2, frozenset({rules.FORUM}))
OFFICER = rules.Person(3, frozenset({rules.OFFICERS}))
BOTH = rules.Person(4, frozenset({rules.FORUM, rules.OFFICERS}))
BOARD = rules.Person(5, frozenset())
EVERYONE = [REP, OTHER_REP, OFFICER, BOTH, BOARD]


def test_each_kind_reaches_the_roles_the_issue_names():
    assert rules.recipients("review_opened", EVERYONE) == [1, 2, 4]
    assert rules.recipients("comment_answered", EVERYONE) == [1, 2, 4]
    assert rules.recipients(rules.DEADLINE_SOON, EVERYONE) == [1, 2, 4]
    assert rules.recipients("comment_made", EVERYONE) == [3, 4]
    assert rules.recipients("disagreement_stated", EVERYONE) == [3, 4]
    assert rules.recipients(rules.WINDOW_IN_HOLIDAY, EVERYONE) == [3, 4]
    assert rules.recipients("review_decided", EVERYONE) == [1, 2, 3, 4]


def test_nobody_is_told_of_what_they_did_and_unknown_kinds_reach_nobody():
    assert rules.recipients("comment_made", EVERYONE, actor_id=4) == [3]
    assert rules.recipients("meeting_recorded", EVERYONE) == []
    assert rules.recipients("version_published", EVERYONE) == []


def test_a_board_member_is_told_of_nothing():
    assert not any(rules.recipients(kind, [BOARD]) for kind in rules.AUDIENCES)


# Christmas 2026 in England: Friday 25 and Monday 28 December, Friday 1 January closed.
CHRISTMAS = {dt.date(2026, 12, 25), dt.date(2026, 12, 28), dt.date(2027, 1, 1)}


def test_school_days_left_skip_weekends_and_closed_days():
    assert rules.school_days_left(dt.date(2026, 12, 23), dt.date(2026, 12, 29), CHRISTMAS) == 2
    assert rules.school_days_left(dt.date(2026, 12, 29), dt.date(2026, 12, 29), CHRISTMAS) == 0
    assert rules.school_days_left(dt.date(2026, 12, 30), dt.date(2026, 12, 29), CHRISTMAS) == 0


def test_the_reminder_falls_due_two_school_days_before_and_stops_after_the_deadline():
    deadline = dt.date(2027, 1, 4)  # a Monday after Christmas
    assert not rules.reminder_due(dt.date(2026, 12, 29), deadline, CHRISTMAS)  # 3 left
    assert rules.reminder_due(dt.date(2026, 12, 30), deadline, CHRISTMAS)  # 31st, 4th
    assert rules.reminder_due(deadline, deadline, CHRISTMAS)
    assert not rules.reminder_due(deadline + dt.timedelta(days=1), deadline, CHRISTMAS)
    assert not rules.reminder_due(deadline, None, CHRISTMAS)


@given(today=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2028, 12, 31)),
       ahead=st.integers(min_value=0, max_value=60))
def test_once_due_a_reminder_stays_due_until_the_deadline(today, ahead):
    deadline = today + dt.timedelta(days=ahead)
    if rules.reminder_due(today, deadline, CHRISTMAS):
        following = today + dt.timedelta(days=1)
        assert following > deadline or rules.reminder_due(following, deadline, CHRISTMAS)
    # Never more school days left than calendar days.
    assert rules.school_days_left(today, deadline, CHRISTMAS) <= ahead


UTC = dt.UTC


def test_consultation_dates_within_two_days():
    now = dt.datetime(2027, 9, 11, 10, tzinfo=UTC)
    opens, closes = now + dt.timedelta(days=2), now + dt.timedelta(days=40)
    assert rules.window_soon(now, opens, closes) == rules.OPENS_SOON
    assert rules.window_soon(now, now + dt.timedelta(days=3), closes) is None
    assert rules.window_soon(closes - dt.timedelta(days=1), opens, closes) == rules.CLOSES_SOON
    assert rules.window_soon(closes, opens, closes) is None  # closed: nothing to warn of


# --- a calendar clash as facts any language can word ------------------------------------

from consultations import scheduling  # noqa: E402 (the rule whose findings are worded)

MONDAY = dt.date(2027, 9, 13)


def _check(first, last, periods, minimum=5):
    return scheduling.check_window(scheduling.local_window(first, last), periods,
                                   minimum_term_days=minimum)


def test_a_clash_names_each_closure_and_a_short_window_with_its_numbers():
    closure = scheduling.Period(MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2),
                                "Extra closure", scheduling.CLOSURE_DAY)
    public = _check(MONDAY, MONDAY + dt.timedelta(days=4), [closure])
    training = scheduling.Period(MONDAY - dt.timedelta(days=5), MONDAY - dt.timedelta(days=5),
                                 "Training", scheduling.CLOSURE_DAY)
    forum = _check(MONDAY - dt.timedelta(days=7), MONDAY - dt.timedelta(days=3), [training],
                   minimum=1)
    assert rules.clash_facts(public, forum=forum) == [
        {"window": "public", "kind": "closure", "first": "2027-09-14", "last": "2027-09-15"},
        {"window": "public", "days": 3, "minimum": 5},
        {"window": "forum", "kind": "closure", "first": "2027-09-08", "last": "2027-09-08"},
    ]
    # A written reason excuses the public window's holidays, never its length.
    assert rules.clash_facts(public, holidays_waived=True) == [
        {"window": "public", "days": 3, "minimum": 5}]


periods = st.lists(st.builds(
    lambda start, length, kind: scheduling.Period(
        MONDAY + dt.timedelta(days=start), MONDAY + dt.timedelta(days=start + length), "", kind),
    st.integers(-10, 40), st.integers(0, 6), st.sampled_from(list(scheduling.KIND_LABELS))),
    max_size=4)


@given(periods=periods, length=st.integers(0, 40), minimum=st.integers(1, 30),
       waived=st.booleans())
def test_every_problem_the_admin_reads_is_one_fact_of_the_clash(periods, length, minimum,
                                                                waived):
    check = _check(MONDAY, MONDAY + dt.timedelta(days=length), periods, minimum)
    facts = rules.clash_facts(check, holidays_waived=waived)
    assert len(facts) == len(check.problems(holidays_waived=waived))
    assert [fact["kind"] for fact in facts if "kind" in fact] == (
        [] if waived else [period.kind for period in check.touches])
    assert sum("days" in fact for fact in facts) == (not check.long_enough)
