"""Survey statistics against values worked by hand (no database)."""

import pytest

from surveys.statistics import (
    distribution,
    held_back,
    response_rates,
    share_of,
    suppressed,
    top_two_share,
    whole_percent,
    wilson_interval,
    year_changes,
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


def test_nine_of_twelve_in_the_top_two_points():
    # p=0.75, z^2/n=0.320122; centre=(0.75+0.160061)/1.320122=0.689377,
    # margin=1.96*sqrt(0.015625+0.006669)/1.320122=0.221686 -> 0.4677 to 0.9111
    ci = top_two_share({5: 5, 4: 4, 3: 1, 2: 1, 1: 1})
    assert (ci.successes, ci.total, ci.share) == (9, 12, 0.75)
    assert ci.low == pytest.approx(0.4677, abs=5e-4)
    assert ci.high == pytest.approx(0.9111, abs=5e-4)
    assert (whole_percent(ci.low), whole_percent(ci.high)) == (47, 91)


def test_share_of_yes_counts_only_the_yes_answers():
    ci = share_of({1: 30, 0: 10}, {1})
    assert (ci.successes, ci.total) == (30, 40)
    assert share_of({5: 2, 4: 3, 1: 5}, {4, 5}) == top_two_share({5: 2, 4: 3, 1: 5})


def test_whole_percent_rounds_halves_up():
    assert whole_percent(0.125) == 13
    assert whole_percent(0.845) == 85
    assert whole_percent(0.8449) == 84
    assert whole_percent(0.0) == 0 and whole_percent(1.0) == 100


def test_multiple_choice_shares_are_of_the_people_who_answered():
    # 10 people ticked 14 boxes: 7 of 10 is 70 %, although 7 of 14 answers is 50 %.
    shares = distribution({"Bus pass": 7, "Taxi": 7}, ["Bus pass", "Taxi", "Budget"], base=10)
    assert [(s.count, s.percent) for s in shares] == [(7, 70.0), (7, 70.0), (0, 0.0)]
    assert distribution({}, ["A"], base=0)[0].percent == 0.0


def test_small_groups_are_held_back_with_one_more_so_the_total_does_not_give_them_away():
    # 3 schools alone hidden: 103 total minus 100 parents would show them, so the next
    # smallest group (operators, 12) is held back too. An empty group identifies nobody.
    assert held_back({"parents": 100, "schools": 3, "operators": 12, "young_people": 0},
                     10) == {"schools", "operators"}
    assert held_back({"parents": 100, "schools": 3, "operators": 4}, 10) == {"schools",
                                                                             "operators"}
    assert held_back({"parents": 100, "schools": 30}, 10) == set()
    assert held_back({"parents": 5}, 10) == {"parents"}


def test_year_changes_compare_neighbouring_years_with_figures():
    y2024, y2025, y2026 = wilson_interval(50, 100), wilson_interval(80, 100), \
        wilson_interval(84, 100)
    rows = year_changes([(2026, y2026), (2024, y2024), (2025, y2025)])
    assert [year for year, _share, _change in rows] == [2024, 2025, 2026]
    assert rows[0][2] is None
    up_30, up_4 = rows[1][2], rows[2][2]
    assert (up_30.points, up_30.shown_points, up_30.significant) == (30.0, 30, True)
    assert (up_4.points, up_4.shown_points, up_4.significant) == (4.0, 4, False)


def test_no_change_is_worked_out_across_a_held_back_year():
    rows = year_changes([(2024, wilson_interval(50, 100)), (2025, None),
                         (2026, wilson_interval(90, 100))])
    assert [change for _year, _share, change in rows] == [None, None, None]


def test_the_change_shown_is_the_difference_of_the_percentages_shown():
    # 60.4 % and 72.6 % are shown as 60 % and 73 %: readers see 13 points, not 12.2.
    change = year_changes([(2025, wilson_interval(604, 1000)),
                           (2026, wilson_interval(726, 1000))])[1][2]
    assert change.points == 12.2 and change.shown_points == 13
