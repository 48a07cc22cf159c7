"""The coding screen's search finds Polish and Arabic answers by their own words: the query
is stemmed in the language filter's language when one is chosen, and otherwise read in
each language (English, Polish, Arabic), as a few typed words cannot tell their language
(bk15i F8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from analysis import demo, selectors
from consultations.models import ConsultationResponse
from tests.analysis.conftest import free_text_id

pytestmark = pytest.mark.usefixtures("term_day")


def _demo(start: str):
    return next(a for a in demo.answers() if a.text.startswith(start))


# The demo's answers the reviewer searched for, with an English and an Arabic one beside them.
TELEFON = "Nikt nie odbiera telefonu"
SCIEZKA = "Ścieżka przez park"
SYN = "Syn jest autystyczny"


@pytest.fixture
def answers(consultation, officer):
    question = free_text_id(consultation)
    texts = [_demo(TELEFON), _demo(SCIEZKA), _demo(SYN),
             next(a for a in demo.answers() if "bridge" in a.text.lower()),
             next(a for a in demo.answers() if "مدرس" in a.text)]
    return {a.text[:20]: ConsultationResponse.objects.create(
        consultation=consultation, respondent_type=a.respondent_type, channel="online",
        reference=f"R{n:07d}", answers={question: a.text}).reference
        for n, a in enumerate(texts)}


def _found(client, frame, **params):
    response = client.get(reverse("analysis_code",
                                  args=[frame.consultation_id, frame.question_id]), params)
    assert response.status_code == 200
    return {r.reference for r in response.context["rows"]}


@pytest.mark.parametrize(("query", "start"), [
    ("telefonu", TELEFON), ("telefon", TELEFON), ("Nikt nie odbiera telefonu", TELEFON),
    ("Ścieżka", SCIEZKA), ("sciezka", SCIEZKA), ("ŚCIEŻKI", SCIEZKA),
    ("autystyczny", SYN), ("kierowcy", SYN), ("kierowca", SYN),
])
def test_an_officer_finds_a_polish_answer_by_its_words_with_or_without_the_language_filter(
        client, login_as, frame, answers, query, start):
    login_as("officer")
    wanted = {answers[_demo(start).text[:20]]}
    assert _found(client, frame, q=query) == wanted
    assert _found(client, frame, q=query, language="pl") == wanted
    # Filtered to another language, the Polish answer is not among them.
    assert _found(client, frame, q=query, language="en") == set()


def test_english_and_arabic_searches_still_find_their_answers(client, login_as, frame, answers):
    login_as("officer")
    bridge = next(ref for start, ref in answers.items() if "bridge" in
                  next(a.text for a in demo.answers() if a.text.startswith(start)).lower())
    assert bridge in _found(client, frame, q="bridges")
    assert _found(client, frame, q="bridges", language="en") == {bridge}
    arabic = _found(client, frame, q="مدرسه")
    assert arabic and arabic == _found(client, frame, q="مدرسه", language="ar")


def test_a_query_is_read_in_the_filters_language_or_in_each():
    assert selectors.query_stems("  ") == []
    assert selectors.query_stems("telefonu", "pl") == [{"telefon"}]
    readings = selectors.query_stems("telefonu")
    assert {"telefon"} in readings and len(readings) >= 2
    # An unknown language filter is read as none chosen.
    assert selectors.query_stems("telefonu", "xx") == readings


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_only_officers_can_search_the_answers(client, login_as, frame, answers, role):
    if role != "anonymous":
        login_as(role)
    response = client.get(reverse("analysis_code",
                                  args=[frame.consultation_id, frame.question_id]),
                          {"q": "telefonu"})
    assert response.status_code in (302, 403)
    assert TELEFON not in response.content.decode()
