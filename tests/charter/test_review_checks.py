"""Whether the council's "what changed" note names each section that changed: no database."""

from hypothesis import given
from hypothesis import strategies as st

from charter.review_checks import (
    resolutions_undone,
    sections_missing_from_note,
    sections_put_back,
)


def test_a_note_naming_each_changed_section_leaves_none_out():
    note = "In short: a clearer summary. Walking distances: under-8s now walk 1.5 miles."
    assert sections_missing_from_note(note, ["In short", "Walking distances"]) == []


def test_a_section_the_note_does_not_name_is_listed():
    note = "A clearer summary for families."
    assert sections_missing_from_note(note, ["In short", "Walking distances"]) == [
        "In short", "Walking distances"]


def test_case_punctuation_and_word_order_of_the_long_words_do_not_matter():
    assert sections_missing_from_note("We changed the REVIEWS and the appeals.",
                                      ["Appeals and reviews"]) == []


def test_one_long_word_of_the_heading_is_not_enough():
    assert sections_missing_from_note("Appeals are now quicker.",
                                      ["Appeals and reviews"]) == ["Appeals and reviews"]


def test_an_empty_note_names_nothing():
    assert sections_missing_from_note("", ["Who can get help"]) == ["Who can get help"]


headings = st.lists(st.text(alphabet=st.characters(categories=["L", "Zs"]), min_size=1,
                            max_size=30), max_size=6)


@given(headings=headings)
def test_a_note_made_of_the_headings_names_them_all(headings):
    note = ". ".join(headings)
    assert sections_missing_from_note(note, headings) == []


@given(headings=headings, note=st.text(max_size=200))
def test_only_changed_headings_are_ever_listed_and_each_once(headings, note):
    missing = sections_missing_from_note(note, headings)
    assert set(missing) <= set(headings)
    assert len(missing) == len(set(missing))


# --- a draft that takes back what answered the forum, or goes back to older words ------------


def test_a_resolution_whose_words_are_gone_is_undone():
    resolutions = [("walk", "b2", ["1.5 miles"]), ("phone", "b1", ["Call 01234 567 890."])]
    draft = {"b1": "Call  01234 567 890. We answer in a day.", "b2": "Children walk 2 miles."}
    assert resolutions_undone(resolutions, draft) == ["walk"]


def test_a_resolution_whose_section_is_gone_is_undone_and_one_that_only_took_words_out_is_not():
    assert resolutions_undone([("a", "gone", ["new words"]), ("b", "b1", [" "])],
                              {"b1": "Anything."}) == ["a"]


def test_words_from_an_earlier_version_are_put_back():
    v1 = {"b1": "Children under 8 walk up to 2 miles.", "b2": "Ask us."}
    live = {"b1": "Children under 8 walk up to 1.5 miles.", "b2": "Ask us."}
    assert sections_put_back(live, dict(v1), [v1]) == ["b1"]
    assert sections_put_back(live, dict(live), [v1]) == []
    assert sections_put_back(live, {"b1": "Entirely new words."}, [v1]) == []


@given(text=st.text(max_size=80), added=st.lists(st.text(min_size=1, max_size=20), max_size=4))
def test_a_draft_that_keeps_the_added_words_undoes_nothing(text, added):
    draft = {"b": text + " " + " ".join(added)}
    assert resolutions_undone([("k", "b", added)], draft) == []
