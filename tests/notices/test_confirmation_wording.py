"""What a confirmation e-mail says is true for whoever reads it, however late it goes.

Its link works for ``tokens.CONFIRM_DAYS`` from when it was asked for: the e-mail says until
when (the date and time, UK time, in the reader's language), so one an officer releases on
day 6, or one the recipient's mail server deferred, does not promise days the link does not
have. To an address already subscribed it does not say "we have not kept your address":
ignoring it changes nothing, and their e-mails keep coming. Through a real SMTP server
(aiosmtpd)."""

import datetime as dt
import re

import time_machine
from django.test import Client
from django.utils import timezone

from notices import tasks
from notices.models import Subscriber
from outbox import deferrals
from outbox import services as outbox

UNCONFIRMED = "/admin/outbox/unconfirmed/"
ASKED = dt.datetime(2026, 12, 1, 13, 15, tzinfo=dt.UTC)  # UK time is UTC in December
NOT_KEPT = ("If you did not ask, ignore this e-mail: nothing more will be sent, and we have "
            "not kept your address.")
ALREADY = ("You already get e-mails from us at this address: confirming adds this to them. "
           "If you did not ask, ignore this e-mail: nothing changes, and the e-mails you "
           "already get keep coming.")


def _ask(client, email, prefix=""):
    response = client.post(f"{prefix}/notices/subscribe/", {
        "email": email, "topics": ["results"], "frequency": "weekly"})
    assert response.status_code == 200


def _body(message) -> str:
    return " ".join(message.get_content().split())


def test_a_confirmation_released_on_day_six_says_the_link_works_one_more_day(
        client, site, smtp, login_as, django_capture_on_commit_callbacks):
    address = "late@example.org"
    smtp.hang_up = {address}
    with time_machine.travel(ASKED, tick=False):
        _ask(client, address)
    smtp.hang_up = set()
    [first] = smtp.messages
    assert "The link works until 1 Dec 2026" not in _body(first)
    assert "The link works until 8 Dec 2026 at 13:15 (UK time)." in _body(first)
    smtp.messages.clear()
    with time_machine.travel(ASKED + dt.timedelta(days=6), tick=False):
        officer = Client()
        officer.force_login(login_as("officer"))
        page = officer.get(UNCONFIRMED).content.decode()
        [record] = re.findall(r'name="record" value="([^"]+)"', page)
        [claim] = re.findall(r'name="claim" value="([^"]+)"', page)
        with django_capture_on_commit_callbacks(execute=True):
            assert officer.post(UNCONFIRMED, {
                "record": record, "claim": claim, "checked": "on",
                "reason": "The relay's log has no delivery line for it."}).status_code == 302
    [again] = smtp.messages
    assert again["To"] == address
    body = _body(again)
    # The day the link stops working, not "7 days" from the day it went.
    assert "The link works until 8 Dec 2026 at 13:15 (UK time)." in body
    assert "7 days" not in body and "14 Dec" not in body


def test_a_deferred_arabic_confirmation_says_until_when_its_link_works_in_arabic(
        client, site, smtp):
    address = "nora@example.org"
    asked = ASKED.replace(hour=22, minute=50)
    smtp.busy = {address}
    with time_machine.travel(asked, tick=False):
        _ask(client, address, prefix="/ar")
    smtp.busy = set()
    assert smtp.messages == []
    with time_machine.travel(asked + deferrals.FIRST_WAIT + dt.timedelta(minutes=20),
                             tick=False):
        assert tasks.send_notices.apply().get() == 1
    [message] = smtp.messages
    assert message["Content-Language"] == "ar"
    body = _body(message)
    # The time it was asked for, a week on: not the time it went.
    assert ("يعمل الرابط حتى 8 ديسمبر، 2026 الساعة 22:50 (بتوقيت المملكة المتحدة)."
            in body)
    assert "يعمل الرابط 7 أيام" not in body


def test_a_polish_confirmation_sent_at_once_says_until_when_in_polish(client, site, smtp):
    with time_machine.travel(ASKED, tick=False):
        _ask(client, "ola.pl@example.org", prefix="/pl")
    [message] = smtp.messages
    assert ("Link działa do 8 grudnia 2026, do godz. 13:15 (czasu brytyjskiego)."
            in _body(message))


def test_a_confirmation_to_an_address_already_subscribed_does_not_say_it_is_not_kept(
        client, site, smtp):
    Subscriber.objects.create(email="pia@example.org", language="en-gb", frequency="weekly",
                              confirmed_at=timezone.now()).subscriptions.create(
        topic="consultations")
    _ask(client, "pia@example.org")
    _ask(Client(), "new.person@example.org")
    to = {m["To"]: _body(m) for m in smtp.messages}
    assert ALREADY in to["pia@example.org"]
    assert "we have not kept your address" not in to["pia@example.org"]
    # Someone not subscribed is told, truly, that nothing was kept.
    assert NOT_KEPT in to["new.person@example.org"]
    assert ALREADY not in to["new.person@example.org"]


def test_a_polish_subscriber_reads_it_in_polish_and_a_late_one_tells_the_truth_then(
        client, site, smtp):
    """A confirmation deferred by the mail server goes after the person subscribed with
    another link meanwhile: it is written when it goes, so it says what is true then."""
    address = "ania@example.org"
    smtp.busy = {address}
    with time_machine.travel(ASKED, tick=False):
        _ask(client, address, prefix="/pl")
    smtp.busy = set()
    Subscriber.objects.create(email=address, language="pl", frequency="weekly",
                              confirmed_at=ASKED)
    with time_machine.travel(ASKED + deferrals.FIRST_WAIT + outbox.CLAIM_LEASE, tick=False):
        assert tasks.send_notices.apply().get() == 1
    [message] = smtp.messages
    body = _body(message)
    assert "Już dostajesz od nas e-maile na ten adres" in body
    assert "nie zachowaliśmy Twojego adresu" not in body
