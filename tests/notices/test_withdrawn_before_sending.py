"""What a person does before their confirmation e-mail goes is seen when it goes.

With a Celery broker the subscribe page only queues the sending: a person who unsubscribes
before that task runs gets no confirmation e-mail, and one who unsubscribes at the very
moment it is being sent gets none either (the outbox asks again once its claim is committed,
just before handing the message over). Rows kept before the address digest and the reason
were stored (``notices/0007``) tell officers the true reason too, and the "E-mails never
confirmed" page offers no release form for a message that would not go. The address is
written to as typed. Through a real SMTP server (aiosmtpd)."""

import datetime as dt
import re

import time_machine
from django.test import Client
from django.utils import timezone

from notices import emails, services, tasks, tokens
from notices.models import ConfirmationSent, Subscriber
from outbox import deferrals
from outbox import services as outbox
from outbox.models import SentEmail

BASE = "https://travel.example.gov.uk"
UNCONFIRMED = "/admin/outbox/unconfirmed/"
LATER = outbox.CLAIM_LEASE + dt.timedelta(minutes=1)
PAUSE_OVER = deferrals.FIRST_WAIT + dt.timedelta(minutes=1)
ADDRESS = "ola.withdrawn@example.org"


def _subscribed() -> Subscriber:
    subscriber = Subscriber.objects.create(email=ADDRESS, language="pl",
                                           frequency="immediately",
                                           confirmed_at=timezone.now())
    subscriber.subscriptions.create(topic="consultations")
    return subscriber


def _ask(client, email=ADDRESS):
    response = client.post("/pl/notices/subscribe/", {
        "email": email, "topics": ["results"], "frequency": "immediately"})
    assert response.status_code == 200
    return response


def _unsubscribe(subscriber):
    url = f"/pl/notices/unsubscribe/{tokens.subscriber_token(subscriber.pk)}/"
    assert Client().post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def _queued(monkeypatch) -> list:
    """The broker: the sending task is queued, not run."""
    queue = []
    monkeypatch.setattr(tasks.send_confirmation, "delay", lambda *args: queue.append(args))
    return queue


def test_unsubscribing_before_the_queued_task_runs_means_no_confirmation_goes(
        client, site, smtp, monkeypatch):
    subscriber = _subscribed()
    queue = _queued(monkeypatch)
    _ask(client)
    [args] = queue
    _unsubscribe(subscriber)
    # The worker gets to it now.
    assert tasks.send_confirmation.apply(args=args).get() == 0
    record = ConfirmationSent.objects.get()
    assert record.ended == ConfirmationSent.Ended.UNSUBSCRIBED and record.token == ""
    with time_machine.travel(timezone.now() + PAUSE_OVER, tick=False):
        assert tasks.send_notices.apply().get() == 0
    assert smtp.messages == []


def test_unsubscribing_at_the_moment_of_sending_means_it_does_not_go(
        client, site, smtp, monkeypatch):
    subscriber = _subscribed()
    queue = _queued(monkeypatch)
    _ask(client)
    [args] = queue
    written = emails.confirmation_message

    def unsubscribed_meanwhile(**kwargs):
        # The person presses "stop everything" while the worker writes their message:
        # after the task read the record, before the outbox hands the message over.
        services.unsubscribe(subscriber=Subscriber.objects.get(pk=subscriber.pk))
        return written(**kwargs)

    monkeypatch.setattr(emails, "confirmation_message", unsubscribed_meanwhile)
    assert tasks.send_confirmation.apply(args=args).get() == 0
    assert smtp.messages == []
    row = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    assert row.withdrawn_at and not row.attempted_at
    assert row.failure == "The address unsubscribed: not sent."
    with time_machine.travel(timezone.now() + PAUSE_OVER, tick=False):
        assert tasks.send_notices.apply().get() == 0
    assert smtp.messages == []


def test_a_confirmation_still_goes_when_nobody_unsubscribed(client, site, smtp, monkeypatch):
    queue = _queued(monkeypatch)
    _ask(client)
    [args] = queue
    # The ten-minute job leaves a confirmation whose task is queued to that task.
    assert tasks.send_notices.apply().get() == 0
    assert tasks.send_confirmation.apply(args=args).get() == 1
    [sent] = smtp.messages
    assert sent["To"] == ADDRESS


def _hung_up(client, smtp):
    smtp.hang_up = {ADDRESS}
    _ask(client)
    smtp.hang_up = set()
    smtp.messages.clear()


def test_a_row_kept_before_0007_released_after_unsubscribing_says_the_person_unsubscribed(
        client, site, smtp, login_as, django_capture_on_commit_callbacks):
    subscriber = _subscribed()
    _hung_up(client, smtp)
    # As a row kept before the address digest and the reason were stored.
    ConfirmationSent.objects.update(address_digest="", ended="")
    officer = Client()
    officer.force_login(login_as("officer"))
    with time_machine.travel(timezone.now() + LATER):
        page = officer.get(UNCONFIRMED).content.decode()
        [record] = re.findall(r'name="record" value="([^"]+)"', page)
        [claim] = re.findall(r'name="claim" value="([^"]+)"', page)
        _unsubscribe(subscriber)
        again = officer.get(UNCONFIRMED)
        assert 'name="record"' not in again.content.decode()
        assert "Nothing to send again, so no form: the person unsubscribed." in _text(again)
        # The form of the page opened before: refused by the release itself, saying why.
        with django_capture_on_commit_callbacks(execute=True):
            refused = officer.post(UNCONFIRMED, {
                "record": record, "claim": claim, "checked": "on",
                "reason": "Relay log: not delivered, ticket 12."})
        assert refused.status_code == 409
        assert ("Nothing was released, because this message would never go: the person "
                "unsubscribed.") in _text(refused)
        assert tasks.send_notices.apply().get() == 0
    assert smtp.messages == []


def test_a_row_emptied_before_0007_says_its_link_was_used_or_expired(
        client, site, smtp, login_as, django_capture_on_commit_callbacks):
    _hung_up(client, smtp)
    officer = Client()
    officer.force_login(login_as("officer"))
    with time_machine.travel(timezone.now() + LATER):
        page = officer.get(UNCONFIRMED).content.decode()
        [record] = re.findall(r'name="record" value="([^"]+)"', page)
        [claim] = re.findall(r'name="claim" value="([^"]+)"', page)
        # Emptied before the reason was stored: then only when its link was used.
        ConfirmationSent.objects.update(address_digest="", ended="", token="")
        assert "Nothing to send again, so no form: the link was already used" in _text(
            officer.get(UNCONFIRMED))
        with django_capture_on_commit_callbacks(execute=True):
            refused = officer.post(UNCONFIRMED, {
                "record": record, "claim": claim, "checked": "on",
                "reason": "Relay log: not delivered, ticket 13."})
        assert refused.status_code == 409
        assert ("Nothing was released, because this message would never go: the link was "
                "already used") in _text(refused)
        assert tasks.send_notices.apply().get() == 0
        ConfirmationSent.objects.update(asked_at=timezone.now() - dt.timedelta(
            days=tokens.CONFIRM_DAYS + 1))
        expired = _text(officer.get(UNCONFIRMED))
    assert "Nothing to send again, so no form: the link has expired" in expired
    assert smtp.messages == []


def test_the_address_is_written_to_as_typed_and_matched_whatever_its_case(
        client, site, smtp):
    typed = "Ola.Nowak@Example.ORG"
    _ask(client, typed)
    [confirmation] = smtp.messages
    # The local part as typed (it may be case-sensitive); the domain never is.
    assert confirmation["To"] == "Ola.Nowak@example.org"
    link = re.search(re.escape(BASE) + r"(/pl/notices/confirm/[^\s]+/)",
                     confirmation.get_content()).group(1)
    [shown] = re.findall(r'name="shown" value="([^"]+)"', client.get(link).content.decode())
    assert client.post(link, {"shown": shown}).status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Ola.Nowak@example.org"
    assert [m["To"] for m in smtp.messages] == ["Ola.Nowak@example.org"] * 2
    # Asked again in lower case and confirmed: the same subscriber, not a second one,
    # written to from now on as last typed and confirmed.
    smtp.messages.clear()
    again = Client()
    _ask(again, "ola.nowak@example.org")
    [second] = smtp.messages
    assert second["To"] == "ola.nowak@example.org"
    link = re.search(re.escape(BASE) + r"(/pl/notices/confirm/[^\s]+/)",
                     second.get_content()).group(1)
    [shown] = re.findall(r'name="shown" value="([^"]+)"', again.get(link).content.decode())
    assert again.post(link, {"shown": shown}).status_code == 302
    [kept] = Subscriber.objects.all()
    assert kept.pk == subscriber.pk and kept.email == "ola.nowak@example.org"
    assert set(kept.subscriptions.values_list("topic", flat=True)) == {"results"}
