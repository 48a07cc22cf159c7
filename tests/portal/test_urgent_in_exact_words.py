"""Urgent searches whose words, stemmed, are also other searches' words: "bus didn't stop"
(the driver drove past) has every word of "the bus stop is not near", and "transport
odwołany" (transport cancelled) folds to the stem of "odwołanie" (appeal). They are matched
on the words as typed, in order, before anything is stemmed (``URGENT_SEQUENCES``), so the
first of each pair is urgent and leads to the FAQ's urgent answer, and the second is not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.search_text import is_urgent, typed_words, urgent_sequence

URGENT = [
    ("en", "bus didn't stop"), ("en", "bus didnt stop"), ("en", "the bus did not stop"),
    ("en", "the bus didn’t even stop for us"), ("en", "bus did'nt stop"),
    ("en", "driver drove past"), ("en", "the minibus drove straight past us"),
    ("en", "taxi never stopped"), ("en", "drvier didnt stop"),
    ("pl", "transport odwołany"), ("pl", "transport odwolany"), ("pl", "autobus odwołany"),
    ("pl", "autobus odwolany"), ("pl", "transport został odwołany"),
    ("pl", "odwołali autobus"), ("pl", "kurs odwołany dzisiaj"),
    ("pl", "autobus się nie zatrzymał"), ("pl", "autobus nie zatrzymal sie"),
    ("pl", "kierowca przejechał obok"),
    ("ar", "الباص ما وقف"), ("ar", "الحافلة لم تتوقف"), ("ar", "الحافله لم تتوقف"),
    ("ar", "الباص ملغي"),
    # Typed on another language's page: the phrases are each language's, whatever the page.
    ("en-gb", "autobus odwołany"), ("pl", "bus didnt stop"),
]
NOT_URGENT = [
    ("en", "the bus stop is not near"), ("en", "bus stop not near our house"),
    ("en", "the bus stop is too far"), ("en", "stop"), ("en", "bus stop"),
    ("en", "why does the bus not stop near us"),
    ("pl", "odwołanie"), ("pl", "odwolanie"), ("pl", "odwołanie od decyzji"),
    ("pl", "jak złożyć odwołanie"), ("pl", "odwołanie transport"),
    ("pl", "odwołanie od decyzji o transporcie"), ("pl", "przystanek autobusowy"),
    ("ar", "موقف الباص"), ("ar", "محطة الحافلة بعيدة"),
]


@pytest.mark.parametrize(("language", "words"), URGENT)
def test_said_in_these_words_it_is_urgent(language, words):
    assert is_urgent(words, language), words


@pytest.mark.parametrize(("language", "words"), NOT_URGENT)
def test_the_same_stems_in_other_words_are_not(language, words):
    assert not is_urgent(words, language), words


def test_the_words_are_matched_unstemmed():
    assert typed_words("Transport ODWOŁANY, bus didn’t") == [
        "transport", "odwolany", "bus", "did", "not"]
    assert not urgent_sequence("odwołanie transportu")
    assert urgent_sequence("transport odwołany")


@given(st.lists(st.sampled_from(["the", "is", "not", "near", "stop", "bus", "our", "far",
                                 "odwołanie", "od", "decyzji", "przystanek"]), max_size=8))
def test_no_order_of_these_words_says_one_of_the_phrases(words):
    """Only "did not stop", "never stopped", a ride "odwołany" and the like make a search
    urgent this way: words about the stop and appeals, in any order, never do."""
    assert not urgent_sequence(" ".join(words))


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", "bus didn't stop"), ("", "the bus didnt stop"), ("/pl", "transport odwołany"),
    ("/pl", "autobus odwolany"), ("/ar", "الباص ما وقف"),
])
def test_it_leads_to_the_faq_answer_with_the_number_to_tap(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert "data-portal-urgent-answer" in main, words
    box = main.split("data-portal-promotions", 1)[1]
    assert box.split("<li>", 2)[1].count("data-portal-urgent-faq") == 1, words
    assert 'href="tel:+441234567890"' in box


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", "the bus stop is not near"), ("/pl", "odwołanie"), ("/pl", "odwolanie od decyzji"),
])
def test_the_other_searches_get_no_urgent_answer(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert "data-portal-urgent-answer" not in main, words
    assert "data-portal-urgent-faq" not in main, words
