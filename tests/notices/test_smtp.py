"""Through a real SMTP server (aiosmtpd on this machine): what a mail server receives is what
a subscriber reads, and a send that fails part-way never sends anybody a notice twice."""

import re

import pytest
from django.core import mail

from notices import services
from notices.models import Subscriber
from outbox.selectors import notice_backlog
from tests.factories import publish


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
    # On the site's own host, not the machine's name ("@localhost" counts against it).
    assert confirmation["Message-ID"].strip().endswith("@travel.example.gov.uk>")
    assert "/ar/notices/confirm/" in confirmation.get_content()
    client.post(_path(confirmation, "confirm"))
    site.policy.change_note = "A new walking distance."
    site.policy.in_short = "Children under 8 walk up to 1.5 miles."
    publish(site.policy)
    assert services.notices_send() == 1
    # After the confirmation: the message that it is confirmed, with the manage link.
    subscribed, notice = smtp.messages[1:]
    assert _path(subscribed, "manage") and subscribed["Content-Language"] == "ar"
    unsubscribe = _path(notice, "unsubscribe")
    assert notice["List-Unsubscribe"].strip() == f"<https://travel.example.gov.uk{unsubscribe}>"
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert notice["Message-ID"].strip().endswith("@travel.example.gov.uk>")
    assert notice["Message-ID"] != confirmation["Message-ID"]
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


def test_an_address_the_mail_server_refuses_stops_nobody_else_and_is_counted_as_failed(
        client, site, smtp):
    for name in ("a", "gone", "c"):
        client.post("/notices/subscribe/", {
            "email": f"{name}@example.com", "topics": [f"page:{site.policy.pk}"],
            "frequency": "immediately", "page": site.policy.pk})
        client.post(_path(smtp.messages[-1], "confirm"))
    smtp.messages.clear()
    smtp.no_such_user = {"gone@example.com"}  # the mailbox closed after confirming
    site.policy.change_note = "A change."
    site.policy.in_short = "A change to the summary."
    publish(site.policy)
    assert services.notices_send() == 2
    assert sorted(m["To"] for m in smtp.messages) == ["a@example.com", "c@example.com"]
    backlog = notice_backlog()
    assert (backlog.waiting, backlog.failed, backlog.refused) == (0, 1, 1)
    # Never tried again, even once the mailbox takes mail again.
    smtp.no_such_user = set()
    assert services.notices_send() == 0
    assert len(smtp.messages) == 2


def test_a_notice_refused_as_spam_at_the_end_of_data_stops_nobody_and_is_counted_failed(
        client, site, smtp):
    """A filter that reads the message and answers 554 refuses that one person's notice:
    the others go in the same run, the jobs page counts it failed, and it is never sent
    again."""
    for name in ("a", "filtered", "c", "d"):
        client.post("/notices/subscribe/", {
            "email": f"{name}@example.com", "topics": [f"page:{site.policy.pk}"],
            "frequency": "immediately", "page": site.policy.pk})
        client.post(_path(smtp.messages[-1], "confirm"))
    smtp.messages.clear()
    smtp.spam = {"filtered@example.com"}
    site.policy.change_note = "A change."
    site.policy.in_short = "A change to the summary."
    publish(site.policy)
    assert services.notices_send() == 3
    assert sorted(m["To"] for m in smtp.messages) == ["a@example.com", "c@example.com",
                                                       "d@example.com"]
    backlog = notice_backlog()
    assert (backlog.waiting, backlog.failed, backlog.refused) == (0, 1, 1)
    smtp.spam = set()
    assert services.notices_send() == 0
    assert len(smtp.messages) == 3
