"""Words typed on a language's own site carry that site's language unless they are clearly of
another: "transport nie" searched on the Polish site is Polish (both words are on its pages,
and English has them too), not marked English; on the Arabic site, Arabic typed with a
number or an acronym is Arabic, and only the Latin words are marked (review bk13i F6)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.text_direction import typed_runs

# Words the Polish pages hold; "transport", "nie", "autobus" and "problem" are English
# dictionary words too.
POLISH = {"transport", "nie", "problem", "taksowka", "kierowca", "przyjechal", "szkoly"}


def _polish(word):
    return word.lower() in POLISH


@pytest.mark.parametrize(("typed", "page", "runs"), [
    ("transport nie", "pl", [("transport nie", "pl")]),
    ("transport nie", "en-gb", [("transport nie", "en")]),
    ("transport", "pl", [("transport", "pl")]),
    ("problem transport", "pl", [("problem transport", "pl")]),
    # A word only English has tells: the words of both go with it.
    ("transport policy", "pl", [("transport policy", "en")]),
    # A Polish word tells, on any site.
    ("transport taksowka", "en-gb", [("transport taksowka", "pl")]),
    ("transport taksowka", "ar", [("transport taksowka", "pl")]),
    ("الباص 2 transport", "ar", [("الباص 2", "ar"), (" ", None), ("transport", "en")]),
])
def test_words_of_both_languages_take_the_sites_language(typed, page, runs):
    assert typed_runs(typed, polish=_polish, page=page) == runs


@given(st.lists(st.sampled_from(["transport", "nie", "problem", "taksowka", "kierowca",
                                 "szkoly", "2"]), min_size=1, max_size=5))
def test_words_the_polish_pages_hold_are_never_english_on_the_polish_site(words):
    runs = typed_runs(" ".join(words), polish=_polish, page="pl")
    assert all(language in ("pl", None) for _run, language in runs), runs


def _shown(client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    line = re.search(r"data-portal-result-count>(.*?)</p>", html, re.S).group(1)
    return re.search(r"(<bdi.*</bdi>)", line).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words", "shown"), [
    ("/pl", "transport nie", "<bdi>transport nie</bdi>"),
    ("/pl", "transport", "<bdi>transport</bdi>"),
    ("/pl", "nie", "<bdi>nie</bdi>"),
    ("/pl", "policy", '<bdi lang="en" dir="ltr">policy</bdi>'),
    ("", "transport nie", "<bdi>transport nie</bdi>"),
    ("/ar", "الباص 2", "<bdi>الباص 2</bdi>"),
    ("/ar", "تاكسي", "<bdi>تاكسي</bdi>"),
    ("/ar", "taksowka nie przyjechala",
     '<bdi lang="pl" dir="ltr">taksowka nie przyjechala</bdi>'),
    ("/ar", "policy", '<bdi lang="en" dir="ltr">policy</bdi>'),
])
def test_the_words_shown_back_carry_the_sites_language_when_they_are_its_own(
        demo, client, prefix, words, shown):
    assert _shown(client, prefix, words) == shown
