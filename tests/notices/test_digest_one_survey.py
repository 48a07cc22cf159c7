"""A Polish reader's weekly digest tells one survey's results once, and every link to that
survey is to its Polish page: not "published", "changed, version 2" and "results are
published" for one survey, with the change's word-by-word comparison on the English page
beside the results on the Polish one."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notices import services as notices
from notices.models import Subscriber, Subscription
from tests.charter.test_translated_record import translate
from tests.factories import publish
from tests.surveys.conftest import survey_index  # noqa: F401
from tests.surveys.test_results import closed_survey

pytestmark = pytest.mark.django_db
BASE = "https://travel.example.gov.uk"


def test_a_polish_weekly_digest_tells_a_survey_once_with_polish_links(
        survey_index, settings):  # noqa: F811
    settings.WAGTAILADMIN_BASE_URL = BASE
    start = timezone.now()
    with time_machine.travel(start - dt.timedelta(days=2), tick=False):
        reader = Subscriber.objects.create(email="czytelnik@example.org", language="pl",
                                           frequency="weekly", confirmed_at=timezone.now())
        Subscription.objects.create(subscriber=reader, topic="everything")
    with time_machine.travel(start - dt.timedelta(days=1), tick=False):
        survey = closed_survey(survey_index, 2023, results_published=False)
        polish = translate(survey, {}, "pl")
        # The results are published in English; the Polish page has not caught up yet.
        page = survey.get_latest_revision_as_object()
        page.results_published = True
        publish(page)
    with time_machine.travel(start, tick=False):
        mail.outbox.clear()
        assert notices.digests_send() == 1
    [digest] = mail.outbox
    body = digest.body
    polish_path = polish.get_url_parts()[2]
    english_path = survey.get_url_parts()[2]
    assert polish_path.startswith("/pl/") and english_path != polish_path
    survey_links = [link for link in re.findall(re.escape(BASE) + r"(/\S*)", body)
                    if "/surveys/" in link]
    assert survey_links == [polish_path]
    assert f"{BASE}{english_path}" not in body
    # Told once: by its results, not also as a page published and changed.
    assert body.count("Opublikowano wyniki") == 1
    assert polish.title not in body.replace(f"wyniki: „{polish.title}”", "")
