# ruff: noqa: F811 - the fixtures imported from the write-up tests
"""What the forum reads under "Put before the forum" on a frame's page is the answer as every
reader outside the officers' own screens reads it (bk15i, F7): a consultation answer without
the words an officer removed from its quote or from the write-up, a survey comment in the
words approved for the public (or a plain notice while it waits or was not published), and
the officer's note without the same words."""

from __future__ import annotations

import pytest
from django.urls import reverse

from analysis import services, writeup_services
from analysis.writeup import REMOVED
from surveys import services as survey_services
from surveys.models import SurveyComment
from tests.analysis import test_survey_write_up as survey_tests
from tests.analysis.test_survey_write_up import comments, published  # noqa: F401
from tests.analysis.test_write_up import coded  # noqa: F401
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

ROLES = [("anonymous", 302), ("parent", 403), ("board_member", 403), ("forum_rep", 200),
         ("officer", 200)]


def _frame_page(client, frame, prefix=""):
    return client.get(f"{prefix}/forum/analysis/frames/{frame.pk}/").content.decode()


# --- a consultation's answers ---------------------------------------------------------------


@pytest.fixture
def flagged_answer(frame, coded, officer):
    """An answer with its first words removed from its quote, flagged with a note that
    repeats them, and the frame sent to the forum."""
    response = coded[0]
    text = response.answers[frame.question_id]
    words = " ".join(text.split()[:3])
    writeup_services.redaction_add(response=response, question_id=frame.question_id,
                                   words=words, reason="Only childminder in Elm Road",
                                   user=officer)
    services.flag_set(frame=frame, answer=response, user=officer,
                      note=f"Please look: {words} is the one on Elm Road")
    writeup_services.frame_send(frame=frame, user=officer)
    return response, words


@pytest.mark.usefixtures("term_day")
@pytest.mark.parametrize("language", ["", "/pl", "/ar"])
def test_the_forum_reads_a_flagged_answer_without_the_words_removed(
        client, frame, flagged_answer, forum_rep, language):
    response, words = flagged_answer
    client.force_login(forum_rep)
    html = _frame_page(client, frame, language)
    assert 'id="flagged"' in html
    assert words not in html
    assert html.count(REMOVED) >= 2  # in the answer and in the note
    assert "is the one on Elm Road" in html
    assert "Only childminder" not in html


@pytest.mark.usefixtures("term_day")
def test_words_removed_from_the_write_up_leave_the_flag_and_its_note(
        client, frame, coded, officer, forum_rep):
    response = coded[2]
    text = response.answers[frame.question_id]
    phrase = " ".join(text.split()[1:3])
    services.flag_set(frame=frame, answer=response, user=officer,
                      note=f"About {phrase}, please look")
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    write_up = writeup_services.write_up_generate(consultation=frame.consultation,
                                                  user=officer)
    write_up.text += f"\n\n{phrase}"
    write_up.save(update_fields=["text"])
    writeup_services.write_up_phrases_remove(write_up=write_up, phrases=[phrase],
                                             reason="Names a family", user=officer)
    client.force_login(forum_rep)
    html = _frame_page(client, frame)
    assert phrase not in html
    assert f"About {REMOVED}, please look" in html


@pytest.mark.usefixtures("term_day")
@pytest.mark.parametrize("role,status", ROLES)
def test_who_reads_the_flagged_answers(client, login_as, frame, flagged_answer, role,
                                       status):
    _response, words = flagged_answer
    login_as(role)
    response = client.get(reverse("analysis_frame", args=[frame.pk]))
    assert response.status_code == status
    assert words not in response.content.decode()


# --- a survey's comments ----------------------------------------------------------------------


@pytest.fixture
def survey_frame(published, officer, comments):
    return survey_tests._coded_frame(published, officer, comments)


def test_a_comment_is_shown_in_the_words_approved_for_the_public(
        client, survey_frame, comments, officer, forum_rep):
    comment = comments[1]  # waiting for moderation
    typed = "Tell the morning driver, Kevin, to stop playing loud music."
    SurveyComment.objects.filter(pk=comment.pk).update(text=typed)
    comment.refresh_from_db()
    survey_services.comment_moderate(
        comment=comment, user=officer, decision=SurveyComment.Moderation.REDACTED,
        reason="Names the driver", public_text="Tell the morning driver to stop playing "
                                               "loud music.")
    services.flag_set(frame=survey_frame, answer=comment, user=officer,
                      note="Names the driver Kevin")
    writeup_services.frame_send(frame=survey_frame, user=officer)
    client.force_login(forum_rep)
    for language in ("", "/pl", "/ar"):
        html = _frame_page(client, survey_frame, language)
        assert "Tell the morning driver to stop playing loud music." in html
        assert "Kevin" not in html
        assert f"Names the driver {REMOVED}" in html


@pytest.mark.parametrize("decision,notice,polish", [
    ("pending", "This comment is waiting for an officer to approve it for the public",
     "Ten komentarz czeka"),
    ("withheld", "This comment was not published", "Ten komentarz nie został opublikowany")])
def test_a_comment_not_approved_is_a_plain_notice(client, survey_frame, comments, officer,
                                                  forum_rep, decision, notice, polish):
    comment = comments[3]  # waiting for moderation
    if decision == "withheld":
        survey_services.comment_moderate(comment=comment, user=officer,
                                         decision=SurveyComment.Moderation.WITHHELD,
                                         reason="Names a child at school")
    services.flag_set(frame=survey_frame, answer=comment, user=officer, note="Please look")
    writeup_services.frame_send(frame=survey_frame, user=officer)
    client.force_login(forum_rep)
    html = _frame_page(client, survey_frame)
    assert notice in html and comment.text not in html
    assert polish in _frame_page(client, survey_frame, "/pl")
    assert "لذلك لا تظهر كلماته هنا" in _frame_page(client, survey_frame, "/ar")


@pytest.mark.parametrize("role,status", ROLES)
def test_who_reads_a_flagged_comment(client, login_as, survey_frame, comments, officer, role,
                                     status):
    comment = comments[1]  # waiting for moderation
    services.flag_set(frame=survey_frame, answer=comment, user=officer, note="Please look")
    writeup_services.frame_send(frame=survey_frame, user=officer)
    login_as(role)
    response = client.get(reverse("analysis_frame", args=[survey_frame.pk]))
    assert response.status_code == status
    assert comment.text not in response.content.decode()


@pytest.mark.usefixtures("term_day")
@pytest.mark.parametrize("language,notice", [
    ("", "This person did not agree to be quoted"),
    ("/pl", "Ta osoba nie zgodziła się na cytowanie"),
    ("/ar", "لم يوافق هذا الشخص على الاقتباس"),
])
def test_an_answer_without_consent_to_be_quoted_reaches_the_forum_only_as_the_note(
        client, frame, coded, officer, forum_rep, language, notice):
    # The odd responses of the fixture gave no agreement to be quoted.
    response = coded[1]
    text = response.answers[frame.question_id]
    services.flag_set(frame=frame, answer=response, user=officer,
                      note="Several families say the same about the morning route")
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    html = _frame_page(client, frame, language)
    assert 'id="flagged"' in html and notice in html
    assert "Several families say the same about the morning route" in html
    assert text not in html and " ".join(text.split()[:6]) not in html
    # With an agreement recorded, the forum reads the answer.
    writeup_services.consent_record(response=response, how="Phoned", user=officer)
    html = _frame_page(client, frame, language)
    assert notice not in html and " ".join(text.split()[:6]) in html


@pytest.mark.usefixtures("term_day")
def test_the_officers_note_loses_a_removed_name_only_as_a_whole_word(
        client, frame, coded, officer, forum_rep):
    response = coded[4]
    response.answers[frame.question_id] += " Ola cries every morning."
    response.save(update_fields=["answers"])
    writeup_services.redaction_add(response=response, question_id=frame.question_id,
                                   words="Ola", reason="A child's name", user=officer)
    services.flag_set(frame=frame, answer=response, user=officer,
                      note="The school (szkoła) is far from the stop")
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    html = _frame_page(client, frame)
    assert "The school (szkoła) is far from the stop" in html
    assert "Ola cries" not in html


@pytest.mark.usefixtures("term_day")
def test_a_name_removed_from_one_answers_quote_leaves_other_flagged_answers_and_notes(
        client, frame, coded, officer, forum_rep):
    # Review r15q, F3: the page that hides a name in the examples must not print it here.
    quoted, other = coded[0], coded[2]
    for response in (quoted, other):
        response.answers[frame.question_id] += " Markiem Zielińskim we spoke."
        response.save(update_fields=["answers"])
    writeup_services.redaction_add(response=quoted, question_id=frame.question_id,
                                   words="Markiem", reason="A driver's name", user=officer)
    services.flag_set(frame=frame, answer=other, user=officer,
                      note="Marek wrote this one too")
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    html = _frame_page(client, frame)
    assert "Marek wrote" not in html and "Markiem" not in html
    assert "wrote this one too" in html and "Zielińskim we spoke" in html
