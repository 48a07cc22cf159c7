"""Words removed as personal details go with their endings and however they are joined
(bk15j F2 and the open "plurals and Polish endings"): "Zielińskiego" and "Zielińskim" with
"Zieliński", "Kowalskiej" with "Kowalska", "Smith's" and "Smiths" with "Smith"; "Jan-Zieliński"
(a hyphen or a dash) and "Jan\u200bZieliński" (a zero-width space as the only break) with
"Jan Zieliński". Names of three or four letters go only as written or with "'s" (and a
Polish name's own cases written with a capital, ``test_removed_words_polish_alternations``):
"Annual", "Anne", "January" and "Adamson" stay. The span as written is replaced; every other
word is kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.writeup import ENDING_LETTERS, INFLECTED_FROM, REMOVED, redact, remove_phrases
from consultations.models import ConsultationResponse
from core.normalising import fold_for_matching
from core.sanitise import clean_text
from tests.analysis.test_quote_removal_reason_beside_log import _page, _quoted, _redact
from tests.analysis.test_write_up import coded  # noqa: F401 - a fixture
from tests.surveys.conftest import survey, survey_index  # noqa: F401

GONE = [
    ("Zieliński", "Pana Zielińskiego nie było."), ("Zieliński", "Z panem Zielińskim."),
    ("Zieliński", "Z panem Zielinskim."), ("Kowalska", "Od pani Kowalskiej."),
    ("Kowalska", "Od pani KOWALSKIEJ."), ("Smith", "Mrs Smith's son."),
    ("Smith", "Mrs Smith\u2019s son."), ("Smith", "The Smiths asked."),
    ("respite", "Two respites a week."), ("Łukasz", "Dla Łukasza."),
    ("Ann", "Ann's taxi."), ("Adam", "Adam's bus."),
    ("Jan Zieliński", "Jan-Zieliński rang."), ("Jan Zieliński", "Jan\u2013Zieliński rang."),
    ("Jan Zieliński", "Jan \u2014 Zieliński rang."), ("Jan Zieliński", "Jan\u200bZieliński rang."),
    ("Jan Zieliński", "Jan\u2011Zielińskiego rang."), ("Jan-Zieliński", "Jan Zieliński rang."),
    ("Zofia Wiśniewska", "Zofii Wiśniewskiej rang."),
]


@pytest.mark.parametrize(("removed", "typed"), GONE)
def test_the_word_goes_with_its_ending_or_joined_by_a_dash(removed, typed):
    text, n = remove_phrases(typed, [removed])
    assert n == 1 and REMOVED in text
    # Only the name went: the words before and after it are as written.
    before, after = text.split(REMOVED)
    assert typed.startswith(before) and typed.endswith(after)
    assert redact(typed, [removed]) == text


@pytest.mark.parametrize(("removed", "text"), [
    ("Ann", "Annual review, Anne and Annie stay."), ("Adam", "Adamson and Adams stay."),
    ("Jayden", "Jaydenson stays."), ("Nowak", "Nowakowski stays."),
    ("Jan", "January and Janek stay."), ("Łukasz", "Łukaszewicz stays."),
    ("Smith", "Blacksmith and Smithsonian stay."), ("Kowalska", "Kowal stays."),
    ("Zieliński", "Zielona stays."), ("Jan Zieliński", "Jan said Zieliński stays."),
])
def test_other_words_stay(removed, text):
    assert remove_phrases(text, [removed]) == (text, 0)


def test_the_spans_as_written_go_and_the_rest_is_kept():
    text = "Jan-Zieliński i pani Zielińska; Zielińskiego syn, Jan\u200bZieliński."
    assert remove_phrases(text, ["Jan Zieliński", "Zieliński"]) == (
        f"{REMOVED} i pani {REMOVED}; {REMOVED} syn, {REMOVED}.", 4)


def test_a_zero_width_space_inside_one_word_still_reads_as_one_word():
    assert remove_phrases("Two re\u200bspite days.", ["respite"]) == (
        f"Two {REMOVED} days.", 1)


def test_saved_words_joined_by_a_zero_width_space_stay_two_words_and_go():
    """A zero-width space that is the only break between two words survives saving
    (``clean_text``), so the words are two, and the name removed goes."""
    stored = clean_text("Jan\u200bZieliński drove.")
    assert "\u200b" in stored and stored.replace("\u200b", " ") == "Jan Zieliński drove."
    assert remove_phrases(stored, ["Jan Zieliński"]) == (f"{REMOVED} drove.", 1)
    assert remove_phrases(stored, ["Zieliński"]) == (f"Jan\u200b{REMOVED} drove.", 1)


_LETTERS = st.text(alphabet="abcdefghijklmnoprstuwyzłńśćąęóżź", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(name=st.text(alphabet="bcdfghklmnprstwz", min_size=INFLECTED_FROM - 1, max_size=9)
       .map(lambda s: s.capitalize() + "a"),
       ending=st.one_of(st.sampled_from(["", "s"]), st.tuples(
           st.sampled_from("aeiouy"), st.text(alphabet="aeiouyćmhgjsw", max_size=3)
       ).map("".join)))
def test_any_short_ending_of_a_long_name_goes(name, ending):
    """A name of five letters or more ending in a vowel loses the vowel for its stem; an
    ending from a vowel of up to four letters, or "s", goes with it, and "'s"."""
    assert len(ending) <= ENDING_LETTERS
    for typed in (name[:-1] + ending, name + "'s", name.upper()):
        assert remove_phrases(f"Ask {typed} now.", [name]) == (f"Ask {REMOVED} now.", 1)


#: What a short name may take after it as written: a Polish case ending ("Jan": "Jana",
#: "Janowi", "Janem", "Janie"; "Eryk": "Erykiem", "Eryku"; "Igor": "Igorze"), as folded.
_CASE_TAILS = {"a", "owi", "em", "iem", "ie", "u", "ze", "zie"}


@settings(max_examples=200, deadline=None)
@given(name=st.text(alphabet="abdeijlmnorsty", min_size=3, max_size=4).map(str.capitalize),
       more=_LETTERS)
def test_a_short_name_never_takes_a_longer_word(name, more):
    """Never in lower case; with a capital only as one of a Polish name's own cases
    (``test_removed_words_polish_alternations``)."""
    lower = f"ask {name.lower()}{more} now."
    assert remove_phrases(lower, [name]) == (lower, 0)
    if fold_for_matching(more) not in _CASE_TAILS:
        text = f"Ask {name}{more} now."
        assert remove_phrases(text, [name]) == (text, 0)
    assert remove_phrases(f"Ask {name}'s mum.", [name]) == (f"Ask {REMOVED} mum.", 1)


@settings(max_examples=100, deadline=None)
@given(name=st.sampled_from(["Zieliński", "Kowalska", "Wiśniewska", "respite"]),
       more=st.text(alphabet="abcdefghijklmnoprstuwyz", min_size=ENDING_LETTERS + 2,
                    max_size=8))
def test_a_longer_word_than_an_ending_stays(name, more):
    text = f"Ask {name}{more} now."
    assert remove_phrases(text, [name]) == (text, 0)


# --- on the page the forum reads ------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
def test_a_quote_loses_the_name_however_it_was_written(client, frame, coded, officer):  # noqa: F811
    """The officer removes "Jan Zieliński" and "Zieliński" from a quote that names him with a
    hyphen, in another case and with a zero-width space, typing each as the officer thinks
    of it: the analysis page shows none of them."""
    response_id, _first = _quoted(frame)
    response = ConsultationResponse.objects.get(pk=response_id)
    response.answers[frame.question_id] = (
        "Jan-Zieliński drives us. Pana Zielińskiego lubimy. Jan\u200bZieliński is kind.")
    response.save(update_fields=["answers"])
    client.force_login(officer)
    assert _redact(client, frame, response_id, "Jan Zieliński").status_code == 302
    assert _redact(client, frame, response_id, "Zieliński").status_code == 302
    html = _page(client, frame)
    assert f"{REMOVED} drives us. Pana {REMOVED} lubimy. {REMOVED} is kind." in html
    assert "Zielińskiego" not in html and "Jan-Zieli" not in html
