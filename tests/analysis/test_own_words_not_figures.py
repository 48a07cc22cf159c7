"""The figure check reads only what the officer typed (review bk15h, F4): the portal's own
sentence "We give no number under 10…" names the minimum, not a count, and a survey of 12
people (a figure 11 to 19 shown) must not have its own draft refused on refresh, save or
send. A figure the officer types a few from one shown is still caught."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from analysis import services, writeup, writeup_services
from analysis.models import Coding, Theme
from analysis.small_numbers import figures_near
from surveys.models import SurveyComment, SurveyResponse
from tests.analysis.test_survey_write_up import published  # noqa: F401 - fixture
from tests.surveys.conftest import question_ids, survey_index  # noqa: F401

QUESTION = "One thing to improve"


def test_the_portals_own_sentence_is_not_read_as_a_figure():
    intro, findings = writeup.draft([
        writeup.ThemeSummary(code="late", name="Late transport", count=11, base=12),
        writeup.ThemeSummary(code="kind", name="Kind staff", count=None, base=12)],
        base=12, minimum=10)
    text = "\n".join([intro, *(f.text for f in findings)])
    assert "We give no number under 10" in text
    council = writeup.draft_words(10)
    assert figures_near(text, shown={12, 11}, near={12, 11}, council=council) == []
    # Without the council's words the "10" is taken for a count (the fault reported).
    assert figures_near(text, shown={12, 11}, near={12, 11}) != []
    # A figure typed beside the council's sentence is still read.
    typed = findings[-1].text + " 13 people wrote about staff."
    found = figures_near(typed, shown={12, 11}, near={12, 11}, council=council)
    assert [f.typed for f in found] == [13]


@pytest.fixture
def twelve(published, officer, forum_rep):  # noqa: F811
    """A survey of 12 people: 11 wrote about late transport, 1 about kind staff (held
    back); the write-up agreed with the forum, then reopened."""
    question = question_ids(published)[QUESTION]
    comments = []
    for n in range(12):
        response = SurveyResponse.objects.create(survey=published, audience="parents",
                                                 submitted_on=published.opens.date())
        comments.append(SurveyComment.objects.create(
            response=response, survey=published, question_id=question, language="en",
            text=f"Comment number {n} about the bus.",
            moderation=SurveyComment.Moderation.APPROVED))
    frame = services.survey_frame_start(survey=published, question_id=str(question),
                                        user=officer)
    late, kind = Theme.objects.bulk_create([
        Theme(frame=frame, code="late", name="Late transport", sort_order=0),
        Theme(frame=frame, code="kind", name="Kind staff", sort_order=1)])
    now = timezone.now()
    Coding.objects.bulk_create(
        [Coding(comment=c, question_id=frame.question_id, theme=late if n < 11 else kind,
                coded_by=officer, coded_at=now) for n, c in enumerate(comments)])
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    draft = writeup_services.write_up_generate(survey=published, user=officer)
    writeup_services.write_up_send(write_up=draft, user=officer)
    agreed = writeup_services.write_up_agree(write_up=draft, user=forum_rep)
    return writeup_services.write_up_reopen(write_up=agreed, user=officer)


@pytest.mark.django_db
def test_a_survey_of_twelve_refreshes_saves_and_sends_its_own_draft(twelve, officer):
    draft = writeup_services.write_up_refresh_counts(write_up=twelve, user=officer)
    words = {f.pk: f.text for f in draft.findings.all()}
    assert any("We give no number under 10" in t for t in words.values())
    saved = writeup_services.write_up_edit(write_up=draft, user=officer, text=draft.text,
                                           findings=words)
    writeup_services.write_up_send(write_up=saved, user=officer)


@pytest.mark.django_db
def test_a_typed_figure_a_few_from_twelve_is_still_caught(twelve, officer):
    words = {f.pk: f.text for f in twelve.findings.all()}
    with pytest.raises(ValidationError) as refused:
        writeup_services.write_up_edit(write_up=twelve, user=officer,
                                       text="13 people wrote one.", findings=words)
    assert "(given: 12)" in " ".join(refused.value.messages)
    assert "We give no number" not in " ".join(refused.value.messages)
