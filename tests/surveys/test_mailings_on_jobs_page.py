"""Reports > Scheduled jobs tells officers of survey sendings that could not finish: one
stopped by the mail server, one whose worker was killed, with counts and no address; the
job that finishes them is not shown as simply "succeeded" while they are stuck."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone
from django_celery_results.models import TaskResult

from outbox import deferrals
from outbox import services as outbox
from outbox.models import SentEmail
from surveys import services, tasks
from surveys.models import SurveyMailing
from tests.portal.test_scheduled_jobs import beat_started  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
URL = "/admin/scheduled-jobs/"
RESUME = "surveys.tasks.resume_survey_mailings"


def _rows(prefix, n):
    return [services.InvitationRow(f"{prefix}{i}@example.org", "parents") for i in range(n)]


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main"):]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _stop(mailing):
    tasks.send_survey_mailing.max_retries, saved = 0, tasks.send_survey_mailing.max_retries
    try:
        tasks.send_survey_mailing.delay(mailing.pk)
    finally:
        tasks.send_survey_mailing.max_retries = saved


def test_stuck_survey_sendings_need_attention_on_the_jobs_page(
        client, login_as, survey, officer, smtp, beat_started):  # noqa: F811
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        # Stopped: the mail server closed the session at the second of four, after retries.
        stopped = services.invitations_create(survey=survey, user=officer, rows=_rows("a", 4))
        smtp.shutting_down = {"a1@example.org"}
        _stop(stopped)
        smtp.shutting_down = set()
        # A worker killed outright: it had claimed three of five and sent none.
        killed = services.invitations_create(survey=survey, user=officer, rows=_rows("b", 5))
        outbox.claim(kind=killed.email_kind, about=killed,
                     recipient_keys=[f"invitation:{i.pk}"
                                     for i in killed.invitations.order_by("pk")[:3]])
        # Waiting for one deferred message: not stuck, it goes by itself.
        waiting = services.invitations_create(survey=survey, user=officer, rows=_rows("c", 3))
        smtp.busy = {"c2@example.org"}
        services.mailing_send(mailing_id=waiting.pk)
        smtp.busy = set()
        # Finished, with one refused for good and one the server never confirmed.
        done = services.invitations_create(survey=survey, user=officer, rows=_rows("d", 4))
        smtp.no_such_user, smtp.hang_up = {"d1@example.org"}, {"d2@example.org"}
        tasks.send_survey_mailing.delay(done.pk)
        smtp.no_such_user, smtp.hang_up = set(), set()
        # The finishing job's last run succeeded (it keeps going while the server refuses).
        TaskResult.objects.create(task_id="resume", task_name=RESUME, status="SUCCESS")
    done.refresh_from_db()
    assert done.finished_at is not None
    login_as("officer")
    later = start + outbox.CLAIM_LEASE + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        page = _text(client.get(URL))
    assert "2 survey sendings could not finish: each stopped with an error, or has sent " \
        "nothing for 5 minutes while e-mails wait." in page
    finishing = page[page.index("Survey invitations and reminders finished"):]
    assert "succeeded Needs attention: 2 survey sendings could not finish" in finishing
    section = page[page.index("Survey invitations and reminders not finished"):]
    assert "Sendings not finished 3 Of them, needing attention 2" in section
    # a1 to a3 and b0 to b4 not sent; c2 deferred.
    assert "E-mails not sent yet 9 Of them, deferred by the recipients&#x27; mail servers and " \
        "tried again by themselves 1" in section
    assert "never confirmed by the mail server) 2" in section
    assert "@" not in section and "invitation:" not in page
    # Once they are sent, nothing needs attention.
    with time_machine.travel(later + deferrals.FIRST_WAIT, tick=False):
        assert sorted(tasks.resume_survey_mailings()) == sorted([stopped.pk, killed.pk,
                                                                 waiting.pk])
        page = _text(client.get(URL))
    assert "could not finish" not in page and "Needs attention" not in page
    assert "Sendings not finished 0" in page
    assert not SurveyMailing.objects.filter(finished_at__isnull=True).exists()
    assert SentEmail.objects.filter(sent_at__isnull=False).count() == 4 + 5 + 3 + 2
