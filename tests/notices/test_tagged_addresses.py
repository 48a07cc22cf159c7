"""An address written with a "+tag" or with Gmail's dots is another address to the portal:
the subscribe page says nothing new of it (nothing about what else that mailbox follows),
confirming it makes a subscriber of its own, and unsubscribing one leaves the other. Only
the hourly limit of links counts them as one mailbox (README, "Hearing when things
change"). Through a real SMTP server (aiosmtpd)."""

import re

from django.test import Client

from notices import tokens
from notices.models import Subscriber

BASE = "https://travel.example.gov.uk"


def _text(response, email) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).replace(
        email, "[address]").split())


def _ask_and_confirm(email, smtp, topic):
    client = Client()
    smtp.messages.clear()
    asked = client.post("/notices/subscribe/", {"email": email, "topics": [topic],
                                                "frequency": "immediately"})
    assert asked.status_code == 200
    [confirmation] = smtp.messages
    link = re.search(re.escape(BASE) + r"(/notices/confirm/[^\s]+/)",
                     confirmation.get_content()).group(1)
    [shown] = re.findall(r'name="shown" value="([^"]+)"', client.get(link).content.decode())
    assert client.post(link, {"shown": shown}).status_code == 302
    return _text(asked, email)


def test_a_tagged_or_dotted_address_is_another_subscriber(site, smtp):
    first = _ask_and_confirm("ola.nowak@gmail.com", smtp, "results")
    for other, topic in (("olanowak+news@gmail.com", "consultations"),
                         ("o.la.nowak@googlemail.com", "everything")):
        assert _ask_and_confirm(other, smtp, topic) == first  # the page says nothing new
    subscribers = {s.email: s for s in Subscriber.objects.all()}
    assert sorted(subscribers) == ["o.la.nowak@googlemail.com", "ola.nowak@gmail.com",
                                   "olanowak+news@gmail.com"]
    assert [s.topic for s in subscribers["olanowak+news@gmail.com"].subscriptions.all()] == [
        "consultations"]
    token = tokens.subscriber_token(subscribers["olanowak+news@gmail.com"].pk)
    assert Client().post(f"/notices/unsubscribe/{token}/",
                         {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "o.la.nowak@googlemail.com", "ola.nowak@gmail.com"]
