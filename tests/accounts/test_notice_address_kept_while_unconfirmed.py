"""The address a notice goes to stays kept while its notice was handed to the mail server and
never answered: an officer who releases it days later (after checking the mail server's log)
sends it where it was meant to go, the OLD address of an account whose address was changed,
the address of the moment for a sign-in. Kept ``UNCONFIRMED_ADDRESS_KEPT`` (30 days) at
most; after that the address is forgotten, and the officers' page says the notice of a
changed address will not go ("the old address is no longer kept"), offering no form."""

import datetime as dt
from collections import Counter

import pytest
import time_machine
from django.utils import timezone

from accounts import services, tasks
from accounts.models import AccountEvent
from outbox import services as outbox
from outbox.models import ReleasedEmail, SentEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Kind = AccountEvent.Kind
REASON = "The relay's log has no delivery line for it."


def _changed(smtp, capture):
    """An account's address changed; the notice to the old address handed over, and the
    mail server hung up after DATA: it waits for an officer."""
    user = UserFactory(username="rep", email="rep.old@example.org")
    smtp.hang_up = {"rep.old@example.org"}
    with capture(execute=False) as queued:
        user.email = "rep.new@example.org"
        user.save()
    event = AccountEvent.objects.get(kind=Kind.EMAIL_CHANGED, user=user)
    with pytest.raises(outbox.SendingStopped):
        tasks.email_changed_notice_send(event.pk)
    smtp.hang_up = set()
    assert len(queued) == 1
    return event, SentEmail.objects.get(kind=tasks.EMAIL_CHANGED_KIND)


def _release(row, officer, capture):
    with capture(execute=True):
        return outbox.unconfirmed_release(record_id=row.pk, claim=row.claim, user=officer,
                                          checked=True, reason=REASON)


def test_a_changed_address_notice_released_days_later_still_tells_the_old_address(
        smtp, login_as, django_capture_on_commit_callbacks):
    event, row = _changed(smtp, django_capture_on_commit_callbacks)
    later = event.at + tasks.NOTICE_ADDRESS_KEPT + dt.timedelta(days=2)
    with time_machine.travel(later, tick=False):
        tasks.sign_in_notices_resend()  # the ten-minute job
        event.refresh_from_db()
        assert event.notice_email == "rep.old@example.org"
        _release(row, login_as("officer"), django_capture_on_commit_callbacks)
    assert Counter(m["To"] for m in smtp.messages) == {"rep.old@example.org": 2}
    event.refresh_from_db()
    assert event.notice_email == ""  # sent: forgotten at once


def test_a_released_notice_not_sent_yet_keeps_the_address_too(
        smtp, login_as, django_capture_on_commit_callbacks):
    event, row = _changed(smtp, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + outbox.CLAIM_LEASE + dt.timedelta(minutes=1)), \
            django_capture_on_commit_callbacks(execute=False):  # no worker runs it yet
        outbox.unconfirmed_release(record_id=row.pk, claim=row.claim,
                                   user=login_as("officer"), checked=True, reason=REASON)
    assert ReleasedEmail.objects.exists() and not SentEmail.objects.exists()
    tasks.notice_addresses_forget(event.at + tasks.NOTICE_ADDRESS_KEPT
                                  + dt.timedelta(days=1))
    event.refresh_from_db()
    assert event.notice_email == "rep.old@example.org"


def test_after_the_longer_bound_the_address_is_forgotten_and_the_release_refused(
        smtp, login_as, django_capture_on_commit_callbacks):
    event, row = _changed(smtp, django_capture_on_commit_callbacks)
    with time_machine.travel(event.at + tasks.UNCONFIRMED_ADDRESS_KEPT
                             + dt.timedelta(minutes=1), tick=False):
        tasks.sign_in_notices_resend()
        event.refresh_from_db()
        assert event.notice_email == ""
        with pytest.raises(outbox.WillNotGo) as refused:
            _release(row, login_as("officer"), django_capture_on_commit_callbacks)
    assert refused.value.why == "the old address is no longer kept."
    assert not ReleasedEmail.objects.exists()
    assert len(smtp.messages) == 1  # the first, lost, only


def test_a_sign_in_notice_released_days_later_goes_to_the_address_of_the_sign_in(
        smtp, login_as, django_capture_on_commit_callbacks):
    user = UserFactory(username="parent", email="was@example.org")
    event = services.record(Kind.SIGNED_IN, user=user, notice_email=user.email)
    smtp.hang_up = {"was@example.org"}
    with pytest.raises(outbox.SendingStopped):
        tasks.sign_in_notice_send(event.pk)
    smtp.hang_up = set()
    row = SentEmail.objects.get(kind=tasks.SIGN_IN_NOTICE_KIND)
    with time_machine.travel(event.at + tasks.NOTICE_ADDRESS_KEPT + dt.timedelta(days=2),
                             tick=False):
        tasks.sign_in_notices_resend()
        _release(row, login_as("officer"), django_capture_on_commit_callbacks)
    assert Counter(m["To"] for m in smtp.messages) == {"was@example.org": 2}


def test_a_notice_that_went_or_never_waited_forgets_the_address_after_three_days(smtp):
    quiet = services.record(Kind.SIGNED_IN, user=UserFactory(username="quiet"),
                            notice_email="quiet@example.org")
    assert tasks.notice_addresses_forget(
        timezone.now() + tasks.NOTICE_ADDRESS_KEPT + dt.timedelta(minutes=1)) == 1
    quiet.refresh_from_db()
    assert quiet.notice_email == ""
