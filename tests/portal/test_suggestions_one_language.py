""""Did you mean" speaks one language: a suggestion that would put a word of another language
beside the words it offers is not given ("apeal form" on the Polish page is not "odwołanie
form"); the reader then gets a suggestion all in one language, or none."""

import re

import pytest

from portal.search_text import did_you_mean
from portal.text_direction import text_language

pytestmark = pytest.mark.django_db

OFFER = {"appeal": "odwołanie", "appeals": "odwołanie"}


def _english(word: str) -> bool:
    return text_language(word) == "en"


def test_a_word_of_another_language_left_beside_the_offered_one_withholds_it():
    assert did_you_mean("apeal form", OFFER, offer=OFFER) == "odwołanie form"
    assert did_you_mean("apeal form", OFFER, offer=OFFER, foreign=_english) is None


def test_words_of_no_language_and_the_readers_own_are_left_beside_it():
    assert did_you_mean("apeal formularz", OFFER, offer=OFFER, foreign=_english) == (
        "odwołanie formularz")
    assert did_you_mean("apeal", OFFER, offer=OFFER, foreign=_english) == "odwołanie"


def test_nothing_corrected_is_nothing_offered_whatever_the_words():
    assert did_you_mean("form", OFFER, offer=OFFER, foreign=_english) is None


def _suggestion(client, prefix: str, words: str) -> tuple[str, str] | None:
    """The words offered, and their ``lang`` ("" when none), or None."""
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    found = re.search(r'data-portal-suggestion>.*?<a [^>]*?href="[^"]*"([^>]*)>(.*?)</a>',
                      html, re.S)
    if found is None:
        return None
    lang = re.search(r'lang="([^"]+)"', found.group(1))
    return found.group(2), lang.group(1) if lang else ""


@pytest.mark.parametrize("prefix", ["/pl", "/ar"])
def test_apeal_form_is_never_offered_half_translated(demo, client, prefix):
    offered = _suggestion(client, prefix, "apeal form")
    assert offered is None or offered == ("appeal form", "en"), offered


@pytest.mark.parametrize(("prefix", "words", "offered"), [
    ("/pl", "apeal", ("odwołanie", "")),
    ("/ar", "apeal", ("الاستئناف", "")),
    ("", "apeal form", ("appeal form", "")),
])
def test_a_suggestion_in_one_language_is_still_given(demo, client, prefix, words, offered):
    assert _suggestion(client, prefix, words) == offered


@pytest.mark.parametrize(("prefix", "words"), [
    ("", "apeal taksówka"), ("", "apeal الحافلة"), ("/pl", "apeal الحافلة"),
])
def test_the_english_page_mixes_no_polish_or_arabic_into_its_suggestion(demo, client, prefix,
                                                                       words):
    offered = _suggestion(client, prefix, words)
    assert offered is None or all(w not in offered[0] for w in ("taksówka", "الحافلة")), offered


# --- Polish small words beside a slip (issue 13, F4) -------------------------------------------
# "na", "do", "po" (English has "do"; a dictionary lists "mam") left as typed beside a mended
# Polish word are Polish: the Polish "Did you mean" is given, not dropped.


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "offered"), [
    ("wnisoek na", "wniosek na"),
    ("mam wnisoek", "mam wniosek"),
    ("wnisoek po", "wniosek po"),
    ("wnisoek do szkoly", "wniosek do szkoly"),
])
def test_a_polish_slip_beside_a_small_polish_word_is_mended(demo, client, typed, offered):
    found = _suggestion(client, "/pl", typed)
    assert found is not None and found[0] == offered and found[1] in ("", "pl"), found
