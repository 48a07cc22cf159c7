"""The count above the search results is the number of things the page lists: the pages
found, the officers' best answers and the words explained, in the plural form the reader's
language uses."""

import re

import pytest
from django.utils import translation

from portal.views import result_count

pytestmark = pytest.mark.django_db


def _listed(html: str) -> int:
    """The items the results page lists: best answers, words explained, pages found."""
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    promotions = main.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0].count(
        "<li>") if "data-portal-promotions" in main else 0
    terms = main.count('<dt class="govuk-heading-s"')
    return promotions + terms + main.count('class="portal-results__item"')


def _count_line(html: str) -> str:
    line = html.split("data-portal-result-count>", 1)[1].split("</p>", 1)[0]
    return " ".join(line.split())


def _number(line: str) -> int:
    return int(re.search(r"\d+", line).group()) if re.search(r"\d+", line) else 0


@pytest.mark.parametrize(("prefix", "words", "said"), [
    ("", "EHCP", "4 results for “EHCP” (1 best answer, 1 word explained, 2 pages)"),
    # One page, a best answer and a word explained: not "1 wynik" above three things.
    ("/pl", "taksowka",
     "3 wyniki dla „taksowka” (1 najlepsza odpowiedź, 1 objaśnione słowo, 1 strona)"),
    ("/pl", "bus", "6 wyników dla „bus”"),
    # Only a word explained: a count, not "Answers for".
    ("/ar", "وثيقة قانونية", "نتيجة واحدة عن «وثيقة قانونية»"),
    ("/ar", "SEND", "6 نتائج عن «SEND» (كلمة مشروحة واحدة، 5 صفحات)"),
])
def test_the_count_a_reader_sees_is_the_number_of_things_listed(demo, client, prefix, words,
                                                                 said):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    assert _count_line(html) == said
    assert _listed(html) == {"نتيجة": 1}.get(said.split()[0], _number(said))


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
    assert (f"{line} ({kinds})" if kinds else line) == said
