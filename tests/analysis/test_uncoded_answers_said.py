# ruff: noqa: F811 - the fixtures imported from test_write_up
"""While some written answers are not coded yet, nobody reads the coded ones as everyone's
(h15z F2): the "What people told us" draft says how many people wrote an answer and how
many of those have been coded; the officer is told on the send screen how many are not
coded (sending is not blocked: a large consultation may never be coded to the last answer),
and the forum reads plainly, in its language, how many answers its figures leave out."""

from __future__ import annotations

import pytest
from django.utils import timezone

from analysis import selectors, writeup, writeup_selectors, writeup_services
from analysis.models import Coding
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
            "written": 95, "uncoded": 15, "not_counted": 15, "minimum": 10}


# --- the small-number rule holds for the people who wrote too ---------------------------------


def _send(frame, consultation, officer, forum_rep):
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    return write_up


@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
def test_fewer_than_ten_people_who_wrote_is_no_number_to_the_forum(
        client, frame, coded, consultation, officer, forum_rep):
    # Six people wrote: three coded, three not.
    gone = [r.pk for r in coded[3:]]
    Coding.objects.filter(response_id__in=gone).delete()
    ConsultationResponse.objects.filter(pk__in=gone).delete()
    ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=consultation, respondent_type="Parent",
                             reference=f"F{n:07d}", answers={frame.question_id: "Too far"})
        for n in range(3)])
    _send(frame, consultation, officer, forum_rep)
    client.force_login(forum_rep)
    html = _page(client, consultation)
    assert ("Fewer than 10 people wrote an answer, and not every answer has been coded yet."
            in html)
    assert "6 people wrote" not in html and "3 answers are not coded" not in html
    assert "Mniej niż 10 osób napisało odpowiedź" in _page(client, consultation, "/pl")
    assert "عدد من كتبوا إجابة أقل من 10" in _page(client, consultation, "/ar")


@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
def test_a_kept_table_is_not_set_beside_todays_written_count(
        client, frame, coded, uncoded, consultation, officer, forum_rep):
    written = len(coded) + len(uncoded)
    _send(frame, consultation, officer, forum_rep)
    client.force_login(forum_rep)
    assert "15 answers are not coded yet" in _page(client, consultation)
    # Five more are coded: the forum's table keeps its figures (fewer than 10 changed), so
    # "95 wrote, 15 not counted" would be neither true now nor safe to work from.
    theme = frame.themes.first()
    Coding.objects.bulk_create([
        Coding(response=r, question_id=frame.question_id, theme=theme, coded_by=officer,
               coded_at=timezone.now()) for r in uncoded[:5]])
    html = _page(client, consultation)
    assert "Counts not updated" in html
    assert (f"{written} people wrote an answer, and not every answer has been coded yet."
            in html)
    assert "answers are not coded yet, so they are not counted" not in html
    assert "10 answers are not coded" not in html


# --- "Refresh the counts" writes the portal's introduction again -------------------------------


@pytest.mark.parametrize("base,answered", [(203, None), (203, 309), (None, 40), (None, 7),
                                           (None, None), (5, 7)])
def test_every_introduction_the_draft_writes_is_known_as_the_portals(base, answered):
    intro, _findings = draft(THEMES, base=base, minimum=10, answered=answered)
    assert writeup.drafted_intro(intro, minimum=10)


@pytest.mark.parametrize("edited", [
    "We read every written answer: 203 people wrote one. Most were angry.",
    "309 people wrote to us. 203 of them have been coded so far.",
    "",
])
def test_an_officers_own_introduction_is_not_the_portals(edited):
    assert not writeup.drafted_intro(edited, minimum=10)


def _code(frame, responses, officer):
    theme = frame.themes.first()
    Coding.objects.bulk_create([
        Coding(response=r, question_id=frame.question_id, theme=theme, coded_by=officer,
               coded_at=timezone.now()) for r in responses])


@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
def test_refreshing_the_counts_writes_the_portals_introduction_again(
        client, frame, coded, uncoded, consultation, officer, forum_rep):
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    assert "95 people wrote an answer. 80 of them have been coded so far" in write_up.text
    revision = write_up.revision
    _code(frame, uncoded[:12], officer)
    write_up = writeup_services.write_up_refresh_counts(write_up=write_up, user=officer)
    write_up.refresh_from_db()
    assert "95 people wrote an answer. 92 of them have been coded so far" in write_up.text
    assert "80 of them" not in write_up.text
    # A form opened before is told why its words are refused (the figures changed).
    assert write_up.revision > revision and write_up.revised_because == "recounted"
    # Every answer coded: the introduction says so, and nothing points at it.
    _code(frame, uncoded[12:], officer)
    write_up = writeup_services.write_up_refresh_counts(write_up=write_up, user=officer)
    assert "We read every written answer: 95 people wrote one." in write_up.text
    labels = [f.label for f in writeup_selectors.recount_flags(write_up,
                                                                  write_up.findings.all())]
    assert write_up.recount["base"] and labels and "Introduction" not in labels


@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
def test_an_officers_own_introduction_is_kept_and_pointed_at(
        client, frame, coded, uncoded, consultation, officer, forum_rep):
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    question = write_up.text.split("\n")[0]
    mine = f"{question}\nNinety-five families wrote to us; we coded 80 answers so far."
    write_up.text = mine
    write_up.save(update_fields=["text"])
    # More answers arrive by post; none coded yet, so no theme's count or base moves.
    ConsultationResponse.objects.create(
        consultation=consultation, respondent_type="Parent", reference="P0000001",
        answers={frame.question_id: "The bus is always late"})
    write_up = writeup_services.write_up_refresh_counts(write_up=write_up, user=officer)
    write_up.refresh_from_db()
    assert write_up.text == mine
    flags = writeup_selectors.recount_flags(write_up, write_up.findings.all())
    assert [f.sentences for f in flags if f.label == "Introduction"] == [
        ["Ninety-five families wrote to us; we coded 80 answers so far."]]


@pytest.mark.django_db
@pytest.mark.usefixtures("term_day")
def test_the_portals_introduction_saved_from_a_browser_is_still_known(
        client, frame, coded, uncoded, consultation, officer, forum_rep):
    # A browser sends the textarea's lines ended "\r\n" (review r15q, F2).
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    write_up.text = write_up.text.replace("\n", "\r\n")
    write_up.save(update_fields=["text"])
    _code(frame, uncoded[:12], officer)
    write_up = writeup_services.write_up_refresh_counts(write_up=write_up, user=officer)
    assert "95 people wrote an answer. 92 of them have been coded so far" in write_up.text
    assert write_up.recount["intro"] == []
