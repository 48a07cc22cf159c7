"""An urgent search leads with the FAQ's own urgent answer and its number to tap; an officer's
promoted link to the same FAQ page is not listed a second time, but the words the officer
wrote for it are kept, shown with that answer, in the reader's language."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from portal.demo import search as demo_search
from portal.models import FAQIndexPage

pytestmark = pytest.mark.django_db


def _box(client, prefix: str, words: str) -> str:
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    return main.split("data-portal-promotions", 1)[1].split("</ul>", 1)[0]


def _first_answer(box: str) -> str:
    return box.split("<li>", 2)[1].split("</li>", 1)[0]


@pytest.mark.parametrize(("prefix", "words", "description"), [
    ("", "taxi late", demo_search.URGENT),
    ("", "driver not turned up", demo_search.URGENT),
    ("/pl", "taksówka spóźniona", demo_search.URGENT_PL),
    ("/ar", "التاكسي تأخر", demo_search.URGENT_AR),
])
def test_the_officers_words_are_shown_with_the_faq_answer(demo, client, prefix, words,
                                                         description):
    box = _box(client, prefix, words)
    first = _first_answer(box)
    assert "data-portal-urgent-faq" in first
    assert 'href="tel:+441234567890"' in first
    kept = first.split("data-portal-officers-words", 1)[1].split("</p>", 1)[0]
    assert description.replace("'", "&#x27;") in kept, kept
    # The officer's link to the FAQ page is not listed again.
    faq = FAQIndexPage.objects.get(locale__language_code=prefix.strip("/") or "en-gb")
    assert box.count(f'href="{faq.url}"') == 0
    assert box.count(f'href="{faq.url}#') == 1


def test_officers_words_in_another_language_carry_their_language(demo, client):
    """The reader's language first: on the English page "taxi late" keeps the English
    words; an Arabic description promoted alone for the words is marked Arabic."""
    english = Locale.objects.get(language_code="en-gb")
    faq = FAQIndexPage.objects.get(locale=english)
    SearchPromotion.objects.filter(page=faq).delete()
    SearchPromotion.objects.create(query=Query.get("taxi late"), page=faq,
                                   description=demo_search.URGENT_AR)
    first = _first_answer(_box(client, "", "taxi late"))
    kept = first.split("data-portal-officers-words", 1)[1].split("</p>", 1)[0]
    assert kept.startswith(' lang="ar" dir="rtl">'), kept


def test_without_an_officers_link_the_answer_stands_alone(demo, client):
    SearchPromotion.objects.filter(page__in=FAQIndexPage.objects.all()).delete()
    first = _first_answer(_box(client, "", "taxi late"))
    assert "data-portal-urgent-faq" in first
    assert "data-portal-officers-words" not in first
    assert 'href="tel:+441234567890"' in first
