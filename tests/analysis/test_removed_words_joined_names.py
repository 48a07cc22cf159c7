"""A name written joined, apart or with an apostrophe is one name when it is removed from a
quote (issue 15): "عبد الله" and "عبدالله" (an Arabic compound name after "عبد", with or
without the space), "O'Brien", "O’Brien", "O Brien" and "OBrien". Other words stay. Plain
rules, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.writeup import REMOVED, name_parts, redact, remove_phrases

GONE = [
    ("عبد الله", "قال عبد الله إن الطريق طويل."), ("عبد الله", "قال عبدالله إن الطريق طويل."),
    ("عبدالله", "قال عبد الله إن الطريق طويل."), ("عبدالله", "قال عبدالله إن الطريق طويل."),
    ("عبدالله", "جاء مع عبدُ اللّه أمس."), ("عبد الله", "وعبدالله ينتظر."),
    ("عبد الرحمن", "ابني عبدالرحمن يمشي."), ("عبدالرحمن", "ابني عبد الرحمن يمشي."),
    ("عبد الله", "ابني عبد-الله يمشي."),
    ("O'Brien", "Mrs O'Brien walks him."), ("O'Brien", "Mrs O’Brien walks him."),
    ("O'Brien", "Mrs OBrien walks him."), ("O'Brien", "Mrs O Brien walks him."),
    ("O'Brien", "Mrs obrien walks him."), ("O'Brien", "Mrs O'Brien's son walks."),
    ("O Brien", "Mrs O'Brien walks him."), ("O’Brien", "Mrs OBrien walks him."),
    ("Liam O'Brien", "My son Liam OBrien walks."), ("D'Angelo", "Ask D Angelo."),
]

KEPT = [
    ("عبد الله", "قال عبدالرحمن إن الطريق طويل."), ("عبدالله", "عبد يعمل هنا."),
    ("O'Brien", "Oh Brien walks."), ("O'Brien", "Obrient walks."), ("O'Brien", "O'Neill walks."),
    ("O Brien", "Brienne walks."),
]


@pytest.mark.parametrize(("removed", "typed"), GONE)
def test_the_name_goes_however_it_is_joined(removed, typed):
    text, n = remove_phrases(typed, [removed])
    assert n == 1 and REMOVED in text, text
    before, after = text.split(REMOVED)
    assert typed.startswith(before) and typed.endswith(after)
    assert redact(typed, [removed]) == text


@pytest.mark.parametrize(("removed", "typed"), KEPT)
def test_other_words_stay(removed, typed):
    assert remove_phrases(typed, [removed]) == (typed, 0)


@given(join=st.sampled_from(["", " ", "'", "’", "ʼ", "-", "\n"]),
       before=st.sampled_from(["", "Mrs ", "Ask "]), after=st.sampled_from(["", " came.", "!"]),
       removed=st.sampled_from(["O'Brien", "O’Brien", "O Brien"]))
def test_o_brien_goes_written_any_way(join, before, after, removed):
    typed = f"{before}O{join}Brien{after}"
    assert remove_phrases(typed, [removed]) == (f"{before}{REMOVED}{after}", 1)


@given(join=st.sampled_from(["", " ", "  ", "-", "\n"]),
       prefix=st.sampled_from(["", "و", "ل"]), removed=st.sampled_from(["عبد الله", "عبدالله"]))
def test_abdullah_goes_written_with_or_without_the_space(join, prefix, removed):
    typed = f"قال {prefix}عبد{join}الله اليوم"
    assert remove_phrases(typed, [removed]) == (f"قال {REMOVED} اليوم", 1)


def test_the_parts_of_a_name_and_how_they_join():
    assert name_parts(["o'brien"]) == [("o", ""), ("brien", "name")]
    assert name_parts(["o", "brien"]) == [("o", ""), ("brien", "name")]
    assert name_parts(["liam", "o'brien"]) == [("liam", ""), ("o", "space"), ("brien", "name")]
    assert name_parts(["عبدالله"]) == [("عبد", ""), ("الله", "arabic")]
    assert name_parts(["عبد", "الله"]) == [("عبد", ""), ("الله", "arabic")]
    assert name_parts(["jan", "kowalski"]) == [("jan", ""), ("kowalski", "space")]
    assert name_parts(["ann's"]) == [("ann's", "")]


@pytest.mark.parametrize("removed", ["OBrien", "ONeill", "DAngelo"])
@pytest.mark.parametrize("written", ["{o}'{rest}", "{o}\u2019{rest}", "{o} {rest}", "{o}{rest}"])
def test_a_name_typed_joined_removes_it_written_with_its_apostrophe(removed, written):
    """Typed "OBrien", the name goes however the answer writes it (review r15o, F1)."""
    text = "Mr " + written.format(o=removed[0], rest=removed[1:]) + " was rude."
    assert remove_phrases(text, [removed]) == (f"Mr {REMOVED} was rude.", 1)


@pytest.mark.parametrize(("removed", "text"), [
    ("OK Travel", "It is OK now."), ("DVLA", "The DVLA wrote."),
    ("OBrien", "O Brienne stays."), ("ODonnell", "Donnell stays.")])
def test_a_joined_name_rule_leaves_other_words(removed, text):
    assert remove_phrases(text, [removed])[1] == (1 if removed == "DVLA" else 0)
