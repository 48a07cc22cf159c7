""""Did you mean" in Arabic: "حفالة" (two letters of حافلة, bus, swapped) is offered
"حافلة", a word of the Arabic pages' text even where no title or question holds it; and a
word the Arabic pages or jargon buster hold is spelt as the site spells it, so it is never
"corrected", whatever else the search holds."""

import re

import pytest
from wagtail.models import Locale

from portal.models import FAQIndexPage
from portal.search_text import did_you_mean, normalise_word, vocabulary
from portal.selectors import search_vocabulary

SITE = vocabulary(["المواصفات", "الحافلة", "طلب المساعدة"])


def test_a_swapped_pair_of_letters_is_offered_the_site_word_without_its_article():
    assert did_you_mean("حفالة", SITE, language="ar") == "حافلة"
    assert did_you_mean("الحفالة", SITE, language="ar") == "الحافلة"


def test_a_word_the_site_holds_is_never_corrected():
    # "المواصلات" (transport) is one letter off "المواصفات" (specifications), a title word.
    assert did_you_mean("المواصلات", SITE, language="ar") is not None
    held = {normalise_word("المواصلات", "ar")}
    assert did_you_mean("المواصلات", SITE, language="ar", indexed=held) is None
    # Another word beside it is still corrected, and it stays as typed.
    assert did_you_mean("المواصلات حفالة", SITE, language="ar",
                        indexed=held) == "المواصلات حافلة"


def _suggestion(client, words):
    html = client.get("/ar/search/", {"q": words}).content.decode()
    found = re.search(r"data-portal-suggestion>(.*?)</p>", html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else None


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "offered"), [
    ("حفالة", "حافلة"), ("الحفالة", "الحافلة"), ("حفالة المدرسة", "حافلة المدرسة"),
])
def test_hafala_typed_on_the_arabic_site_is_offered_hafila(demo, client, typed, offered):
    assert offered in (_suggestion(client, typed) or "")


@pytest.mark.django_db
def test_no_word_the_arabic_site_holds_is_corrected(demo, client):
    site = search_vocabulary(Locale.objects.get(language_code="ar"),
                             faq_pages=FAQIndexPage.objects.all())
    held = ["الحافلة", "المواصلات", "المسافة", "الاستئناف", "المدرسة", "طفلك",
            "التنقل", "المساعدة", "الإعاقات"]
    missing = [w for w in held if normalise_word(w, "ar") not in site.indexed]
    assert not missing, missing
    for word in held:
        # Beside a word no page holds, so no page holds both and nothing is strict.
        suggestion = _suggestion(client, f"{word} زرقاء")
        assert suggestion is None or word in suggestion.split(), (word, suggestion)
        assert _suggestion(client, word) is None, word
