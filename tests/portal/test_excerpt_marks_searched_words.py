"""A result's excerpt marks the words searched for, not the small words of the search
("not", "up", "nie", "في") wherever they stand on the page, nor longer words a two-letter
word begins."""

import re

import pytest

from portal.excerpts import excerpt, section_excerpt

TEXT = ("If transport does not turn up, phone the team. It is not up to you to find a taxi. "
        "Up to 2 miles, or nothing.")


def _marked(parts):
    return [text for text, marked in parts if marked]


def test_small_words_of_the_search_are_not_marked():
    assert _marked(excerpt(TEXT, "not turned up")) == ["turn"]
    assert _marked(excerpt(TEXT, "taxi not turned up")) == ["turn", "taxi"]


def test_polish_and_arabic_small_words_are_not_marked():
    assert _marked(excerpt("Autobus nie przyjechał, nie wiem co robić.", "autobus nie przyjechal",
                           language="pl")) == ["Autobus", "przyjechał"]
    assert _marked(excerpt("الحافلة لم تصل في الموعد، اتصل في الحال.", "الحافلة في الموعد",
                           language="ar")) == ["الحافلة", "الموعد"]


def test_a_search_of_small_words_only_still_marks_them():
    assert _marked(excerpt("Not now.", "not")) == ["Not"]


def test_a_two_letter_word_marks_only_itself():
    assert _marked(excerpt("No, not in November. No.", "no show")) == []
    assert _marked(excerpt("An EH form; EHCP.", "eh")) == ["EH"]


def test_the_sections_excerpt_marks_only_searched_words():
    parts = section_excerpt([("", "Intro."), ("Late transport", TEXT)], "transport not up")
    assert _marked(parts) == ["transport", "transport"]


@pytest.mark.django_db
def test_the_results_page_marks_no_small_word(demo, client):
    html = client.get("/search/", {"q": "taxi has not turned up"}).content.decode()
    marked = {m.lower() for m in re.findall(r"<mark>(.*?)</mark>", html)}
    assert marked and not marked & {"not", "has", "up", "on", "to"}, marked
