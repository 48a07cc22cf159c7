"""Unsubscribing ends the confirmation e-mails still waiting for the address: "we will send
no more, and we deleted your address" is true.

A subscribed parent asks for one more topic; the confirmation e-mail waits (their mail server
greylisted it, or never answered and an officer later releases it); they then press "stop
everything and delete my address" (or their mail program's one-click unsubscribe). The
e-mail never goes, the encrypted request holding the address is emptied, an officer's release
afterwards sends nothing and the page says why. A link already in the inbox only opens its
page: nobody is subscribed again unless they press Confirm there (a request made afresh).
Through a real SMTP server (aiosmtpd)."""

import datetime as dt
import re

import time_machine
from django.test import Client
from django.utils import timezone

from notices import services, tasks, tokens
from notices.models import ConfirmationSent, Subscriber
from outbox import deferrals
from outbox import services as outbox
from outbox.models import SentEmail

BASE = "https://travel.example.gov.uk"
UNCONFIRMED = "/admin/outbox/unconfirmed/"
PAUSE_OVER = deferrals.FIRST_WAIT + dt.timedelta(minutes=1)
LATER = outbox.CLAIM_LEASE + dt.timedelta(minutes=1)
ADDRESS = "ola.unconf@example.org"


def _subscribed(language="pl") -> Subscriber:
    subscriber = Subscriber.objects.create(email=ADDRESS, language=language,
                                           frequency="immediately",
                                           confirmed_at=timezone.now())
    subscriber.subscriptions.create(topic="consultations")
    return subscriber


def _ask_more(client, prefix="/pl"):
    response = client.post(f"{prefix}/notices/subscribe/", {
        "email": ADDRESS, "topics": ["results"], "frequency": "immediately"})
    assert response.status_code == 200
    return response


def _unsubscribe_url(subscriber, prefix="/pl") -> str:
    return f"{prefix}/notices/unsubscribe/{tokens.subscriber_token(subscriber.pk)}/"


def _to_them(smtp):
    return [m for m in smtp.messages if m["To"] == ADDRESS]


def _link(message) -> str:
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/confirm/[^\s]+/)",
                      message.get_content())
    assert found, message.get_content()
    return found.group(1)


def _text(response) -> str:
    """The page's words as read, tags taken out."""
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def test_a_greylisted_confirmation_never_goes_once_they_delete_their_address(
        client, site, smtp):
    subscriber = _subscribed()
    smtp.busy = {ADDRESS}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _ask_more(client)
        waiting = SentEmail.objects.get(kind=services.CONFIRMATION_KIND)
        assert waiting.retry_at and not waiting.sent_at
        assert ConfirmationSent.objects.get().token  # kept while it may go again
        # Minutes later, the manage page's "stop all messages and delete my address".
        stopped = client.post(_unsubscribe_url(subscriber))
    assert stopped.status_code == 200
    assert not Subscriber.objects.filter(email=ADDRESS).exists()
    record = ConfirmationSent.objects.get()
    assert record.token == ""  # the address is nowhere in the database
    assert record.ended == ConfirmationSent.Ended.UNSUBSCRIBED
    withdrawn = SentEmail.objects.get(pk=waiting.pk)
    assert withdrawn.withdrawn_at and withdrawn.retry_at is None
    assert ADDRESS not in withdrawn.failure
    smtp.busy = set()
    with time_machine.travel(start + PAUSE_OVER, tick=False):
        assert tasks.send_notices.apply().get() == 0
        assert tasks.send_notices.apply().get() == 0
    assert _to_them(smtp) == []
    assert not Subscriber.objects.filter(email=ADDRESS).exists()


def test_asking_again_after_deleting_the_address_sends_a_new_link_at_once(
        client, site, smtp):
    """The withdrawn link never went: a request just after is not told "we sent a link a
    few minutes ago" (it would never come), but gets one of its own."""
    subscriber = _subscribed()
    smtp.busy = {ADDRESS}
    _ask_more(client)
    client.post(_unsubscribe_url(subscriber))
    smtp.busy = set()
    _ask_more(client)
    [link] = _to_them(smtp)
    assert "/pl/notices/confirm/" in link.get_content()


def test_a_released_confirmation_sends_nothing_after_a_one_click_unsubscribe_and_says_why(
        client, site, smtp, login_as, django_capture_on_commit_callbacks):
    subscriber = _subscribed(language="ar")
    smtp.hang_up = {ADDRESS}
    _ask_more(client, prefix="/ar")
    smtp.hang_up = set()
    smtp.messages.clear()
    login_as("officer")
    with time_machine.travel(timezone.now() + LATER):
        # The officer opened the page (its form) before the person unsubscribed.
        page = client.get(UNCONFIRMED).content.decode()
        [record] = re.findall(r'name="record" value="([^"]+)"', page)
        [claim] = re.findall(r'name="claim" value="([^"]+)"', page)
        # The mail program's one-click unsubscribe (RFC 8058): no page, no cookie.
        one_click = Client().post(_unsubscribe_url(subscriber, "/ar"),
                                  {"List-Unsubscribe": "One-Click"})
        assert one_click.status_code == 200
        assert ConfirmationSent.objects.get().token == ""
        # Opened again, the page offers no form for it, and says why.
        again = client.get(UNCONFIRMED)
        assert 'name="record"' not in again.content.decode()
        assert ("Nothing to send again, so no form: the person unsubscribed."
                in _text(again))
        # The form of the page opened before, sent now: refused, saying why; nothing goes.
        with django_capture_on_commit_callbacks(execute=True):
            refused = client.post(UNCONFIRMED, {
                "record": record, "claim": claim, "checked": "on",
                "reason": "Relay log: not delivered, ticket 89."})
        assert refused.status_code == 409
        assert ("Nothing was released, because this message would never go: the person "
                "unsubscribed.") in _text(refused)
        assert tasks.send_notices.apply().get() == 0
        after = _text(client.get(UNCONFIRMED))
    assert _to_them(smtp) == []
    assert not Subscriber.objects.filter(email=ADDRESS).exists()
    assert "Nothing to send again, so no form: the person unsubscribed." in after
    assert ADDRESS not in after and ADDRESS not in _text(refused)


def test_a_link_already_in_the_inbox_subscribes_again_only_when_its_button_is_pressed(
        client, site, smtp):
    """The confirmation reached them before they deleted their address. Opening its link
    (or a mail scanner following it) subscribes nobody; pressing Confirm on its page is a
    request made afresh, and subscribes them."""
    subscriber = _subscribed()
    _ask_more(client)
    [message] = _to_them(smtp)
    client.post(_unsubscribe_url(subscriber))
    link = _link(message)
    opened = client.get(link)
    assert opened.status_code == 200
    assert not Subscriber.objects.filter(email=ADDRESS).exists()
    [shown] = re.findall(r'name="shown" value="([^"]+)"', opened.content.decode())
    pressed = client.post(link, {"shown": shown})
    assert pressed.status_code == 302
    again = Subscriber.objects.get(email=ADDRESS)
    assert set(again.subscriptions.values_list("topic", flat=True)) == {"results"}


def test_a_request_kept_before_its_address_digest_was_stored_is_ended_too(site, smtp):
    """Rows kept before ``address_digest`` existed are read one by one: the address's own
    request is emptied, another address's is left to go."""
    subscriber = _subscribed()
    smtp.busy = {ADDRESS, "someone.else@example.org"}
    for email in (ADDRESS, "someone.else@example.org"):
        request = services.subscription_request(
            email=email, topic_names=["results"], page=None, frequency="weekly",
            language="pl")
        services.confirmation_send(request=request, token=tokens.request_token(request),
                                   page_title=None)
    ConfirmationSent.objects.update(address_digest="")
    services.unsubscribe(subscriber=subscriber)
    kept = dict(ConfirmationSent.objects.values_list("ended", "token"))
    assert kept[ConfirmationSent.Ended.UNSUBSCRIBED] == ""
    assert kept[""]  # someone else's, still to go
