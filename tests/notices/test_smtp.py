"""Through a real SMTP server (aiosmtpd on this machine): what a mail server receives is what
a subscriber reads, and a send that fails part-way never sends anybody a notice twice."""

import email
import re
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

from notices import services
from notices.models import Subscriber
from tests.factories import publish


class _Inbox:
    """An SMTP handler that keeps what it accepts; ``refuse_after`` makes it refuse (451, try
    later) every message after that many, as a mail server under strain does."""

    def __init__(self):
        self.messages = []
        self.refuse_after = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
            return "451 Try again later"
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def _path(message, name):
    body = message.get_content()
    return re.search(r"https://travel\.example\.gov\.uk(/(?:[a-z]{2}/)?notices/" + name
                     + r"/[^\s]+/)", body).group(1)


def test_a_subscriber_confirms_and_hears_of_a_change_through_a_real_mail_server(
        client, site, smtp):
    client.post("/ar/notices/subscribe/", {
        "email": "parent@example.com", "topics": [f"page:{site.policy.pk}"],
        "frequency": "immediately", "page": site.policy.pk})
    [confirmation] = smtp.messages
    assert confirmation["To"] == "parent@example.com"
    assert confirmation["Content-Language"] == "ar"
    assert "/ar/notices/confirm/" in confirmation.get_content()
    client.post(_path(confirmation, "confirm"))
    site.policy.change_note = "A new walking distance."
    site.policy.in_short = "Children under 8 walk up to 1.5 miles."
    publish(site.policy)
    assert services.notices_send() == 1
    notice = smtp.messages[1]
    unsubscribe = _path(notice, "unsubscribe")
    assert notice["List-Unsubscribe"].strip() == f"<https://travel.example.gov.uk{unsubscribe}>"
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert notice["Subject"].strip().startswith("تغيير:")
    assert "A new walking distance." in notice.get_content()
    client.post(unsubscribe)
    assert not Subscriber.objects.exists()
    assert mail.outbox == []  # the real server took every message


def test_a_send_that_fails_part_way_sends_the_rest_later_and_nobody_twice(client, site, smtp):
    for n in range(5):
        client.post("/notices/subscribe/", {
            "email": f"p{n}@example.com", "topics": [f"page:{site.policy.pk}"],
            "frequency": "immediately", "page": site.policy.pk})
        client.post(_path(smtp.messages[-1], "confirm"))
    smtp.messages.clear()
    site.policy.change_note = "A change."
    site.policy.in_short = "A change to the summary."
    publish(site.policy)
    smtp.refuse_after = 2
    with pytest.raises(Exception):  # noqa: B017, PT011 (smtplib's error, as the task sees it)
        services.notices_send()
    assert len(smtp.messages) == 2
    smtp.refuse_after = None
    assert services.notices_send() == 3  # the task's retry
    assert services.notices_send() == 0
    assert sorted(m["To"] for m in smtp.messages) == [f"p{n}@example.com" for n in range(5)]
