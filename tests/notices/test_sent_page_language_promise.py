"""What the pages and e-mails of subscribing say of the e-mails' language is true (review
r14n, F1 and F2). A request folded into a link in another language is confirmed in that
link's language for a new subscriber only: an existing subscriber keeps theirs
(``services.subscription_confirm``). The "check your e-mail" page says so in words true
whether or not the address is subscribed (it must not tell a stranger which it is); the
confirm page and the confirmation e-mail, which only the mailbox holder reads, say that the
subscriber's e-mails stay in their language. Languages are named in the reader's language."""

import re

import time_machine
from django.core import mail
from django.utils import timezone

from notices.models import Subscriber

BASE = "https://travel.example.gov.uk"


def _ask(client, email, prefix, topics=("results",)):
    return client.post(f"{prefix}/notices/subscribe/", {
        "email": email, "topics": list(topics), "frequency": "immediately"})


def _words(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _link(message):
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/confirm/[^\s]+/)",
                      message.body)
    assert found, message.body
    return found.group(1)


def _three_requests(client, email):
    """English, then Arabic (a link of its own), then Polish (folded into the Arabic one)."""
    with time_machine.travel(timezone.now(), tick=False):
        _ask(client, email, "")
        _ask(client, email, "/ar")
        return _ask(client, email, "/pl", topics=("consultations",))


def test_the_page_promises_no_language_an_existing_subscriber_does_not_get(client, site):
    Subscriber.objects.create(email="OLA.nowak@example.org", language="pl",
                              frequency="immediately", confirmed_at=timezone.now())
    page = _words(_three_requests(client, "OLA.nowak@example.org"))
    assert "Potwierdzenie go ustawi język Twoich e-maili" not in page
    assert ("ustawi język e-maili nowej subskrypcji na: arabski; subskrypcja, którą już masz, "
            "zachowa swój język") in page
    # The Arabic link keeps the subscriber's Polish, as the page now says.
    arabic = mail.outbox[1]
    assert "/ar/notices/confirm/" in arabic.body
    client.post(_link(arabic))
    assert Subscriber.objects.get().language == "pl"


def test_the_page_reads_the_same_whether_or_not_the_address_is_subscribed(client, site):
    Subscriber.objects.create(email="kept@example.org", language="pl",
                              frequency="immediately", confirmed_at=timezone.now())
    subscribed = _words(_three_requests(client, "kept@example.org"))
    stranger = _words(_three_requests(client, "new@example.org"))
    assert subscribed.replace("kept@example.org", "X") == stranger.replace("new@example.org",
                                                                           "X")


def test_the_confirm_page_and_email_say_a_subscriber_keeps_their_language(client, site):
    Subscriber.objects.create(email="ola@example.org", language="pl",
                              frequency="immediately", confirmed_at=timezone.now())
    _ask(client, "ola@example.org", "/ar")
    arabic = mail.outbox[0]
    kept = "تبقى رسائلك باللغة التي اخترتها (البولنديّة): التأكيد لا يغيّرها."
    assert kept in " ".join(arabic.body.split())
    assert kept in _words(client.get(_link(arabic)))
    # A new subscriber is told nothing of the kind (their e-mails will be in this one's).
    _ask(client, "new@example.org", "/ar")
    assert "تبقى رسائلك" not in mail.outbox[1].body
    assert "تبقى رسائلك" not in _words(client.get(_link(mail.outbox[1])))


def test_the_other_language_is_named_in_the_readers_language(client, site):
    """F2: an Arabic link named on a Polish page as "arabski", not "العربيّة"."""
    page = _words(_three_requests(client, "named@example.org"))
    assert "(arabski)" in page
    assert "العربيّة" not in page.split("Tamten e-mail")[1]
