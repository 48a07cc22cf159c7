"""A Polish word misspelt that the Polish pages use only in their text (not in a title or
question) is offered as "Did you mean", as an Arabic one is (issue 13, review r13k F7)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _offered(html):
    m = re.search(r'href="\?q=([^"]*)"[^>]*>([^<]*)</a></bdi>\?', html)
    return m.group(2) if m else None


@pytest.mark.parametrize(("typed", "meant"), [
    ("bilte", "bilet"),
    ("autobsuowy", "autobusowy"),
])
def test_a_polish_word_from_the_pages_text_is_offered_for_its_misspelling(demo, client, typed,
                                                                          meant):
    html = client.get("/pl/search/", {"q": typed}).content.decode()
    assert _offered(html) == meant, typed


def test_english_is_still_offered_its_own_words(demo, client):
    html = client.get("/search/", {"q": "buss pass"}).content.decode()
    assert _offered(html) == "bus pass"
