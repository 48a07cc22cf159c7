"""The site's secret key is rotated (the old one kept in ``SECRET_KEY_FALLBACKS``, as the
README says to) while a confirmation e-mail waits: the promises made about it still hold.

A parent's confirmation e-mail was greylisted by their mail server, or the server never
answered; then the key is rotated. Unsubscribing still withdraws the e-mail (it never goes,
and the encrypted request holding the address is emptied); the ten-minute job sends it once,
under its own record (never a second record for the same link, and the first one is not
left "waiting to be retried"); pressing Confirm still empties the kept request. Through a
real SMTP server (aiosmtpd)."""

import datetime as dt
import re

import time_machine
from django.conf import settings as django_settings
from django.test import Client, override_settings
from django.utils import timezone

from notices import services, tasks, tokens
from notices.models import ConfirmationSent, Subscriber
from outbox import deferrals
from outbox.models import SentEmail

BASE = "https://travel.example.gov.uk"
PAUSE_OVER = deferrals.FIRST_WAIT + dt.timedelta(minutes=1)
NEW_KEY = "a-new-secret-key-after-rotation-" + "x" * 40
ADDRESS = "rot-test@example.org"


def _rotated():
    """The key rotated as the README says: a new ``SECRET_KEY``, the old one a fallback."""
    return override_settings(SECRET_KEY=NEW_KEY,
                             SECRET_KEY_FALLBACKS=[django_settings.SECRET_KEY])


def _subscribed() -> Subscriber:
    subscriber = Subscriber.objects.create(email=ADDRESS, language="pl",
                                           frequency="immediately",
                                           confirmed_at=timezone.now())
    subscriber.subscriptions.create(topic="consultations")
    return subscriber


def _ask(client, email=ADDRESS, prefix="/pl"):
    response = client.post(f"{prefix}/notices/subscribe/", {
        "email": email, "topics": ["results"], "frequency": "immediately"})
    assert response.status_code == 200


def _to(smtp, email=ADDRESS):
    return [m for m in smtp.messages if m["To"] == email]


def _link(message) -> str:
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/confirm/[^\s]+/)",
                      message.get_content())
    assert found, message.get_content()
    return found.group(1)


def test_unsubscribing_after_a_key_rotation_still_withdraws_the_waiting_confirmation(
        client, site, smtp):
    subscriber = _subscribed()
    smtp.busy = {ADDRESS}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _ask(client)
    waiting = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    assert waiting.retry_at and ConfirmationSent.objects.get().token
    smtp.busy = set()
    with _rotated():
        with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
            stopped = Client().post(
                f"/pl/notices/unsubscribe/{tokens.subscriber_token(subscriber.pk)}/",
                {"List-Unsubscribe": "One-Click"})
        assert stopped.status_code == 200
        record = ConfirmationSent.objects.get()
        assert record.token == ""  # the address is nowhere in the database
        assert record.ended == ConfirmationSent.Ended.UNSUBSCRIBED
        withdrawn = SentEmail.objects.get(pk=waiting.pk)
        assert withdrawn.withdrawn_at and withdrawn.retry_at is None
        with time_machine.travel(start + PAUSE_OVER, tick=False):
            assert tasks.send_notices.apply().get() == 0
    assert _to(smtp) == []  # never sent to the address that unsubscribed
    assert ConfirmationSent.objects.count() == 1


def test_a_greylisted_confirmation_goes_once_after_a_rotation_under_its_own_record(
        client, site, smtp):
    smtp.busy = {ADDRESS}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _ask(client)
    smtp.busy = set()
    with _rotated(), time_machine.travel(start + PAUSE_OVER, tick=False):
        assert tasks.send_notices.apply().get() == 1
        assert tasks.send_notices.apply().get() == 0
    [message] = _to(smtp)
    assert "/pl/notices/confirm/" in message.get_content()
    # One record, the one first made: sent, its request emptied, nothing left waiting.
    [record] = ConfirmationSent.objects.all()
    assert record.token == "" and record.ended == ConfirmationSent.Ended.SENT
    [row] = SentEmail.objects.filter(kind=services.CONFIRMATION_KIND)
    assert row.sent_at and row.retry_at is None


def test_confirming_after_a_rotation_empties_the_kept_request(client, site, smtp):
    """The mail server never answered, but the e-mail reached the parent: they open the link
    after the key was rotated and press Confirm. The encrypted request kept to send it again
    is emptied there and then, not a week later."""
    email = "rot-two@example.org"
    smtp.hang_up = {email}
    _ask(client, email)
    smtp.hang_up = set()
    [first] = _to(smtp, email)
    assert ConfirmationSent.objects.get().token
    link = _link(first)
    with _rotated():
        opened = client.get(link)
        assert opened.status_code == 200
        [shown] = re.findall(r'name="shown" value="([^"]+)"', opened.content.decode())
        pressed = client.post(link, {"shown": shown})
    assert pressed.status_code == 302 and "/pl/notices/manage/" in pressed["Location"]
    assert Subscriber.objects.filter(email=email).exists()
    record = ConfirmationSent.objects.get()
    assert record.token == "" and record.ended == ConfirmationSent.Ended.USED


def test_a_confirm_page_opened_before_the_rotation_still_confirms_when_pressed_after(
        client, site, smtp):
    """The page's form carries a keyed digest of what it showed: pressing its button just
    after a rotation saves those choices, and is not sent back to the page."""
    email = "rot-three@example.org"
    _ask(client, email)
    link = _link(_to(smtp, email)[0])
    [shown] = re.findall(r'name="shown" value="([^"]+)"', client.get(link).content.decode())
    with _rotated():
        pressed = client.post(link, {"shown": shown})
    assert pressed.status_code == 302 and "/pl/notices/manage/" in pressed["Location"]
    assert set(Subscriber.objects.get(email=email).subscriptions
               .values_list("topic", flat=True)) == {"results"}
