"""A subscriber who hears as soon as something changes, and follows both "Survey results"
and "Everything", gets one e-mail when a survey's results are published: the results, not
also the survey's page "changed" by the same publishing, nor one e-mail per topic followed."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notices import services as notices
from notices.models import Subscriber, Subscription
from tests.factories import publish
from tests.surveys.conftest import survey_index  # noqa: F401
from tests.surveys.test_results import closed_survey

pytestmark = pytest.mark.django_db
BASE = "https://travel.example.gov.uk"


@pytest.mark.parametrize("language", ["en-gb", "pl"])
def test_results_published_reach_a_reader_of_results_and_everything_once(
        survey_index, settings, language):  # noqa: F811
    settings.WAGTAILADMIN_BASE_URL = BASE
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(days=2), tick=False):
        reader = Subscriber.objects.create(email="both@example.org", language=language,
                                           frequency="immediately",
                                           confirmed_at=timezone.now())
        for topic in ("results", "everything"):
            Subscription.objects.create(subscriber=reader, topic=topic)
    with time_machine.travel(start, tick=False):
        survey = closed_survey(survey_index, 2023, results_published=False)
        notices.notices_send()  # the site's pages and the survey's, told before its results
        mail.outbox.clear()
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False):
        page = survey.get_latest_revision_as_object()
        page.results_published = True
        publish(page)
    with time_machine.travel(start + dt.timedelta(minutes=10), tick=False):
        notices.notices_send()
        notices.notices_send()  # the next run sends nothing more
    [told] = mail.outbox
    assert told.to == ["both@example.org"]
    assert survey.url_path.split("/")[-2] in told.body  # its link
    assert told.subject.startswith({"en-gb": "Survey results", "pl": "Wyniki"}[language])


def test_a_change_to_the_survey_after_its_results_is_still_told(
        survey_index, settings):  # noqa: F811
    settings.WAGTAILADMIN_BASE_URL = BASE
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(days=2), tick=False):
        reader = Subscriber.objects.create(email="all@example.org", language="en-gb",
                                           frequency="immediately",
                                           confirmed_at=timezone.now())
        Subscription.objects.create(subscriber=reader, topic="everything")
    with time_machine.travel(start, tick=False):
        survey = closed_survey(survey_index, 2023, results_published=False)
        notices.notices_send()
        mail.outbox.clear()
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False):
        page = survey.get_latest_revision_as_object()
        page.results_published = True
        publish(page)
    with time_machine.travel(start + dt.timedelta(minutes=10), tick=False):
        notices.notices_send()
    with time_machine.travel(start + dt.timedelta(days=1), tick=False):
        page = survey.get_latest_revision_as_object()
        page.intro = "Tell us how travel to school went in 2023. It took about 5 minutes."
        publish(page)
    with time_machine.travel(start + dt.timedelta(days=1, minutes=10), tick=False):
        notices.notices_send()
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Survey results", "Changed"]
