""""The bus didn't come" as families say and type it, in each language, is urgent, and the
search leads straight to the FAQ's answer with the number to tap: "where is the bus",
"still waiting for the bus", "bus cancelled", apostrophes in the wrong place ("did'nt",
"didn;t", "dint"); Polish "autobus nie przyszedł", "gdzie jest autobus", "czekamy na
autobus"; Arabic "وين الباص", "الباص ما أتى", "ماجاء الباص", "الباص اتأخر". Searches about
arrangements ("bus pass", "where is the bus stop") are not urgent."""

import re

import pytest

from portal.search_text import is_urgent

URGENT = [
    ("en", "my son wasnt picked up"), ("en", "still waiting for the bus"),
    ("en", "waiting for bus"), ("en", "where is the bus"), ("en", "where's the taxi"),
    ("en", "bus cancelled"), ("en", "bus broke down"), ("en", "escort absent"),
    ("en", "bus did'nt show"), ("en", "bus has'nt come"), ("en", "bus didn;t show"),
    ("en", "bus didint show"), ("en", "bus dint show"),
    ("pl", "autobus nie przyszedł"), ("pl", "autobus nie przyszedl"),
    ("pl", "gdzie jest autobus"), ("pl", "czekamy na autobus"), ("pl", "czekam na busa"),
    ("ar", "وين الباص"), ("ar", "فين الباص"), ("ar", "الباص ما أتى"), ("ar", "ما اتى الباص"),
    ("ar", "ماجاء الباص"), ("ar", "ما جاني الباص"), ("ar", "الباص اتأخر"),
    # Still urgent, as h13j made them.
    ("pl", "autobus się spóźnił"), ("pl", "nie było autobusu"), ("ar", "الباص مجاش"),
    ("ar", "ما في باص"), ("ar", "الحافله ماوصلت"), ("en", "Bus didn’t come"),
    ("en", "no bus today"),
]
# Asking about arrangements, or the words alone in another sense: not urgent. "Where is the
# bus stop" is about where to wait, not about this morning: a word of NOT_URGENT_WITH.
NOT_URGENT = [
    ("en", "bus pass"), ("en", "where is the bus stop"), ("en", "waiting list"),
    ("en", "how long do i wait for a bus pass"), ("en", "how do i apply for the bus"),
    ("en", "cancelled appeal"), ("en", "where can I read the policy"), ("en", "dont know"),
    ("pl", "list nie przyszedł"), ("pl", "gdzie jest przystanek autobusu"),
    ("pl", "transport odwołanie"), ("pl", "bilet na autobus"),
    ("ar", "ما أتى في القرار"), ("ar", "أين محطة الباص"), ("ar", "تذكرة الباص"),
]


@pytest.mark.parametrize(("language", "words"), URGENT)
def test_the_bus_did_not_come_as_families_say_it_is_urgent(language, words):
    assert is_urgent(words, language), words


@pytest.mark.parametrize(("language", "words"), NOT_URGENT)
def test_a_question_about_arrangements_is_not_urgent(language, words):
    assert not is_urgent(words, language), words


ZERO = {"": "0 results", "/pl": "0 wyników", "/ar": "لا توجد نتائج"}


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", "my son wasnt picked up"), ("", "where is the bus"), ("", "bus did'nt show"),
    ("", "Bus didn’t come"), ("", "no bus today"),
    ("/pl", "autobus nie przyszedł"), ("/pl", "gdzie jest autobus"),
    ("/pl", "czekamy na autobus"), ("/pl", "autobus się spóźnił"), ("/pl", "nie było autobusu"),
    ("/ar", "وين الباص"), ("/ar", "الباص ما أتى"), ("/ar", "ماجاء الباص"),
    ("/ar", "الباص اتأخر"), ("/ar", "الباص مجاش"), ("/ar", "ما في باص"),
])
def test_an_urgent_search_leads_to_the_faq_answer_first(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert "data-portal-urgent-answer" in main, words
    box = main.split("data-portal-promotions", 1)[1]
    assert box.split("<li>", 2)[1].count("data-portal-urgent-faq") == 1, words
    assert 'href="tel:+441234567890"' in box
    # "10 results" is not "0 results".
    assert not re.search(rf"(?<!\d){ZERO[prefix]}", main)


@pytest.mark.django_db
def test_the_readers_diacritics_are_never_corrected_away(demo, client):
    html = client.get("/pl/search/", {"q": "autobus się spóźnił"}).content.decode()
    if "data-portal-suggestion" in html:
        line = html.split("data-portal-suggestion>", 1)[1].split("</p>", 1)[0]
        assert "się" in line and " sie " not in line, line
