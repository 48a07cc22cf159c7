"""A parent whose child's transport has not come searches in their own language, as typed on
a phone: the first thing on the results page is the urgent help, in their language, with a
number they can tap; the page never says "0 results" above the answer it promotes."""

import pytest
from wagtail.contrib.search_promotions.models import SearchPromotion

from portal.search_text import is_urgent

pytestmark = pytest.mark.django_db

TEL = 'href="tel:+441234567890"'

URGENT = [
    ("", "taxi late", "phone the transport team straight away"),
    ("", "my taxi didnt come", "phone the transport team straight away"),
    ("", "no show", "phone the transport team straight away"),
    ("", "no-show", "phone the transport team straight away"),
    ("", "didn't turn up", "phone the transport team straight away"),
    ("/pl", "taksówka spóźniona", "od razu zadzwoń do zespołu transportu"),
    ("/pl", "taksowka", "od razu zadzwoń do zespołu transportu"),
    ("/pl", "taksowka spozniona", "od razu zadzwoń do zespołu transportu"),
    ("/ar", "التاكسي تاخر", None),
    ("/ar", "تاكسي", None),
    ("/ar", "السايق لم يصل", None),
]


def _first(html: str, *markers: str) -> str:
    found = {m: html.find(m) for m in markers if m in html}
    return min(found, key=found.get)


@pytest.mark.parametrize(("prefix", "words", "said"), URGENT)
def test_an_urgent_search_puts_the_tappable_number_first_in_the_readers_language(
        demo, client, prefix, words, said):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1]
    assert "data-portal-urgent-answer" in main, words
    box = main.split("data-portal-urgent-answer", 1)[1].split("</div>", 1)[0]
    assert TEL in box
    if said:
        assert said in box
    else:  # Arabic: the site's own Arabic words, no English sentence
        assert "اتصل" in box or "فورًا" in box or "فريق" in box
        assert "phone the transport team" not in box
    # Before the promoted answers, the count and every result.
    assert _first(main, "data-portal-urgent-answer", "data-portal-promotions",
                  'role="status"', "portal-results__item") == "data-portal-urgent-answer"


@pytest.mark.parametrize(("prefix", "words", "zero"), [
    ("", "taxi late", "0 results"),
    ("/pl", "taksówka spóźniona", "0 wyników"),
    ("/ar", "التاكسي تاخر", "لا توجد نتائج"),
])
def test_no_zero_results_above_a_promoted_answer(demo, client, prefix, words, zero):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    assert "data-portal-promotions" in html
    assert zero not in html


def test_an_urgent_search_with_nothing_promoted_still_gives_the_number_once(demo, client):
    SearchPromotion.objects.all().delete()
    html = client.get("/pl/search/", {"q": "kierowca nie przyjechal"}).content.decode()
    assert html.count("data-portal-urgent-answer") == 1
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert main.count(TEL) == 1  # not again in the empty-result help


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "bus pass"), ("", "appeal"), ("/pl", "odleglosci"), ("/ar", "استئناف")])
def test_other_searches_get_no_urgent_box(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    assert "data-portal-urgent-answer" not in html


@pytest.mark.parametrize(("words", "language", "urgent"), [
    ("my taxi is late", "en-gb", True),
    ("Driver", "en-gb", True),
    ("latest news", "en-gb", False),
    ("no-show", "en-gb", True),
    ("didn’t turn up", "en-gb", True),
    ("show me the policy", "en-gb", False),
    ("آخر الأخبار", "ar", False),  # "the latest news": آخر is not تأخر (delay)
    ("walking distance", "en-gb", False),
    ("taksówka spóźniona", "pl", True),
    ("autobus spozniony", "pl", True),
    ("taxi late", "pl", True),  # English typed on the Polish page
    ("odległość", "pl", False),
    ("الحافله متاخره", "ar", True),
    ("سياره اجره", "ar", True),
    ("تقييم", "ar", False),
    # "The bus did not come", as families say it: the feminine verb for the bus and the car,
    # typed with and without hamza and with ه for ة; and the spoken forms.
    ("الحافلة لم تأت", "ar", True),
    ("الحافله لم تات", "ar", True),
    ("لم تات الحافله", "ar", True),
    ("الحافلة لم تاتي", "ar", True),
    ("السيارة لم تأت", "ar", True),
    ("الباص ما جاء", "ar", True),
    ("الباص ما اجا", "ar", True),
    ("الباص ما جا", "ar", True),
    ("الباص ما جات", "ar", True),
    ("الحافلة ما وصلت", "ar", True),
    # ... but not "what is transport" (وصل is the root of مواصلات) or "what the decision says".
    ("ما هي المواصلات", "ar", False),
    ("ما جاء في القرار", "ar", False),
    ("brak transportu", "pl", True),
    ("nie przyjechał", "pl", True),
    ("nie przyjechała", "pl", True),
    ("nie przyjechało", "pl", True),
    ("autobus nie przyjechał", "pl", True),
    ("nie ma busa", "pl", True),
    ("bus nie dojechal", "pl", True),
    ("transport", "pl", False),
    ("transport didn't show up", "en-gb", True),
    ("didn't come", "en-gb", True),
    ("no one came", "en-gb", True),
    ("nobody turned up", "en-gb", True),
    ("hasn't arrived", "en-gb", True),
    ("no one", "en-gb", False),
    # Short forms, typed without apostrophes or without "up".
    ("bus didnt show", "en-gb", True),
    ("bus didn t show", "en-gb", True),
    ("the bus didn`t show", "en-gb", True),
    ("taxi didnt come", "en-gb", True),
    ("driver never came", "en-gb", True),
    ("no bus today", "en-gb", True),
    ("minibus never turned up", "en-gb", True),
    ("transport hasnt come", "en-gb", True),
    ("the bus wont come", "en-gb", True),
    ("escort aint here", "en-gb", True),
    ("bus doesnt show", "en-gb", True),
    ("show me the bus routes", "en-gb", False),
    ("bus pass", "en-gb", False),
    ("cant find the appeal form", "en-gb", False),
])
def test_urgent_words_are_recognised_as_typed(words, language, urgent):
    assert is_urgent(words, language) is urgent


@pytest.mark.parametrize(("prefix", "words"), [
    ("/ar", "الحافله لم تات"), ("/ar", "السيارة لم تأت"), ("/ar", "الباص ما اجا"),
    ("/pl", "brak transportu"), ("/pl", "autobus nie przyjechał"),
    ("", "transport didn't show up"), ("", "no one came"),
    ("", "bus didnt show"), ("", "no bus today"), ("", "driver never came"),
])
def test_the_bus_did_not_come_gets_the_tappable_number(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1]
    box = main.split("data-portal-urgent-answer", 1)[1].split("</div>", 1)[0]
    assert TEL in box
