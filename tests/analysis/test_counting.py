"""The analysis page's counts: respondents per theme, Wilson intervals, the small-number rule
with complementary suppression, and nothing counted until a person confirmed it. No
database: ``analysis.counting`` is plain Python."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counting import Code, theme_table
from surveys.statistics import wilson_interval

TYPES = ("operator", "parent", "school")


def _respondents(parents=0, schools=0, operators=0):
    people = {}
    for kind, n in (("parent", parents), ("school", schools), ("operator", operators)):
        people.update({f"{kind}-{i}": kind for i in range(n)})
    return people


def _codes(people, theme, **raised):
    """Confirmed codes of ``theme`` for the first ``raised[type]`` respondents of each type."""
    codes = []
    for kind, n in raised.items():
        ids = [r for r, t in people.items() if t == kind][:n]
        codes += [Code(r, kind, theme) for r in ids]
    return codes


def test_each_respondent_counts_once_however_many_answers_raise_the_theme():
    people = _respondents(parents=40)
    codes = _codes(people, "unsafe-route", parent=20) * 3  # the same respondents, 3 answers
    row = theme_table(codes, ["unsafe-route"], respondents=people).rows[0]
    assert row.total.count == 20
    assert row.total.share == wilson_interval(20, 40)
    assert row.by_type["parent"].count == 20


def test_the_share_is_of_the_coded_respondents_with_the_survey_s_wilson_interval():
    people = _respondents(parents=100, schools=20)
    codes = _codes(people, "weather-dark", parent=30, school=10)
    table = theme_table(codes, ["weather-dark"], respondents=people)
    row = table.rows[0]
    assert table.base.count == 120
    assert row.total.share == wilson_interval(40, 120)
    assert row.by_type["school"].share == wilson_interval(10, 20)
    assert round(100 * row.total.share.low) == 26 and round(100 * row.total.share.high) == 42


def test_suggested_codes_count_for_nothing_until_confirmed():
    people = _respondents(parents=30)
    suggested = [Code(r, "parent", "cost-fairness", confirmed=False) for r in people]
    table = theme_table(suggested, ["cost-fairness"], respondents=people)
    assert table.rows[0].total.count == 0
    confirmed = [Code(r, "parent", "cost-fairness") for r in list(people)[:12]]
    table = theme_table(suggested + confirmed, ["cost-fairness"], respondents=people)
    assert table.rows[0].total.count == 12


def test_without_a_list_of_coded_respondents_the_base_is_those_with_a_confirmed_code():
    codes = [Code(i, "parent", "a") for i in range(12)] + [
        Code(i, "parent", "b", confirmed=False) for i in range(12, 40)]
    assert theme_table(codes, ["a"]).base.count == 12


def test_a_count_under_the_minimum_is_hidden_and_so_is_one_that_would_reveal_it():
    people = _respondents(parents=200, schools=30, operators=15)
    codes = _codes(people, "transport-service", parent=50, school=12, operator=3)
    row = theme_table(codes, ["transport-service"], respondents=people).rows[0]
    operators, parents, schools = (row.by_type[t] for t in TYPES)
    assert operators.hidden and operators.primary and operators.count is None
    # 65 - 50 - 12 would give the operators' 3: the smallest other figure goes too.
    assert schools.hidden and not schools.primary
    assert parents.count == 50 and row.total.count == 65


def test_the_total_is_hidden_when_no_other_figure_can_cover_a_small_one():
    people = _respondents(parents=200, schools=30)
    codes = _codes(people, "against-change", school=4)
    row = theme_table(codes, ["against-change"], respondents=people).rows[0]
    assert row.by_type["school"].hidden and row.by_type["parent"].count == 0
    assert row.total.hidden and row.total.count is None and row.total.share is None


def test_a_small_group_of_respondents_is_hidden_with_another_group():
    people = _respondents(parents=200, schools=30, operators=6)
    table = theme_table([], ["x"], respondents=people)
    assert table.bases["operator"].hidden and table.bases["school"].hidden
    assert table.bases["parent"].count == 200 and table.base.count == 236
    # Within a hidden group no share is shown, whatever its count.
    assert table.rows[0].by_type["school"].share is None


def test_zero_is_shown_it_identifies_nobody():
    people = _respondents(parents=50, schools=20)
    row = theme_table(_codes(people, "t", parent=15), ["t"], respondents=people).rows[0]
    assert row.by_type["school"].count == 0 and not row.by_type["school"].hidden


def test_a_code_for_someone_not_coded_is_refused():
    with pytest.raises(ValueError, match="not among the coded respondents"):
        theme_table([Code("x", "parent", "t")], ["t"], respondents={"y": "parent"})
    with pytest.raises(ValueError):
        theme_table([Code("x", "parent", "t")], ["t"], respondents={"x": "school"})


@st.composite
def _coded(draw):
    sizes = draw(st.lists(st.integers(0, 40), min_size=3, max_size=3))
    people = _respondents(*sizes)
    themes = ["a", "b", "c"]
    codes = []
    for person, kind in people.items():
        for theme in themes:
            if draw(st.booleans()):
                codes.append(Code(person, kind, theme, confirmed=draw(st.booleans())))
    return people, themes, codes, draw(st.sampled_from([3, 5, 10]))


@settings(max_examples=200, deadline=None)
@given(_coded())
def test_no_sum_in_the_table_ever_has_exactly_one_hidden_figure(case):
    people, themes, codes, minimum = case
    table = theme_table(codes, themes, respondents=people, types=TYPES, minimum=minimum)
    sums = [[table.base, *table.bases.values()]]
    sums += [[row.total, *row.by_type.values()] for row in table.rows]
    for cells in sums:
        assert sum(c.hidden for c in cells) != 1
        # Nothing shown is under the minimum (zero aside), and every shown count is right.
        assert all(c.count == 0 or c.count >= minimum for c in cells if not c.hidden)
    for row in table.rows:
        true = {c.respondent for c in codes if c.confirmed and c.theme == row.theme}
        if not row.total.hidden:
            assert row.total.count == len(true)
        for kind, cell in row.by_type.items():
            if not cell.hidden:
                assert cell.count == sum(1 for r in true if people[r] == kind)
                if cell.share is not None:
                    assert cell.share.low <= cell.count / table.bases[kind].count \
                        <= cell.share.high


def test_a_held_back_count_next_to_a_small_one_gives_neither_away():
    # 10 parents and 1 young person: "held back" (10) beside "fewer than 10" with a total
    # of 11 used to give 10 and 1. Both are hidden alike, and their sum, 11, pins neither.
    people = _respondents(parents=40, schools=20, operators=15)
    codes = _codes(people, "left-at-the-stop", parent=10, operator=1)
    row = theme_table(codes, ["left-at-the-stop"], respondents=people).rows[0]
    operators, parents, schools = (row.by_type[t] for t in TYPES)
    assert operators.hidden and parents.hidden and schools.count == 0
    assert row.total.count == 11


def test_hidden_figures_that_sum_to_a_small_number_hide_one_more():
    # 22 = 14 + 5 + 3: hiding the 5 and the 3 would leave 22 - 14 = 8 for the two together.
    people = _respondents(parents=100, schools=30, operators=30)
    codes = _codes(people, "cost", parent=14, school=5, operator=3)
    row = theme_table(codes, ["cost"], respondents=people).rows[0]
    assert all(c.hidden for c in row.by_type.values()) and row.total.count == 22


@settings(max_examples=300, deadline=None)
@given(_coded())
def test_no_total_minus_the_shown_figures_gives_or_pins_a_small_number(case):
    people, themes, codes, minimum = case
    table = theme_table(codes, themes, respondents=people, types=TYPES, minimum=minimum)
    people_by_type = {t: sum(1 for k in people.values() if k == t) for t in TYPES}
    true_rows = [(table.base, table.bases, {"": len(people), **people_by_type})]
    for row in table.rows:
        raised = {c.respondent for c in codes if c.confirmed and c.theme == row.theme}
        true_rows.append((row.total, row.by_type,
                          {"": len(raised), **{t: sum(1 for r in raised if people[r] == t)
                                               for t in TYPES}}))
    for total, by_type, true in true_rows:
        if total.hidden:
            continue
        hidden = [t for t, c in by_type.items() if c.hidden]
        rest = total.count - sum(c.count for c in by_type.values() if not c.hidden)
        assert rest == sum(true[t] for t in hidden)
        if hidden:
            # Not a small number, and each hidden figure could be any of at least two values
            # from 1 to rest - (hidden - 1).
            assert rest >= minimum and len(hidden) >= 2 and rest - (len(hidden) - 1) > 1
        else:
            assert rest == 0
