"""A parent whose child's transport has not come searches in their own language, as typed on
a phone: the first thing on the results page is the urgent help, in their language, with a
number they can tap; the page never says "0 results" above the answer it promotes."""

import re

import pytest
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale

from portal.models import FAQIndexPage
from portal.search_text import is_urgent
from portal.selectors import urgent_faq_answer

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


def test_an_urgent_search_with_nothing_promoted_gives_the_number_and_the_faq_answer(
        demo, client):
    SearchPromotion.objects.all().delete()
    html = client.get("/pl/search/", {"q": "kierowca nie przyjechal"}).content.decode()
    assert html.count("data-portal-urgent-answer") == 1
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    # In the urgent box and in the FAQ's answer, the best answer: not in an empty-result help.
    assert main.count(TEL) == 2
    assert "data-portal-search-help" not in main
    assert "0 wyników" not in main


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
    # Nobody came for the child, as a tired parent types it: lower case, no apostrophes,
    # a slip of the thumb.
    ("nobody picked my son up", "en-gb", True),
    ("no one came for my daughter", "en-gb", True),
    ("noone came for my daughter", "en-gb", True),
    ("taxi never turned up", "en-gb", True),
    ("taxi never truned up", "en-gb", True),
    ("driver didn't come", "en-gb", True),
    ("drvier didnt come", "en-gb", True),
    ("nobdy picked him up", "en-gb", True),
    ("they didnt pick her up", "en-gb", True),
    ("nobody collected my son from school", "en-gb", True),
    ("bus didnt shwo", "en-gb", True),
    ("pick up times", "en-gb", False),
    ("how to pick a school", "en-gb", False),
    ("i forgot my password", "en-gb", False),
    ("nikt nie odebral syna", "pl", True),
    ("nikt nie odebrał córki", "pl", True),
    ("nikt nie przyszedl po corke", "pl", True),
    ("autobus nie odebral dziecka", "pl", True),
    ("transport nie przyjedzie", "pl", True),
    ("nie odebrałem listu", "pl", False),  # "I did not get the letter"
    ("لم يأخذ أحد ابني", "ar", True),
    ("لم ياخذ احد ابني", "ar", True),
    ("لم يات احد لاخذ ابنتي", "ar", True),
    ("ما حدا اخد ابني", "ar", True),
    ("محدش جه ياخد ابني", "ar", True),
    ("لا احد جاء", "ar", True),
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


FAQ_ANSWER = {
    "": ("What should I do if transport does not turn up?", "Phone the transport team"),
    "/pl": ("Co zrobić, jeśli transport nie przyjedzie?", "Od razu zadzwoń do zespołu"),
    "/ar": ("ماذا أفعل إذا لم تصل المواصلات؟", "اتصل بفريق المواصلات فوراً"),
}


def _best_answers(html: str) -> str:
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    assert "data-portal-promotions" in main, "no best answer"
    return main.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize(("prefix", "words"), [
    # The short forms recognised before, which no officer promoted.
    ("", "bus didnt show"), ("", "no bus today"), ("", "driver never came"),
    ("", "bus doesnt show"), ("", "the bus wont come"),
    # Nobody came for the child.
    ("", "nobody picked my son up"), ("", "no one came for my daughter"),
    ("", "taxi never turned up"), ("", "driver didn't come"), ("", "driver didnt come"),
    ("", "nobdy picked my son up"), ("", "noone came for my daughter"),
    ("/pl", "nikt nie odebral syna"), ("/pl", "nikt nie przyszedl po corke"),
    ("/pl", "autobus nie przyjechal"), ("/pl", "taksowka sie spoznia"),
    ("/ar", "ما حدا اخد ابني"), ("/ar", "لم ياخذ احد ابني"), ("/ar", "محدش جه"),
    ("/ar", "الحافله لم تات"),
])
def test_an_urgent_search_gets_the_faq_answer_with_the_number_as_its_best_answer(
        demo, client, prefix, words):
    """The first best answer is the FAQ's own answer for transport that has not come, in the
    reader's language, its number a tel: link, its question a link to it on the FAQ page."""
    box = _best_answers(client.get(f"{prefix}/search/", {"q": words}).content.decode())
    question, answer = FAQ_ANSWER[prefix]
    first = box.split("<li>", 1)[1].split("</li>", 1)[0]
    link = re.search(r'<a [^>]*href="([^"]+)"[^>]*data-portal-urgent-faq>([^<]+)</a>', first)
    assert link and link.group(2) == question, words
    assert link.group(1).startswith(f"{prefix}/faq/#q-")
    assert answer in first and TEL in first
    assert 'lang="en"' not in first if prefix else True
    # Said once: the officers' promoted link to the same FAQ page is not listed again.
    assert box.count(f'href="{prefix}/faq/') == 1


@pytest.mark.parametrize("prefix", ["", "/pl", "/ar"])
def test_the_best_answer_links_to_its_question_on_the_faq_page(demo, client, prefix):
    box = _best_answers(client.get(f"{prefix}/search/", {"q": "bus didnt show"}).content
                        .decode())
    url = re.search(r'href="([^"]+)"[^>]*data-portal-urgent-faq', box).group(1)
    page, anchor = url.split("#")
    faq = client.get(page).content.decode()
    details = faq.split(f'id="{anchor}"', 1)[1].split("</details>", 1)[0]
    assert FAQ_ANSWER[prefix][0] in details and TEL in details


def test_a_translated_faq_worded_otherwise_still_gives_its_urgent_answer(demo):
    """A translator's question that says it without the urgent words ("Co robić rano?") is
    still the urgent one: the question in its place in the English FAQ says so."""
    polish = Locale.objects.get(language_code="pl")
    faq = FAQIndexPage.objects.get(locale=polish)
    for topic in faq.topics:
        for question in topic.value["questions"]:
            if question["question"] == FAQ_ANSWER["/pl"][0]:
                question["question"] = "Co robić, gdy rano nikogo nie ma?"
    faq.save()
    answer = urgent_faq_answer(polish, faq_pages=FAQIndexPage.objects.all())
    assert answer.question == "Co robić, gdy rano nikogo nie ma?"
    assert "01234 567 890" in answer.answer
    assert answer.url == "/pl/faq/#q-co-robic-gdy-rano-nikogo-nie-ma"


def test_no_faq_question_about_transport_not_coming_gives_no_faq_answer(demo, client):
    for faq in FAQIndexPage.objects.all():
        faq.topics = [("topic", topic.value) for topic in faq.topics
                      if not any(is_urgent(q["question"], faq.locale.language_code)
                                 for q in topic.value["questions"])]
        faq.save()
    html = client.get("/search/", {"q": "bus didnt show"}).content.decode()
    assert "data-portal-urgent-faq" not in html
    assert "data-portal-urgent-answer" in html  # the number is still first
