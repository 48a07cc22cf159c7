"""Which meetings are held, what a board pack covers, and accepted changes later undone:
plain rules, no database."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from charter.governance import (
    CarriedChange,
    UndoneChange,
    is_held,
    pack_period,
    undone_changes,
)

D = dt.date
TODAY = D(2027, 3, 10)


def test_a_meeting_dated_after_today_is_planned_not_held():
    assert is_held(TODAY, TODAY)
    assert is_held(D(2027, 3, 9), TODAY)
    assert not is_held(D(2027, 3, 11), TODAY)


def test_a_pack_covers_from_the_previous_held_board_meeting_to_the_meetings_date():
    period = pack_period(D(2027, 3, 20), [D(2027, 1, 5), D(2027, 2, 9), D(2027, 3, 20)], TODAY)
    assert period.after == D(2027, 2, 9) and period.until == D(2027, 3, 20)
    assert not period.covers(D(2027, 2, 9))  # the last pack covered its own meeting's day
    assert period.covers(D(2027, 2, 10)) and period.covers(D(2027, 3, 20))
    assert not period.covers(D(2027, 3, 21))


def test_the_first_pack_covers_the_whole_record_and_planned_meetings_do_not_cut_it_short():
    assert pack_period(D(2027, 1, 5), [D(2027, 1, 5)], TODAY).after is None
    # The meeting planned for 15 March has not been held on 10 March: the pack for the
    # 20 March meeting still starts after 9 February.
    period = pack_period(D(2027, 3, 20), [D(2027, 2, 9), D(2027, 3, 15)], TODAY)
    assert period.after == D(2027, 2, 9)


@given(st.lists(st.dates(), max_size=8), st.dates(), st.dates())
def test_a_pack_never_starts_at_or_after_its_own_meeting(dates, meeting, today):
    period = pack_period(meeting, dates, today)
    assert period.covers(meeting)
    assert period.after is None or (period.after < meeting and period.after <= today)


def test_a_change_taken_back_by_a_later_version_is_named():
    texts = {1: {"walk": "2 miles"}, 2: {"walk": "1.5 miles"}, 3: {"walk": "1.5 miles"},
             4: {"walk": "2 miles"}}
    assert undone_changes(texts, [CarriedChange(7, "walk", 2)]) == [
        UndoneChange(7, "walk", 2, 4)]


def test_a_change_kept_or_changed_further_is_not_undone():
    texts = {1: {"walk": "2 miles"}, 2: {"walk": "1.5 miles"}, 3: {"walk": "1 mile"}}
    assert undone_changes(texts, [CarriedChange(7, "walk", 2)]) == []
    # Whole-page comments, first versions and no-op changes are not judged.
    assert undone_changes(texts, [CarriedChange(8, "", 2), CarriedChange(9, "walk", 1)]) == []
    same = {1: {"walk": "2 miles"}, 2: {"walk": "2 miles"}, 3: {"walk": "2 miles"}}
    assert undone_changes(same, [CarriedChange(7, "walk", 2)]) == []


def test_a_section_added_for_the_forum_and_later_dropped_is_undone():
    texts = {1: {}, 2: {"help": "Call us"}, 3: {}}
    assert undone_changes(texts, [CarriedChange(3, "help", 2)]) == [
        UndoneChange(3, "help", 2, 3)]


@given(st.lists(st.sampled_from(["a", "b", "c"]), min_size=2, max_size=6),
       st.integers(min_value=2, max_value=6))
def test_an_undoing_version_always_comes_later_and_restores_the_old_text(words, version):
    texts = {n: {"s": w} for n, w in enumerate(words, start=1)}
    for undone in undone_changes(texts, [CarriedChange(1, "s", version)]):
        assert undone.undone_in > undone.made_in == version
        assert texts[undone.undone_in]["s"] == texts[version - 1]["s"] != texts[version]["s"]
