"""The outbox: each e-mail (kind, object, recipient) goes at most once, whoever runs the
sending and however often."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.locmem import EmailBackend

from outbox import services
from outbox.models import SentEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class SilentBackend(EmailBackend):
    """Accepts nothing and says nothing, as a mail backend with fail_silently can."""

    def send_messages(self, messages):
        return 0


def _outgoing(*names):
    return [services.Outgoing(f"person:{name}", EmailMessage("Hello", "Body", None,
                                                             [f"{name}@example.org"]))
            for name in names]


def test_a_message_another_run_has_claimed_is_left_to_it():
    about = UserFactory(username="about")
    SentEmail.objects.create(kind="greeting", about=about, recipient_key="person:b")
    delivery = services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"),
                                  chunk_size=2)
    assert delivery.sent == ["person:a", "person:c"] and delivery.skipped == 1
    assert [m.to[0] for m in mail.outbox] == ["a@example.org", "c@example.org"]
    assert services.sent_count(kind="greeting", about=about) == 2
    # The same messages about another object, or of another kind, are other e-mails.
    services.send_once(kind="greeting", about=UserFactory(username="other"),
                       outgoing=_outgoing("a"))
    services.send_once(kind="farewell", about=about, outgoing=_outgoing("a"))
    assert len(mail.outbox) == 4


def test_a_silent_refusal_is_an_error_and_the_message_can_go_later():
    about = UserFactory(username="about")
    with pytest.raises(services.MailNotSent):
        services.send_once(kind="greeting", about=about, outgoing=_outgoing("a"),
                           connection=get_connection(f"{__name__}.SilentBackend"))
    assert not SentEmail.objects.exists()
    services.send_once(kind="greeting", about=about, outgoing=_outgoing("a"))
    assert [m.to[0] for m in mail.outbox] == ["a@example.org"]
    record = SentEmail.objects.get()
    assert record.sent_at is not None and "example.org" not in str(record.__dict__)


# --- a worker killed outright: its claims wait out the lease, then go, once ----------------

import datetime as dt  # noqa: E402

import time_machine  # noqa: E402
from django.utils import timezone  # noqa: E402

START = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)


def test_messages_a_dead_worker_claimed_go_once_the_lease_has_passed():
    about = UserFactory(username="about")
    with time_machine.travel(START, tick=False):
        # The dead worker: it claimed a, b and c, handed b to the mail server, and died
        # before the server answered (b may have gone); it never reached a or c.
        services.claim(kind="greeting", about=about,
                       recipient_keys=["person:a", "person:b", "person:c"])
        SentEmail.objects.filter(recipient_key="person:b").update(attempted_at=timezone.now())
        assert services.delivery_counts(kind="greeting", about=about) == \
            services.DeliveryCounts(sent=0, sending=2, waiting=0, unconfirmed=1)
    # Within the lease the claims may be a live worker's: nothing of theirs goes.
    with time_machine.travel(START + services.CLAIM_LEASE - dt.timedelta(seconds=1),
                             tick=False):
        delivery = services.send_once(kind="greeting", about=about,
                                      outgoing=_outgoing("a", "b", "c", "d"))
    assert delivery.sent == ["person:d"] and delivery.skipped == 3
    # Past it, they are counted as waiting to be retried until a run sends them.
    later = START + services.CLAIM_LEASE + dt.timedelta(seconds=1)
    assert services.delivery_counts(kind="greeting", about=about, now=later) == \
        services.DeliveryCounts(sent=1, sending=0, waiting=2, unconfirmed=1)
    # Past it, the next run releases them and sends each once; b is never sent again.
    with time_machine.travel(START + services.CLAIM_LEASE + dt.timedelta(seconds=1),
                             tick=False):
        delivery = services.send_once(kind="greeting", about=about,
                                      outgoing=_outgoing("a", "b", "c", "d"))
        assert delivery.sent == ["person:a", "person:c"]
        again = services.send_once(kind="greeting", about=about,
                                   outgoing=_outgoing("a", "b", "c", "d"))
    assert again.sent == []
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "c@example.org",
                                                     "d@example.org"]
    assert services.delivery_counts(kind="greeting", about=about) == \
        services.DeliveryCounts(sent=3, sending=0, waiting=0, unconfirmed=1)


def test_a_slow_worker_whose_claim_was_released_does_not_send_it_too():
    """A claim released past the lease while its worker still lives: the message goes from
    the run that claimed it again, and the slow worker, checking the record before it
    sends, skips it."""
    about = UserFactory(username="about")
    taken_over = []

    class SlowBackend(EmailBackend):
        def send_messages(self, messages):
            if not taken_over:
                # Before its second message, the worker stalls past the lease and another
                # run takes the rest over.
                taken_over.append(1)
                with time_machine.travel(timezone.now() + services.CLAIM_LEASE * 2):
                    services.send_once(kind="greeting", about=about,
                                       outgoing=_outgoing("a", "b", "c"))
            return super().send_messages(messages)

    with time_machine.travel(START, tick=False):
        slow = services.send_once(kind="greeting", about=about,
                                  outgoing=_outgoing("a", "b", "c"),
                                  connection=SlowBackend())
    assert slow.sent == ["person:a"]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org",
                                                     "c@example.org"]
    assert services.delivery_counts(kind="greeting", about=about).sent == 3


def test_the_admin_list_says_which_messages_wait_to_be_retried(client, login_as):
    about = UserFactory(username="about")
    with time_machine.travel(timezone.now() - services.CLAIM_LEASE * 2):
        services.claim(kind="greeting", about=about, recipient_keys=["person:a"])
    services.send_once(kind="greeting", about=UserFactory(username="other"),
                       outgoing=_outgoing("b"))
    login_as("admin")
    html = client.get("/django-admin/outbox/sentemail/").content.decode()
    assert html.count("Waiting to be retried (its worker stopped") == 2  # the row, the filter
    waiting = client.get("/django-admin/outbox/sentemail/?state=waiting").content.decode()
    assert "person:a" in waiting and "person:b" not in waiting


# --- a recipient the mail server refuses: for good (5xx) or for now (4xx) ------------------

import smtplib  # noqa: E402


def test_a_recipient_refused_for_good_is_recorded_and_the_others_still_go(smtp):
    about = UserFactory(username="about")
    smtp.no_such_user = {"b@example.org"}
    delivery = services.send_once(kind="greeting", about=about,
                                  outgoing=_outgoing("a", "b", "c"))
    assert delivery.sent == ["person:a", "person:c"] and delivery.refused == ["person:b"]
    assert [m["To"] for m in smtp.messages] == ["a@example.org", "c@example.org"]
    refused = SentEmail.objects.get(recipient_key="person:b")
    assert refused.refused_at is not None and refused.sent_at is None
    assert refused.failure.startswith("550 5.1.1") and "No such user" in refused.failure
    assert "example.org" not in refused.failure  # the reason, never the address
    assert services.delivery_counts(kind="greeting", about=about) == \
        services.DeliveryCounts(sent=2, sending=0, waiting=0, unconfirmed=0, refused=1)
    # Never retried: the next run sends nothing, even if the mailbox opens again.
    smtp.no_such_user = set()
    again = services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert again.sent == [] and len(smtp.messages) == 2


def test_a_recipient_refused_for_now_stops_the_run_and_goes_on_the_retry(smtp):
    about = UserFactory(username="about")
    smtp.busy = {"b@example.org"}
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert [m["To"] for m in smtp.messages] == ["a@example.org"]
    assert not SentEmail.objects.filter(recipient_key__in=["person:b", "person:c"]).exists()
    smtp.busy = set()
    retry = services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert retry.sent == ["person:b", "person:c"] and retry.refused == []
    assert sorted(m["To"] for m in smtp.messages) == ["a@example.org", "b@example.org",
                                                       "c@example.org"]


def test_the_admin_list_says_which_messages_were_refused(client, login_as, smtp):
    about = UserFactory(username="about")
    smtp.no_such_user = {"b@example.org"}
    services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b"))
    login_as("admin")
    refused = client.get("/django-admin/outbox/sentemail/?state=refused").content.decode()
    assert "person:b" in refused and "person:a" not in refused
    assert "Refused by the mail server for good" in refused and "b@example.org" not in refused


# --- refused at the end of DATA; an answer that never came ---------------------------------


def test_a_message_refused_for_good_at_the_end_of_data_is_recorded_and_the_others_go(smtp):
    """Many relays and spam filters refuse a message only once they have read it (554 after
    the final "."): each message is to one person, so it is that person refused, not a
    reason to stop everyone ordered after them, run after run."""
    about = UserFactory(username="about")
    smtp.spam = {"b@example.org"}
    delivery = services.send_once(kind="greeting", about=about,
                                  outgoing=_outgoing("a", "b", "c", "d"))
    assert delivery.sent == ["person:a", "person:c", "person:d"]
    assert delivery.refused == ["person:b"]
    assert [m["To"] for m in smtp.messages] == ["a@example.org", "c@example.org",
                                                "d@example.org"]
    refused = SentEmail.objects.get(recipient_key="person:b")
    assert refused.refused_at is not None and refused.sent_at is None
    assert refused.failure == "554 5.7.1 Message rejected as spam"
    assert services.delivery_counts(kind="greeting", about=about) == \
        services.DeliveryCounts(sent=3, sending=0, waiting=0, unconfirmed=0, refused=1)
    smtp.spam = set()
    again = services.send_once(kind="greeting", about=about,
                               outgoing=_outgoing("a", "b", "c", "d"))
    assert again.sent == [] and len(smtp.messages) == 3


def test_a_refusal_for_now_at_the_end_of_data_is_sent_again_by_the_retry(smtp):
    about = UserFactory(username="about")
    smtp.refuse_after = 1  # 451 at DATA: the server did not take it
    with pytest.raises(smtplib.SMTPDataError):
        services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert not SentEmail.objects.filter(recipient_key__in=["person:b", "person:c"]).exists()
    smtp.refuse_after = None
    retry = services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert retry.sent == ["person:b", "person:c"]
    assert [m["To"] for m in smtp.messages] == ["a@example.org", "b@example.org",
                                                "c@example.org"]


def test_a_message_whose_answer_never_came_is_kept_and_never_sent_twice(smtp):
    """The server queued b's message and the connection dropped before its answer: it may
    have gone, so it is kept as unconfirmed (counted failed), and no retry sends it again."""
    about = UserFactory(username="about")
    smtp.hang_up = {"b@example.org"}
    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    smtp.hang_up = set()
    kept = SentEmail.objects.get(recipient_key="person:b")
    assert kept.attempted_at is not None and kept.sent_at is None and kept.refused_at is None
    retry = services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert retry.sent == ["person:c"] and retry.skipped == 2
    assert [m["To"] for m in smtp.messages] == ["a@example.org", "b@example.org",
                                                "c@example.org"]
    assert services.delivery_counts(kind="greeting", about=about) == \
        services.DeliveryCounts(sent=2, sending=0, waiting=0, unconfirmed=1, refused=0)
