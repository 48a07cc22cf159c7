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

from outbox import deferrals  # noqa: E402


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
    assert refused.refusal == SentEmail.Refusal.RECIPIENT
    assert "example.org" not in refused.failure  # the reason, never the address
    assert services.delivery_counts(kind="greeting", about=about) == \
        services.DeliveryCounts(sent=2, sending=0, waiting=0, unconfirmed=0, refused=1)
    # Never retried: the next run sends nothing, even if the mailbox opens again.
    smtp.no_such_user = set()
    again = services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert again.sent == [] and len(smtp.messages) == 2


def test_a_recipient_deferred_for_now_waits_alone_and_the_others_still_go(smtp):
    """A 4xx for one recipient (a full mailbox, greylisting) is about that one message: it is
    tried again later, alone, and nobody after it waits for it."""
    about = UserFactory(username="about")
    smtp.busy = {"b@example.org"}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        delivery = services.send_once(kind="greeting", about=about,
                                      outgoing=_outgoing("a", "b", "c"))
    assert delivery.sent == ["person:a", "person:c"] and delivery.deferred == ["person:b"]
    assert delivery.retry_at == start + deferrals.FIRST_WAIT
    assert [m["To"] for m in smtp.messages] == ["a@example.org", "c@example.org"]
    deferred = SentEmail.objects.get(recipient_key="person:b")
    assert deferred.deferrals == 1 and deferred.sent_at is None and deferred.refused_at is None
    assert deferred.failure == "451 4.3.0 [address]: Mailbox temporarily unavailable"
    assert services.delivery_counts(kind="greeting", about=about, now=start) == \
        services.DeliveryCounts(sent=2, sending=0, waiting=0, unconfirmed=0, deferred=1)
    # Not before its time, however often the job runs (nor once the lease has passed).
    with time_machine.travel(start + deferrals.FIRST_WAIT - dt.timedelta(seconds=1)):
        again = services.send_once(kind="greeting", about=about,
                                   outgoing=_outgoing("a", "b", "c"))
    assert again.sent == [] and again.deferred == [] and smtp.deferred == {"b@example.org": 1}
    smtp.busy = set()
    with time_machine.travel(start + deferrals.FIRST_WAIT + dt.timedelta(seconds=1)):
        later = services.send_once(kind="greeting", about=about,
                                   outgoing=_outgoing("a", "b", "c"))
        assert services.delivery_counts(kind="greeting", about=about) == \
            services.DeliveryCounts(sent=3, sending=0, waiting=0, unconfirmed=0)
    assert later.sent == ["person:b"]
    assert [m["To"] for m in smtp.messages] == ["a@example.org", "c@example.org",
                                                "b@example.org"]


def test_a_mailbox_full_at_the_end_of_data_is_deferred_then_given_up_with_a_plain_reason(smtp):
    """A mailbox over quota answers "452 4.2.2" after DATA for days: the message is tried
    with growing pauses, then given up and counted as failed, never sent again."""
    about = UserFactory(username="about")
    smtp.full = {"b@example.org"}
    moment = timezone.now()
    tries = []
    while True:
        with time_machine.travel(moment, tick=False):
            delivery = services.send_once(kind="greeting", about=about,
                                          outgoing=_outgoing("a", "b"))
        row = SentEmail.objects.get(recipient_key="person:b")
        tries.append(moment)
        if row.refused_at is not None:
            break
        assert delivery.deferred == ["person:b"] and row.retry_at > moment
        moment = row.retry_at
    assert len(tries) == deferrals.MOST_TRIES == smtp.deferred["b@example.org"]
    assert tries[-1] - tries[0] == deferrals.give_up_after()
    # Each pause is longer than the one before, up to the longest.
    pauses = [later - earlier for earlier, later in zip(tries, tries[1:], strict=False)]
    assert pauses == sorted(pauses) and pauses[0] == deferrals.FIRST_WAIT
    assert max(pauses) == deferrals.LONGEST_WAIT
    assert delivery.refused == ["person:b"]
    assert row.refusal == SentEmail.Refusal.DEFERRED and row.retry_at is None
    assert row.failure == "Deferred 8 times, then given up: 452 4.2.2 [address]: Mailbox full"
    counts = services.delivery_counts(kind="greeting", about=about)
    assert (counts.sent, counts.refused, counts.given_up, counts.deferred) == (1, 1, 1, 0)
    smtp.full = set()
    with time_machine.travel(moment + dt.timedelta(days=1)):
        assert services.send_once(kind="greeting", about=about,
                                  outgoing=_outgoing("a", "b")).sent == []
    assert [m["To"] for m in smtp.messages] == ["a@example.org"]


def test_a_session_closed_by_the_server_stops_the_run_and_the_rest_go_on_the_retry(smtp):
    """421 speaks for the whole session (the server is going away): the run pauses, its
    error names no address, and the retry sends the message and those after it."""
    about = UserFactory(username="about")
    smtp.shutting_down = {"b@example.org"}
    with pytest.raises(services.SendingStopped) as stopped:
        services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert str(stopped.value) == ("SMTPRecipientsRefused: 421 4.3.2 Service shutting down, "
                                  "closing transmission channel")
    assert stopped.value.kind == "SMTPRecipientsRefused"
    assert stopped.value.__suppress_context__  # the address-bearing original is not chained
    assert [m["To"] for m in smtp.messages] == ["a@example.org"]
    assert not SentEmail.objects.filter(recipient_key__in=["person:b", "person:c"]).exists()
    smtp.shutting_down = set()
    retry = services.send_once(kind="greeting", about=about, outgoing=_outgoing("a", "b", "c"))
    assert retry.sent == ["person:b", "person:c"] and retry.refused == []
    assert sorted(m["To"] for m in smtp.messages) == ["a@example.org", "b@example.org",
                                                       "c@example.org"]


def test_many_recipients_deferred_in_a_row_pause_the_run(smtp):
    """A server that defers everyone (its own rate limit for the portal) is not one full
    mailbox: after a few in a row the run pauses rather than defer the whole list, and the
    retry finds those deferred waiting for their time and sends the rest."""
    about = UserFactory(username="about")
    names = [f"p{n}" for n in range(deferrals.DEFERRED_IN_A_ROW + 3)]
    smtp.busy = {f"{name}@example.org" for name in names[1:]}
    start = timezone.now()
    with time_machine.travel(start, tick=False), pytest.raises(services.SendingStopped) as stopped:
        services.send_once(kind="greeting", about=about, outgoing=_outgoing(*names))
    assert "in a row deferred" in str(stopped.value)
    counts = services.delivery_counts(kind="greeting", about=about, now=start)
    assert (counts.sent, counts.deferred, counts.sending) == (1, deferrals.DEFERRED_IN_A_ROW, 0)
    smtp.busy = set()
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False):
        retry = services.send_once(kind="greeting", about=about, outgoing=_outgoing(*names))
    assert retry.sent == [f"person:{name}" for name in names[deferrals.DEFERRED_IN_A_ROW + 1:]]


def test_errors_leaving_the_outbox_name_no_address():
    smtp_error = smtplib.SMTPRecipientsRefused(
        {"jo.bloggs@example.org": (450, b"4.2.1 <jo.bloggs@example.org>: Try later")})
    assert services.error_text(smtp_error) == \
        "SMTPRecipientsRefused: 450 4.2.1 [address]: Try later"
    assert services.error_text(smtplib.SMTPSenderRefused(
        421, b"Shutting down", "portal@example.gov.uk")) == \
        "SMTPSenderRefused: 421 Shutting down"
    assert "@" not in services.error_text(ValueError("bad: x@y.org"))


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
    assert refused.refusal == SentEmail.Refusal.MESSAGE
    assert services.delivery_counts(kind="greeting", about=about) == \
        services.DeliveryCounts(sent=3, sending=0, waiting=0, unconfirmed=0, refused=1,
                                refused_message=1)
    smtp.spam = set()
    again = services.send_once(kind="greeting", about=about,
                               outgoing=_outgoing("a", "b", "c", "d"))
    assert again.sent == [] and len(smtp.messages) == 3


def test_a_session_closed_at_the_end_of_data_is_sent_again_by_the_retry(smtp):
    about = UserFactory(username="about")
    smtp.refuse_after = 1  # 421 at DATA: the server did not take it, and is going away
    with pytest.raises(services.SendingStopped, match="SMTPDataError: 421"):
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
    with pytest.raises(services.SendingStopped, match="SMTPServerDisconnected"):
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
