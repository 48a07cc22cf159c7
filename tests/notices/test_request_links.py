"""A second request after a link: kept with that link only while it is fresh and unused,
never with a used one or a later one; the hourly limit counts one mailbox however it is
written; the per-visitor limit counts one IPv6 network as one visitor."""

import datetime as dt
import hashlib
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from notices import services
from notices.models import Subscriber
from portal.client_address import address_fingerprint

BASE = "https://travel.example.gov.uk"


def _link(message, name):
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/" + name + r"/[^\s]+/)",
                      message.body)
    assert found, message.body
    return found.group(1)


def _confirmations():
    """The messages sent with a link to confirm (confirming sends one with the subscriber's
    own links, too)."""
    return [m for m in mail.outbox if "/notices/confirm/" in m.body]


def _ask(client, email, topics, frequency="immediately", prefix=""):
    return client.post(f"{prefix}/notices/subscribe/", {
        "email": email, "topics": topics, "frequency": frequency})


def test_a_second_request_just_after_confirming_is_sent_a_new_link(client, site):
    _ask(client, "quick.parent@example.org", ["results"])
    client.post(_link(mail.outbox[0], "confirm"))
    response = _ask(client, "quick.parent@example.org", ["consultations"], "weekly")
    html = " ".join(response.content.decode().split())
    assert "a few minutes ago" not in html  # no promise pointing at the used link
    assert len(_confirmations()) == 2
    client.post(_link(_confirmations()[1], "confirm"))
    subscriber = Subscriber.objects.get()
    assert sorted(s.topic for s in subscriber.subscriptions.all()) == ["consultations",
                                                                       "results"]
    assert subscriber.frequency == "weekly"


def test_asking_again_just_after_unsubscribing_by_mistake_sends_a_link(client, site):
    _ask(client, "oops@example.org", ["results"])
    manage = client.post(_link(mail.outbox[0], "confirm"))["Location"]
    client.post(manage.replace("/manage/", "/unsubscribe/"))
    assert not Subscriber.objects.exists()
    response = _ask(client, "oops@example.org", ["results"])
    assert "a few minutes ago" not in response.content.decode()
    assert len(_confirmations()) == 2
    assert client.post(_link(_confirmations()[1], "confirm")).status_code == 302
    assert Subscriber.objects.filter(email="oops@example.org").exists()


def test_a_request_kept_with_a_link_never_joins_a_later_link(client, site):
    """Monday: two requests within minutes (the second kept with the first link, never
    confirmed). Days later the parent asks for something else and confirms that new link:
    they get what they chose then, not Monday's leftovers."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _ask(client, "victim9@example.org", ["results"])
        _ask(client, "victim9@example.org", ["everything"], "weekly")
        assert len(mail.outbox) == 1
    # Ten minutes on, the first link is no longer the fresh one (a cache such as Redis keeps
    # its own clock, so its "sent a few minutes ago" is ended by hand).
    cache.delete(f"notices:confirm-sent:{services._address_digest('victim9@example.org')}")
    with time_machine.travel(start + dt.timedelta(days=2), tick=False):
        _ask(client, "victim9@example.org", ["consultations"], "immediately", prefix="/pl")
        assert len(mail.outbox) == 2
        confirm = _link(mail.outbox[1], "confirm")
        shown = " ".join(client.get(confirm).content.decode().split())
        assert "Raz w tygodniu" not in shown
        client.post(confirm)
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "immediately"
    assert [s.topic for s in subscriber.subscriptions.all()] == ["consultations"]
    # Monday's link, confirmed late, still brings what was kept with it.
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        client.post(_link(mail.outbox[0], "confirm"))
    assert sorted(s.topic for s in subscriber.subscriptions.all()) == [
        "consultations", "everything", "results"]


def test_what_is_kept_is_keyed_by_no_plain_hash_of_the_address(client, site):
    _ask(client, "victim9@example.org", ["results"])
    _ask(client, "victim9@example.org", ["everything"], "weekly")
    stored = cache.keys("*") if hasattr(cache, "keys") else cache._cache  # Redis, or memory
    keys = " ".join(str(key) for key in stored)
    for written in ("victim9@example.org", services.mailbox("victim9@example.org")):
        assert hashlib.sha256(written.encode()).hexdigest() not in keys
    assert "confirm-more" in keys and "confirm-sent" in keys


@pytest.mark.parametrize(("typed", "box"), [
    ("Victim+news@Example.com", "victim@example.com"),
    ("v.i.c.t.i.m@gmail.com", "victim@gmail.com"),
    ("VICTIM+x@GoogleMail.com", "victim@gmail.com"),
    ("vic.tim@example.com", "vic.tim@example.com"),  # dots matter elsewhere
    ("rodzic@żółw.pl", "rodzic@xn--w-uga1v8h.pl"),
    ("rodzic@XN--W-UGA1V8H.pl", "rodzic@xn--w-uga1v8h.pl"),
])
def test_the_hourly_limit_knows_one_mailbox_however_it_is_written(typed, box):
    assert services.mailbox(typed) == box


def test_gmail_dots_and_googlemail_do_not_get_round_the_hourly_limit(client, site):
    for n in range(services.CONFIRMS_PER_MAILBOX):
        assert _ask(client, f"victim+{n}@gmail.com", ["results"]).status_code == 200
    for variant in ("vic.tim+0@gmail.com", "v.i.c.t.i.m@gmail.com", "VICTIM+x@GoogleMail.com"):
        assert _ask(client, variant, ["results"]).status_code == 429
    assert len(mail.outbox) == services.CONFIRMS_PER_MAILBOX
    # Each link went to the address as typed.
    assert mail.outbox[0].to == ["victim+0@gmail.com"]


def test_an_idn_domain_and_its_punycode_are_one_mailbox(client, site):
    for n in range(services.CONFIRMS_PER_MAILBOX):
        _ask(client, f"rodzic+{n}@żółw.pl", ["results"])
    assert _ask(client, "rodzic@xn--w-uga1v8h.pl", ["results"]).status_code == 429


def test_one_ipv6_network_counts_as_one_visitor(settings):
    settings.PORTAL_TRUSTED_PROXIES = 0
    factory = RequestFactory()
    one, same_net, other_net = (factory.get("/", REMOTE_ADDR=address) for address in (
        "2001:db8:1:2::1", "2001:db8:1:2:ffff:1:2:3", "2001:db8:1:3::1"))
    assert address_fingerprint(one) == address_fingerprint(same_net)
    assert address_fingerprint(one) != address_fingerprint(other_net)
    v4 = [factory.get("/", REMOTE_ADDR=a) for a in ("192.0.2.1", "192.0.2.2")]
    assert address_fingerprint(v4[0]) != address_fingerprint(v4[1])


# --- the confirm page saves exactly what it showed -------------------------------------------


def _shown(html):
    return re.search(r'name="shown" value="([0-9a-f]+)"', html).group(1)


def test_a_request_made_after_the_confirm_page_opened_does_not_change_what_it_saves(
        client, site):
    """The page said "Wszystko", "Od razu"; before its button is pressed, someone (another
    tab, or anyone who types the address) asks for "Survey results", weekly. The press saves
    nothing and shows the list as it now is; only a press of that page saves it."""
    _ask(client, "rodzic.pl@example.org", ["everything"], prefix="/pl")
    confirm = _link(mail.outbox[0], "confirm")
    opened = client.get(confirm).content.decode()
    assert "Wszystko" in opened and "Od razu" in opened
    # No second e-mail: asked in the same language (one in another gets its own link).
    _ask(client, "Rodzic.PL@example.org", ["results"], "weekly", prefix="/pl")
    assert len(mail.outbox) == 1
    pressed = client.post(confirm, {"shown": _shown(opened)})
    assert pressed.status_code == 409
    assert not Subscriber.objects.exists()
    again = " ".join(pressed.content.decode().split())
    assert "Nic jeszcze nie zostało potwierdzone" in again
    assert "Raz w tygodniu" in again and "Wyniki ankiet" in again
    assert client.post(confirm, {"shown": _shown(again)}).status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly"
    assert sorted(s.topic for s in subscriber.subscriptions.all()) == ["everything", "results"]


def test_the_confirm_page_saves_what_it_showed_for_an_existing_subscriber_too(client, site):
    _ask(client, "known@example.org", ["results"], "weekly")
    client.post(_link(mail.outbox[0], "confirm"))
    cache.delete(f"notices:confirm-sent:{services._address_digest('known@example.org')}")
    _ask(client, "known@example.org", ["consultations"], "immediately")
    confirm = _link(mail.outbox[-1], "confirm")
    opened = client.get(confirm).content.decode()
    _ask(client, "known@example.org", ["everything"], "weekly")  # kept with the fresh link
    assert client.post(confirm, {"shown": _shown(opened)}).status_code == 409
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly"
    assert [s.topic for s in subscriber.subscriptions.all()] == ["results"]
    # A page showing what is asked now confirms it; pressed twice, the link says it was used.
    current = client.get(confirm).content.decode()
    assert client.post(confirm, {"shown": _shown(current)}).status_code == 302
    assert client.post(confirm, {"shown": _shown(opened)}).status_code == 410
    assert sorted(s.topic for s in subscriber.subscriptions.all()) == [
        "consultations", "everything", "results"]
