""""Did you mean" in the reader's language: on the Polish and Arabic pages a misspelling is
offered a word of that language, from the pages really translated into it and its jargon
buster, never an English word from an untranslated copy ("apeal" on the Polish page is not
offered "appeals"); English only as the last resort, and then marked English."""

import re
from urllib.parse import quote_plus

import pytest
from wagtail.models import Locale

from portal.models import FAQIndexPage
from portal.selectors import search_vocabulary

pytestmark = pytest.mark.django_db


def _suggestion(client, prefix: str, words: str) -> tuple[str, str] | None:
    """The words offered by "Did you mean", and the link's attributes after its address."""
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    found = re.search(r'data-portal-suggestion>.*?<a class="govuk-link" href="\?q=([^"]*)"'
                      r"([^>]*)>", html, re.S)
    return (found.group(1), found.group(2)) if found else None


@pytest.mark.parametrize(("prefix", "typed", "offered"), [
    # An English word misspelt: the reader's own word for it, from the jargon buster.
    ("/pl", "apeal", "odwołanie"),
    ("/pl", "apeals", "odwołanie"),
    ("/ar", "apeal", "الاستئناف"),
    # A Polish word misspelt, with or without its diacritics.
    ("/pl", "odwołaine", "odwołanie"),
    ("/pl", "odwolaine", "odwołanie"),
    ("/pl", "taksuwka", "taksówka"),
    ("/pl", "skrga", "skarga"),
])
def test_a_misspelling_is_offered_a_word_of_the_readers_language(
        demo, client, prefix, typed, offered):
    found = _suggestion(client, prefix, typed)
    assert found is not None, typed
    assert found[0] == quote_plus(offered)
    assert 'lang="en"' not in found[1]


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_apeal_is_never_offered_appeals_on_a_translated_page(demo, client, prefix):
    html = client.get(f"{prefix}/search/", {"q": "apeal"}).content.decode()
    assert "?q=appeal" not in html


def test_a_polish_word_typed_without_diacritics_needs_no_correction(demo, client):
    html = client.get("/pl/search/", {"q": "odwolanie"}).content.decode()
    assert "data-portal-suggestion" not in html
    assert ">Pytania, które zadają rodzice</a>" in html
    assert "odwołanie" in html.split("Objaśnienia słów", 1)[1]


@pytest.mark.parametrize(("prefix", "typed", "offered"), [
    ("/pl", "texi", "taxi"), ("/ar", "texi", "taxi")])
def test_english_is_the_last_resort_and_marked_english(demo, client, prefix, typed, offered):
    assert _suggestion(client, prefix, typed) == (offered, ' lang="en" dir="ltr"')


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_untranslated_english_copies_give_no_words_to_a_language(demo, code):
    words = search_vocabulary(Locale.objects.get(language_code=code),
                              faq_pages=FAQIndexPage.objects.all()).words
    # Titles of the English pages shown untranslated, and English promoted searches.
    assert not {"appeals", "complaints", "charter", "consultations", "survey", "policies",
                "late", "pass"} & words
    own = {"pl": {"odwołanie", "taksówka", "skarga", "pytania"},
           "ar": {"الاستئناف", "شكوى", "تاكسي", "أسئلة"}}[code]
    assert own <= words
