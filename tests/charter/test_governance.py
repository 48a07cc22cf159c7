"""The board's measures, on plain values: no database."""

import datetime as dt

from charter.governance import (
    ActionItem,
    cadence_gaps,
    disposition_counts,
    median_days_to_answer,
    on_time_share,
    overdue_actions,
)

D = dt.date
T = dt.datetime


def test_median_days_to_answer_ignores_unanswered_comments():
    pairs = [(T(2026, 1, 1), T(2026, 1, 3)), (T(2026, 1, 1), T(2026, 1, 11)),
             (T(2026, 1, 1), T(2026, 1, 2, 12)), (T(2026, 1, 1), None)]
    assert median_days_to_answer(pairs) == 2.0
    assert median_days_to_answer([(T(2026, 1, 1), None)]) is None


def test_dispositions_are_counted_with_unanswered_named():
    assert disposition_counts(["accepted", None, "accepted", "noted"]) == {
        "accepted": 2, "unanswered": 1, "noted": 1}


def test_gaps_longer_than_the_cadence_are_flagged():
    dates = [D(2026, 1, 5), D(2026, 1, 19), D(2026, 2, 20), D(2026, 3, 2)]
    gaps = cadence_gaps(dates, 14)
    assert [(g.after, g.before, g.days) for g in gaps] == [(D(2026, 1, 19), D(2026, 2, 20), 32)]


def test_the_time_since_the_last_meeting_counts_as_a_gap():
    gaps = cadence_gaps([D(2026, 3, 2)], 14, today=D(2026, 4, 1))
    assert [(g.after, g.before) for g in gaps] == [(D(2026, 3, 2), D(2026, 4, 1))]
    assert cadence_gaps([D(2026, 3, 2)], 14, today=D(2026, 3, 10)) == []


def test_exactly_the_cadence_is_not_a_gap():
    assert cadence_gaps([D(2026, 1, 1), D(2026, 1, 15)], 14) == []


def test_overdue_actions_are_the_undone_past_their_date_oldest_first():
    actions = [ActionItem("Send letter", "Officer", D(2026, 3, 1), False),
               ActionItem("Book room", "Forum", D(2026, 2, 1), False),
               ActionItem("Done one", "Officer", D(2026, 1, 1), True),
               ActionItem("Future", "Officer", D(2026, 5, 1), False)]
    assert [a.action for a in overdue_actions(actions, D(2026, 4, 1))] == ["Book room",
                                                                          "Send letter"]


def test_on_time_share():
    assert on_time_share([False, False, True, False]) == 0.75
    assert on_time_share([]) is None
