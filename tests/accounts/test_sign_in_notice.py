"""The e-mail about a new sign-in is written in the language the person reads e-mails in,
says so (Content-Language), and asks mail programs not to answer it."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from accounts import services, tasks
from accounts.models import AccountEvent
from notices import tasks as notice_tasks
from notices.models import StaffNoticePreference
from outbox import deferrals
from outbox.models import SentEmail
from outbox.services import CLAIM_LEASE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(user):
    event = services.record(AccountEvent.Kind.SIGNED_IN, user=user, detail="Firefox")
    assert tasks.send_sign_in_notice(event.pk) == 1
    return mail.outbox[-1]


def test_the_sign_in_notice_is_in_the_language_chosen_for_e_mails():
    rep = UserFactory(username="forumrep", email="rep@example.org")
    StaffNoticePreference.objects.create(user=rep, language="ar")
    message = _signed_in(rep)
    assert message.extra_headers["Content-Language"] == "ar"
    assert message.subject != "New sign-in to your SEND travel portal account"
    assert "SEND travel portal" not in message.subject
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.from_email == "SEND travel portal <send-travel@example.gov.uk>"


def test_the_arabic_sign_in_notice_writes_its_time_with_the_arabic_comma():
    """As the portal's other Arabic e-mails do ("5 يناير 2027، 23:59")."""
    rep = UserFactory(username="forumrep", email="rep@example.org")
    StaffNoticePreference.objects.create(user=rep, language="ar")
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, 10, tzinfo=dt.UTC), tick=False):
        body = _signed_in(rep).body
    assert re.search(r"2026، \d\d:\d\d", body), body
    assert not re.search(r"2026, \d\d:\d\d", body), body


def test_an_officer_with_a_polish_admin_is_told_in_polish():
    officer = UserFactory(username="officer", email="officer@example.org")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = "pl"
    profile.save()
    message = _signed_in(officer)
    assert message.extra_headers["Content-Language"] == "pl"
    assert "logowanie" in message.subject.lower()


def test_with_no_choice_the_notice_is_in_the_site_s_language():
    message = _signed_in(UserFactory(username="someone", email="someone@example.org"))
    assert message.extra_headers["Content-Language"] == "en-gb"
    assert message.subject == "New sign-in to your SEND travel portal account"


def test_a_sign_in_notice_the_mail_server_defers_goes_with_the_ten_minute_job_after_its_pause(
        smtp):
    """A 451 for the address (greylisting), with no broker (tasks in-process, beat running
    the jobs): the ten-minute job sends it once the pause is over, once; a 550 is refused
    for good and never tried again."""
    user = UserFactory(username="officer", email="greylisted@example.org")
    start = timezone.now()
    smtp.busy = {"greylisted@example.org"}
    with time_machine.travel(start, tick=False):
        event = services.record(AccountEvent.Kind.SIGNED_IN, user=user, detail="Firefox")
        assert tasks.send_sign_in_notice.apply(args=[event.pk]).get() == 0
    assert smtp.deferred == {"greylisted@example.org": 1}
    smtp.busy = set()
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        assert notice_tasks.send_notices.apply().get() == 0  # the pause is not over
    with time_machine.travel(start + deferrals.FIRST_WAIT + dt.timedelta(minutes=1),
                             tick=False):
        assert notice_tasks.send_notices.apply().get() == 1
        assert notice_tasks.send_notices.apply().get() == 0
    [notice] = smtp.messages
    assert notice["To"] == "greylisted@example.org"
    assert notice["Subject"] == "New sign-in to your SEND travel portal account"
    gone = UserFactory(username="gone", email="gone@example.org")
    smtp.no_such_user = {"gone@example.org"}
    refused = services.record(AccountEvent.Kind.SIGNED_IN, user=gone, detail="Firefox")
    assert tasks.send_sign_in_notice(refused.pk) == 0  # recorded refused, nothing to retry
    assert notice_tasks.send_notices.apply().get() == 0
    assert smtp.attempts["gone@example.org"] == 1 and len(smtp.messages) == 1


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_the_sign_in_notice_s_subject_arrives_as_written_with_no_space_in_front(
        smtp, language):
    """Read from what a real SMTP server received: the Polish or Arabic subject, encoded,
    reads back exactly as translated (Django's own message put a line break before it, which
    mail programs show as a space in front)."""
    user = UserFactory(username="officer", email="officer@example.org")
    StaffNoticePreference.objects.create(user=user, language=language)
    event = services.record(AccountEvent.Kind.SIGNED_IN, user=user, detail="Firefox")
    assert tasks.send_sign_in_notice(event.pk) == 1
    with translation.override(language):
        written = translation.gettext("New sign-in to your SEND travel portal account")
    assert written != "New sign-in to your SEND travel portal account"
    [received] = smtp.messages
    assert received["Subject"] == written
    assert not received["Subject"].startswith(" ")
    assert received["Content-Language"] == language


def test_a_sign_in_notice_never_answered_is_sent_again_once_an_officer_releases_it(
        client, smtp, login_as, django_capture_on_commit_callbacks):
    """The mail server queued it and hung up before answering: it waits on "E-mails never
    confirmed" under its own name, and released it goes again, once."""
    user = UserFactory(username="someone", email="hung@example.org")
    event = services.record(AccountEvent.Kind.SIGNED_IN, user=user, detail="Firefox")
    smtp.hang_up = {"hung@example.org"}
    tasks.send_sign_in_notice.apply(args=[event.pk])
    smtp.hang_up = set()
    smtp.messages.clear()  # the server's log shows it was never delivered
    assert SentEmail.objects.get(kind="sign_in_notice").attempted_at is not None
    login_as("officer")
    with time_machine.travel(timezone.now() + CLAIM_LEASE + dt.timedelta(minutes=1)):
        page = " ".join(client.get("/admin/outbox/unconfirmed/").content.decode().split())
        assert "New sign-in, to the account holder" in page
        assert "It goes within minutes, if the account still has an e-mail address." in page
        form = {"record": re.search(r'name="record" value="([^"]+)"', page).group(1),
                "claim": re.search(r'name="claim" value="([^"]+)"', page).group(1),
                "checked": "on", "reason": "No line for this Message-ID in the relay's log."}
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/admin/outbox/unconfirmed/", form).status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/admin/outbox/unconfirmed/", form).status_code == 409
    [again] = smtp.messages
    assert again["To"] == "hung@example.org"
    assert again["Subject"] == "New sign-in to your SEND travel portal account"
