"""Admin > Reports > Scheduled jobs: officers read what runs when, in plain words, how each
job last went and when it runs next; nobody else reaches it."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.schedules import crontab
from celery.schedules import schedule as every
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from django_celery_results.models import TaskResult

from notices import tasks as notice_tasks
from outbox.models import SentEmail
from portal.celery import app
from portal.jobs import cadence_words, job_description, schedule_cadence
from portal.schedulers import RecordedRunsScheduler

User = get_user_model()
LONDON = ZoneInfo("Europe/London")
#: A Wednesday in term, in winter time (UK time is UTC).
MOMENT = dt.datetime(2027, 3, 10, 9, 0, tzinfo=LONDON)
URL = "/admin/scheduled-jobs/"
CHECK = "consultations.tasks.check_consultation_windows"
CHECK_NAME = "Check consultation windows against the school calendars"


def _text(response) -> str:
    """The page's words, tags removed and white space collapsed."""
    html = response.content.decode()
    main = html[html.index("<main"):]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _job_text(page: str, title: str) -> str:
    """The words of one job's block on the page, from its title to the next job's."""
    start = page.index(title)
    following = [page.index(t, start + 1) for t in _titles() if t != title
                 and page.find(t, start + 1) != -1]
    return page[start:min(following, default=len(page))]


def _titles():
    return [str(job_description(e["task"]).title)
            for e in settings.CELERY_BEAT_SCHEDULE.values()] + ["Old job records deleted"]


@pytest.fixture(autouse=True)
def clock():
    """The tests read the page at ``MOMENT`` (sign-ins included, so sessions are current)."""
    with time_machine.travel(MOMENT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def beat_started(db, monkeypatch):
    """What starting celery beat does to the database: the schedule copied into
    django-celery-beat's tables (and beat's own clean-up job added)."""
    # Beat closes "old" database connections between runs; inside a test's transaction that
    # would close the test's own (PostgreSQL) connection.
    monkeypatch.setattr("django_celery_beat.schedulers.close_old_connections", lambda: None)
    app.loader.import_default_modules()  # each app's tasks, as beat loads them on start
    with time_machine.travel(MOMENT - dt.timedelta(days=3), tick=False):
        return RecordedRunsScheduler(app=app)


def test_every_scheduled_job_is_described_and_its_schedule_said_in_plain_words():
    words = {}
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        description = job_description(entry["task"])
        assert description is not None, f"{entry['task']} has no description in portal/jobs.py"
        assert all(str(part) for part in (description.title, description.what,
                                          description.for_whom))
        words[entry["task"]] = cadence_words(schedule_cadence(entry["schedule"]))
    assert words[CHECK] == "every day at 02:00"
    assert words["surveys.tasks.record_survey_events"] == "every day at 00:15"
    assert words["notices.tasks.send_notices"] == "every 10 minutes"
    assert words["notices.tasks.send_staff_notices"] == "every 10 minutes"
    assert words["notices.tasks.send_weekly_digests"] == "every week on Monday at 07:00"
    assert words["analysis.tasks.close_idle_coding_sessions"] == \
        "every hour at 5 minutes past"
    assert not any("cron" in w for w in words.values())


@pytest.mark.parametrize(("schedule", "english"), [
    (dt.timedelta(seconds=30), "every 30 seconds"),
    (dt.timedelta(minutes=1), "every minute"),
    (dt.timedelta(hours=6), "every 6 hours"),
    (dt.timedelta(days=1), "every day"),
])
def test_an_interval_is_said_in_its_largest_whole_unit(schedule, english):
    assert cadence_words(schedule_cadence(every(schedule))) == english


def test_the_schedules_read_in_polish_and_arabic_too():
    for language in ("pl", "ar"):
        with translation.override(language):
            for cron in (crontab(minute="*/10"), crontab(hour=2, minute=0),
                         crontab(day_of_week="mon", hour=7, minute=0), crontab(minute=5)):
                words = cadence_words(schedule_cadence(cron))
                assert not re.search(r"\bevery\b|\bday\b|\bweek\b|\bhour\b", words), words
            assert str(job_description(CHECK).title) != \
                "Consultation dates checked against school calendars"


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_only_officers_and_administrators_reach_the_page(client, login_as, role, beat_started):
    login_as(role)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/") or \
            response["Location"] == "/admin/"
    assert "Consultation dates checked" not in response.content.decode()


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_officers_and_administrators_find_it_under_reports(client, login_as, role,
                                                           beat_started):
    login_as(role)
    assert URL in client.get("/admin/").content.decode()  # the Reports menu
    response = client.get(URL)
    assert response.status_code == 200
    assert "Consultation dates checked against school calendars" in _text(response)
    # Only administrators are offered the Django admin, where a job is paused or changed.
    pause = "/django-admin/django_celery_beat/periodictask/"
    assert (pause in response.content.decode()) == (role == "admin")


@pytest.mark.django_db
def test_before_beat_first_starts_the_jobs_of_the_settings_show_as_not_run(client, login_as):
    login_as("officer")
    page = _text(client.get(URL))
    assert "The scheduler has not started yet, so none of these jobs has run." in page
    check = _job_text(page, "Consultation dates checked against school calendars")
    assert "For whom Officers, who see a flagged consultation in the editor" in check
    assert "When Every day at 02:00" in check
    assert "Last run Not run yet" in check
    assert "Next run 11 March 2027, 02:00" in check
    assert page.count("Not run yet") == len(settings.CELERY_BEAT_SCHEDULE)


@pytest.mark.django_db
def test_an_officer_reading_polish_reads_dates_as_polish_writes_them(client, login_as):
    from wagtail.users.models import UserProfile

    officer = login_as("officer")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "pl"
    profile.save()
    check = _job_text(_text(client.get(URL)), "Sprawdzanie terminów konsultacji")
    assert "11 marca 2027, 02:00" in check
    assert "Czw 11" not in check and "Pon 15" not in check and "15 marca 2027, 07:00" in check


def test_a_run_started_by_beat_shows_when_it_ran_and_that_it_succeeded(
        client, login_as, beat_started):
    scheduler = beat_started
    login_as("officer")
    ran_at = MOMENT.replace(hour=2, minute=0, second=3)
    with time_machine.travel(ran_at, tick=False):
        # What beat does when the job is due: with no broker it runs it in-process.
        scheduler.apply_async(scheduler.schedule[CHECK_NAME])
        scheduler.sync()
    assert TaskResult.objects.get(task_name=CHECK).status == "SUCCESS"
    page = _text(client.get(URL))
    assert "has not started yet" not in page
    check = _job_text(page, "Consultation dates checked against school calendars")
    assert "Last run 10 March 2027, 02:00: succeeded" in check
    assert "Next run 11 March 2027, 02:00" in check
    # A job that beat has not run yet since it started.
    digest = _job_text(page, "Weekly e-mail to subscribers")
    assert "When Every week on Monday at 07:00" in digest
    assert "Last run Not run yet" in digest
    assert "Next run 15 March 2027, 07:00" in digest


def test_runs_not_started_by_beat_keep_no_result(beat_started):
    notice_tasks.forget_used_confirmations.delay()  # as after a publish: not a scheduled run
    assert not TaskResult.objects.exists()


def test_a_failed_run_a_paused_job_and_a_late_one_are_each_said(client, login_as,
                                                                beat_started):
    login_as("officer")
    TaskResult.objects.create(task_id="failed-run", task_name=CHECK, status="FAILURE")
    TaskResult.objects.update(date_done=MOMENT.replace(hour=2, minute=0, second=4))
    PeriodicTask.objects.filter(task="notices.tasks.send_weekly_digests").update(enabled=False)
    # The evidence log was last signed two days ago: beat has not run since.
    PeriodicTask.objects.filter(task="charter.tasks.make_daily_checkpoint").update(
        last_run_at=MOMENT - dt.timedelta(days=2, hours=5, minutes=30))
    page = _text(client.get(URL))
    check = _job_text(page, "Consultation dates checked against school calendars")
    assert ("Last run 10 March 2027, 02:00: failed (the administrators find the "
            "error") in check
    assert "Next run Paused by an administrator" in _job_text(page, "Weekly e-mail to subscribers")
    signed = _job_text(page, "Evidence log signed")
    assert "Last run 8 March 2027, 03:30: no record of how it went" in signed
    assert "Next run Late: due 9 March 2027, 03:30" in signed
    assert "Some jobs should have run by now." in page


def test_the_page_reads_in_a_fixed_number_of_queries(client, login_as, beat_started,
                                                     django_assert_max_num_queries):
    login_as("officer")
    client.get(URL)  # the admin's first page after signing in reads and keeps some settings
    # Signing in, the user's roles and permissions and profile (6), the jobs with their
    # results (1), the notice e-mails waiting (1), the survey sendings not finished and
    # their e-mails (3), the admin's menus (4).
    with django_assert_max_num_queries(15):
        assert client.get(URL).status_code == 200
    # Ten more jobs (as an administrator might add), each with a kept result: no more queries.
    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    for number in range(10):
        PeriodicTask.objects.create(name=f"Extra {number}", task=f"extra.task_{number}",
                                    interval=every_minute)
        TaskResult.objects.create(task_id=f"extra-{number}", task_name=f"extra.task_{number}",
                                  status="SUCCESS")
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert _text(response).count("Every minute") == 10



def _first_minute_after(cron, start: dt.datetime) -> dt.datetime:
    """The first whole minute after ``start``'s minute that the crontab names, found by
    trying each minute in turn (so the expectation does not reuse Celery's arithmetic)."""
    moment = start.replace(second=0, microsecond=0)
    for _ in range(8 * 24 * 60):
        moment += dt.timedelta(minutes=1)
        if (moment.minute in cron.minute and moment.hour in cron.hour
                and moment.isoweekday() % 7 in cron.day_of_week
                and moment.day in cron.day_of_month and moment.month in cron.month_of_year):
            return moment
    raise AssertionError(f"{cron} names no minute in the eight days after {start}")


def test_the_next_run_is_the_schedules_own_minute_while_the_clock_moves_on(
        client, login_as, beat_started):
    """The page reads the time, then each schedule reads the clock again a moment later: the
    next run shown is still the minute the schedule names, not the minute before it."""
    login_as("officer")
    ran = MOMENT.replace(hour=8, minute=50, second=0, microsecond=300_000)
    PeriodicTask.objects.filter(task="notices.tasks.send_notices").update(last_run_at=ran)
    with time_machine.travel(MOMENT + dt.timedelta(seconds=1), tick=True):
        page = _text(client.get(URL))
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        ran_at = ran if entry["task"] == "notices.tasks.send_notices" else MOMENT
        when = _first_minute_after(entry["schedule"], ran_at).astimezone(LONDON)
        expected = f"Next run {when.day} {when:%B %Y, %H:%M}"
        assert expected in _job_text(page, str(job_description(entry["task"]).title))
    assert "Next run 10 March 2027, 09:00" in page  # every ten minutes, last run 08:50
    assert "Next run 11 March 2027, 00:15" in page  # every day at 00:15


def test_the_next_run_is_reckoned_from_the_time_the_page_was_read():
    """Read at 09:00 while the clock already says 09:00:01: each next run is exact."""
    from portal.selectors import _next_run

    ran = MOMENT.replace(hour=8, minute=50, second=0, microsecond=300_000)
    with time_machine.travel(MOMENT + dt.timedelta(seconds=1), tick=False):
        assert _next_run(crontab(minute="*/10"), ran, MOMENT) == MOMENT
        assert _next_run(crontab(minute="*/10"), MOMENT, MOMENT) == MOMENT.replace(minute=10)
        assert _next_run(crontab(hour=0, minute=15), None, MOMENT) == (
            MOMENT + dt.timedelta(days=1)).replace(hour=0, minute=15)
        assert _next_run(every(dt.timedelta(minutes=10)), ran, MOMENT) == (
            ran + dt.timedelta(minutes=10))


def _notice_rows():
    """Notice e-mails as the outbox holds them: two waiting since a worker stopped (the
    oldest three hours ago), one being sent now, one handed to the mail server an hour ago
    and never confirmed, two sent; and a survey invitation waiting (not a notice)."""
    about = ContentType.objects.get_for_model(User)
    rows = [("notice", "subscriber:1", 3 * 60, None, None),
            ("staff:comment_made", "user:7", 40, None, None),
            ("digest", "week:2027-W10", 0, None, None),
            ("notice", "subscriber:2", 60, 60, None),
            ("notice", "subscriber:3", 90, 89, 89),
            ("staff_digest", "day:2027-03-10", 30, 29, 29),
            ("survey_invitations", "invitation:5", 600, None, None)]
    for number, (kind, key, claimed, attempted, sent) in enumerate(rows):
        row = SentEmail.objects.create(kind=kind, content_type=about, object_id=number + 1,
                                       recipient_key=key)
        SentEmail.objects.filter(pk=row.pk).update(
            claimed_at=MOMENT - dt.timedelta(minutes=claimed),
            attempted_at=attempted is not None and MOMENT - dt.timedelta(minutes=attempted)
            or None,
            sent_at=sent is not None and MOMENT - dt.timedelta(minutes=sent) or None)


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_officers_see_how_many_notice_emails_wait_or_failed_without_any_address(
        client, login_as, role, beat_started):
    _notice_rows()
    login_as(role)
    page = _text(client.get(URL))
    backlog = page[page.index("Notice e-mails not sent yet"):]
    assert "Waiting to be sent or retried 3 " in backlog
    assert "Oldest waiting Waiting for 3 hours " in backlog
    assert "Failed for good 1 (handed to the mail server" in backlog
    assert "subscriber:" not in page and "@" not in backlog


@pytest.mark.django_db
def test_with_nothing_waiting_the_page_says_none_wait(client, login_as):
    login_as("officer")
    page = _text(client.get(URL))
    assert "Waiting to be sent or retried 0 Oldest waiting None waiting Failed for good 0" \
        in page


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_nobody_but_officers_and_administrators_reads_the_notice_backlog(
        client, login_as, role, beat_started):
    _notice_rows()
    login_as(role)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Notice e-mails not sent yet" not in response.content.decode()
    assert "Waiting to be sent or retried" not in response.content.decode()


def test_officers_see_how_many_notices_the_mail_server_refused(client, login_as, beat_started):
    _notice_rows()
    login_as("officer")
    SentEmail.objects.filter(kind="notice", attempted_at__isnull=False, sent_at=None).update(
        refused_at=MOMENT, failure="550 5.1.1 [address]: No such user")
    page = _text(client.get(URL))
    backlog = page[page.index("Notice e-mails not sent yet"):]
    assert "Failed for good 1 (1 refused by the mail server because the address does not " \
        "exist" in backlog
    assert "The sending jobs below send any that are waiting" in page
