"""Two published rounds of counts never tell what a few new answers said: the small-number
rule on the difference between the tables (``counting.published_counts``). Plain values, no
database."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counting import published_counts

MINIMUM = 10


def _table(base, **counts):
    return {"frame": 1, "question": "Q", "base": base, "minimum": MINIMUM,
            "themes": [{"theme": key, "name": key, "count": n,
                        "under_minimum": n is None,
                        "percent": None if n is None else round(100 * n / base),
                        "low": None, "high": None} for key, n in counts.items()]}


def _counts(tables):
    return {t["theme"]: t["count"] for t in tables[0]["themes"]}


def test_one_new_answer_does_not_change_the_published_counts():
    # Round 1: 200 coded, "left" 11. Round 2: one more answer, which raised "left".
    then = [_table(200, left=11, cost=40)]
    [shown] = published_counts(then, [_table(201, left=12, cost=40)])
    assert _counts([shown]) == {"left": 11, "cost": 40}
    assert shown["base"] == 200 and shown["not_updated"] is True
    assert shown["themes"][0]["percent"] == then[0]["themes"][0]["percent"]


def test_a_hidden_count_is_not_shown_after_a_few_new_answers():
    then = [_table(200, left=None, cost=40)]
    [shown] = published_counts(then, [_table(202, left=10, cost=41)])
    assert _counts([shown]) == {"left": None, "cost": 40}


def test_enough_new_answers_publish_the_counts_now():
    then = [_table(200, left=11, cost=40)]
    now = [_table(210, left=12, cost=45)]
    [shown] = published_counts(then, now)
    assert _counts([shown]) == {"left": 12, "cost": 45} and shown["base"] == 210
    assert "not_updated" not in shown


def test_the_first_round_recoding_and_new_themes_are_published_as_they_are():
    now = [_table(201, left=12, cost=40)]
    assert published_counts(None, now) == now
    # The same people, answers recoded: nobody new to tell about.
    assert published_counts([_table(201, left=11, cost=41)], now) == now
    # A theme new to the frame has no earlier figure to subtract; a big recode is shown.
    [shown] = published_counts([_table(200, cost=20)], [_table(201, cost=40, late=15)])
    assert _counts([shown]) == {"cost": 40, "late": 15}


def test_held_counts_build_up_until_the_minimum_is_reached():
    public = [_table(200, left=11)]
    for base, left in ((201, 12), (205, 13), (209, 14)):
        public = published_counts(public, [_table(base, left=left)])
        assert _counts(public) == {"left": 11} and public[0]["base"] == 200
    public = published_counts(public, [_table(210, left=15)])
    assert _counts(public) == {"left": 15} and public[0]["base"] == 210


@settings(max_examples=300, deadline=None)
@given(st.integers(20, 400), st.integers(-30, 30),
       st.lists(st.tuples(st.one_of(st.none(), st.integers(10, 60)),
                          st.one_of(st.none(), st.integers(10, 60))), min_size=1, max_size=5))
def test_no_two_published_rounds_differ_by_a_few_answers(base, change, themes):
    then = [_table(base, **{f"t{i}": a for i, (a, _b) in enumerate(themes)})]
    now = [_table(max(base + change, 20), **{f"t{i}": b for i, (_a, b) in enumerate(themes)})]
    [old], [new] = then, published_counts(then, now)
    moved = abs(now[0]["base"] - old["base"])
    if not 0 < moved < MINIMUM:
        assert [new] == now  # the first-round rule alone: nothing to subtract
        return
    # A few new (or taken out) answers: the base and every count as published before,
    # unless the count moved by the minimum or more (recoding).
    assert new["base"] == old["base"] and new["not_updated"]
    for a, b, shown in zip(old["themes"], now[0]["themes"], new["themes"], strict=True):
        big = None not in (a["count"], b["count"]) and abs(a["count"] - b["count"]) >= MINIMUM
        assert shown["count"] == (b["count"] if big else a["count"])
