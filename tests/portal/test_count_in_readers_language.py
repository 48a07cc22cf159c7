"""On the Polish and Arabic sites the count above the results says how many are in the
reader's language, as the list marks them: English copies not yet translated are listed,
marked English, and counted apart ("…, and 5 pages in English not yet translated"). "Results
in English" is offered by the same count."""

import re

import pytest
from django.utils import translation

from portal.views import result_count, untranslated_count

pytestmark = pytest.mark.django_db


def _main(html):
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def _count_line(html):
    line = html.split("data-portal-result-count>", 1)[1].split("</p>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", "", line).split())


def _listed(html):
    """What the results page lists: (best answers, words explained, pages in the reader's
    language, pages marked English)."""
    main = _main(html)
    promotions = main.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0].count(
        "<li>") if "data-portal-promotions" in main else 0
    terms = main.count('<dt class="govuk-heading-s"')
    more = main.split("data-portal-more-terms", 1)[1].split("</p>", 1)[0].count(
        "<a ") if "data-portal-more-terms" in main else 0
    heads = re.findall(r'<h2 class="govuk-heading-m"><a class="govuk-link" href="[^"]+"([^>]*)>',
                       main.split('class="govuk-list portal-results"', 1)[1])
    english = sum('lang="en"' in attrs for attrs in heads)
    return promotions, terms + more, len(heads) - english, english


@pytest.mark.parametrize(("prefix", "words"), [
    ("/pl", "bus"), ("/pl", "transport"), ("/ar", "SEND"), ("/ar", "transport"),
])
def test_the_count_is_what_is_in_the_readers_language_and_english_copies_apart(
        demo, client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    promotions, terms, pages, english = _listed(html)
    assert english, "the demo lists an untranslated copy for these words"
    with translation.override(prefix.strip("/")):
        line, kinds = result_count(words, pages=pages, promotions=promotions, terms=terms)
        apart = untranslated_count(english)
    expected = re.sub(r"<[^>]+>", "", line) + (f" ({kinds})" if kinds else "") + apart
    assert _count_line(html) == " ".join(expected.split())


@pytest.mark.parametrize(("language", "pages", "said"), [
    ("pl", 1, " i 1 strona po angielsku, jeszcze nieprzetłumaczona"),
    ("pl", 5, " i 5 stron po angielsku, jeszcze nieprzetłumaczonych"),
    ("pl", 3, " i 3 strony po angielsku, jeszcze nieprzetłumaczone"),
    ("ar", 2, "، وصفحتان بالإنجليزية لم تُترجما بعد"),
    ("ar", 5, "، و5 صفحات بالإنجليزية لم تُترجم بعد"),
    ("en-gb", 0, ""),
])
def test_the_english_copies_are_counted_in_the_readers_plural_form(language, pages, said):
    with translation.override(language):
        assert untranslated_count(pages) == said


def test_the_english_site_counts_everything_it_lists(demo, client):
    html = client.get("/search/", {"q": "transport"}).content.decode()
    assert "not yet translated" not in _count_line(html)
    promotions, terms, pages, english = _listed(html)
    said = int(re.search(r"\d+", _count_line(html)).group())
    assert english == 0 and said == promotions + terms + pages


def _best_answers(html):
    """The best answers' links: (in the reader's language, marked English)."""
    main = _main(html)
    if "data-portal-promotions" not in main:
        return 0, 0
    box = main.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]
    links = re.findall(r"<li><a ([^>]*)>", box)
    english = sum('lang="en" dir="ltr"' in attrs for attrs in links)
    return len(links) - english, english


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_a_best_answer_from_an_untranslated_faq_is_counted_as_english(
        untranslated_faq, client, prefix):
    """Review h13w 2: the urgent best answer from the FAQ not yet translated is marked
    English and counted with the English copies, not as the reader's language."""
    html = client.get(f"{prefix}/search/", {"q": "taxi late"}).content.decode()
    readers, english_answers = _best_answers(html)
    assert (readers, english_answers) == (0, 1)
    _promotions, terms, pages, english = _listed(html)
    with translation.override(prefix.strip("/")):
        line, kinds = result_count("taxi late", pages=pages, promotions=readers, terms=terms)
        apart = untranslated_count(english + english_answers)
    expected = re.sub(r"<[^>]+>", "", line) + (f" ({kinds})" if kinds else "") + apart
    assert _count_line(html) == " ".join(expected.split())


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_a_promoted_untranslated_page_is_counted_as_english(demo, client, prefix):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from surveys.models import SurveyPage

    # The demo's 2025 survey is not translated: /pl/ and /ar/ show it in English.
    survey = SurveyPage.objects.get(locale__language_code="en-gb", slug="2025")
    SearchPromotion.objects.create(query=Query.get("zzqx"), page=survey, description="")
    html = client.get(f"{prefix}/search/", {"q": "zzqx"}).content.decode()
    assert _best_answers(html) == (0, 1)
    with translation.override(prefix.strip("/")):
        line, _kinds = result_count("zzqx", pages=0, promotions=0, terms=0)
        apart = untranslated_count(1)
    assert _count_line(html) == " ".join((re.sub(r"<[^>]+>", "", line) + apart).split())
