"""A subscribe request made within minutes of another for the same address, in another
language, is sent a link of its own in its own language (review r14k, F5): someone asking
in Arabic first cannot fold a parent's own request in Polish into an Arabic e-mail. The
same language still folds into the fresh link, and the per-mailbox limit still holds. A
link in another language goes at most once per ten minutes a mailbox (review r14m, F5):
alternating languages then folds into the latest link, and the page says in which language
that e-mail is."""

import datetime as dt
import re

import time_machine
from django.core import mail
from django.utils import timezone

from notices import services
from notices.models import Subscriber

BASE = "https://travel.example.gov.uk"


def _ask(client, email, prefix, topics=("results",)):
    return client.post(f"{prefix}/notices/subscribe/", {
        "email": email, "topics": list(topics), "frequency": "immediately"})


def _confirm_link(message):
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/confirm/[^\s]+/)",
                      message.body)
    assert found, message.body
    return found.group(1)


def test_a_later_request_in_another_language_gets_its_own_link_in_its_language(client, site):
    _ask(client, "w1@example.org", "/ar")
    response = _ask(client, "w1@example.org", "/pl", topics=("consultations",))
    assert "a few minutes ago" not in response.content.decode()
    assert len(mail.outbox) == 2
    arabic, polish = mail.outbox
    assert "/ar/notices/confirm/" in arabic.body
    assert "/pl/notices/confirm/" in polish.body
    assert arabic.subject != polish.subject  # each in its own language
    client.post(_confirm_link(polish))
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "pl"
    assert [s.topic for s in subscriber.subscriptions.all()] == ["consultations"]


def test_a_later_request_in_the_same_language_still_folds(client, site):
    _ask(client, "w2@example.org", "/pl")
    _ask(client, "w2@example.org", "/pl", topics=("consultations",))
    assert len(mail.outbox) == 1
    client.post(_confirm_link(mail.outbox[0]))
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "pl"
    assert sorted(s.topic for s in subscriber.subscriptions.all()) == ["consultations",
                                                                       "results"]


def test_switching_languages_cannot_flood_the_mailbox(client, site):
    """Within ten minutes, two links at most; switching every ten minutes, the hourly
    per-mailbox limit still holds."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(services.CONFIRMS_PER_MAILBOX + 3):
            _ask(client, "w3@example.org", "/pl" if n % 2 else "/ar")
    assert len(mail.outbox) == 2
    step = dt.timedelta(seconds=services.CONFIRM_RESEND_SECONDS // 2 + 1)
    for n in range(services.CONFIRMS_PER_MAILBOX * 2):
        with time_machine.travel(start + step * (n + 1), tick=False):
            _ask(client, "w3@example.org", "/pl" if n % 2 else "/ar")
    assert 2 < len(mail.outbox) <= services.CONFIRMS_PER_MAILBOX


def test_a_link_in_another_language_goes_once_in_ten_minutes_then_requests_fold(
        client, site):
    """Alternating /ar/, /pl/, /ar/ within a second: one link in Arabic, one in Polish (its
    own language), then the rest fold into the Polish one, and the page says so."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _ask(client, "w4@example.org", "/ar")
        _ask(client, "w4@example.org", "/pl", topics=("consultations",))
        third = _ask(client, "w4@example.org", "/ar", topics=("everything",))
    assert len(mail.outbox) == 2
    page = " ".join(third.content.decode().split())
    # In Arabic, the page it was asked on: the folded request is confirmed in Polish, as
    # it says.
    assert "تلك الرسالة باللغة التي طُلبت بها (البولنديّة)" in page
    # Ten minutes on, a request in another language gets a link of its own again.
    with time_machine.travel(start + dt.timedelta(seconds=services.CONFIRM_RESEND_SECONDS + 1),
                             tick=False):
        _ask(client, "w4@example.org", "/ar")
    assert len(mail.outbox) == 3
    assert "/ar/notices/confirm/" in mail.outbox[2].body
    client.post(_confirm_link(mail.outbox[1]))
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "pl"
    assert sorted(s.topic for s in subscriber.subscriptions.all()) == ["consultations",
                                                                       "everything"]
