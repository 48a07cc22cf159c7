"""Published rounds of counts never tell what a few answers said: the small-number rule on the
difference between rounds (``counting.published_counts``). Change is measured by the answers
that differ (added, taken out or recoded, ``counting.answers_changed``), not by the totals;
and no figure shown in two rounds differs by 1 to the minimum - 1. Plain values, no database."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counting import BASE, answers_changed, published_counts, shown_figures

MINIMUM = 10


def _table(base, **counts):
    return {"frame": 1, "question": "Q", "base": base, "minimum": MINIMUM,
            "themes": [{"theme": key, "name": key, "count": n,
                        "under_minimum": n is None,
                        "percent": None if n is None or not base else round(100 * n / base),
                        "low": None, "high": None} for key, n in counts.items()]}


def _counts(tables):
    return {t["theme"]: t["count"] for t in tables[0]["themes"]}


def test_answers_changed_counts_answers_not_totals():
    before = {"r1": "t1", "r2": "t1,t2", "r3": ""}
    assert answers_changed(before, dict(before)) == 0
    # One taken out and another added: the same base, two answers changed.
    assert answers_changed(before, {"r1": "t1", "r2": "t1,t2", "r4": ""}) == 2
    # Recoded on the same base.
    assert answers_changed(before, {"r1": "t2", "r2": "t1,t2", "r3": ""}) == 1


def test_one_new_answer_does_not_change_the_published_counts():
    # Round 1: 200 coded, "left" 11. Round 2: one more answer, which raised "left".
    then = [_table(200, left=11, cost=40)]
    [shown] = published_counts([then], [_table(201, left=12, cost=40)], changed={1: 1})
    assert _counts([shown]) == {"left": 11, "cost": 40}
    assert shown["base"] == 200 and shown["not_updated"] is True
    assert shown["themes"][0]["percent"] == then[0]["themes"][0]["percent"]


def test_recoding_a_few_answers_on_the_same_base_keeps_the_counts_published_before():
    then = [_table(200, left=11, cost=40)]
    now = [_table(200, left=13, cost=38)]  # two answers moved from "cost" to "left"
    [shown] = published_counts([then], now, changed={1: 2})
    assert _counts([shown]) == {"left": 11, "cost": 40} and shown["not_updated"] is True


def test_one_answer_taken_out_and_another_added_keeps_the_counts_published_before():
    # The base is the same; the one taken out had raised "left", the new one did not.
    then = [_table(200, left=11, cost=40)]
    now = [_table(200, left=10, cost=41)]
    [shown] = published_counts([then], now, changed={1: 2})
    assert _counts([shown]) == {"left": 11, "cost": 40} and shown["base"] == 200
    assert shown["not_updated"] is True


def test_a_few_changed_answers_that_move_no_figure_need_no_note():
    then = [_table(200, left=None, cost=40)]
    [shown] = published_counts([then], [_table(200, left=None, cost=40)], changed={1: 3})
    assert "not_updated" not in shown


def test_enough_changed_answers_publish_the_counts_now():
    then = [_table(200, left=11, cost=40)]
    now = [_table(215, left=26, cost=55)]
    [shown] = published_counts([then], now, changed={1: 15})
    assert _counts([shown]) == {"left": 26, "cost": 55} and shown["base"] == 215
    assert "not_updated" not in shown


def test_a_figure_moved_by_a_few_among_many_changed_answers_is_held_back():
    # 15 answers changed, but "left" went from 20 to 12: 8 answers lost it.
    then = [_table(200, left=20, cost=40)]
    [shown] = published_counts([then], [_table(215, left=12, cost=55)], changed={1: 15})
    assert _counts([shown]) == {"left": None, "cost": 55}
    left = shown["themes"][0]
    assert (left["percent"], left["low"], left["high"]) == (None, None, None)
    # A base moved by a few (ten taken out, five added) is held back with every share.
    [shown] = published_counts([then], [_table(195, left=20, cost=60)], changed={1: 15})
    assert shown["base"] is None and _counts([shown]) == {"left": 20, "cost": 60}
    assert all(t["percent"] is None for t in shown["themes"])


def test_every_earlier_round_counts_not_only_the_last():
    # "left": 20, then 31, then 21 would give 1 against the first round.
    rounds = [[_table(200, left=20)], [_table(230, left=31)]]
    [shown] = published_counts(rounds, [_table(260, left=21)], changed={1: 30})
    assert _counts([shown]) == {"left": None}


def test_the_first_round_and_new_themes_are_published_as_they_are():
    now = [_table(201, left=12, cost=40)]
    assert published_counts(None, now) == now
    assert published_counts([], now) == now
    # A theme new to the frame has no earlier figure to subtract.
    [shown] = published_counts([[_table(200, cost=20)]], [_table(230, cost=40, late=15)],
                               changed={1: 40})
    assert _counts([shown]) == {"cost": 40, "late": 15}


def test_without_the_answers_a_round_is_measured_by_its_figures():
    # Rounds agreed before the answers were kept: the figures bound the answers changed.
    then = [_table(200, left=11, cost=20)]
    [shown] = published_counts([then], [_table(201, left=12, cost=20)])
    assert _counts([shown]) == {"left": 11, "cost": 20} and shown["not_updated"]
    # "cost" moved by 20: at least 20 answers changed, so now's counts, "left" held back.
    [shown] = published_counts([then], [_table(201, left=12, cost=40)])
    assert _counts([shown]) == {"left": None, "cost": 40} and shown["base"] is None


def test_changed_answers_build_up_until_the_minimum_is_reached():
    rounds = [[_table(200, left=11)]]
    # The caller measures from the answers the kept figures were counted from: 1, 5, 9...
    for base, left, changed in ((201, 12, 1), (205, 13, 5), (209, 14, 9)):
        public = published_counts(rounds, [_table(base, left=left)], changed={1: changed})
        rounds.append(public)
        assert _counts(public) == {"left": 11} and public[0]["base"] == 200
    public = published_counts(rounds, [_table(210, left=21)], changed={1: 10})
    assert _counts(public) == {"left": 21} and public[0]["base"] == 210


_count = st.one_of(st.none(), st.integers(0, 60))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(10, 300)),
                          st.lists(_count, min_size=3, max_size=3),
                          st.one_of(st.none(), st.integers(0, 40))),
                min_size=2, max_size=6))
def test_no_two_published_rounds_show_a_figure_differing_by_a_few(rounds_now):
    """Random rounds of counts (hidden or not), each with a random number of answers
    changed since the figures last published (or unknown): whatever is published, no
    figure shown in two rounds differs by 1 to the minimum - 1, and a round with a few
    answers changed keeps the figures published before."""
    published: list[list[dict]] = []
    for base, counts, changed in rounds_now:
        now = [_table(base, **{f"t{i}": c for i, c in enumerate(counts)})]
        public = published_counts(published, now,
                                  changed=None if changed is None else {1: changed})
        if published and changed is not None and 0 < changed < MINIMUM:
            assert shown_figures(public[0]) == shown_figures(published[-1][0])
        published.append(public)
    figures = [shown_figures(r[0]) for r in published]
    for a, b in itertools.combinations(figures, 2):
        for key in a.keys() & b.keys():
            assert not 0 < abs(a[key] - b[key]) < MINIMUM, (key, a[key], b[key])
    assert all(BASE not in f or f[BASE] >= 0 for f in figures)
