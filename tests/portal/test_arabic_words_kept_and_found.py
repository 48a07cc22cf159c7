"""Arabic searches as families type them: "كرسي متحرك" (wheelchair) is a real phrase and is
not "corrected" into "كرسي مشترك" (review F7); "الباس" (the bus, as many say it) finds the
pages about the bus (review F10), while "لا بأس" (no harm) is not the bus."""

import re

import pytest

from core.normalising import normalise
from portal.search_text import did_you_mean, english_words, vocabulary

SITE = vocabulary(["اشتراك مشترك", "الحافلة", "المواصفات"])


def test_a_word_two_letters_from_a_site_word_is_not_corrected():
    assert did_you_mean("كرسي متحرك", SITE, language="ar") is None
    assert did_you_mean("متحرك", SITE, language="ar") is None
    # One slip of the thumb is still mended.
    assert did_you_mean("حفالة", SITE, language="ar") == "حافلة"


def test_a_small_english_word_is_never_a_slip_for_a_site_word():
    site = vocabulary(["Application form", "School transport"])
    assert did_you_mean("kid not back from school", site, known=english_words()) is None


def test_al_bas_is_the_bus_but_la_bas_is_not():
    assert normalise("الباس", "ar") == normalise("الحافلة", "ar")
    assert normalise("بالباس", "ar") == normalise("بالحافلة", "ar")
    assert normalise("لا بأس", "ar") != normalise("لا حافلة", "ar")


def _page(client, words):
    return client.get("/ar/search/", {"q": words}).content.decode()


def _titles(html):
    return re.findall(r'<h2 class="govuk-heading-m"><a class="govuk-link" href="[^"]*"[^>]*>'
                      r"([^<]*)</a></h2>", html)


@pytest.mark.django_db
def test_al_bas_finds_the_bus_pages_on_the_arabic_site(demo, client):
    found = _titles(_page(client, "الباس"))
    assert found
    assert found == _titles(_page(client, "الباص"))


@pytest.mark.django_db
def test_wheelchair_typed_on_the_arabic_site_is_not_corrected(demo, client):
    html = _page(client, "كرسي متحرك")
    assert "مشترك" not in html
    assert "data-portal-suggestion" not in html
