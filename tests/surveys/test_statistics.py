"""Survey statistics against values worked by hand (no database)."""

import pytest

from surveys.statistics import (
    distribution,
    response_rates,
    suppressed,
    top_two_share,
    wilson_interval,
    year_on_year,
)


def test_wilson_interval_matches_a_hand_worked_value():
    # 91 of 100: p=0.91, z=1.96; centre=(0.91+0.019208)/1.038415=0.894822,
    # margin=1.96*sqrt(0.000819+0.00009604)/1.038415=0.057104 -> 0.8377 to 0.9519
    ci = wilson_interval(91, 100)
    assert ci.low == pytest.approx(0.8377, abs=5e-4)
    assert ci.high == pytest.approx(0.9519, abs=5e-4)
    assert ci.share == 0.91


def test_wilson_interval_stays_inside_zero_and_one():
    assert wilson_interval(0, 10).low == 0.0
    assert wilson_interval(10, 10).high == 1.0
    assert wilson_interval(10, 10).low == pytest.approx(0.7225, abs=5e-4)


def test_no_answers_gives_the_widest_interval():
    ci = wilson_interval(0, 0)
    assert (ci.low, ci.high, ci.share) == (0.0, 1.0, 0.0)


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


def test_satisfaction_is_the_top_two_points():
    ci = top_two_share({5: 30, 4: 40, 3: 10, 2: 10, 1: 10})
    assert (ci.successes, ci.total) == (70, 100)


def test_answers_off_the_scale_are_refused():
    with pytest.raises(ValueError):
        top_two_share({6: 1})


def test_distribution_keeps_every_option_in_order():
    shares = distribution({"Yes": 2, "No": 1}, ["Yes", "No", "Not sure"])
    assert [(s.option, s.count, s.percent) for s in shares] == [
        ("Yes", 2, 66.7), ("No", 1, 33.3), ("Not sure", 0, 0.0)]


def test_response_rate_per_audience():
    rates = response_rates({"parents": 91, "schools": 12}, {"parents": 400, "schools": 30,
                                                           "operators": None})
    assert [(r.audience, r.percent) for r in rates] == [
        ("parents", 22.8), ("schools", 40.0), ("operators", None)]


def test_year_on_year_flags_only_non_overlapping_intervals():
    before = {"satisfied": wilson_interval(60, 100), "safe": wilson_interval(80, 100),
              "only_then": wilson_interval(5, 10)}
    after = {"satisfied": wilson_interval(85, 100), "safe": wilson_interval(84, 100)}
    changes = {c.question: c for c in year_on_year(before, after)}
    assert set(changes) == {"satisfied", "safe"}
    assert changes["satisfied"].points == 25.0 and changes["satisfied"].significant
    assert changes["safe"].points == 4.0 and not changes["safe"].significant


def test_small_numbers_are_suppressed():
    assert suppressed(9) and not suppressed(10)
    assert suppressed(4, minimum=5) and not suppressed(5, minimum=5)
