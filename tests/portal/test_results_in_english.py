"""English words searched on the Polish or Arabic site, which finds nothing in that language,
are offered the English site's results: a few titles, marked English, and a link to the
English search for the same words ("Results in English")."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _box(client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    if "data-portal-english-results" not in html:
        return None, html
    return html.split("data-portal-english-results", 1)[1].split("</div>", 1)[0], html


@pytest.mark.parametrize(("prefix", "heading"), [
    ("/pl", "Wyniki po angielsku"), ("/ar", "نتائج باللغة الإنجليزية"),
])
def test_english_words_on_the_polish_or_arabic_site_get_the_english_results(
        demo, client, prefix, heading):
    box, html = _box(client, prefix, "instalments")
    assert box is not None, re.search(r"data-portal-result-count>(.*?)</p>", html, re.S)
    assert heading in box
    assert 'href="/search/?q=instalments" hreflang="en"' in box
    titles = re.findall(r'<a class="govuk-link" href="[^"]+" hreflang="en" lang="en" '
                        r'dir="ltr">([^<]+)</a>', box)
    assert "Questions parents ask" in titles


def test_the_english_link_searches_the_same_words(demo, client):
    box, _ = _box(client, "/ar", "instalments, instalment")
    assert 'href="/search/?q=instalments+instalment"' in box


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "instalments"),  # the English site itself
    ("/ar", "تقسيط غريب"),  # Arabic words
    ("/pl", "xqzvw"),  # no word of any language: the English site has none either
    ("/pl", "taksowka"),  # Polish typed without its letters
    ("/ar", "taxi"),  # found on the Arabic site already (a best answer)
])
def test_no_english_results_are_offered_otherwise(demo, client, prefix, words):
    assert _box(client, prefix, words)[0] is None
