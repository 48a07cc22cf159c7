"""Search forgives the way families type, in English, Polish and Arabic: a best answer an
officer wrote in the reader's language is read in the reader's voice; the everyday word
("الباص", the bus; "الطعن", appeal; "kosztuje", costs) finds the pages using the written one;
a question typed as a question ("how much does it cost", "ile kosztuje") finds the pages about
it; and when no page holds every word, the pages holding some are listed, and the page says
so."""

import re

import pytest

from portal.search_text import is_urgent, without_question_words

pytestmark = pytest.mark.django_db

TEL = 'href="tel:+441234567890"'
TRAVEL_AR = "المساعدة في التنقل للأطفال ذوي الاحتياجات التعليمية الخاصة والإعاقات"


def _main(html: str) -> str:
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def _search(client, prefix: str, words: str) -> str:
    return _main(client.get(f"{prefix}/search/", {"q": words}).content.decode())


def _paragraph_with(html: str, words: str) -> str:
    """The opening tag of the paragraph holding ``words``."""
    return re.findall(r"<p[^>]*>[^<]*$", html.split(words, 1)[0])[-1]


@pytest.mark.parametrize(("prefix", "typed", "said"), [
    # An urgent search: the FAQ's own answer, in the reader's language.
    ("/pl", "taksówka", "Od razu zadzwoń do zespołu transportu"),
    ("/pl", "skarga", "Nie jesteś zadowolony"),
    ("/ar", "تاكسي", "اتصل بفريق المواصلات فوراً"),
    ("/ar", "الشكاوى", "لست راضياً"),
])
def test_a_best_answer_in_the_readers_language_is_read_in_the_readers_voice(
        demo, client, prefix, typed, said):
    main = _search(client, prefix, typed)
    box = main.split("data-portal-promotions", 1)[1]
    assert said in box
    assert 'lang="en"' not in _paragraph_with(box, said)


def test_an_english_best_answer_on_the_polish_page_is_still_marked_english(demo, client):
    # "complaint" is promoted with an English answer only.
    box = _search(client, "/pl", "complaint").split("data-portal-promotions", 1)[1]
    assert 'lang="en" dir="ltr"' in _paragraph_with(box, "Not happy with how we dealt")


@pytest.mark.parametrize("typed", ["الباص", "باص", "تذكرة الباص", "باصات المدرسة"])
def test_the_everyday_arabic_word_for_the_bus_finds_the_bus_pages(demo, client, typed):
    main = _search(client, "/ar", typed)
    assert f">{TRAVEL_AR}</a>" in main, typed
    assert "لا توجد نتائج" not in main


@pytest.mark.parametrize("typed", ["الطعن", "طعن", "كيف اقدم طعن"])
def test_the_arabic_search_pages_own_example_finds_what_the_appeal_word_finds(demo, client, typed):
    main = _search(client, "/ar", typed)
    assert main.count('href="/ar/faq/"') == 1, typed  # a result, not the empty page's help
    assert "portal-results__item" in main
    assert "لا توجد نتائج" not in main


@pytest.mark.parametrize(("words", "language"), [
    ("autobus się spóźnił", "pl"), ("autobus sie spoznil", "pl"),
    ("taksówka się spóźniła", "pl"), ("nie było autobusu", "pl"), ("nie bylo busa", "pl"),
    ("nie przyjechał autobus", "pl"), ("nie przyjechal autobus", "pl"),
    ("الباص مجاش", "ar"), ("الباص ماجا", "ar"), ("الباص ما اجاش", "ar"),
    ("الحافله ماوصلت", "ar"), ("ما في باص", "ar"), ("لا يوجد باص", "ar"),
    ("مافي باص اليوم", "ar"),
])
def test_the_bus_was_late_or_never_came_is_urgent_as_families_say_it(words, language):
    assert is_urgent(words, language), words


@pytest.mark.parametrize(("words", "language"), [
    ("ile kosztuje", "pl"), ("autobus", "pl"), ("ما هي الحافلة", "ar"), ("تذكرة الباص", "ar"),
    ("كم سعر التذكرة", "ar"),
])
def test_everyday_questions_are_not_urgent(words, language):
    assert not is_urgent(words, language), words


@pytest.mark.parametrize(("prefix", "words"), [
    ("/pl", "autobus się spóźnił"), ("/pl", "nie było autobusu"),
    ("/ar", "الباص مجاش"), ("/ar", "لا يوجد باص"),
])
def test_the_bus_was_late_gets_the_tappable_number_first(demo, client, prefix, words):
    main = _search(client, prefix, words)
    box = main.split("data-portal-urgent-answer", 1)[1].split("</div>", 1)[0]
    assert TEL in box


@pytest.mark.parametrize(("words", "language", "left"), [
    ("how much does it cost", "en-gb", "cost"),
    ("how do i appeal", "en-gb", "appeal"),
    ("ile kosztuje", "pl", "kosztuje"),
    ("Ile trzeba płacić?", "pl", "płacić"),
    ("jak złożyć skargę", "pl", "złożyć skargę"),
    ("كم سعر تذكرة الباص", "ar", "سعر تذكرة الباص"),
    ("كيف اقدم شكوى", "ar", "اقدم شكوى"),
    ("how", "en-gb", "how"),
    ("taxi not turned up", "en-gb", "taxi not turned up"),
])
def test_question_words_are_not_searched_for(words, language, left):
    assert without_question_words(words, language) == left


@pytest.mark.parametrize(("prefix", "words", "finds"), [
    ("", "how much does it cost", 'href="/faq/"'),
    ("", "how do i appeal", 'href="/policies/appeals-and-complaints/"'),
    ("/pl", "ile kosztuje", 'href="/pl/faq/"'),
    ("/pl", "ile trzeba placic", 'href="/pl/faq/"'),
    ("/ar", "كيف اقدم شكوى", 'href="/ar/faq/"'),
])
def test_a_question_typed_as_a_question_finds_the_pages_about_it(demo, client, prefix, words,
                                                                  finds):
    main = _search(client, prefix, words)
    assert finds in main.split('class="govuk-list portal-results"', 1)[1], words


@pytest.mark.parametrize(("prefix", "words", "said"), [
    ("", "appeal zebra", "No page has all your words; these have some of them."),
    ("/pl", "odwołanie zebra", "Żadna strona nie zawiera wszystkich wpisanych słów"),
    ("/ar", "الاستئناف زرافة", "لا توجد صفحة تحتوي على كل كلماتك"),
])
def test_when_no_page_has_every_word_the_pages_with_some_are_listed_and_said_so(
        demo, client, prefix, words, said):
    main = _search(client, prefix, words)
    assert said in main
    assert "portal-results__item" in main


def test_a_search_whose_words_are_all_found_says_nothing_of_some_words(demo, client):
    main = _search(client, "", "appeal")
    assert "data-portal-some-words" not in main


@pytest.mark.parametrize(("typed", "meant"), [("texi", "taxi"), ("compliant", "complaint")])
def test_a_slip_of_the_thumb_that_finds_nothing_gets_a_suggestion(demo, client, typed, meant):
    main = _search(client, "", typed)
    suggestion = main.split("data-portal-suggestion", 1)[1].split("</p>", 1)[0]
    assert f">{meant}</a></bdi>?" in suggestion
