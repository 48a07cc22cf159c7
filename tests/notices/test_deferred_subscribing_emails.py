"""The e-mails of subscribing, deferred or lost, still arrive, and officers can see them.

With no broker (``make run``: tasks in-process, beat running the jobs on their schedule), a
confirmation e-mail the recipient's mail server greylisted (451) is sent by the ten-minute
job once its pause is over, not by a retry Celery would run at once; so is a deferred
"subscription confirmed" e-mail. Reports > Scheduled jobs counts both while they wait or if
they fail for good, and a confirmation e-mail an officer releases on "E-mails never
confirmed" is sent again with the next run. Through a real SMTP server (aiosmtpd)."""

import datetime as dt
import re
from collections import Counter

import time_machine
from django.urls import reverse
from django.utils import timezone

from notices import services, tasks
from notices.models import ConfirmationSent, Subscriber
from outbox import deferrals
from outbox import services as outbox
from outbox.models import ReleasedEmail, SentEmail

BASE = "https://travel.example.gov.uk"
UNCONFIRMED = "/admin/outbox/unconfirmed/"
#: After the first pause a mail server's "not now" asks for, and a job's run after it.
PAUSE_OVER = deferrals.FIRST_WAIT + dt.timedelta(minutes=1)
LATER = outbox.CLAIM_LEASE + dt.timedelta(minutes=1)


def _ask(client, email, prefix="/pl"):
    return client.post(f"{prefix}/notices/subscribe/", {
        "email": email, "topics": ["everything"], "frequency": "immediately"})


def _link(message, name="confirm") -> str:
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/" + name + r"/[^\s]+/)",
                      message.get_content())
    assert found, message.get_content()
    return found.group(1)


def _to(smtp, email):
    return [m for m in smtp.messages if m["To"] == email]


def _jobs_page(client) -> str:
    return " ".join(client.get(reverse("portal_scheduled_jobs")).content.decode().split())


def _fact(page: str, label: str) -> str:
    """The figure the Scheduled jobs page gives beside ``label``, as read."""
    found = re.search(re.escape(label) + r"</dt> ?<dd>\s*(?:<strong>)?([0-9,]+)", page)
    assert found, label
    return found.group(1)


def _the_ten_minute_job():
    """``send_notices`` as beat runs it with no broker: in-process, on its schedule."""
    return tasks.send_notices.apply().get()


def test_a_greylisted_confirmation_arrives_later_without_a_broker(client, site, smtp):
    """The parent saw "check your e-mail"; the server said 451: the link arrives once the
    pause is over, once, and works."""
    smtp.busy = {"grey@example.org"}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _ask(client, "grey@example.org").status_code == 200
        assert _the_ten_minute_job() == 0
    assert smtp.messages == [] and smtp.deferred == {"grey@example.org": 1}
    smtp.busy = set()
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        assert _the_ten_minute_job() == 0  # the pause the server asked for is not over
    with time_machine.travel(start + PAUSE_OVER, tick=False):
        assert _the_ten_minute_job() == 1
        assert _the_ten_minute_job() == 0
    [confirmation] = smtp.messages
    assert confirmation["To"] == "grey@example.org"
    assert "/pl/notices/confirm/" in confirmation.get_content()
    with time_machine.travel(start + PAUSE_OVER + dt.timedelta(minutes=2), tick=False):
        assert client.post(_link(confirmation)).status_code == 302
        _the_ten_minute_job()
    assert Subscriber.objects.filter(email="grey@example.org", language="pl").exists()
    assert len(_to(smtp, "grey@example.org")) == 2  # the link, then "confirmed"


def test_a_deferred_subscription_confirmed_e_mail_is_sent_later_and_officers_see_it(
        client, site, smtp, login_as):
    _ask(client, "grey2@example.org", prefix="")
    [confirmation] = smtp.messages
    smtp.busy = {"grey2@example.org"}
    start = timezone.now()
    login_as("officer")
    with time_machine.travel(start, tick=False):
        # The page after confirming gives the links; the e-mail copy is deferred.
        assert client.post(_link(confirmation)).status_code == 302
        row = SentEmail.objects.get(kind=services.SUBSCRIBED_KIND)
        assert row.retry_at == start + deferrals.FIRST_WAIT and row.sent_at is None
        page = _jobs_page(client)
    assert _fact(page, "Waiting to be sent or retried") == "1"
    assert "1 deferred by the recipient&#x27;s mail server" in page
    assert "the link to confirm, and the one saying their subscription is confirmed" in page
    assert "grey2@example.org" not in page

    smtp.busy = set()
    with time_machine.travel(start + PAUSE_OVER, tick=False):
        assert _the_ten_minute_job() == 1
        assert _the_ten_minute_job() == 0
        page = _jobs_page(client)
    [confirmed] = _to(smtp, "grey2@example.org")[1:]
    assert "/notices/unsubscribe/" in confirmed["List-Unsubscribe"]
    assert "/notices/manage/" in confirmed.get_content()
    assert _fact(page, "Waiting to be sent or retried") == "0"


def test_a_deferred_subscription_confirmed_e_mail_goes_nowhere_once_they_unsubscribe(
        client, site, smtp, login_as):
    _ask(client, "gone@example.org", prefix="")
    smtp.busy = {"gone@example.org"}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        manage = client.post(_link(smtp.messages[0]))["Location"]
        client.post(manage.replace("/manage/", "/unsubscribe/"))
    smtp.busy = set()
    login_as("officer")
    with time_machine.travel(start + PAUSE_OVER, tick=False):
        assert _the_ten_minute_job() == 0
        page = _jobs_page(client)
    assert len(_to(smtp, "gone@example.org")) == 1  # the link only
    assert _fact(page, "Waiting to be sent or retried") == "0"


def test_a_confirmation_refused_for_good_is_counted_as_failed(client, site, smtp, login_as):
    smtp.spam = {"filtered@example.org"}
    _ask(client, "filtered@example.org")
    login_as("officer")
    page = _jobs_page(client)
    assert _fact(page, "Failed for good") == "1"
    assert "1 refused by the receiving mail server, which judged the message itself" in page
    assert ConfirmationSent.objects.get().token == ""  # nothing more to send: not kept


def _form(row, reason):
    return {"record": row.pk, "claim": str(row.claim), "checked": "on", "reason": reason}


def test_a_released_confirmation_e_mail_is_sent_again_with_the_same_link(
        client, site, smtp, login_as, django_capture_on_commit_callbacks):
    """The server queued it and hung up before answering: unconfirmed, never sent again by
    itself. The officer, having read the mail log, releases it: it goes again, once, and its
    link works; the reason is kept with its punctuation, the address masked."""
    smtp.hang_up = {"hang@example.org"}
    _ask(client, "hang@example.org", prefix="")
    smtp.hang_up = set()
    smtp.messages.clear()  # the server's log says it was never delivered
    row = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    assert row.attempted_at and not row.sent_at
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        page = " ".join(client.get(UNCONFIRMED).content.decode().split())
        assert "Subscription confirmation link, to a new subscriber" in page
        assert "It goes within minutes, with the same link, if the link has not been used" \
            in page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(UNCONFIRMED, _form(
                row, "Mail log shows no delivery for hang@example.org, bounced at relay."))
        assert response.status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(UNCONFIRMED, _form(row, "Pressed twice.")).status_code == 409
        assert _the_ten_minute_job() == 0
        page = " ".join(client.get(UNCONFIRMED).content.decode().split())
    [again] = smtp.messages
    assert again["To"] == "hang@example.org"
    assert ReleasedEmail.objects.get().reason == (
        "Mail log shows no delivery for [address], bounced at relay.")
    assert "Sent again," in page and "hang@example.org" not in page
    client.logout()
    assert client.post(_link(again)).status_code == 302
    assert Subscriber.objects.filter(email="hang@example.org").exists()


def test_a_released_confirmation_whose_link_was_used_meanwhile_is_not_sent(
        client, site, smtp, login_as, django_capture_on_commit_callbacks):
    """It had arrived after all, and the parent confirmed: releasing it is refused (the
    release says why), and nothing is sent."""
    smtp.hang_up = {"arrived@example.org"}
    _ask(client, "arrived@example.org", prefix="")
    smtp.hang_up = set()
    [arrived] = smtp.messages
    assert client.post(_link(arrived)).status_code == 302
    row = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        with django_capture_on_commit_callbacks(execute=True):
            refused = client.post(UNCONFIRMED, _form(row, "No line for it in the relay's log."))
        assert refused.status_code == 409
        assert "Nothing was released, because this message would never go" in (
            refused.content.decode())
        _the_ten_minute_job()
    assert Counter(m["To"] for m in smtp.messages) == {"arrived@example.org": 2}  # link, confirmed
    assert ConfirmationSent.objects.get().token == ""
