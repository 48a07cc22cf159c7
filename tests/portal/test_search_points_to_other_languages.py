"""A search typed in another language than the site's is pointed to where its words are.
Review F6: Arabic or Polish words searched on the English site get a link to the same search
on the Arabic or Polish site, in that language and marked so. Review F8: English words on the
Polish or Arabic site that find only untranslated English copies (surveys not yet translated)
or a few pages are also offered the English site's results."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _html(client, prefix, words):
    return client.get(f"{prefix}/search/", {"q": words}).content.decode()


def _other_language_link(html):
    found = re.search(r"data-portal-other-language-search>(.*?)</p>", html, re.S)
    return found.group(1) if found else None


@pytest.mark.parametrize(("words", "href", "marks", "label"), [
    ("كرسي متحرك", "/ar/search/?q=%D9%83%D8%B1%D8%B3%D9%8A+%D9%85%D8%AA%D8%AD%D8%B1%D9%83",
     'hreflang="ar" lang="ar" dir="rtl"', "ابحث بالعربية"),
    ("taksówka", "/pl/search/?q=taks%C3%B3wka", 'hreflang="pl" lang="pl" dir="ltr"',
     "Szukaj po polsku"),
    ("taksowka", "/pl/search/?q=taksowka", 'hreflang="pl" lang="pl" dir="ltr"',
     "Szukaj po polsku"),
])
def test_arabic_or_polish_on_the_english_site_links_to_that_sites_search(
        demo, client, words, href, marks, label):
    link = _other_language_link(_html(client, "", words))
    assert link is not None
    assert f'href="{href}" {marks}>{label}</a>' in link
    # The link's page searches the same words in that language.
    assert client.get(href).status_code == 200


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "taxi late"), ("", "bus pass"), ("/ar", "كرسي متحرك"), ("/pl", "taksówka"),
])
def test_no_other_language_link_for_the_sites_own_language(demo, client, prefix, words):
    assert _other_language_link(_html(client, prefix, words)) is None


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_untranslated_english_copies_are_not_results_in_that_language(demo, client, prefix):
    # "survey" finds only the surveys not yet translated, shown in English.
    html = _html(client, prefix, "survey")
    assert "data-portal-english-results" in html
    box = html.split("data-portal-english-results", 1)[1].split("</div>", 1)[0]
    assert 'href="/search/?q=survey" hreflang="en"' in box


def test_the_pointer_says_nothing_or_few_in_the_readers_language(demo, client):
    html = _html(client, "/pl", "instalments")
    assert "data-portal-english-results" in html
    assert "Żadna strona w Twoim języku" in html
    html = _html(client, "/pl", "survey")
    assert "Niewiele stron w Twoim języku zawiera te słowa" in html
