"""Invitations and reminders go in the background: the officer's confirm stores the codes
at once, a task sends them, each address gets its message once however often the task runs,
and a progress page says how far it has got."""

import collections
import datetime as dt
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from outbox import services as outbox
from outbox.models import SentEmail
from surveys import services, tasks
from surveys.models import SurveyInvitation, SurveyMailing
from tests.surveys.conftest import question_ids

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member", "admin"]


class DyingBackend(EmailBackend):
    """The locmem backend, but the connection drops once after ``fail_after`` messages,
    as when a worker is stopped or the mail server goes away part-way through a run."""

    fail_after: int | None = None
    failures = 0
    sent = 0

    def send_messages(self, messages):
        cls = type(self)
        if cls.fail_after is not None and cls.sent >= cls.fail_after:
            cls.fail_after = None
            cls.failures += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        cls.sent += len(messages)
        return super().send_messages(messages)


@pytest.fixture
def dying_backend(settings):
    settings.EMAIL_BACKEND = f"{__name__}.DyingBackend"
    DyingBackend.fail_after, DyingBackend.failures, DyingBackend.sent = None, 0, 0
    return DyingBackend


def _rows(n, start=0):
    return [services.InvitationRow(f"person{i}@example.org", "parents")
            for i in range(start, start + n)]


def _per_address():
    return collections.Counter(message.to[0] for message in mail.outbox)


def _mailing_url(mailing):
    return reverse("surveys_mailing", args=[mailing.survey_id, mailing.pk])


def test_a_worker_dying_part_way_is_retried_and_everyone_gets_exactly_one(
    survey, officer, dying_backend
):
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(250))
    dying_backend.fail_after = 130  # in the middle of the second chunk
    tasks.send_survey_mailing.delay(mailing.pk)
    assert dying_backend.failures == 1  # it did die, and Celery ran it again
    per_address = _per_address()
    assert len(per_address) == 250
    assert set(per_address.values()) == {1}
    assert not SurveyInvitation.objects.filter(mailing=mailing, sent_at__isnull=True).exists()
    mailing.refresh_from_db()
    assert mailing.finished_at is not None and mailing.failure == ""


def test_running_a_finished_mailing_again_sends_nothing(survey, officer):
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(3))
    tasks.send_survey_mailing.delay(mailing.pk)
    tasks.send_survey_mailing.delay(mailing.pk)
    assert services.mailing_send(mailing_id=mailing.pk) == 0
    assert sorted(_per_address().values()) == [1, 1, 1]
    assert SentEmail.objects.count() == 3


def test_messages_a_killed_worker_had_claimed_are_never_sent_twice(survey, officer, client,
                                                                   login_as):
    """A worker killed outright (no chance to tidy up) leaves its claimed messages recorded
    but unconfirmed. One it had handed to the mail server may have gone: never sent again.
    Those it never reached wait out the lease, are shown as waiting to be retried, and go
    once when sending starts again."""
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(5))
    first, second, *rest = SurveyInvitation.objects.filter(mailing=mailing).order_by("pk")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        # The dead worker had claimed the first two and handed the first to the mail server.
        outbox.claim(kind=mailing.email_kind, about=mailing,
                     recipient_keys=[f"invitation:{first.pk}", f"invitation:{second.pk}"])
        SentEmail.objects.filter(recipient_key=f"invitation:{first.pk}").update(
            attempted_at=start)
        tasks.send_survey_mailing.delay(mailing.pk)  # Celery hands the task to another worker
    assert sorted(_per_address()) == sorted(i.email for i in rest)
    mailing.refresh_from_db()
    assert mailing.finished_at is None  # the second is still to go
    login_as("officer")
    with time_machine.travel(start + outbox.CLAIM_LEASE + dt.timedelta(minutes=1)):
        html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
        assert "3 of 5 invitations sent. 1 waiting to be retried" in html
        assert "Start sending again" in html
        tasks.send_survey_mailing.delay(mailing.pk)
        html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
    assert sorted(_per_address()) == sorted(i.email for i in [second, *rest])
    assert set(_per_address().values()) == {1}
    assert "4 of 5 invitations sent. 1 could not be confirmed as sent" in html
    assert "waiting to be retried" not in html


def test_the_mail_server_refusing_is_shown_and_sending_can_start_again(
    client, login_as, survey, officer, dying_backend, settings,
    django_capture_on_commit_callbacks
):
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(4))
    dying_backend.fail_after = 2
    # It keeps refusing: every attempt fails until Celery gives up.
    tasks.send_survey_mailing.max_retries, saved = 0, tasks.send_survey_mailing.max_retries
    try:
        result = tasks.send_survey_mailing.delay(mailing.pk)
        assert isinstance(result.result, outbox.SendingStopped)
        assert result.result.kind == "SMTPServerDisconnected"
    finally:
        tasks.send_survey_mailing.max_retries = saved
    login_as("officer")
    html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
    assert "2 of 4 invitations sent." in html
    assert "Sending stopped: start it again when the mail server is working." in html
    assert "Start sending again" in html and "help-critical" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_mailing_url(mailing), {"action": "restart"})
    assert response.status_code == 302
    html = " ".join(client.get(response.url).content.decode().split())
    assert "4 of 4 invitations sent." in html
    assert "Start sending again" not in html
    assert set(_per_address().values()) == {1} and len(_per_address()) == 4


def test_confirming_20000_addresses_stores_them_in_a_few_queries_then_sends_each_once(
    client, login_as, survey, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    login_as("officer")
    upload = b"email\n" + b"".join(f"p{i}@example.org\n".encode() for i in range(20_000))
    url = reverse("surveys_invitations", args=[survey.pk])
    response = client.post(url, {"action": "upload",
                                 "file": SimpleUploadedFile("all.csv", upload, "text/csv")})
    assert "Send 20,000 invitations" in response.content.decode()
    # No query per address: Django gives SQLite at most 999 values a statement, so 20,000
    # rows of 8 columns take 162 inserts there (184 queries in all); PostgreSQL needs 3.
    # Two reads of who asked for no more e-mails about the survey (one to say how many were
    # left out, one in the sending's own transaction) are two queries for the whole list.
    ceiling = 252 if connection.vendor == "sqlite" else 62
    with django_capture_on_commit_callbacks() as callbacks, \
            django_assert_max_num_queries(ceiling):
        response = client.post(url, {"action": "confirm",
                               "checked": client.session["pending_invitations"]["digest"]})
    mailing = SurveyMailing.objects.get()
    assert response.status_code == 302 and response.url == _mailing_url(mailing)
    assert SurveyInvitation.objects.filter(mailing=mailing).count() == 20_000
    assert mail.outbox == []  # nothing is sent inside the officer's request
    html = " ".join(client.get(response.url).content.decode().split())
    assert "0 of 20,000 invitations sent." in html
    assert 'value="0"' in html and 'max="20000"' in html
    for callback in callbacks:  # the transaction commits: the task runs (in-process here)
        callback()
    per_address = _per_address()
    assert len(per_address) == 20_000 and set(per_address.values()) == {1}
    progress = client.get(response.url + "?format=json").json()
    assert progress == {"sent": 20_000, "total": 20_000, "percent": 100, "finished": True,
                        "failure": "", "status": "finished",
                        "summary": "20,000 of 20,000 invitations sent."}


def test_the_progress_page_works_without_javascript_and_updates_with_it(
    client, login_as, survey, officer
):
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(10))
    login_as("officer")
    html = client.get(_mailing_url(mailing)).content.decode()
    text = " ".join(html.split())
    assert "0 of 10 invitations sent." in text
    assert '<progress class="task-progress__bar" max="10" value="0"' in text
    # Without the script, a link reloads the page; with it, the page asks for the figures.
    assert f'href="{_mailing_url(mailing)}" data-progress-refresh>check again</a>' in text
    assert "portal/js/task-progress.js" in html
    assert client.get(_mailing_url(mailing) + "?format=json").json()["status"] == "sending"
    services.mailing_send(mailing_id=mailing.pk)
    text = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
    assert "10 of 10 invitations sent." in text and "Finished" in text
    assert "check again" not in text


def test_a_reminder_goes_in_the_background_only_to_unused_codes(
    client, login_as, survey, officer, django_capture_on_commit_callbacks
):
    first = services.invitations_create(survey=survey, user=officer, rows=_rows(3))
    services.mailing_send(mailing_id=first.pk)
    used = SurveyInvitation.objects.get(email="person0@example.org")
    ids = question_ids(survey)
    services.survey_submit(survey=survey, audience="parents",
                           answers={ids["Overall satisfaction"]: 4}, code=used.code)
    SurveyInvitation.objects.update(sent_at=timezone.now() - dt.timedelta(days=3))
    mail.outbox.clear()
    login_as("officer")
    url = reverse("surveys_invitations", args=[survey.pk])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url, {"action": "remind-confirm"})
    reminders = SurveyMailing.objects.get(kind=SurveyMailing.Kind.REMINDERS)
    assert response.url == _mailing_url(reminders)
    assert mail.outbox == [] and reminders.total == 2
    for callback in callbacks:
        callback()
    assert sorted(_per_address()) == ["person1@example.org", "person2@example.org"]
    assert all(m.subject.startswith("Reminder:") for m in mail.outbox)
    # A second reminder within 48 hours is not made: each address has had its one.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "remind-confirm"})
    assert sorted(_per_address().values()) == [1, 1]
    assert SurveyMailing.objects.filter(kind=SurveyMailing.Kind.REMINDERS).count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_see_or_restart_a_mailing(client, login_as, survey, officer, role):
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(2))
    login_as(role)
    for response in (client.get(_mailing_url(mailing)),
                     client.get(_mailing_url(mailing) + "?format=json"),
                     client.post(_mailing_url(mailing), {"action": "restart"})):
        if role in ("officer", "admin"):
            assert response.status_code in (200, 302)
        else:
            assert response.status_code in (302, 403)
            assert response.status_code == 403 or "/admin/" in response["Location"] \
                or "sign-in" in response["Location"]
    if role not in ("officer", "admin"):
        assert mail.outbox == []


def test_without_javascript_the_page_reloads_itself_and_offers_a_restart_only_when_stuck(
    client, login_as, survey, officer
):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from surveys.selectors import MAILING_STALLED_AFTER

    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(10))
    login_as("officer")
    html = client.get(_mailing_url(mailing)).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert "Start sending again" not in html  # just started: nothing is stuck
    with time_machine.travel(timezone.now() + MAILING_STALLED_AFTER + dt.timedelta(seconds=1)):
        stuck = client.get(_mailing_url(mailing)).content.decode()
    assert "Start sending again" in stuck and "Nothing has been sent for 5 minutes" in stuck
    services.mailing_send(mailing_id=mailing.pk)
    done = client.get(_mailing_url(mailing)).content.decode()
    assert 'http-equiv="refresh"' not in done and "Start sending again" not in done


def test_a_sending_that_fails_in_process_says_it_stopped_at_once(
    client, login_as, survey, settings, tmp_path, django_capture_on_commit_callbacks
):
    """No broker (make run): the sending runs in the request and ends there. A mail folder
    that cannot be written (a file where the folder should be) stops it with an error the
    page says at once, with the button to start again; not "the e-mails go in the
    background" for ever."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "sent-mail")
    (tmp_path / "sent-mail").write_text("not a folder")
    login_as("officer")
    url = reverse("surveys_invitations", args=[survey.pk])
    client.post(url, {"action": "upload", "file": SimpleUploadedFile(
        "list.csv", b"email\nalex@example.org\nsam@example.org\n", "text/csv")})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "confirm",
                               "checked": client.session["pending_invitations"]["digest"]})
    html = " ".join(client.get(response.url).content.decode().split())
    assert "0 of 2 invitations sent." in html
    assert "The e-mails go in the background" not in html
    assert "Sending stopped with an error (ImproperlyConfigured" in html
    assert "Start sending again" in html and "help-critical" in html
    # Put right, starting again sends both, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mailing = SurveyMailing.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_mailing_url(mailing), {"action": "restart"})
    html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
    assert "2 of 2 invitations sent." in html
    assert sorted(_per_address()) == ["alex@example.org", "sam@example.org"]


def test_the_periodic_job_finishes_a_mailing_a_killed_worker_left_sending_each_once(
    survey, officer
):
    """A worker killed outright mid-mailing, and nobody presses "Start sending again": the
    ten-minute job leaves the claims alone while they are fresh (a live worker may hold
    them), then, once the lease has passed, sends the rest, once each, and never again the
    one the dead worker had handed to the mail server."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(6))
        first, second, *rest = SurveyInvitation.objects.filter(mailing=mailing).order_by("pk")
        outbox.claim(kind=mailing.email_kind, about=mailing,
                     recipient_keys=[f"invitation:{i.pk}" for i in (first, second, *rest)])
        SentEmail.objects.filter(recipient_key=f"invitation:{first.pk}").update(
            attempted_at=start)
        assert tasks.resume_survey_mailings() == []  # too soon: the claims may be live
    assert mail.outbox == []
    with time_machine.travel(start + outbox.CLAIM_LEASE + dt.timedelta(minutes=1)):
        assert tasks.resume_survey_mailings() == [mailing.pk]
        assert tasks.resume_survey_mailings() == []  # finished: nothing more to resume
    with time_machine.travel(start + dt.timedelta(hours=1)):
        assert tasks.resume_survey_mailings() == []
    assert sorted(_per_address()) == sorted(i.email for i in [second, *rest])
    assert set(_per_address().values()) == {1}
    mailing.refresh_from_db()
    assert mailing.finished_at is not None


def test_the_periodic_job_resumes_a_mailing_whose_retries_ran_out(survey, officer,
                                                                  dying_backend):
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(4))
    dying_backend.fail_after = 2
    tasks.send_survey_mailing.max_retries, saved = 0, tasks.send_survey_mailing.max_retries
    try:
        tasks.send_survey_mailing.delay(mailing.pk)
    finally:
        tasks.send_survey_mailing.max_retries = saved
    assert len(_per_address()) == 2
    with time_machine.travel(timezone.now() + outbox.CLAIM_LEASE + dt.timedelta(minutes=1)):
        assert tasks.resume_survey_mailings() == [mailing.pk]
    assert len(_per_address()) == 4 and set(_per_address().values()) == {1}
    mailing.refresh_from_db()
    assert mailing.finished_at is not None and mailing.failure == ""


def test_the_mailing_resume_job_is_on_the_beat_schedule(settings):
    tasks_scheduled = {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "surveys.tasks.resume_survey_mailings" in tasks_scheduled


def test_an_address_the_mail_server_refuses_does_not_stop_the_invitations(
        survey, officer, client, login_as, smtp, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(4))
    smtp.no_such_user = {"person1@example.org"}
    tasks.send_survey_mailing.delay(mailing.pk)
    assert sorted(m["To"] for m in smtp.messages) == [
        "person0@example.org", "person2@example.org", "person3@example.org"]
    assert all(m["Message-ID"].strip().endswith("@travel.example.gov.uk>")
               for m in smtp.messages)
    mailing.refresh_from_db()
    assert mailing.finished_at is not None and mailing.failure == ""
    login_as("officer")
    html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
    assert "3 of 4 invitations sent. 1 refused by the mail server because the address does " \
        "not exist" in html
    assert "could not be confirmed" not in html and "person1@" not in html


# --- one recipient deferred (4xx) holds nobody else up ------------------------------------


def test_one_full_mailbox_holds_up_nobody_and_is_tried_again_alone(
        survey, officer, client, login_as, smtp, caplog):
    """A 451 for one address at RCPT (a mailbox over quota, greylisting) defers that one
    invitation: those after it go in the same run, the progress page says one is deferred
    without naming it, the ten-minute job leaves the mailing alone until its time, then sends
    it, once."""
    from outbox import deferrals

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        mailing = services.invitations_create(survey=survey, user=officer, rows=[
            services.InvitationRow(f"{name}@example.org", "parents")
            for name in ("first3", "busy3", "after3a", "after3b")])
    smtp.busy = {"busy3@example.org"}
    with time_machine.travel(start + dt.timedelta(seconds=5), tick=False):
        tasks.send_survey_mailing.delay(mailing.pk)
    assert [m["To"] for m in smtp.messages] == ["first3@example.org", "after3a@example.org",
                                                "after3b@example.org"]
    mailing.refresh_from_db()
    assert mailing.finished_at is None and mailing.failure == ""
    login_as("officer")
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
        progress = client.get(_mailing_url(mailing) + "?format=json").json()
    assert "3 of 4 invitations sent. 1 deferred by the recipient&#x27;s mail server (a full " \
        "mailbox, say): it is tried again by itself" in html
    assert "Start sending again" not in html  # not a lost task
    assert "busy3" not in html and "busy3" not in str(progress)
    assert "busy3" not in caplog.text
    # Not before its time...
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        assert tasks.resume_survey_mailings() == []
    smtp.busy = set()
    # ...then once, and the mailing is finished.
    with time_machine.travel(start + deferrals.FIRST_WAIT + dt.timedelta(minutes=1)):
        assert tasks.resume_survey_mailings() == [mailing.pk]
        assert tasks.resume_survey_mailings() == []
    assert [m["To"] for m in smtp.messages][-1] == "busy3@example.org"
    assert collections.Counter(m["To"] for m in smtp.messages) == {
        f"{name}@example.org": 1 for name in ("first3", "busy3", "after3a", "after3b")}
    mailing.refresh_from_db()
    assert mailing.finished_at is not None
    assert SurveyInvitation.objects.get(email="busy3@example.org").sent_at is not None


def test_a_mailbox_full_to_the_end_is_given_up_with_its_own_reason(
        survey, officer, client, login_as, smtp):
    from outbox import deferrals

    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(3))
    smtp.full = {"person1@example.org"}
    moment = timezone.now()
    for _try in range(deferrals.MOST_TRIES):
        with time_machine.travel(moment, tick=False):
            services.mailing_send(mailing_id=mailing.pk)
        moment += deferrals.LONGEST_WAIT
    mailing.refresh_from_db()
    assert mailing.finished_at is not None
    login_as("officer")
    html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
    assert "2 of 3 invitations sent. 1 could not be delivered: the recipient&#x27;s mail " \
        "server said &quot;not now&quot; (a full mailbox, say) at every try for 16 hours, " \
        "so it was given up." in html
    assert "does not exist" not in html and "person1" not in html


def test_the_session_closed_by_the_server_pauses_the_run_and_says_so_without_addresses(
        survey, officer, client, login_as, smtp):
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(3))
    smtp.shutting_down = {"person1@example.org"}
    tasks.send_survey_mailing.max_retries, saved = 0, tasks.send_survey_mailing.max_retries
    try:
        tasks.send_survey_mailing.delay(mailing.pk)
    finally:
        tasks.send_survey_mailing.max_retries = saved
    mailing.refresh_from_db()
    assert mailing.failure.startswith("The e-mails could not be sent (SMTPRecipientsRefused: "
                                      "421 4.3.2 Service shutting down")
    assert "@" not in mailing.failure
    smtp.shutting_down = set()
    with time_machine.travel(timezone.now() + outbox.CLAIM_LEASE + dt.timedelta(minutes=1)):
        assert tasks.resume_survey_mailings() == [mailing.pk]
    assert sorted(m["To"] for m in smtp.messages) == [f"person{n}@example.org"
                                                      for n in range(3)]


def test_a_message_refused_as_spam_is_counted_under_its_own_reason(
        survey, officer, client, login_as, smtp):
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(4))
    smtp.spam = {"person1@example.org"}
    smtp.no_such_user = {"person2@example.org"}
    tasks.send_survey_mailing.delay(mailing.pk)
    login_as("officer")
    html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
    assert "2 of 4 invitations sent. 1 refused by the mail server because the address does " \
        "not exist or takes no mail: not sent again. 1 refused by the receiving mail server, " \
        "which judged the message itself (as spam, say), not the address" in html


def test_an_unconfirmed_invitation_is_said_to_get_no_reminder(survey, officer, client,
                                                             login_as, smtp):
    """The connection lost after DATA: the invitation may not have arrived, is not sent
    again, and is never stamped as sent, so no reminder can reach it: the page says so."""
    mailing = services.invitations_create(survey=survey, user=officer, rows=_rows(3))
    smtp.hang_up = {"person1@example.org"}
    tasks.send_survey_mailing.delay(mailing.pk)
    smtp.hang_up = set()
    mailing.refresh_from_db()
    assert mailing.finished_at is not None
    login_as("officer")
    html = " ".join(client.get(_mailing_url(mailing)).content.decode().split())
    assert "2 of 3 invitations sent. 1 could not be confirmed as sent (the connection to the " \
        "mail server was lost while it was going): it may not have arrived. It is not sent " \
        "again, and no reminder goes to it." in html
    assert "a reminder will reach them" not in html
    SurveyInvitation.objects.update(sent_at=timezone.now() - dt.timedelta(days=3))
    SurveyInvitation.objects.filter(email="person1@example.org").update(sent_at=None)
    assert sorted(services.reminders_due(survey.pk, now=timezone.now())
                  .values_list("email", flat=True)) == ["person0@example.org",
                                                        "person2@example.org"]


def test_building_a_mailing_reads_no_query_per_invitation(
        survey, officer, django_assert_max_num_queries):
    """Each message costs the outbox's two writes (handed over, taken) and nothing more:
    its code, address and language are read with the rest, in one query."""
    languages = ["en", "pl", "ar"]
    small = services.invitations_create(survey=survey, user=officer, rows=[
        services.InvitationRow(f"small{i}@example.org", "parents", languages[i % 3])
        for i in range(3)])
    big = services.invitations_create(survey=survey, user=officer, rows=[
        services.InvitationRow(f"big{i}@example.org", "parents", languages[i % 3])
        for i in range(60)])
    with django_assert_max_num_queries(16 + 2 * 3) as few:
        services.mailing_send(mailing_id=small.pk)
    with django_assert_max_num_queries(16 + 2 * 60) as many:
        services.mailing_send(mailing_id=big.pk)
    assert len(many.captured_queries) - len(few.captured_queries) <= 2 * (60 - 3)
    assert collections.Counter(m.extra_headers["Content-Language"] for m in mail.outbox) == {
        "en-GB": 21, "pl": 21, "ar": 21}
