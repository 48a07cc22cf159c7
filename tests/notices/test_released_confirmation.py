"""A confirmation e-mail released on the officers' "E-mails never confirmed" page really goes
again, with the very link the parent was first sent, and that link then confirms.

End to end, as people would do it: a parent asks on the Polish site; the mail server queues
the message and hangs up before answering (so the outbox keeps it unconfirmed and never
sends it again by itself); an officer opens /admin/outbox/unconfirmed/, reads the form off
the page, ticks the box and gives a reason; the message goes again at once (no broker: the
task runs in-process, as on ``make run``), once, to the same address, with the same link; the
parent opens it, the page shows the button, and pressing it subscribes them, in Polish. A
forum representative or someone not signed in can neither see the page nor release it.
Through a real SMTP server (aiosmtpd)."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from notices import services, tasks
from notices.models import ConfirmationSent, Subscriber
from outbox import services as outbox
from outbox.models import ReleasedEmail, SentEmail

BASE = "https://travel.example.gov.uk"
UNCONFIRMED = "/admin/outbox/unconfirmed/"
#: Past the claim lease: the outbox offers an unanswered message only once no live worker
#: can still be waiting for its answer.
LATER = outbox.CLAIM_LEASE + dt.timedelta(minutes=1)
ADDRESS = "zgubiony@example.org"


def _ask(client):
    response = client.post("/pl/notices/subscribe/", {
        "email": ADDRESS, "topics": ["everything"], "frequency": "weekly"})
    assert response.status_code == 200
    return response


def _link(message) -> str:
    found = re.search(re.escape(BASE) + r"(/pl/notices/confirm/[^\s]+/)",
                      message.get_content())
    assert found, message.get_content()
    return found.group(1)


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _release_form(page: str, reason: str) -> dict:
    """What the officer's browser sends: the hidden fields of the one form on the page, the
    box ticked, and the reason typed."""
    [record] = re.findall(r'name="record" value="([^"]+)"', page)
    [claim] = re.findall(r'name="claim" value="([^"]+)"', page)
    return {"record": record, "claim": claim, "checked": "on", "reason": reason}


def _hung_up_confirmation(client, smtp):
    """The parent asks; the server queues the message and drops the line before its answer.
    Returns the link that first message carried."""
    smtp.hang_up = {ADDRESS}
    _ask(client)
    smtp.hang_up = set()
    [first] = smtp.messages
    row = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    assert row.attempted_at and not row.sent_at and not row.refused_at
    assert ConfirmationSent.objects.get().token  # kept, encrypted, while it may go again
    # The mail server's log, the officer finds, shows it was never delivered.
    smtp.messages.clear()
    return _link(first)


def test_an_officer_releases_a_confirmation_and_the_same_link_arrives_and_confirms(
        client, site, smtp, login_as, django_capture_on_commit_callbacks):
    first_link = _hung_up_confirmation(client, smtp)
    # Never sent again by itself: the ten-minute job leaves it to a person.
    with time_machine.travel(timezone.now() + LATER):
        assert tasks.send_notices.apply().get() == 0
    assert smtp.messages == []

    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        page = _text(client.get(UNCONFIRMED))
        assert "1 e-mail waiting for a decision" in page
        assert "Subscription confirmation link, to a new subscriber" in page
        assert ADDRESS not in page and first_link not in page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(UNCONFIRMED, _release_form(
                page, "The relay's log has no delivery line for this Message-ID."))
        assert response.status_code == 302
        after = _text(client.get(response["Location"]))
        # Later runs of the ten-minute job send nothing more.
        assert tasks.send_notices.apply().get() == 0

    [again] = smtp.messages
    assert again["To"] == ADDRESS
    assert _link(again) == first_link  # the very link the parent was first sent
    assert "0 e-mails waiting for a decision" in after
    assert "Sent again," in after and ADDRESS not in after
    assert ReleasedEmail.objects.get().kind == services.CONFIRMATION_KIND
    assert ConfirmationSent.objects.get().token == ""  # gone: the request is not kept

    client.logout()
    opened = client.get(first_link)
    assert opened.status_code == 200
    [shown] = re.findall(r'name="shown" value="([^"]+)"', opened.content.decode())
    pressed = client.post(first_link, {"shown": shown})
    assert pressed.status_code == 302 and "/pl/notices/manage/" in pressed["Location"]
    subscriber = Subscriber.objects.get(email=ADDRESS)
    assert subscriber.language == "pl" and subscriber.frequency == "weekly"
    # The link is used now: opening it again says so, and subscribes nobody twice.
    assert "/notices/manage/" not in client.post(first_link, {"shown": shown}).get(
        "Location", "")
    assert Subscriber.objects.filter(email=ADDRESS).count() == 1


@pytest.mark.parametrize("role", ["forum_rep", "anonymous"])
def test_a_forum_rep_or_anyone_not_signed_in_cannot_release_a_confirmation(
        client, site, smtp, login_as, role, django_capture_on_commit_callbacks):
    _hung_up_confirmation(client, smtp)
    row = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
    form = {"record": row.pk, "claim": str(row.claim), "checked": "on",
            "reason": "The relay's log has no delivery line for this Message-ID."}
    login_as(role)
    with time_machine.travel(timezone.now() + LATER):
        shown = client.get(UNCONFIRMED)
        with django_capture_on_commit_callbacks(execute=True):
            pressed = client.post(UNCONFIRMED, form)
        assert tasks.send_notices.apply().get() == 0
    if role == "anonymous":
        assert shown.status_code == pressed.status_code == 302
        assert "/admin/login/" in shown["Location"] and "/admin/login/" in pressed["Location"]
    else:
        assert shown.status_code in (302, 403) and pressed.status_code in (302, 403)
        assert "waiting for a decision" not in shown.content.decode()
    assert SentEmail.objects.filter(pk=row.pk, claim=row.claim).exists()
    assert not ReleasedEmail.objects.exists()
    assert smtp.messages == []  # nothing went again


def test_a_link_pressed_while_its_e_mail_waits_for_a_decision_leaves_no_request_kept(
        client, site, smtp, login_as):
    """The unanswered e-mail reached the parent after all and they confirmed: the encrypted
    request kept to send it again is emptied there and then, not days later; releasing it
    afterwards is refused and sends nothing."""
    first_link = _hung_up_confirmation(client, smtp)
    officer = Client()
    officer.force_login(login_as("officer"))
    with time_machine.travel(timezone.now() + LATER):
        # The officer opened the page (its form) before the parent pressed the link.
        page = _text(officer.get(UNCONFIRMED))
        opened = client.get(first_link)
        [shown] = re.findall(r'name="shown" value="([^"]+)"', opened.content.decode())
        assert client.post(first_link, {"shown": shown}).status_code == 302
        assert ConfirmationSent.objects.get().token == ""
        assert Subscriber.objects.filter(email=ADDRESS).exists()
        smtp.messages.clear()
        # Opened again, the page offers no form for it, and says why.
        again = " ".join(re.sub(r"<[^>]+>", "", officer.get(UNCONFIRMED).content.decode())
                         .split())
        assert "Nothing to send again, so no form: the link was already used" in again
        assert 'name="record"' not in officer.get(UNCONFIRMED).content.decode()
        client = officer
        # The form of the page opened before, sent now: refused, saying why; nothing goes.
        response = client.post(UNCONFIRMED, _release_form(
            page, "The relay's log has no delivery line for this Message-ID."))
        assert response.status_code == 409
        refused = " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())
        assert ("Nothing was released, because this message would never go: the link was "
                "already used") in refused
        assert tasks.send_notices.apply().get() == 0
    assert [m for m in smtp.messages if "/notices/confirm/" in m.get_content()] == []
