"""A survey's written comments are coded like a consultation's answers: a frame on the
survey's free-text question, codes by officers (recorded, summed up in the evidence log),
counts by audience with the small-number rule, quotes only in the words approved for the
public, suggestions stored against the comments, and the two exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from analysis import selectors, services, suggest, writeup_selectors, writeup_services
from analysis.models import Coding, SuggestedCode, Theme
from charter.models import EvidenceEntry
from surveys.models import SurveyComment, SurveyResponse
from tests.surveys.conftest import question_ids, survey, survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

TEXTS = ["The driver is always late in the morning.",
         "Driver late again, my son missed registration.",
         "Please tell us sooner when the route changes.",
         "Kierowca często się spóźnia.",
         "Lovely escort, very kind to my daughter."]


@pytest.fixture
def comments(survey):  # noqa: F811 - the survey fixture
    question = question_ids(survey)["One thing to improve"]
    made = []
    for n in range(12):
        response = SurveyResponse.objects.create(
            survey=survey, audience="parents" if n < 11 else "schools",
            submitted_on=survey.opens.date())
        made.append(SurveyComment.objects.create(
            response=response, survey=survey, question_id=question, text=TEXTS[n % 5],
            language="pl" if n % 5 == 3 else "en",
            moderation=SurveyComment.Moderation.APPROVED if n % 2 == 0
            else SurveyComment.Moderation.PENDING))
    return made


@pytest.fixture
def frame(survey, officer, comments):  # noqa: F811
    frame = services.survey_frame_start(
        survey=survey, question_id=str(question_ids(survey)["One thing to improve"]),
        user=officer)
    Theme.objects.create(frame=frame, code="late", name="Late transport", sort_order=0)
    Theme.objects.create(frame=frame, code="kind", name="Kind staff", sort_order=1)
    return frame


def test_only_a_written_question_of_the_survey_gets_a_frame(survey, officer):  # noqa: F811
    closed = question_ids(survey)["Overall satisfaction"]
    with pytest.raises(ValidationError, match="not one of the survey's written questions"):
        services.survey_frame_start(survey=survey, question_id=str(closed), user=officer)


def test_the_survey_comments_are_the_frames_written_answers(frame, comments):
    answers = selectors.written_answers(frame)
    assert {a.id for a in answers} == {c.pk for c in comments}
    assert {a.language for a in answers if "Kierowca" in a.text} == {"pl"}


def test_coding_comments_counts_respondents_by_audience(frame, comments, officer):
    late = frame.themes.get(code="late")
    change = services.comments_code(frame=frame, comments=comments, theme=late, user=officer)
    assert change.added == 12
    again = services.comments_code(frame=frame, comments=comments[:2], theme=late, user=officer)
    assert again.added == 0 and again.unchanged == 2
    row = {r.theme: r for r in selectors.frame_table(frame, minimum=1).rows}["late"]
    assert (row.total.count, row.by_type["parents"].count, row.by_type["schools"].count) == (
        12, 11, 1)
    table = selectors.frame_table(frame, minimum=10)
    row = {r.theme: r for r in table.rows}["late"]
    assert row.by_type["schools"].primary  # one school: under the minimum
    assert row.by_type["parents"].hidden  # else 12 - 11 gives the school away
    services.coding_sessions_close()
    [entry] = [selectors.session_logged(e) for e in
               EvidenceEntry.objects.filter(kind=services.CODING_KIND)]
    assert entry["actions"]["coded"] == {"decisions": 1, "answers": 12}
    log = entry and EvidenceEntry.objects.get(kind=services.CODING_KIND).payload_json
    assert "always late" not in log


def test_a_comment_from_elsewhere_is_refused(frame, comments, officer, survey):  # noqa: F811
    other = SurveyComment.objects.create(
        response=comments[0].response, survey=survey, text="Another question's words.",
        question_id=question_ids(survey)["Drivers and assistants"])
    with pytest.raises(ValidationError):
        services.comments_code(frame=frame, comments=[other], user=officer,
                               theme=frame.themes.get(code="late"))
    assert not Coding.objects.exists()


def test_only_officers_code_comments(frame, comments, forum_rep):
    with pytest.raises(PermissionDenied):
        services.comments_code(frame=frame, comments=comments, user=forum_rep,
                               theme=frame.themes.get(code="late"))


def test_quotes_are_only_the_words_approved_for_the_public(frame, comments, officer):
    kind = frame.themes.get(code="kind")
    services.comments_code(frame=frame, comments=comments, theme=kind, user=officer)
    analysis = writeup_selectors.frame_analysis(frame, minimum=1, quotes=20)
    view = {v.theme.code: v for v in analysis.themes}["kind"]
    approved = {c.pk for c in comments if c.moderation == SurveyComment.Moderation.APPROVED}
    assert view.quotable == len(approved)
    assert {q.response_id for q in view.quotes} <= approved
    assert analysis.question.startswith(
        comments[0].question.wording[:20])


def test_suggestions_are_stored_against_the_comments(frame, comments):
    made = [suggest.SuggestedCode(comments[0].pk, "late", 0.8)]
    assert services.store_suggestions(frame=frame, suggestions=made, method="tfidf") == 1
    assert SuggestedCode.objects.get().comment_id == comments[0].pk


def test_the_exports_read_the_comments(client, login_as, frame, comments, officer):
    services.comments_code(frame=frame, comments=comments[:3], user=officer,
                           theme=frame.themes.get(code="late"))
    login_as("officer")
    coded = client.get(reverse("analysis_coded_csv", args=[frame.pk]))
    assert coded.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(coded.streaming_content).decode())))
    assert len(rows) == 1 + len(comments)
    assert sum(1 for r in rows[1:] if r[6] == "Late transport") == 3
    themes = client.get(reverse("analysis_themes_csv", args=[frame.pk]))
    assert themes.status_code == 200 and "Late transport" in themes.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_others_cannot_export_the_comments(client, login_as, frame, role):
    login_as(role)
    response = client.get(reverse("analysis_coded_csv", args=[frame.pk]))
    assert response.status_code in (302, 403)


# The officers' coding screen for the comments: tests/analysis/test_survey_coding_screen.py.


def test_the_forum_reviews_a_survey_frame_like_any_other(client, login_as, frame, officer,
                                                         forum_rep):

    writeup_services.frame_send(frame=frame, user=officer)
    login_as("forum_rep")
    page = client.get(reverse("analysis_frame", args=[frame.pk]))
    assert page.status_code == 200
    assert "Late transport" in page.content.decode()
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    assert EvidenceEntry.objects.filter(kind="coding_frame_agreed",
                                        subject=f"page:{frame.survey_id}").exists()
