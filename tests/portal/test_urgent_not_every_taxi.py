"""The words "taxi", "late" and "driver" are urgent alone or with the ride ("taxi late", "my taxi is
late"), not in a question about arrangements: "late application", "taxi eligibility", "driver
training" get the normal results, suggestions and help, not the not-turned-up answer. And a
child still waiting, not home, an emergency are urgent as a parent says them."""

import pytest

from portal.demo import search as demo_search
from portal.search_text import is_urgent

pytestmark = pytest.mark.django_db

NOT_URGENT = [
    ("", "late application"), ("", "taxi eligibility"), ("", "can my child get a taxi"),
    ("", "driver training"), ("", "complain about driver"), ("", "driver was rude"),
    ("", "personal travel budget taxi"), ("/pl", "spóźniony wniosek"),
    ("/pl", "czy dziecko moze dostac taksowke"), ("/ar", "طلب متأخر"),
    ("/ar", "هل يحق لطفلي تاكسي"),
]


def _main(html: str) -> str:
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(("prefix", "words"), NOT_URGENT)
def test_a_question_about_arrangements_is_not_made_urgent(demo, client, prefix, words):
    main = _main(client.get(f"{prefix}/search/", {"q": words}).content.decode())
    assert "data-portal-urgent-answer" not in main, words
    for said in (demo_search.URGENT, demo_search.URGENT_PL, demo_search.URGENT_AR):
        assert said not in main, words


@pytest.mark.parametrize(("words", "language"), [
    ("late application", "en-gb"), ("taxi eligibility", "en-gb"),
    ("can my child get a taxi", "en-gb"), ("driver training", "en-gb"),
    ("spóźniony wniosek", "pl"), ("طلب متأخر", "ar"), ("still waiting for my bus pass", "en-gb"),
    ("still waiting for a decision", "en-gb"), ("emergency contact form", "en-gb"),
])
def test_the_ride_named_in_a_question_is_not_urgent(words, language):
    assert not is_urgent(words, language)


@pytest.mark.parametrize(("words", "language"), [
    ("taxi", "en-gb"), ("taxi late", "en-gb"), ("my taxi is late", "en-gb"), ("driver", "en-gb"),
    ("taksowka spozniona", "pl"), ("kierowca", "pl"), ("تاكسي", "ar"), ("التاكسي تاخر", "ar"),
    ("my child is still waiting", "en-gb"), ("my son hasnt got home", "en-gb"),
    ("emergency", "en-gb"), ("urgent", "en-gb"), ("الباص مش جاي", "ar"),
])
def test_the_ride_not_come_is_urgent_as_said(words, language):
    assert is_urgent(words, language)


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "my child is still waiting"), ("", "my son hasnt got home"), ("", "emergency"),
    ("", "urgent"), ("/ar", "الباص مش جاي"),
])
def test_still_waiting_or_an_emergency_gets_the_number(demo, client, prefix, words):
    main = _main(client.get(f"{prefix}/search/", {"q": words}).content.decode())
    assert "data-portal-urgent-answer" in main, words
    assert 'href="tel:' in main.split("data-portal-urgent-answer", 1)[1]
