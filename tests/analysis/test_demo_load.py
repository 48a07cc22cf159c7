"""The demo site's written answers: what an officer opening the coding screen and the forum
opening the analysis find after ``make run``."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.models import Locale

from analysis import demo, selectors, writeup_selectors
from analysis.demo_content import CODED_IN_DEMO, DEMO_SLUG
from analysis.models import (
    Coding,
    CodingFrame,
    CodingSession,
    QuoteConsent,
    SuggestedCode,
    WriteUp,
)
from charter.models import EvidenceEntry
from consultations.models import ConsultationResponse
from surveys.models import SurveyComment, SurveyPage

pytestmark = pytest.mark.usefixtures("demo")


def test_the_demo_consultation_has_its_answers_frame_codes_and_suggestions():
    frame = CodingFrame.objects.get(consultation__slug=DEMO_SLUG)
    responses = ConsultationResponse.objects.filter(consultation__slug=DEMO_SLUG)
    answers = demo.answers()
    assert responses.count() == len(answers)
    assert frame.themes.count() == len(demo.frame())
    coded = Coding.objects.filter(theme__frame=frame, removed_at__isnull=True)
    assert coded.values("response").distinct().count() == CODED_IN_DEMO
    # Suggestions wait only on answers nobody has coded yet.
    suggested = set(SuggestedCode.objects.filter(theme__frame=frame)
                    .values_list("response", flat=True))
    assert suggested and not suggested & set(coded.values_list("response", flat=True))


def test_only_the_demo_respondents_who_agreed_can_be_quoted():
    consents = QuoteConsent.objects.filter(response__consultation__slug=DEMO_SLUG)
    agreed = sum(a.quote_consent for a in demo.answers())
    assert 0 < consents.count() == agreed < len(demo.answers())
    # Each agreement says how it was given, in the channel the respondent used.
    for consent in consents.select_related("response")[:20]:
        channel = consent.response.channel
        assert {"online": "online form", "paper": "paper form", "phone": "phone",
                "email": "e-mail"}[channel] in consent.how


def _survey_frames():
    return {f.survey.year: f for f in CodingFrame.objects.filter(survey__isnull=False)
            .select_related("survey")}


def test_every_demo_survey_comment_is_coded_to_its_hand_codes_in_a_frame_the_forum_agreed():
    frames = _survey_frames()
    comments = SurveyComment.objects.exclude(text="").select_related("survey")
    assert set(frames) == {c.survey.year for c in comments} == {2023, 2024, 2025, 2026}
    codes = demo.survey_codes()
    for year, frame in frames.items():
        assert frame.status == CodingFrame.Status.AGREED
        assert [s.action for s in frame.review_steps.all()] == ["sent", "agreed"]
        assert [t.code for t in frame.themes.all()] == [t.code for t in demo.survey_frame()]
        assert all(t.examples.exists() for t in frame.themes.all())
        confirmed = selectors.confirmed_by_answer(frame)
        mine = [c for c in comments if c.survey.year == year]
        for comment in mine:
            [hand] = [c for c in codes if c.year == year and comment.text.startswith(c.starts)]
            assert confirmed.get(comment.pk) == set(hand.themes), comment.text
        assert len(confirmed) == len(mine)
        # The coding is summed up in the evidence log, never the comments' words.
        [session] = CodingSession.objects.filter(frame=frame)
        assert session.closed_at and session.entry.kind == "analysis_coded"
        assert mine[0].text[:30] not in session.entry.payload_json
    # Every hand code names a demo comment.
    assert len(codes) == comments.count()


def test_an_officer_opening_the_demo_finds_the_survey_analysis_finished(client):
    client.force_login(User.objects.get(username="officer"))
    frame = _survey_frames()[2025]
    index = client.get(reverse("analysis_index")).content.decode()
    # A comment with two themes is one comment coded.
    assert "<td>12 of 12</td>" in index and "<td>3 of 3</td>" in index
    page = client.get(reverse("analysis_survey_code", args=[frame.survey_id, frame.question_id]))
    html = page.content.decode()
    assert "12 of 12 comments coded" in html and "Frame: agreed with the forum" in html
    assert page.context["overview"].per_theme[frame.themes.get(code="told-in-time").pk] == 3
    assert client.get(reverse("analysis_survey_code", args=[frame.survey_id, frame.question_id]),
                      {"theme": "uncoded"}).context["page"].paginator.count == 0


def test_no_published_demo_results_with_a_frame_lack_an_agreed_write_up():
    # The rule the portal enforces on every publishing route holds in the demo too.
    frames = CodingFrame.objects.filter(survey__isnull=False).select_related("survey")
    framed = {f.survey.translation_key for f in frames}
    published = [p for p in SurveyPage.objects.live().filter(results_published=True)
                 if p.translation_key in framed]
    assert {p.year for p in published} >= {2023, 2024, 2025}
    for page in published:
        write_up = WriteUp.objects.get(survey__translation_key=page.translation_key,
                                       survey__locale=Locale.get_default())
        assert write_up.status == WriteUp.Status.AGREED, page
        assert write_up.agreed["by"] and write_up.findings.exists()
        assert writeup_selectors.outcome_publish_refusal(page) is None
        assert [s.action for s in write_up.review_steps.all()] == ["sent", "agreed"]
        logged = EvidenceEntry.objects.filter(kind="analysis_agreed",
                                              subject=f"page:{write_up.survey_id}")
        assert logged.exists()
    # This year's results are not published: its write-up is shown in progress.
    in_progress = WriteUp.objects.get(survey__year=2026, survey__locale=Locale.get_default())
    assert in_progress.status == WriteUp.Status.DRAFT
    assert not in_progress.survey.results_published
