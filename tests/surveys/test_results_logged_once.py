"""A survey is one survey in every language: its English page and its Polish translation (a
page of its own, made with wagtail-localize) share one translation key. Its opening, its
closing, its results and each action's status are logged in the evidence log once, however
many copies it has and whenever a copy is translated, as a translated consultation's are;
subscribers are told of the results once, in their language."""

import datetime as dt
import json

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from charter.models import EvidenceEntry
from charter.services import evidence_append
from notices import services as notices
from notices.models import Subscriber, Subscription
from surveys.models import SurveyAction, SurveyPage
from surveys.services import survey_events_record
from tests.charter.test_translated_record import translate
from tests.factories import publish
from tests.surveys.test_results import closed_survey

pytestmark = pytest.mark.django_db
Kind = EvidenceEntry.Kind


def _entries(kind, survey):
    return EvidenceEntry.objects.filter(kind=kind,
                                        page__translation_key=survey.translation_key)


@pytest.fixture
def results(survey_index):
    """Last year's survey, closed, its results published with one action."""
    survey = closed_survey(survey_index, 2025, results_summary="Most families are satisfied.")
    page = survey.get_latest_revision_as_object()
    page.actions.add(SurveyAction(you_said="You are not told about changes in time.",
                                  action="Text families the day a route changes.",
                                  owner="Transport team manager"))
    publish(page)
    return SurveyPage.objects.get(pk=survey.pk)


def test_a_translation_published_with_the_results_logs_them_once(results):
    assert _entries(Kind.SURVEY_RESULTS_PUBLISHED, results).count() == 1
    assert _entries(Kind.SURVEY_ACTION_UPDATED, results).count() == 1
    polish = translate(results, {}, "pl")
    assert polish.results_published and polish.title != results.title
    assert polish.actions.count() == 1
    [published] = _entries(Kind.SURVEY_RESULTS_PUBLISHED, results)
    assert published.page_id == results.pk  # about the English page
    assert _entries(Kind.SURVEY_ACTION_UPDATED, results).count() == 1
    # The translators correct a word: still no second publication.
    translate(results, {}, "pl")
    assert _entries(Kind.SURVEY_RESULTS_PUBLISHED, results).count() == 1
    assert _entries(Kind.SURVEY_ACTION_UPDATED, results).count() == 1


def test_an_action_changed_later_is_logged_once_for_every_language(results):
    translate(results, {}, "pl")
    page = results.get_latest_revision_as_object()
    items = list(page.actions.all())
    for item in items:
        item.status = SurveyAction.Status.DONE
    page.actions = items
    publish(page)
    translate(results, {}, "pl")  # the translation synced with the change
    statuses = [json.loads(e.payload_json)["status"] for e in
                _entries(Kind.SURVEY_ACTION_UPDATED, results).order_by("sequence")]
    assert statuses == ["planned", "done"]


def test_a_translated_survey_opens_and_closes_once(results):
    translate(results, {}, "pl")
    survey_events_record(SurveyPage.objects.all())
    survey_events_record(SurveyPage.objects.all())
    for kind in (Kind.SURVEY_OPENED, Kind.SURVEY_CLOSED):
        [entry] = _entries(kind, results)
        assert entry.page_id == results.pk


def test_results_logged_for_a_translation_before_are_not_logged_again(results, survey_index):
    """The log is append-only: results logged for a translation's page before this fix
    stay, and the English page published again adds none."""
    later = closed_survey(survey_index, 2024, results_published=False,
                          results_summary="Fewer hear about changes in time.")
    polish = translate(later, {}, "pl")
    evidence_append(kind=Kind.SURVEY_RESULTS_PUBLISHED, subject=f"page:{polish.pk}",
                    page=polish, payload={"survey": polish.pk, "year": 2024})
    page = later.get_latest_revision_as_object()
    page.results_published = True
    publish(page)
    [entry] = _entries(Kind.SURVEY_RESULTS_PUBLISHED, later)
    assert entry.page_id == polish.pk


def test_a_results_follower_is_told_once_in_their_language(survey_index, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(days=1), tick=False):
        follower = Subscriber.objects.create(email="wyniki@example.org", language="pl",
                                             frequency="immediately",
                                             confirmed_at=timezone.now())
        Subscription.objects.create(subscriber=follower, topic="results")
    with time_machine.travel(start, tick=False):
        survey = closed_survey(survey_index, 2025, results_published=False)
        polish = translate(survey, {}, "pl")
        page = survey.get_latest_revision_as_object()
        page.results_published = True
        publish(page)
        polish = translate(survey, {}, "pl")
        mail.outbox.clear()
        assert notices.notices_send() == 1
        assert notices.notices_send() == 0
    [told] = mail.outbox
    assert told.to == ["wyniki@example.org"]
    assert told.subject == f"Wyniki ankiety: {polish.title}"
    assert _entries(Kind.SURVEY_RESULTS_PUBLISHED, survey).count() == 1
