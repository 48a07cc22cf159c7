"""A soft hyphen or a combining mark after removed words never splits a word (issue 15, F4):
"Ali" never takes part of "Ali\u00adce" (a soft hyphen inside "Alice"), and "Zoe" takes
the diaeresis written after its "e" ("Zoe\u0308") with it, leaving no stray mark."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.writeup import REMOVED, redact, remove_phrases

SHY = "\u00ad"


@pytest.mark.parametrize("text", ["Ali\u00adce came.", "Ali\u0301ce came.", "Ali\u00ad\u0301ce."])
def test_a_soft_hyphen_or_mark_inside_a_longer_word_keeps_it_whole(text):
    # Never part of the word: it stays, or (a removal found no other way) goes whole.
    assert remove_phrases(text, ["Ali"]) == (text, 0)
    assert redact(f"Ali said {text}", ["Ali"]) == f"{REMOVED} said {text}"
    word = text.split()[0].rstrip(".")
    assert redact(text, ["Ali"]) == text.replace(word, REMOVED, 1)  # as "Alice" would go


@pytest.mark.parametrize(("removed", "text"), [
    ("Zoe", "Zoe\u0308 came."), ("Zoë", "Zoe\u0308 came."), ("Zoe", "Zoe\u0308\u0301 came."),
    ("Renee", "Rene\u0301e\u0301 came."),
])
def test_the_combining_marks_after_the_match_go_with_it(removed, text):
    for result in (remove_phrases(text, [removed])[0], redact(text, [removed])):
        assert result == f"{REMOVED} came."
        assert not any(unicodedata.combining(c) for c in result)


@settings(max_examples=300, deadline=None)
@given(before=st.text(alphabet="alice ", max_size=8), after=st.text(alphabet="alice ", max_size=8),
       joiner=st.sampled_from([SHY, "\u0301", "\u0308"]))
def test_a_soft_hyphen_or_mark_reads_as_the_word_without_it(before, after, joiner):
    # What goes of a text with a soft hyphen or a mark inside a word is what goes without it.
    text = f"{before}li{joiner}{after}"
    plain = f"{before}li{after}"
    assert redact(text, ["Ali"]).replace(joiner, "") == redact(plain, ["Ali"])
    assert (remove_phrases(text, ["Ali"])[0].replace(joiner, "")
            == remove_phrases(plain, ["Ali"])[0])
