"""A subscription confirmed by two presses at the same moment (a double click on Confirm,
the link opened in two tabs), and one address confirmed from two links at once, as real
requests in threads of their own, each with its own database connection, on PostgreSQL:
one subscriber, each choice saved once, one "you are subscribed" e-mail per link, and the
second press told plainly that the link was used, never a server error."""

import re

from django.core import mail
from django.core.cache import cache
from django.test import Client

from notices import services, tokens
from notices.models import Subscriber, UsedConfirmation
from tests.outbox.at_once import AT_ONCE, at_once, log_guard_lifted_for_flush  # noqa: F401

pytestmark = AT_ONCE


def _link(email, topic, frequency="immediately"):
    """A confirmation link as the e-mail carries it, and what its confirm page's form sends
    (the digest of the choices it showed), read from the page as a browser would."""
    wanted = services.subscription_request(email=email, topic_names=[topic], page=None,
                                           frequency=frequency, language="en-gb")
    path = f"/notices/confirm/{tokens.request_token(wanted)}/"
    page = Client().get(path)
    assert page.status_code == 200
    [shown] = re.findall(r'name="shown" value="([^"]+)"', page.content.decode())
    return path, {"shown": shown}


def _press(path, form):
    return lambda: Client().post(path, form)


def test_confirm_pressed_twice_at_once_subscribes_once(site):
    path, form = _link("twice@example.org", "consultations")
    mail.outbox.clear()
    responses = at_once([_press(path, form)] * 2)
    assert sorted(r.status_code for r in responses) == [302, 410]
    used = next(r for r in responses if r.status_code == 410).content.decode()
    assert "This link has already been used" in used
    assert "this address is subscribed" in used
    [subscriber] = Subscriber.objects.all()
    assert list(subscriber.subscriptions.values_list("topic", flat=True)) == ["consultations"]
    assert UsedConfirmation.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["twice@example.org"]]  # "you are subscribed"


def test_two_links_for_one_address_confirmed_at_once_make_one_subscriber(site):
    first = _link("both@example.org", "consultations")
    cache.clear()  # as if CONFIRM_RESEND_SECONDS had passed: the next request gets a link
    second = _link("both@example.org", "results", frequency="weekly")
    mail.outbox.clear()
    responses = at_once([_press(*first), _press(*second)])
    assert [r.status_code for r in responses] == [302, 302]
    [subscriber] = Subscriber.objects.all()
    assert sorted(subscriber.subscriptions.values_list("topic", flat=True)) == [
        "consultations", "results"]
    assert subscriber.frequency in ("immediately", "weekly")
    assert UsedConfirmation.objects.count() == 2
    assert len(mail.outbox) == 2  # one "you are subscribed" for each link


def test_two_links_for_one_address_in_other_capitals_confirmed_at_once_make_one_subscriber(
        site):
    """Ann@Example.org and ann@example.org are one mailbox: the second press adds to the
    subscriber the first made (notices_one_subscriber_an_address), never a second one."""
    first = _link("Ann@Example.org", "consultations")
    cache.clear()  # as if CONFIRM_RESEND_SECONDS had passed: the next request gets a link
    second = _link("ann@example.org", "results", frequency="weekly")
    mail.outbox.clear()
    responses = at_once([_press(*first), _press(*second)])
    assert [r.status_code for r in responses] == [302, 302]
    [subscriber] = Subscriber.objects.all()
    assert subscriber.email in ("Ann@example.org", "ann@example.org")
    assert sorted(subscriber.subscriptions.values_list("topic", flat=True)) == [
        "consultations", "results"]
    assert UsedConfirmation.objects.count() == 2
    assert len(mail.outbox) == 2  # one "you are subscribed" for each link
