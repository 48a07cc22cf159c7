"""A sign-in notice the mail server deferred, for an account whose e-mail address has been
taken off since (or whose account is gone), settles as not sendable: the ten-minute job stops
trying it, and the outbox's list in the admin says why in plain words."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import services, tasks
from accounts.models import AccountEvent
from notices import tasks as notice_tasks
from outbox import deferrals
from outbox.models import SentEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAUSE_OVER = deferrals.FIRST_WAIT + dt.timedelta(minutes=1)


def _deferred_notice(smtp, username: str, email: str):
    user = UserFactory(username=username, email=email)
    smtp.busy = {email}
    event = services.record(AccountEvent.Kind.SIGNED_IN, user=user, detail="Firefox")
    assert tasks.send_sign_in_notice.apply(args=[event.pk]).get() == 0
    smtp.busy = set()
    row = SentEmail.objects.get(kind=tasks.SIGN_IN_NOTICE_KIND, object_id=event.pk)
    assert row.retry_at and not row.sent_at
    return user, row


def test_a_deferred_notice_to_an_account_with_no_address_now_settles_and_says_why(
        smtp, client, login_as):
    user, row = _deferred_notice(smtp, "no-address", "was.here@example.org")
    user.email = ""
    user.save(update_fields=["email"])
    with time_machine.travel(timezone.now() + PAUSE_OVER, tick=False):
        assert notice_tasks.send_notices.apply().get() == 0
    settled = SentEmail.objects.get(pk=row.pk)
    assert settled.withdrawn_at and settled.retry_at is None and not settled.sent_at
    assert settled.failure == tasks.NO_ADDRESS
    # Nothing is due any more: the later runs do not take it up again.
    with time_machine.travel(timezone.now() + PAUSE_OVER * 30, tick=False):
        assert notice_tasks.send_notices.apply().get() == 0
    assert SentEmail.objects.get(pk=row.pk).withdrawn_at == settled.withdrawn_at
    assert smtp.messages == []
    login_as("admin")
    html = client.get("/django-admin/outbox/sentemail/?state=withdrawn").content.decode()
    assert "the account has no e-mail address now" in html
    assert "was.here@example.org" not in html
    deferred = client.get("/django-admin/outbox/sentemail/?state=deferred").content.decode()
    assert f"user:{user.pk}" not in deferred


def test_a_deferred_notice_to_a_deleted_account_settles_too(smtp):
    user, row = _deferred_notice(smtp, "leaver", "leaver@example.org")
    get_user_model().objects.filter(pk=user.pk).delete()
    with time_machine.travel(timezone.now() + PAUSE_OVER, tick=False):
        assert notice_tasks.send_notices.apply().get() == 0
    settled = SentEmail.objects.filter(pk=row.pk).first()
    # The event goes with the account, or stays without it: either way nothing waits.
    assert settled is None or (settled.withdrawn_at and settled.failure == tasks.NO_ACCOUNT)
    assert smtp.messages == []


def test_a_deferred_notice_still_goes_to_an_account_that_keeps_its_address(smtp):
    _user, row = _deferred_notice(smtp, "keeps", "keeps@example.org")
    with time_machine.travel(timezone.now() + PAUSE_OVER, tick=False):
        assert notice_tasks.send_notices.apply().get() == 1
    assert SentEmail.objects.get(pk=row.pk).sent_at
    [sent] = smtp.messages
    assert sent["To"] == "keeps@example.org"
