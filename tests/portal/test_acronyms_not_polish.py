"""An acronym the English pages use ("EHCP", "SENCo", "SENDIASS", "PaCC") searched on the
English site is English: not marked Polish where the words are shown back, and the reader is
not offered "Szukaj po polsku", though the Polish pages use it too (issue 13, review r13k F5).
Polish typed without its letters ("taksowka") is still Polish."""

import pytest

from portal.text_direction import typed_runs

POLISH_ONLY = {"ehcp", "senco", "taksowka"}
ENGLISH_TOO = {"ehcp", "senco"}


def test_an_acronym_both_pages_hold_takes_the_sites_language():
    polish, english = POLISH_ONLY.__contains__, ENGLISH_TOO.__contains__
    assert typed_runs("ehcp", polish=polish, page="en", english_pages=english) == [
        ("ehcp", "en")]
    assert typed_runs("ehcp", polish=polish, page="pl", english_pages=english) == [
        ("ehcp", "pl")]
    assert typed_runs("taksowka", polish=polish, page="en", english_pages=english) == [
        ("taksowka", "pl")]
    # Without the English pages asked, as before: the Polish pages' word is Polish.
    assert typed_runs("ehcp", polish=polish, page="en") == [("ehcp", "pl")]


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["ehcp", "EHCP", "senco", "sendiass", "PaCC", "ehcp review"])
def test_an_english_acronym_on_the_english_search_is_not_polish(demo, client, words):
    html = client.get("/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1]
    assert 'lang="pl"' not in main, words
    assert "Szukaj po polsku" not in html, words


@pytest.mark.django_db
def test_polish_without_its_letters_on_the_english_search_is_still_polish(demo, client):
    html = client.get("/search/", {"q": "taksowka"}).content.decode()
    assert "Szukaj po polsku" in html
    assert 'lang="pl"' in html.split('id="main-content"', 1)[1]


@pytest.mark.django_db
def test_an_acronym_on_the_polish_search_is_not_marked_english(demo, client):
    html = client.get("/pl/search/", {"q": "ehcp"}).content.decode()
    main = html.split('id="main-content"', 1)[1]
    assert '<bdi lang="en"' not in main
