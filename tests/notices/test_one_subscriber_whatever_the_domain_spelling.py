"""One subscriber an address however its domain is spelt (review r14n, F5):
"ola@żółw.pl" and "ola@xn--w-uga1v8h.pl" reach one mailbox, so a request in one spelling
folds into the fresh link of the other, as one in other capitals does, and confirming
either adds to one subscriber, written with its domain in Unicode."""

import re

import pytest
from django.core import mail
from django.core.mail.message import sanitize_address
from django.utils import timezone

from notices import services
from notices.models import Subscriber

BASE = "https://travel.example.gov.uk"


def _ask(client, email, topics=("results",)):
    return client.post("/notices/subscribe/", {
        "email": email, "topics": list(topics), "frequency": "immediately"})


def _link(message):
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/confirm/[^\s]+/)",
                      message.body)
    assert found, message.body
    return found.group(1)


def test_a_request_in_the_other_spelling_folds_into_the_fresh_link(client, site):
    _ask(client, "ola@żółw.pl")
    second = _ask(client, "ola@xn--w-uga1v8h.pl", topics=("consultations",))
    assert len(mail.outbox) == 1
    assert "a few minutes ago" in second.content.decode()
    client.post(_link(mail.outbox[0]))
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ola@żółw.pl"
    assert sorted(s.topic for s in subscriber.subscriptions.all()) == ["consultations",
                                                                       "results"]


@pytest.mark.parametrize("kept", ["ola@xn--w-uga1v8h.pl", "Ola@XN--W-UGA1V8H.PL", "OLA@żółw.pl"])
def test_confirming_adds_to_the_subscriber_kept_in_the_other_spelling(client, site, kept):
    """A subscriber kept with the ASCII spelling (before domains were written one way) is
    found, not doubled."""
    Subscriber.objects.create(email=kept, language="pl", frequency="immediately",
                              confirmed_at=timezone.now())
    _ask(client, "ola@xn--w-uga1v8h.pl" if "ż" in kept else "ola@żółw.pl")
    client.post(_link(mail.outbox[0]))
    assert Subscriber.objects.count() == 1


def test_the_address_is_written_with_its_domain_in_unicode():
    assert services.as_typed(" Ola@XN--W-UGA1V8H.PL ") == "Ola@żółw.pl"
    assert services.mailbox("ola@żółw.pl") == services.mailbox("OLA@xn--w-uga1v8h.pl")


def test_the_check_your_email_page_shows_the_domain_as_typed_not_as_the_browser_sent_it(
        client, site):
    """A browser's e-mail field sends a typed "żółw.pl" as "xn--w-uga1v8h.pl" (review r14o,
    F2): the page names the address the parent typed, the first time and the second."""
    for _ in range(2):
        text = _ask(client, "Ola@xn--w-uga1v8h.pl").content.decode()
        assert "Ola@żółw.pl" in text and "xn--" not in text


@pytest.mark.parametrize("typed, sent_to", [
    ("ola@straße.de", "ola@xn--strae-oqa.de"),  # not Python's older "strasse.de"
    ("ola@żółw.pl", "ola@xn--w-uga1v8h.pl"),
    ("ola@XN--W-UGA1V8H.PL", "ola@xn--w-uga1v8h.pl"),
])
def test_the_address_is_sent_to_the_domain_typed_by_todays_rules(typed, sent_to):
    """Kept as ``written`` and sent through Django, the e-mail reaches the domain the
    parent typed by today's rules (IDNA 2008), never another one (review r14o, F3)."""
    assert sanitize_address(services.as_typed(typed), "utf-8") == sent_to
