"""The task queue: Celery with a Redis broker in production, in-process without one; the
daily jobs scheduled by celery beat where administrators can see them; and one task sent
through a real Redis broker to a real worker."""

import datetime as dt
import logging
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun, task_prerun
from django.conf import settings
from django.core import mail
from django.db import connections
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from consultations import tasks as consultation_tasks
from consultations.models import ConsultationIndexPage, HolidayPeriod, SchoolCalendar
from portal.celery import app
from surveys import services as survey_services
from surveys import tasks as survey_tasks
from surveys.models import SurveyIndexPage
from tests.consultations.conftest import make_consultation
from tests.factories import PortalTree, UserFactory, publish
from tests.surveys.conftest import make_survey

ROOT = Path(__file__).resolve().parents[2]
DAILY = {"surveys.tasks.record_survey_events", "consultations.tasks.check_consultation_windows",
         "consultations.tasks.anonymise_consultation_contacts",
         "charter.tasks.make_daily_checkpoint", "exports.tasks.delete_old_exports",
         "notices.tasks.forget_used_confirmations"}
#: Jobs that run more often than daily, or weekly: subscribers' notices and digests, the
#: forum's and officers' notices and morning e-mail, and survey mailings that stopped.
NOTICES = {"notices.tasks.send_notices", "notices.tasks.send_weekly_digests",
           "notices.tasks.send_staff_notices", "notices.tasks.send_staff_digests",
           "analysis.tasks.close_idle_coding_sessions", "surveys.tasks.resume_survey_mailings"}


def _survey_index(tree):
    return publish(tree.home.add_child(instance=SurveyIndexPage(title="Surveys", slug="surveys")))


def _celery_settings(env: dict) -> list[str]:
    code = ("from portal.celery import app; import django; django.setup();"
            "print(app.conf.broker_url); print(app.conf.task_always_eager)")
    full = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    full.update({"DJANGO_SETTINGS_MODULE": "portal.settings.dev", **env})
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full,  # noqa: S603
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_with_a_broker_url_tasks_go_to_workers_and_without_one_they_run_in_process():
    assert _celery_settings({"CELERY_BROKER_URL": "redis://queue.example:6379/1"}) == [
        "redis://queue.example:6379/1", "False"]
    broker, eager = _celery_settings({})
    assert broker.startswith("memory://") and eager == "True"


@pytest.mark.django_db
def test_the_daily_jobs_are_registered_tasks_and_beat_shows_them_to_administrators(
    client, monkeypatch
):
    # Beat closes "old" database connections between runs; inside a test's transaction
    # that would close the test's own (PostgreSQL) connection.
    monkeypatch.setattr("django_celery_beat.schedulers.close_old_connections", lambda: None)
    # What a worker or beat does on start: autodiscover each app's tasks module.
    app.loader.import_default_modules()
    assert set(app.tasks) >= DAILY
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} == DAILY | NOTICES
    # Starting beat copies the schedule into django-celery-beat's tables...
    DatabaseScheduler(app=app)
    stored = {t.task: t for t in PeriodicTask.objects.select_related("crontab")}
    assert set(stored) >= DAILY | NOTICES
    assert stored["notices.tasks.send_weekly_digests"].crontab.day_of_week == "mon"
    assert all(stored[name].enabled and stored[name].crontab.day_of_week == "*"
               for name in DAILY)
    assert str(stored["consultations.tasks.check_consultation_windows"].crontab.timezone) == \
        "Europe/London"
    # ...where an administrator reads (and can pause) them.
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    listing = client.get("/django-admin/django_celery_beat/periodictask/").content.decode()
    assert "Check consultation windows against the school calendars" in listing
    # A second start keeps one row per job, and keeps an administrator's pause.
    PeriodicTask.objects.filter(task="surveys.tasks.record_survey_events").update(enabled=False)
    DatabaseScheduler(app=app)
    assert PeriodicTask.objects.filter(task__in=DAILY).count() == len(DAILY)
    assert not PeriodicTask.objects.get(task="surveys.tasks.record_survey_events").enabled


@pytest.mark.django_db
def test_the_daily_survey_task_records_once_what_the_command_records(tree):
    survey = make_survey(_survey_index(tree))
    first = survey_tasks.record_survey_events.delay().result
    assert first == [f"Survey opened: Travel satisfaction survey 2026 (page:{survey.pk})."]
    assert survey_tasks.record_survey_events.delay().result == []


@pytest.mark.django_db
def test_the_daily_window_check_task_logs_a_conflict_as_an_error(tree, caplog):
    index = publish(tree.home.add_child(instance=ConsultationIndexPage(
        title="Consultations", slug="consultations")))
    calendar = SchoolCalendar.objects.create(name="Empty", include_bank_holidays=False)
    page = make_consultation(index, calendar, opens_in_days=-1, closes_in_days=60)
    assert consultation_tasks.check_consultation_windows.delay().result["conflicts"] == []
    soon = timezone.localdate() + dt.timedelta(days=5)
    HolidayPeriod.objects.create(calendar=calendar, name="Extra closure", kind="closure",
                                 first_day=soon, last_day=soon)
    with caplog.at_level(logging.ERROR, logger="consultations.tasks"):
        result = consultation_tasks.check_consultation_windows.delay().result
    assert result == {"logged": 0, "conflicts": [page.pk]}
    assert "Extra closure" in caplog.text
    assert consultation_tasks.anonymise_consultation_contacts.delay().result == 0


def _redis_reachable(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _forget_queue(url: str, queue: str) -> None:
    """Remove the test's queue and kombu's bindings for it from Redis."""
    client = redis.Redis.from_url(url)
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for member in client.zrange("_kombu.binding_deadlines", 0, -1):
        if queue in member.decode():
            client.zrem("_kombu.binding_deadlines", member)


@pytest.fixture
def redis_broker():
    url = settings.PORTAL_TEST_BROKER_URL
    if not _redis_reachable(url):
        if os.environ.get("CI"):
            pytest.fail(f"CI has Redis at {url}, but it did not answer.")
        pytest.skip(f"Redis is not running at {url}.")
    return url


@pytest.mark.django_db
def test_a_mailing_sent_through_a_real_redis_broker_reaches_every_address(redis_broker):
    """The portal's own task, through Redis, run by a Celery worker in a thread: what the
    production set-up does, minus a second machine.

    The worker thread shares the test's database connection (as Django's live server
    does), so it sees the test's data without a transactional test: the evidence log's
    trigger refuses the TRUNCATE that ends one on PostgreSQL.
    """
    survey = make_survey(_survey_index(PortalTree()))
    officer = UserFactory(username="officer", groups=["Officers"])
    mailing = survey_services.invitations_create(
        survey=survey, user=officer,
        rows=[survey_services.InvitationRow(f"p{i}@example.org", "parents") for i in range(5)])

    # No Django fix-up: it would close the shared connection after the task.
    broker = Celery("portal", set_as_current=False, fixups=[])
    broker.config_from_object("django.conf:settings", namespace="CELERY")
    queue = f"portal-test-{uuid.uuid4().hex}"  # nothing else on this Redis picks it up
    broker.conf.update(broker_url=redis_broker, task_always_eager=False,
                       task_default_queue=queue, worker_hijack_root_logger=False,
                       worker_enable_remote_control=False)
    task = broker.tasks["surveys.tasks.send_survey_mailing"]
    shared = connections["default"]
    done = threading.Event()

    def share_connection(**kwargs):
        connections["default"] = shared

    def finished(**kwargs):
        done.set()

    shared.inc_thread_sharing()
    task_prerun.connect(share_connection, weak=False)
    task_postrun.connect(finished, weak=False)
    try:
        with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING"):
            result = task.apply_async(args=[mailing.pk], queue=queue)
            assert done.wait(timeout=30), "the worker did not run the task"
    finally:
        task_prerun.disconnect(share_connection)
        task_postrun.disconnect(finished)
        shared.dec_thread_sharing()
        # The test worker made its app the current one: every later task would go to Redis.
        app.set_current()
        app.set_default()
        _forget_queue(redis_broker, queue)
    assert result.id
    assert app.conf.task_always_eager  # the portal's own app is back in charge
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@example.org" for i in range(5)]
    mailing.refresh_from_db()
    assert mailing.finished_at is not None
