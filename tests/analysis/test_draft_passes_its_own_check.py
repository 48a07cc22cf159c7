"""The draft's own words pass its own small-number check: a survey whose comments are too few
for any count to be shown (every count held back, the base too) gets a draft that is sent
to the forum as written, never refused for the words the product wrote, nor for the
question the council asked (shown as asked, even with a number in it)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from analysis import services, writeup_services
from analysis.models import Coding, Theme, WriteUp
from analysis.small_numbers import small_numbers
from surveys.models import SurveyComment, SurveyQuestion, SurveyResponse
from tests.analysis.test_survey_write_up import QUESTION, _page_url, _url, published  # noqa: F401
from tests.surveys.conftest import question_ids, survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

ASKED = "Name one or two things we could do better"


@pytest.fixture
def few(published, officer, forum_rep):  # noqa: F811
    """Six people's comments, all approved and coded: every count under 10, held back."""
    question = question_ids(published)[QUESTION]
    SurveyQuestion.objects.filter(pk=question).update(wording=ASKED)
    comments = []
    for n in range(6):
        response = SurveyResponse.objects.create(survey=published, audience="parents",
                                                 submitted_on=published.opens.date())
        comments.append(SurveyComment.objects.create(
            response=response, survey=published, question_id=question, language="en",
            text=f"The bus was late again this week ({n}).",
            moderation=SurveyComment.Moderation.APPROVED))
    frame = services.survey_frame_start(survey=published, question_id=str(question),
                                        user=officer)
    late, kind = Theme.objects.bulk_create([
        Theme(frame=frame, code="t1", name="Late transport", sort_order=0),
        Theme(frame=frame, code="t2", name="Kind staff", sort_order=1)])
    now = timezone.now()
    Coding.objects.bulk_create(
        [Coding(comment=c, question_id=frame.question_id, theme=late, coded_by=officer,
                coded_at=now) for c in comments]
        + [Coding(comment=c, question_id=frame.question_id, theme=kind, coded_by=officer,
                  coded_at=now) for c in comments[:2]])
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    return frame


def test_a_draft_with_every_count_held_back_is_sent_as_written(client, few, published,  # noqa: F811
                                                               officer):
    client.force_login(officer)
    assert client.post(_url(published, "generate")).status_code == 302
    draft = WriteUp.objects.get(survey=published)
    [table] = draft.counts
    assert table["base"] is None and all(t["count"] is None for t in table["themes"])
    words = [draft.text, *(f.text for f in draft.findings.all())]
    assert ASKED in draft.text and "held back" in draft.text
    # The question asked holds "one or two": the council's words, not a count.
    assert small_numbers(ASKED)
    response = client.post(_url(published, "edit"), {
        "writeup-text": draft.text,
        **{f"writeup-finding_{f.pk}": f.text for f in draft.findings.all()},
        "writeup-then": "send"})
    assert response.status_code == 302, response.content.decode()[:2000]
    sent = WriteUp.objects.get(pk=draft.pk)
    assert sent.status == WriteUp.Status.WITH_FORUM
    assert [sent.text, *(f.text for f in sent.findings.all())] == words  # as written
    assert not sent.small_numbers_kept  # nothing needed ticking
    page = client.get(_page_url(published)).content.decode()
    assert "These sentences give a number under" not in page
