"""A name goes in all its forms whichever form the officer typed (review r15p, F3): copied
from an answer as "Agnieszce", "Zielińskiego", "Piotrze" or "Markiem", it takes the name as
written ("Agnieszka", "Zieliński", "Piotr", "Marek") and its other cases. A short name's
form opening a sentence goes when the name is in the same text too (F4). The answer a
removal was made from loses a long name's changed stem in any case, and a removal kept
from before takes only words that begin with it, never "szkoła" for "Ola"."""

from __future__ import annotations

import pytest

from analysis.writeup import REMOVED, redact, remove_phrases


def _left(text: str, typed: str) -> str:
    return remove_phrases(text, [typed])[0]


@pytest.mark.parametrize("typed,text,gone", [
    ("Agnieszce", "Agnieszka lives next door and Agnieszkę we see daily.",
     ["Agnieszka", "Agnieszkę"]),
    ("Zielińskiego", "Pan Zieliński drives, like pani Zielińska.", ["Zieliński", "Zielińska"]),
    ("Piotrze", "Piotr waits; Piotra nobody helps, Piotrowi neither.",
     ["Piotr", "Piotra", "Piotrowi"]),
    ("Markiem", "Marek przyszedł, bez Marka nic.", ["Marek", "Marka"]),
    ("Kowalskiej", "Ania Kowalska and the Kowalscy family.", ["Kowalska"]),
    # Review r15q, F1: the adjective endings, and a stem's own changed forms.
    ("Zielińskim", "Zieliński, Zielińskiego, Zielińska and the Zielińscy.",
     ["Zieliński", "Zielińskiego", "Zielińska", "Zielińscy"]),
    ("Zielińskiemu", "Pan Zieliński and Zielińskim.", ["Zieliński", "Zielińskim"]),
    ("Wiśniewskich", "Wiśniewski and the Wiśniewscy.", ["Wiśniewski", "Wiśniewscy"]),
    ("Agnieszkę", "Agnieszka said so to Agnieszce.", ["Agnieszka", "Agnieszce"]),
])
def test_a_name_typed_in_another_case_goes_in_every_form(typed, text, gone):
    left = _left(text, typed)
    for word in gone:
        assert word not in left, (word, left)
    assert REMOVED in left


@pytest.mark.parametrize("typed,text", [
    ("Markiem", "Nowa marka autobusu."),
    ("Agnieszce", "Agnes agreed."),
    ("Piotrze", "Piotrkowska street."),
])
def test_a_typed_form_takes_no_common_or_other_word(typed, text):
    assert _left(text, typed) == text


def test_a_short_names_form_opening_a_sentence_goes_when_the_name_is_there_too():
    text = "Oli szkoła jest za daleko. Ola płacze każdego ranka."
    assert _left(text, "Ola") == f"{REMOVED} szkoła jest za daleko. {REMOVED} płacze każdego ranka."
    # Alone, a sentence's first word may be any word ("Ale autobus", "Very unsafe").
    assert _left("Oli szkoła jest daleko.", "Ola") == "Oli szkoła jest daleko."
    assert _left("Ale autobus nie przyjechał.", "Ala") == "Ale autobus nie przyjechał."


def test_the_answer_a_removal_was_made_from_loses_a_changed_stem_in_any_case():
    assert redact("z markiem było ciężko", ["Marek"]) == f"z {REMOVED} było ciężko"
    assert remove_phrases("z markiem było ciężko", ["Marek"])[0] == "z markiem było ciężko"


def test_a_removal_kept_from_before_takes_only_words_beginning_with_it():
    assert redact("Kowalski drives.", ["Kowal"]) == f"{REMOVED} drives."
    assert redact("Oli szkoła daleko.", ["Ola"]) == "Oli szkoła daleko."
