"""Polish grammar the portal's sentences need: "w"/"we" and the weekday's accusative."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import polish


@pytest.mark.parametrize(("weekday", "said"), [
    (0, "w poniedziałek"), (1, "we wtorek"), (2, "w środę"), (3, "w czwartek"),
    (4, "w piątek"), (5, "w sobotę"), (6, "w niedzielę"),
])
def test_on_each_weekday(weekday, said):
    assert polish.on_weekday(weekday) == said


@pytest.mark.parametrize(("word", "said"), [
    ("wrześniu", "we wrześniu"), ("Wrocławiu", "we Wrocławiu"), ("Warszawie", "w Warszawie"),
    ("wodzie", "w wodzie"), ("środę", "w środę"), ("Flensburgu", "we Flensburgu"),
    ("formie", "w formie"),
])
def test_we_comes_before_w_or_f_and_a_consonant(word, said):
    assert polish.with_w(word) == said


@given(st.integers().filter(lambda n: not 0 <= n <= 6))
def test_there_is_no_eighth_day(n):
    with pytest.raises(IndexError):
        polish.on_weekday(n)
