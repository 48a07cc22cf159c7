"""A zero-width non-joiner a phone keyboard put inside an Arabic word is removed before the
search matches it: the word is found whole, and "Did you mean" does not split it."""

import pytest

from portal.search_text import without_bidi_controls

pytestmark = pytest.mark.django_db


def test_zero_width_characters_inside_a_word_are_removed():
    assert without_bidi_controls("الاستئ\u200cناف") == "الاستئناف"
    assert without_bidi_controls("bus\u200b pass\ufeff") == "bus pass"


def test_a_word_with_a_non_joiner_inside_is_found_whole(demo, client):
    typed = client.get("/ar/search/", {"q": "الاستئ\u200cناف"}).content.decode()
    whole = client.get("/ar/search/", {"q": "الاستئناف"}).content.decode()
    main = typed.split('id="main-content"', 1)[1]
    assert "data-portal-suggestion" not in main
    assert "ناف؟" not in main
    assert typed.count("portal-results__item") == whole.count("portal-results__item") > 0
