"""The words a person searched for, shown back ("Results for …"), carry the language each run
of them is written in: Polish typed without its letters ("taksowka spozniona") is Polish on
every page, and a search mixing scripts ("taxi الباص") marks each run in its own language and
direction, inside one ``<bdi>``."""

import re

import pytest

from portal.text_direction import typed_runs

POLISH = {"taksowka", "spozniona", "kierowca", "przyjechal", "nie"}


def _polish(word):
    return word.lower() in POLISH


@pytest.mark.parametrize(("typed", "runs"), [
    ("taksowka spozniona", [("taksowka spozniona", "pl")]),
    ("kierowca nie przyjechal", [("kierowca nie przyjechal", "pl")]),
    ("taxi الباص", [("taxi", None), (" ", None), ("الباص", "ar")]),
    ("الباص تأخر driver", [("الباص تأخر", "ar"), (" ", None), ("driver", "en")]),
    ("bus didn't come?", [("bus didn't come?", "en")]),
    ("apeal", [("apeal", None)]),
    ("EHCP 2025?", [("EHCP 2025?", None)]),
])
def test_a_search_is_cut_into_runs_of_one_language(typed, runs):
    assert typed_runs(typed, polish=_polish) == runs
    assert "".join(run for run, _ in typed_runs(typed, polish=_polish)) == typed


def test_a_short_latin_word_never_takes_an_arabic_neighbours_language():
    assert typed_runs("late الباص", polish=_polish)[0] == ("late", None)


def _shown(client, prefix, words):
    html = client.get(f"{prefix}/search/", {"q": words}).content.decode()
    line = re.search(r"data-portal-result-count>(.*?)</p>", html, re.S).group(1)
    return re.search(r"(<bdi.*</bdi>)", line).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words", "shown"), [
    ("", "taksowka spozniona", '<bdi lang="pl" dir="ltr">taksowka spozniona</bdi>'),
    ("/ar", "taksowka spozniona", '<bdi lang="pl" dir="ltr">taksowka spozniona</bdi>'),
    ("/pl", "taksowka spozniona", "<bdi>taksowka spozniona</bdi>"),
    ("", "taxi الباص",
     '<bdi><bdi lang="en" dir="ltr">taxi</bdi> <bdi lang="ar" dir="rtl">الباص</bdi></bdi>'),
    ("/ar", "الباص تأخر driver",
     '<bdi><bdi lang="ar" dir="rtl">الباص تأخر</bdi> <bdi lang="en" dir="ltr">driver</bdi>'
     '</bdi>'),
    ("/pl", "kierowca الباص",
     '<bdi><bdi lang="pl" dir="ltr">kierowca</bdi> <bdi lang="ar" dir="rtl">الباص</bdi>'
     '</bdi>'),
    ("/ar", "bus didn't come?", '<bdi lang="en" dir="ltr">bus didn&#x27;t come?</bdi>'),
    ("", "تاكسي", '<bdi lang="ar" dir="rtl">تاكسي</bdi>'),
])
def test_the_words_shown_back_carry_each_runs_language(demo, client, prefix, words, shown):
    assert _shown(client, prefix, words) == shown
