"""What a survey adds to the evidence log: agreed with the forum, opened, closed, results
published, and each action's status change; the chain stays intact."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from charter import services as charter_services
from charter.coproduction import coproduction_workflow
from charter.models import EvidenceEntry, ForumReviewTaskState
from charter.selectors import event_summaries
from surveys.models import SurveyAction, SurveyPage
from tests.factories import publish
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db
Kind = EvidenceEntry.Kind


def _entries(kind, survey):
    return EvidenceEntry.objects.filter(kind=kind, subject=f"page:{survey.pk}")


def _payloads(kind, survey):
    return [json.loads(e.payload_json) for e in _entries(kind, survey)]


def _through_the_forum(survey, officer, forum_rep, edit=None, **changes):
    """An officer changes the draft and sends it to the forum, who agree: it is published."""
    page = survey.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    if edit:
        edit(page)
    page.change_note = "Agreed with the forum."
    revision = page.save_revision(user=officer)
    coproduction_workflow().start(page, officer)
    review = page.current_workflow_task_state.specific
    charter_services.review_decide(review=review, user=forum_rep,
                                   decision=ForumReviewTaskState.Decision.AGREED,
                                   seen_revision_id=revision.pk)
    return SurveyPage.objects.get(pk=survey.pk), revision


def _run_command() -> str:
    out = io.StringIO()
    call_command("record_survey_events", stdout=out)
    return out.getvalue()


def _move(survey, **days):
    now = timezone.now()
    SurveyPage.objects.filter(pk=survey.pk).update(
        **{name: now + dt.timedelta(days=n) for name, n in days.items()})


def test_the_forum_agreeing_a_survey_logs_it_as_reviewed(survey, officer, forum_rep):
    before = _entries(Kind.SURVEY_REVIEWED, survey).count()
    page, revision = _through_the_forum(survey, officer, forum_rep,
                                        intro="Tell us how travel went. About 5 minutes.")
    assert page.intro == "Tell us how travel went. About 5 minutes."
    reviewed = _payloads(Kind.SURVEY_REVIEWED, survey)
    assert len(reviewed) == before + 1
    assert reviewed[-1]["revision"] == revision.pk
    assert reviewed[-1]["questions"] == [p.question_id for p in page.placements.all()]
    assert not _entries(Kind.SURVEY_RESULTS_PUBLISHED, survey).exists()


def test_publishing_results_is_logged_once(survey_index, officer, forum_rep):
    closed = make_survey(survey_index, year=2025, opens_in_days=-60, closes_in_days=-2)
    summary = "Most families are satisfied; fewer hear about changes in time."
    page, _revision = _through_the_forum(closed, officer, forum_rep, results_published=True,
                                         results_summary=summary)
    assert page.results_published
    published = _payloads(Kind.SURVEY_RESULTS_PUBLISHED, closed)
    # The typed summary is beside the entry (the board reads it), its hash in the payload.
    assert len(published) == 1 and set(published[0]["summary"]) == {"text_sha256"}
    [entry] = _entries(Kind.SURVEY_RESULTS_PUBLISHED, closed)
    assert summary not in entry.payload_json
    assert entry.texts.get(field="summary").text == summary
    assert event_summaries([entry]) == {entry.pk: summary}
    # A later correction is a new version, not a second publication of the results.
    page.results_summary = summary + " Drivers are praised."
    publish(page)
    assert _entries(Kind.SURVEY_RESULTS_PUBLISHED, closed).count() == 1


def test_each_action_status_change_is_logged_when_published(survey_index, officer, forum_rep):
    closed = make_survey(survey_index, year=2025, opens_in_days=-60, closes_in_days=-2)
    page = closed.get_latest_revision_as_object()
    page.results_published = True
    page.actions.add(SurveyAction(you_said="You are not told about changes in time.",
                                  action="Text families the day a route changes.",
                                  owner="Transport team manager"))
    publish(page)
    page = SurveyPage.objects.get(pk=closed.pk)
    action = page.actions.get()
    assert [(p["action"], p["status"], p["was"]) for p in
            _payloads(Kind.SURVEY_ACTION_UPDATED, closed)] == [(action.pk, "planned", None)]
    page, _revision = _through_the_forum(page, officer, forum_rep)
    assert _entries(Kind.SURVEY_ACTION_UPDATED, closed).count() == 1  # nothing changed

    def start_the_action(draft):
        items = list(draft.actions.all())
        for item in items:
            item.status = SurveyAction.Status.IN_PROGRESS
        draft.actions = items  # as the editor's form sets the inline panel's rows

    _through_the_forum(page, officer, forum_rep, edit=start_the_action)
    updates = _payloads(Kind.SURVEY_ACTION_UPDATED, closed)
    assert [(p["action"], p["status"], p["was"]) for p in updates] == [
        (action.pk, "planned", None), (action.pk, "in_progress", "planned")]
    # What will be done and who owns it are typed: beside the entry, hashed in public.
    assert set(updates[-1]["text"]) == set(updates[-1]["owner"]) == {"text_sha256"}
    last = _entries(Kind.SURVEY_ACTION_UPDATED, closed).order_by("sequence").last()
    assert "Transport team manager" not in last.payload_json
    assert {t.field: t.text for t in last.texts.all()} == {
        "text": "Text families the day a route changes.", "owner": "Transport team manager"}


@pytest.mark.calendar
def test_opening_and_closing_are_logged_once_by_the_daily_command(survey_index):
    survey = make_survey(survey_index, year=2027, slug="2027", opens_in_days=3,
                         closes_in_days=30)
    assert "Nothing to record" in _run_command()
    assert not _entries(Kind.SURVEY_OPENED, survey).exists()
    _move(survey, opens=-1)
    out = _run_command()
    assert "Survey opened: Travel satisfaction survey 2027" in out
    assert "1 survey event(s) added" in out
    assert "Nothing to record" in _run_command()
    _move(survey, opens=-30, closes=-1)
    out = _run_command()
    assert "Survey closed: Travel satisfaction survey 2027" in out
    _run_command()
    assert _entries(Kind.SURVEY_OPENED, survey).count() == 1
    assert _entries(Kind.SURVEY_CLOSED, survey).count() == 1
    assert _payloads(Kind.SURVEY_CLOSED, survey)[0]["responses"] == 0


def test_the_evidence_chain_is_intact_after_every_survey_event(survey_index, officer,
                                                                forum_rep):
    survey = make_survey(survey_index, year=2025, opens_in_days=-60, closes_in_days=-2)
    _run_command()
    page = survey.get_latest_revision_as_object()
    page.actions.add(SurveyAction(you_said="Late pick-ups.", action="New contract terms.",
                                  owner="Commissioning lead"))
    _through_the_forum(page, officer, forum_rep, results_published=True,
                       results_summary="Pick-ups are often late.")
    kinds = set(EvidenceEntry.objects.values_list("kind", flat=True))
    assert {Kind.SURVEY_REVIEWED, Kind.SURVEY_OPENED, Kind.SURVEY_CLOSED,
            Kind.SURVEY_RESULTS_PUBLISHED, Kind.SURVEY_ACTION_UPDATED} <= kinds
    out = io.StringIO()
    call_command("verify_evidence", stdout=out)
    assert "intact" in out.getvalue()
