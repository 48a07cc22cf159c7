"""A sign-in notice goes to the address the account had when it was signed in to, however
late it is sent: whoever signed in cannot hide it by changing the account's address while the
notice waits (deferred by the mail server, or released by an officer). The account's new
address gets it too."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.utils import timezone

from accounts import services, tasks
from accounts.models import AccountEvent
from notices import tasks as notice_tasks
from outbox import deferrals
from outbox.models import SentEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAUSE_OVER = deferrals.FIRST_WAIT + dt.timedelta(minutes=1)


def test_a_sign_in_keeps_the_address_its_notice_goes_to(django_capture_on_commit_callbacks):
    user = UserFactory(username="holder", email="holder@example.org")
    request = RequestFactory().post("/admin/login/", HTTP_USER_AGENT="Firefox")
    request.session = SessionStore()
    user_logged_in.send(sender=type(user), request=request, user=user)
    event = AccountEvent.objects.get(user=user, kind=AccountEvent.Kind.SIGNED_IN)
    assert event.notice_email == "holder@example.org"


def test_a_deferred_notice_goes_to_the_old_address_after_the_address_is_changed(smtp):
    user = UserFactory(username="forumrep2", email="forumrep2@example.org")
    smtp.busy = {"forumrep2@example.org"}
    event = services.record(AccountEvent.Kind.SIGNED_IN, user=user, detail="Firefox",
                            notice_email=user.email)
    assert tasks.send_sign_in_notice.apply(args=[event.pk]).get() == 0
    smtp.busy = set()
    user.email = "someone-else@attacker.example"
    user.save(update_fields=["email"])
    with time_machine.travel(timezone.now() + PAUSE_OVER, tick=False):
        assert notice_tasks.send_notices.apply().get() == 1
    assert SentEmail.objects.get(kind=tasks.SIGN_IN_NOTICE_KIND, object_id=event.pk).sent_at
    [sent] = smtp.messages
    recipients = [a.strip() for a in sent["To"].split(",")]
    # The holder's address at the sign-in first; the new address is told as well.
    assert recipients == ["forumrep2@example.org", "someone-else@attacker.example"]


def test_a_notice_whose_address_did_not_change_goes_once_to_it(smtp):
    user = UserFactory(username="steady", email="steady@example.org")
    event = services.record(AccountEvent.Kind.SIGNED_IN, user=user, notice_email=user.email)
    assert tasks.send_sign_in_notice.apply(args=[event.pk]).get() == 1
    [sent] = smtp.messages
    assert sent["To"] == "steady@example.org"


def test_emptying_the_account_s_address_does_not_hide_the_notice_either(smtp):
    user = UserFactory(username="emptied", email="emptied@example.org")
    smtp.busy = {"emptied@example.org"}
    event = services.record(AccountEvent.Kind.SIGNED_IN, user=user, notice_email=user.email)
    assert tasks.send_sign_in_notice.apply(args=[event.pk]).get() == 0
    smtp.busy = set()
    user.email = ""
    user.save(update_fields=["email"])
    with time_machine.travel(timezone.now() + PAUSE_OVER, tick=False):
        assert notice_tasks.send_notices.apply().get() == 1
    [sent] = smtp.messages
    assert sent["To"] == "emptied@example.org"
