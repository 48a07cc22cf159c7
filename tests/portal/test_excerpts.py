import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.excerpts import excerpt, query_words, section_excerpt


def test_query_words_ignore_case_and_single_letters():
    assert query_words("Walking a Distance") == ["walking", "distance"]


def test_matches_are_marked_by_word_start():
    parts = excerpt("Children under 8 walk up to 2 miles when walking.", "walk")
    assert [p for p, matched in parts if matched] == ["walk", "walking"]
    assert "".join(p for p, _ in parts) == "Children under 8 walk up to 2 miles when walking."


def test_long_text_is_cut_around_the_first_match_on_word_boundaries():
    text = " ".join(["filler"] * 100) + " appeal panel " + " ".join(["more"] * 100)
    parts = excerpt(text, "appeal", width=80)
    joined = "".join(p for p, _ in parts)
    assert joined.startswith("… ") and joined.endswith(" …")
    assert ("appeal", True) in parts
    assert len(joined) <= 90
    assert "fille " not in joined


def test_no_match_gives_the_start_of_the_text():
    parts = excerpt("Short text here.", "zebra")
    assert parts == [("Short text here.", False)]


def test_empty_text_gives_nothing():
    assert excerpt("", "walk") == []


# --- the part that holds the word, matched as the search matched it -------------------

def _marked(parts):
    return [text for text, matched in parts if matched]


def test_a_word_typed_without_polish_diacritics_is_marked():
    parts = excerpt("Sprawdzamy odległości do szkoły.", "odleglosci", language="pl")
    assert _marked(parts) == ["odległości"]


def test_another_form_of_a_polish_word_is_marked():
    assert _marked(excerpt("Odległość ma znaczenie.", "odleglosci", language="pl")) == [
        "Odległość"]
    assert _marked(excerpt("Możesz płacić w ośmiu ratach.", "raty", language="pl")) == [
        "ratach"]


@pytest.mark.parametrize("typed", ["الاستئناف", "استئناف", "الإستئناف", "الاستيناف"])
def test_an_arabic_word_typed_without_hamza_or_article_is_marked(typed):
    parts = excerpt("املأ نموذج الاستئناف وأخبرنا لماذا لا توافق.", typed, language="ar")
    assert _marked(parts) == ["الاستئناف"]


def test_arabic_without_hamza_marks_the_word_with_it():
    assert _marked(excerpt("هل يمكنني الدفع على أقساط؟", "اقساط", language="ar")) == ["أقساط"]


def test_question_words_are_not_marked():
    parts = excerpt("How far is it? We measure how far you walk.", "how far", language="en")
    assert _marked(parts) == ["far", "far"]


def test_words_given_as_also_are_marked():
    parts = excerpt("You can appeal our decision.", "الاستئناف", language="en",
                    also=["appeal", "appeals"])
    assert _marked(parts) == ["appeal"]


INTRO = "Here are short answers to what families ask us most. " * 3
FAQ = [("", INTRO),
       ("Who can ask for travel help?", "Any parent or carer can ask."),
       ("Can I pay in instalments?", "Yes. You can pay in up to eight monthly payments."),
       ("How far is my child expected to walk?", "Up to 2 miles if they are under 8.")]


def test_the_excerpt_shows_the_question_that_holds_the_word_not_the_introduction():
    parts = section_excerpt(FAQ, "instalment")
    joined = "".join(text for text, _ in parts)
    assert joined == "Can I pay in instalments? Yes. You can pay in up to eight monthly payments."
    assert _marked(parts) == ["instalments"]


def test_a_word_found_in_the_answer_shows_its_question_first():
    parts = section_excerpt(FAQ, "monthly payment")
    joined = "".join(text for text, _ in parts)
    assert joined.startswith("Can I pay in instalments? Yes.")
    assert _marked(parts) == ["monthly", "payments"]


def test_the_section_holding_more_of_the_words_is_shown():
    sections = [("", "We help children walk to school."),
                ("Walking distances", "Children under 8 walk up to 2 miles: that distance.")]
    parts = section_excerpt(sections, "walking distance")
    assert "".join(t for t, _ in parts).startswith("Walking distances. Children under 8")
    assert _marked(parts) == ["Walking", "distances", "walk", "distance"]


def test_a_heading_without_a_full_stop_gets_one():
    parts = section_excerpt([("", "Intro."), ("Odległości pieszo", "Do 2 mil.")], "odleglosci",
                            language="pl")
    assert "".join(t for t, _ in parts) == "Odległości pieszo. Do 2 mil."
    assert _marked(parts) == ["Odległości"]


def test_no_match_anywhere_gives_the_start_of_the_introduction():
    parts = section_excerpt(FAQ, "zebra")
    assert "".join(t for t, _ in parts).startswith("Here are short answers")
    assert _marked(parts) == []


def test_a_long_section_is_cut_around_its_first_match():
    text = " ".join(["filler"] * 100) + " appeal panel " + " ".join(["more"] * 100)
    parts = section_excerpt([("", "Intro."), ("Appeals", text)], "panel", width=80)
    joined = "".join(t for t, _ in parts)
    assert joined.startswith("Appeals. … ") and joined.endswith(" …")
    assert _marked(parts) == ["panel"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=30), st.text(max_size=300)), max_size=5),
       st.text(max_size=40))
def test_an_excerpt_is_one_sections_words_with_whole_words_marked(sections, query):
    """Whatever the text and the search: the excerpt is cut from one section (its heading,
    then a run of its text), and every marked part is a whole word of that section."""
    parts = section_excerpt(sections, query)
    cleaned = [(" ".join(h.split()), " ".join(t.split())) for h, t in sections]
    if not parts:
        assert not any(h or t for h, t in cleaned)
        return
    joined = "".join(t for t, _ in parts)

    def cut_from(heading, text):
        rest = joined
        if heading and rest.startswith(heading):
            rest = rest[len(heading):].removeprefix(". ").removeprefix(" ")
        rest = rest.removeprefix("… ").removesuffix(" …")
        return rest in text or rest == heading

    assert any(cut_from(h, t) for h, t in cleaned)
    for text, matched in parts:
        if matched:
            assert re.fullmatch(r"\w+", text)
