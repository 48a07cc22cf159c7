"""A best answer (an officer's promoted search) is read in the voice and direction of the
language it is written in, on every page: Polish on the Arabic page is lang="pl" dir="ltr",
Arabic on the English or Polish page lang="ar" dir="rtl", English on the Polish or Arabic
page lang="en" dir="ltr" (WCAG 3.1.2), judged by its letters."""

import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.text_direction import marks_for, text_language

pytestmark = pytest.mark.django_db

WRITTEN = {
    "en": "Phone the transport team if the minibus is not there.",
    "pl": "Zadzwoń do zespołu transportu, jeśli busa nie ma.",
    "ar": "اتصل بفريق المواصلات إذا لم تصل الحافلة.",
}
MARKS = {"en": ' lang="en" dir="ltr"', "pl": ' lang="pl" dir="ltr"', "ar": ' lang="ar" dir="rtl"'}
PREFIX = {"en": "", "pl": "/pl", "ar": "/ar"}
PAIRS = [(written, page) for written in WRITTEN for page in PREFIX if written != page]


def _paragraph_with(html: str, words: str) -> str:
    return re.findall(r"<p[^>]*>[^<]*$", html.split(words, 1)[0])[-1]


@pytest.mark.parametrize(("written", "page"), PAIRS)
def test_the_rule_marks_each_language_on_each_other_languages_page(written, page):
    lang, direction = MARKS[written].split('"')[1::2]
    assert marks_for(WRITTEN[written], page_language=page) == (lang, direction)
    assert marks_for(WRITTEN[written], page_language=written) is None


@pytest.mark.parametrize(("text", "language"), [
    ("Nie jesteś zadowolony", "pl"), ("skarga", None), ("apeal", None), ("EHCP", None),
    ("2025", None),
    ("taxi late", "en"), ("شكوى EHCP", "ar"),
])
def test_a_text_is_judged_by_its_letters(text, language):
    assert text_language(text) == language


@pytest.mark.parametrize(("written", "page"), PAIRS)
def test_a_best_answer_in_another_language_carries_its_own_language_and_direction(
        demo, client, written, page):
    query = Query.get("zqxwv")
    SearchPromotion.objects.create(query=query, external_link_url="https://example.org/help",
                                   external_link_text="Help", description=WRITTEN[written])
    html = client.get(f"{PREFIX[page]}/search/", {"q": "zqxwv"}).content.decode()
    box = html.split("data-portal-promotions", 1)[1]
    opening = _paragraph_with(box, WRITTEN[written])
    assert opening.endswith(f'<p class="govuk-body"{MARKS[written]}>')


@pytest.mark.parametrize(("page", "typed", "said", "marks"), [
    ("/ar", "skarga", "Nie jesteś zadowolony", MARKS["pl"]),
    ("", "skarga", "Nie jesteś zadowolony", MARKS["pl"]),
    ("", "شكوى", "لست راضياً", MARKS["ar"]),
    ("/pl", "شكوى", "لست راضياً", MARKS["ar"]),
])
def test_the_demos_best_answers_typed_in_another_language(demo, client, page, typed, said, marks):
    html = client.get(f"{page}/search/", {"q": typed}).content.decode()
    box = html.split("data-portal-promotions", 1)[1]
    assert _paragraph_with(box, said).endswith(f'<p class="govuk-body"{marks}>')


def test_a_best_answer_in_the_pages_language_is_not_marked(demo, client):
    html = client.get("/pl/search/", {"q": "skarga"}).content.decode()
    box = html.split("data-portal-promotions", 1)[1]
    assert _paragraph_with(box, "Nie jesteś zadowolony").endswith('<p class="govuk-body">')


@pytest.mark.parametrize(("prefix", "typed", "said"), [
    ("/pl", "EHCP", "Sam plan EHCP nie oznacza"),
    ("/ar", "EHCP", "خطة EHCP وحدها"),
    ("/pl", "bus pass", "Bezpłatny bilet autobusowy"),
    ("/ar", "bus pass", "تذكرة الحافلة المجانية"),
    ("", "EHCP", "An EHCP on its own"),
])
def test_of_several_best_answers_for_one_page_the_readers_language_is_shown(
        demo, client, prefix, typed, said):
    html = client.get(f"{prefix}/search/", {"q": typed}).content.decode()
    box = html.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    assert said in box
    assert box.count("<li>") == 1  # the page once, in one language
    assert _paragraph_with(box, said).endswith('<p class="govuk-body">')


@pytest.mark.parametrize(("prefix", "typed", "said"), [
    ("/pl", "taxi", "Od razu zadzwoń"), ("/ar", "taxi late", "اتصل بفريق المواصلات"),
])
def test_an_english_word_on_a_polish_or_arabic_page_gets_the_readers_answer(
        demo, client, prefix, typed, said):
    html = client.get(f"{prefix}/search/", {"q": typed}).content.decode()
    box = html.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    assert said in box
    assert "Phone the transport team" not in box
