"""The count above the search results is the number of things the page lists: the pages
found, the officers' best answers and the words explained, in the plural form the reader's
language uses."""

import re

import pytest
from django.core.paginator import Paginator
from django.utils import translation

from portal.views import result_count, results_place

pytestmark = pytest.mark.django_db


def _listed(html: str) -> int:
    """The items the results page lists: best answers, words explained, pages found."""
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    promotions = main.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0].count(
        "<li>") if "data-portal-promotions" in main else 0
    terms = main.count('<dt class="govuk-heading-s"')
    more = main.split("data-portal-more-terms", 1)[1].split("</p>", 1)[0].count(
        "<a ") if "data-portal-more-terms" in main else 0
    return promotions + terms + more + main.count('class="portal-results__item"')


def _count_line(html: str) -> str:
    line = html.split("data-portal-result-count>", 1)[1].split("</p>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", "", line).split())


def _number(line: str) -> int:
    return int(re.search(r"\d+", line).group()) if re.search(r"\d+", line) else 0


@pytest.mark.parametrize(("prefix", "words", "said"), [
    ("", "EHCP", "4 results for “EHCP” (1 best answer, 1 word explained, 2 pages)"),
    # One page, a best answer and a word explained: not "1 wynik" above three things.
    ("/pl", "taksowka",
     "3 wyniki dla „taksowka” (1 najlepsza odpowiedź, 1 objaśnione słowo, 1 strona)"),
    # Survey copies are found by their questions and actions too ("bus pass", "bus firms");
    # those not yet translated are counted apart, as English.
    ("/pl", "bus", "2 wyniki dla „bus” i 6 stron po angielsku, jeszcze nieprzetłumaczonych"),
    # Only a word explained: a count, not "Answers for".
    ("/ar", "وثيقة قانونية", "نتيجة واحدة عن «وثيقة قانونية»"),
    # The Arabic FAQ says "احتياجاته الخاصة أو إعاقته", not "SEND". The survey copies are
    # found by their questions and actions too; those not yet translated are counted apart.
    ("/ar", "SEND",
     "نتيجتان عن «SEND» (كلمة مشروحة واحدة، صفحة واحدة)، و5 صفحات بالإنجليزية لم تُترجم بعد"),
])
def test_the_count_a_reader_sees_is_the_number_of_things_listed(demo, client, prefix, words,
                                                                 said):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    assert _count_line(html) == said
    own = {"نتيجة": 1, "نتيجتان": 2}.get(said.split()[0], _number(said))
    apart = re.search(r"(\d+) (?:stron\w* po angielsku|صفحات بالإنجليزية)", said)
    assert _listed(html) == own + (int(apart.group(1)) if apart else 0)


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "taxi late"), ("", "appeal"), ("", "bus pass"), ("/pl", "taksówka spóźniona"),
    ("/pl", "EHCP"), ("/ar", "تاكسي"), ("/ar", "EHCP"), ("/ar", "SENCO"),
])
def test_every_search_that_lists_something_counts_it(demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    listed, line = _listed(html), _count_line(html)
    assert listed and line, words
    if _number(line) or listed > 2:  # Arabic says one and two in words
        assert _number(line) == listed, (words, line)


@pytest.mark.parametrize(("language", "counts", "said"), [
    ("en-gb", (1, 2, 0), "3 results for “x” (2 best answers, 1 page)"),
    ("en-gb", (1, 0, 0), "1 result for “x”"),
    ("pl", (1, 0, 0), "1 wynik dla „x”"),
    ("pl", (1, 2, 0), "3 wyniki dla „x” (2 najlepsze odpowiedzi, 1 strona)"),
    ("pl", (1, 1, 2), "4 wyniki dla „x” (1 najlepsza odpowiedź, 2 objaśnione słowa, 1 strona)"),
    ("pl", (3, 1, 1), "5 wyników dla „x” (1 najlepsza odpowiedź, 1 objaśnione słowo, 3 strony)"),
    ("pl", (12, 0, 0), "12 wyników dla „x”"),
    ("pl", (22, 0, 0), "22 wyniki dla „x”"),
    ("ar", (0, 0, 1), "نتيجة واحدة عن «x»"),
    ("ar", (0, 0, 2), "نتيجتان عن «x»"),
    ("ar", (1, 0, 2), "3 نتائج عن «x» (كلمتان مشروحتان، صفحة واحدة)"),
    ("ar", (11, 0, 0), "11 نتيجة عن «x»"),
])
def test_the_count_takes_the_languages_plural_form(language, counts, said):
    pages, promotions, terms = counts
    with translation.override(language):
        line, kinds = result_count("x", pages=pages, promotions=promotions, terms=terms)
    line = re.sub(r"<[^>]+>", "", line)
    assert (f"{line} ({kinds})" if kinds else line) == said


@pytest.mark.parametrize(("prefix", "words"), [("", "school"), ("", "child"), ("/pl", "dziecko"),
                                               ("/ar", "المدرسة")])
def test_every_word_explained_that_matches_is_listed_and_counted(demo, client, prefix, words):
    """More than the five shown in full are named, each a link to its jargon buster entry."""
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    if "data-portal-more-terms" in main:
        more = main.split("data-portal-more-terms", 1)[1].split("</p>", 1)[0]
        assert re.search(r'href="/(pl/|ar/)?jargon-buster/#[\w-]+"', more)
        assert main.count('<dt class="govuk-heading-s"') == 5
    elif words == "school":
        pytest.fail("“school” matches more than five words explained in the demo")
    line = _count_line(html)
    terms = main.count('<dt class="govuk-heading-s"') + (main.split(
        "data-portal-more-terms", 1)[1].split("</p>", 1)[0].count("<a ")
        if "data-portal-more-terms" in main else 0)
    if not prefix:
        assert f"({terms} words explained" in line
    if "page=2" not in main and (_number(line) or _listed(html) > 2):
        assert _number(line) == _listed(html)


def test_school_names_the_three_words_past_the_five_shown(demo, client):
    html = client.get("/search/", {"q": "school"}).content.decode()
    more = html.split("data-portal-more-terms>", 1)[1].split("</p>", 1)[0]
    assert " more words that match, in the jargon buster:" in more
    assert 'href="/jargon-buster/#' in more


@pytest.mark.parametrize(("prefix", "words", "place"), [
    ("", "school", r"page 2 of 2: pages 11 to (\d+) of the (\d+) found"),
    # The Polish copies of English pages: "we" is on twelve of them.
    ("/pl", "we", r"strona 2 z 2: strony od 11 do (\d+) z (\d+) znalezionych"),
])
def test_a_later_results_page_says_what_it_lists(demo, client, prefix, words, place):
    first = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    if "?page=2" not in first and "page=2" not in first:
        pytest.skip(f"{words!r} fits on one results page in the demo")
    html = client.get(f"{prefix}/search/", {"q": words, "page": 2}).content.decode()
    line = _count_line(html)
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    listed = main.count('class="portal-results__item"')
    # The total is the same on every page; the breakdown of page 1 is not repeated.
    assert line.split(" · ")[0] == _count_line(first).split(" (")[0]
    assert "(" not in line
    assert "data-portal-promotions" not in main and '<dt class="govuk-heading-s"' not in main
    found = re.search(place, line)
    assert found, line
    assert int(found.group(1)) == 10 + listed
    assert int(found.group(2)) == 10 + listed


@pytest.mark.parametrize(("language", "said"), [
    ("en-gb", "page 2 of 2: pages 11 to 12 of the 12 found"),
    ("pl", "strona 2 z 2: strony od 11 do 12 z 12 znalezionych"),
    ("ar", "الصفحة 2 من 2: الصفحتان 11 و12 من أصل 12"),
])
def test_the_place_among_results_pages_is_in_the_readers_language(language, said):
    paginator = Paginator(list(range(12)), 10)
    with translation.override(language):
        assert results_place(paginator.page(2)) == said


def test_a_last_page_of_one_result_says_page_not_pages():
    paginator = Paginator(list(range(11)), 10)
    with translation.override("en-gb"):
        assert results_place(paginator.page(2)) == "page 2 of 2: page 11 of the 11 found"
