# ruff: noqa: F811 - the fixtures imported from test_write_up
"""While some written answers are not coded yet, nobody reads the coded ones as everyone's
(h15z F2): the "What people told us" draft says how many people wrote an answer and how
many of those have been coded; the officer is told on the send screen how many are not
coded (sending is not blocked: a large consultation may never be coded to the last answer),
and the forum reads plainly, in its language, how many answers its figures leave out."""

from __future__ import annotations

import pytest

from analysis import selectors, writeup_selectors, writeup_services
from analysis.writeup import ThemeSummary, draft, draft_words
from consultations.models import ConsultationResponse
from tests.analysis.test_write_up import _agree, coded  # noqa: F401 - a fixture
from tests.surveys.conftest import survey, survey_index  # noqa: F401

THEMES = [ThemeSummary("1", "Late buses", 120, 203)]


# --- the rule, without a database ------------------------------------------------------------


def test_the_draft_says_how_many_wrote_an_answer_and_how_many_are_coded():
    intro, _findings = draft(THEMES, base=203, minimum=10, answered=309)
    assert intro.startswith("309 people wrote an answer. 203 of them have been coded so far")
    assert "We read every written answer" not in intro
    assert "203 people wrote one" not in intro


@pytest.mark.parametrize("answered", [None, 203])
def test_with_every_answer_coded_the_draft_reads_as_before(answered):
    intro, _findings = draft(THEMES, base=203, minimum=10, answered=answered)
    assert intro.startswith("We read every written answer: 203 people wrote one.")


def test_a_coded_count_held_back_stays_held_back_beside_the_people_who_wrote():
    intro, _findings = draft(THEMES, base=None, minimum=10, answered=40)
    assert intro.startswith("40 people wrote an answer. How many of them have been coded so "
                            "far is held back.")
    intro, _findings = draft(THEMES, base=None, minimum=10, answered=7)
    assert "7" not in intro and "some are still to be coded" in intro


def test_the_new_sentences_are_the_councils_own_words():
    intro, _findings = draft(THEMES, base=203, minimum=10, answered=309)
    words = intro
    for sentence in sorted(draft_words(10), key=len, reverse=True):
        words = words.replace(sentence, "")
    assert set(words.split()) <= {"309", "203", "203;"}


# --- the draft, the send screen and the forum's page -------------------------------------------


@pytest.fixture
def uncoded(frame, coded, consultation):
    """Fifteen more written answers, none of them coded."""
    return ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=consultation, respondent_type="Parent",
                             reference=f"U{n:07d}",
                             answers={frame.question_id: f"The bus was late again, week {n}"})
        for n in range(15)])


def _page(client, consultation, prefix=""):
    return client.get(f"{prefix}/forum/analysis/consultations/{consultation.pk}/"
                      ).content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
def test_the_draft_the_officer_and_the_forum_all_say_how_many_are_not_coded(
        client, frame, coded, uncoded, consultation, officer, forum_rep):
    written = len(coded) + len(uncoded)
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    assert f"{written} people wrote an answer. {len(coded)} of them have been coded so far" \
        in write_up.text
    assert f"{len(coded)} people wrote one" not in write_up.text
    client.force_login(officer)
    html = _page(client, consultation)
    assert 'id="uncoded-before-send"' in html
    assert "15 written answers are not coded yet. You can still send the analysis" in html
    assert 'aria-describedby="uncoded-before-send"' in html
    # Sending is not refused for it.
    writeup_services.write_up_send(write_up=write_up, user=officer)
    client.force_login(forum_rep)
    html = _page(client, consultation)
    assert (f"{written} people wrote an answer: 15 answers are not coded yet, so they are not "
            "counted in the figures below.") in html
    assert "uncoded-before-send" not in html
    assert "15 odpowiedzi nie jest jeszcze zakodowanych" in _page(client, consultation, "/pl")
    assert "لم تُرمَّز بعد" in _page(client, consultation, "/ar")


@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
def test_with_every_answer_coded_nothing_is_said(client, frame, coded, consultation, officer,
                                                forum_rep):
    _agree(frame, officer, forum_rep)
    writeup_services.write_up_generate(consultation=consultation, user=officer)
    client.force_login(officer)
    html = _page(client, consultation)
    assert "not coded yet" not in html and "uncoded-before-send" not in html


@pytest.mark.django_db
def test_how_many_are_coded_is_read_in_two_queries_whatever_the_answers(
        frame, coded, uncoded, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert selectors.coding_progress(frame) == (len(coded) + len(uncoded), len(coded))
    with django_assert_max_num_queries(2):
        assert writeup_selectors.not_counted(frame, len(coded)) == {
            "written": 95, "uncoded": 15, "not_counted": 15}
