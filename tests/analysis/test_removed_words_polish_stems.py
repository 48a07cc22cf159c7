# ruff: noqa: F811 - the fixtures imported from test_write_up
"""A removed Polish name goes in the forms whose stem changes (issue 15, F2): the family's
plural ("Kowalski": "Państwo Kowalscy"; "Zieliński": "Zielińscy") and a name that loses its
mobile "e" ("Marek": "Markiem", "Marka"; "Paweł": "Pawła", "Pawłowi"; "Tomek", "Jacek",
"Wojtek"), the changed forms only written with a capital ("marka", a brand, stays), and no
other word goes.
The officer is told, in their language, to remove any other form the quote still shows."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.writeup import _MOBILE_E_ENDINGS, REMOVED, redact, remove_phrases
from tests.analysis.test_quote_removal_reason_beside_log import _quoted
from tests.analysis.test_write_up import coded  # noqa: F401 - a fixture
from tests.surveys.conftest import survey, survey_index  # noqa: F401

GONE = [
    ("Kowalski", "Państwo Kowalscy przyszli."), ("Zieliński", "Zielińscy mówią."),
    ("Zieliński", "Zielinscy mówią."), ("Nowicki", "Nowiccy dzwonili."),
    ("Zawadzki", "Zawadzcy dzwonili."), ("Kowalska", "Państwo Kowalscy."),
    ("Marek", "Rozmawiałam z Markiem."), ("Marek", "Nie ma Marka."),
    ("Marek", "Daliśmy Markowi."), ("Paweł", "Dla Pawła."), ("Paweł", "Daliśmy Pawłowi."),
    ("Paweł", "Z Pawłem."), ("Paweł", "O Pawle."), ("Pawel", "Dla Pawla."),
    ("Tomek", "Nie ma Tomka."), ("Jacek", "Od Jacka."), ("Wojtek", "Z Wojtkiem."),
    ("Jan Kowalski", "Jan-Kowalscy."),
]


@pytest.mark.parametrize(("removed", "typed"), GONE)
def test_the_form_with_its_changed_stem_goes(removed, typed):
    text, n = remove_phrases(typed, [removed])
    assert n == 1 and REMOVED in text
    before, after = text.split(REMOVED)
    assert typed.startswith(before) and typed.endswith(after)
    assert redact(typed, [removed]) == text


@pytest.mark.parametrize(("removed", "text"), [
    ("Marek", "Markus, Marks, Markowski and Market stay."),
    ("Tomek", "Tomkins stays."), ("Jacek", "Jackson stays."),
    ("Kowalski", "Kowalczyk stays."), ("Michael", "Michała stays."),
    ("Daniel", "Danla stays."), ("Olek", "Olka stays."),  # a sentence's first word
    ("Smith", "Smithcy stays."),
])
def test_other_words_stay(removed, text):
    assert remove_phrases(text, [removed]) == (text, 0)


MOBILE = ["Marek", "Paweł", "Tomek", "Jacek", "Wojtek"]
ENDINGS = _MOBILE_E_ENDINGS.strip("(?:)").split("|")


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(MOBILE),
       tail=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6))
def test_the_changed_stem_takes_only_a_case_ending(name, tail):
    # "Mark" + a tail: removed only when the tail is one of the case endings.
    stem = name[:-2] + name[-1]
    word = stem + tail
    gone = remove_phrases(f"Hello {word} there", [name])[1] == 1
    assert gone == (tail in ENDINGS)
    # The changed stem only with a capital: "marka" (a brand) stays.
    assert remove_phrases(f"hello {word.lower()} there", [name])[1] == 0


@settings(max_examples=200, deadline=None)
@given(surname=st.sampled_from(["Kowalski", "Nowicka", "Zawadzki", "Zieliński"]),
       tail=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=0, max_size=5))
def test_the_family_plural_is_only_cy(surname, tail):
    folded = surname.replace("ń", "n")
    word = folded[:-2] + "c" + tail  # "Kowalsc" + a tail
    gone = remove_phrases(f"Hello {word} there", [surname])[1] == 1
    assert gone == (tail == "y")


@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
@pytest.mark.parametrize(("language", "words"), [
    ("en", "If the quote below still shows another form of them"),
    ("pl", "Jeśli cytat poniżej nadal pokazuje inną ich formę"),
    ("ar", "إذا كان الاقتباس أدناه لا يزال يُظهر صيغة أخرى منها"),
])
def test_the_officer_is_told_to_remove_any_other_form_still_shown(
        client, frame, coded, officer, language, words):
    response_id, first = _quoted(frame)
    client.force_login(officer)
    url = reverse("analysis_redact", args=[frame.consultation_id])
    if language != "en":  # English, the site's own, has no prefix
        with translation.override(language):
            url = reverse("analysis_redact", args=[frame.consultation_id])
    page = client.post(url, {"redact-response": response_id, "redact-frame": frame.pk,
                             "redact-words": first, "redact-reason": "Names a child"},
                       follow=True)
    html = page.content.decode()
    assert words in html
    assert REMOVED in html  # the page shows the quote as it now reads
