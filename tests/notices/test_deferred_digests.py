"""A weekly or daily digest the recipient's mail server defers ("451 try later", a full
mailbox) is tried again within its week or day; one that never went is carried by the next
period's digest, which lists its events, and from then on it neither waits on Reports >
Scheduled jobs nor goes as well: nobody is told an event twice. Read from a real SMTP
server (aiosmtpd)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User

from notices import services, tasks
from notices.models import StaffNoticePreference, Subscriber, Subscription
from outbox import deferrals
from outbox.models import SentEmail
from outbox.selectors import notice_backlog
from outbox.services import Outgoing, send_once
from tests.charter.conftest import send_to_forum
from tests.factories import publish

LONDON = ZoneInfo("Europe/London")
#: What a week's digests read and write: a fixed number, and a few for each digest that goes
#: (claimed, handed to the mail server, taken, the subscriber's week moved on).
QUERIES, PER_DIGEST = 28, 6


def _monday(weeks_ahead=3):
    """07:00 London time on a Monday some weeks from now: when the weekly digest goes."""
    today = dt.datetime.now(LONDON).date() + dt.timedelta(weeks=weeks_ahead)
    monday = today - dt.timedelta(days=today.weekday())
    return dt.datetime.combine(monday, dt.time(7), tzinfo=LONDON)


def _change(site, words):
    site.policy.change_note = words
    site.policy.in_short = f"{site.policy.in_short} {words}"
    return publish(site.policy)


def _weekly(email, start):
    subscriber = Subscriber.objects.create(email=email, language="en-gb", frequency="weekly",
                                           confirmed_at=start - dt.timedelta(days=20))
    Subscription.objects.create(subscriber=subscriber, topic="everything")
    return subscriber


def _received(smtp, address):
    return [m for m in smtp.messages if m["To"] == address]


@pytest.fixture
def monday():
    return _monday()


def test_a_deferred_weekly_digest_is_carried_by_the_next_and_stops_waiting(site, smtp, monday):
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        busy = _weekly("full@example.org", monday)
        _weekly("fine@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "Under-8s now walk at most 1.5 miles.")
    smtp.busy = {"full@example.org"}
    with time_machine.travel(monday, tick=False):
        run = services.digests_run()
    assert run.sent == 1 and run.deferred == [busy.pk]
    assert run.retry_at == monday + deferrals.FIRST_WAIT
    with time_machine.travel(monday + dt.timedelta(minutes=1), tick=False):
        backlog = notice_backlog()
    assert (backlog.waiting, backlog.deferred, backlog.failed) == (1, 1, 0)

    # The mailbox stays full all week; the next week has a change of its own.
    with time_machine.travel(monday + dt.timedelta(days=3), tick=False):
        _change(site, "Escorts are named in the letter.")
    smtp.busy = set()
    smtp.messages.clear()
    next_monday = monday + dt.timedelta(days=7)
    with time_machine.travel(next_monday, tick=False):
        assert services.digests_send() == 2
        assert services.digests_send() == 0
    [carried] = _received(smtp, "full@example.org")
    body = carried.get_content()
    # Both weeks' changes, once each, in one message.
    assert body.count("Under-8s now walk at most 1.5 miles.") == 1
    assert body.count("Escorts are named in the letter.") == 1
    [fine] = _received(smtp, "fine@example.org")
    assert "Under-8s now walk" not in fine.get_content()  # told of it last week
    old = SentEmail.objects.get(kind="digest", object_id=busy.pk,
                                recipient_key=f"week:{monday:%G-W%V}")
    assert old.withdrawn_at == next_monday and old.sent_at is None and old.retry_at is None
    with time_machine.travel(next_monday + dt.timedelta(minutes=1), tick=False):
        backlog = notice_backlog()
    assert (backlog.waiting, backlog.deferred, backlog.failed) == (0, 0, 0)
    assert backlog.oldest_waiting_since is None
    # The earlier week's digest can never go as well, whatever runs it.
    delivery = send_once(kind="digest", about=busy, outgoing=[Outgoing(
        recipient_key=f"week:{monday:%G-W%V}", message=carried)])
    assert delivery.sent == [] and delivery.skipped == 1
    assert len(_received(smtp, "full@example.org")) == 1


def test_a_deferred_weekly_digest_goes_within_its_week_once_the_pause_is_over(
        site, smtp, monday):
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        busy = _weekly("later@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "A clearer letter.")
    smtp.busy = {"later@example.org"}
    with time_machine.travel(monday, tick=False):
        assert services.digests_run().deferred == [busy.pk]
    smtp.busy = set()
    with time_machine.travel(monday + deferrals.FIRST_WAIT + dt.timedelta(seconds=1),
                             tick=False):
        # The task's retry, for that subscriber alone.
        assert services.digests_send(subscriber_ids=[busy.pk]) == 1
        assert services.digests_send() == 0
    [digest] = _received(smtp, "later@example.org")
    assert "A clearer letter." in digest.get_content()
    row = SentEmail.objects.get(kind="digest", object_id=busy.pk)
    assert row.sent_at is not None and row.deferrals == 1 and row.withdrawn_at is None
    assert Subscriber.objects.get(pk=busy.pk).digest_through is not None


def test_the_digest_task_leaves_a_deferred_digest_to_the_ten_minute_job(site, smtp, monday,
                                                                        monkeypatch):
    """No retry of its own after a countdown (with no broker Celery would run it at once,
    find it not due and end): ``send_notices`` sends it once its pause is over
    (``test_deferred_digests_without_broker``)."""
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        _weekly("busy@example.org", monday)
        _weekly("other@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=1), tick=False):
        _change(site, "New pick-up times.")
    smtp.busy = {"busy@example.org"}
    asked = {}

    def retry(**options):
        asked.update(options)
        raise RuntimeError("retried")

    monkeypatch.setattr(tasks.send_weekly_digests, "retry", retry)
    with time_machine.travel(monday, tick=False):
        assert tasks.send_weekly_digests() == 1
    assert asked == {}


@pytest.fixture
def reps(db, settings, officer, forum_rep, other_rep):
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    User.objects.filter(pk__in=[officer.pk, forum_rep.pk, other_rep.pk]).update(
        date_joined=long_ago)
    services.staff_preference_set(user=forum_rep, frequency="daily", language="en-gb")
    return {"officer": officer, "rep": forum_rep}


def test_a_deferred_daily_email_is_carried_by_the_next_days(tree, reps, smtp, monday):
    rep = reps["rep"]
    preference = StaffNoticePreference.objects.get(user=rep)
    with time_machine.travel(monday - dt.timedelta(hours=1), tick=False):
        send_to_forum(tree.policy, reps["officer"])
        services.staff_notices_send()  # the other representative hears at once
    smtp.messages.clear()
    smtp.busy = {rep.email}
    with time_machine.travel(monday, tick=False):
        run = services.staff_digests_run()
    assert run.sent == 0 and run.deferred == [rep.pk]
    with time_machine.travel(monday + dt.timedelta(minutes=1), tick=False):
        assert (notice_backlog().waiting, notice_backlog().deferred) == (1, 1)
    smtp.busy = set()
    tomorrow = monday + dt.timedelta(days=1)
    with time_machine.travel(tomorrow, tick=False):
        assert services.staff_digests_send() == 1
        assert services.staff_digests_send() == 0
        assert services.staff_notices_send() == 0
    [digest] = _received(smtp, rep.email)
    assert digest.get_content().count("A draft is waiting for the forum's review") == 1
    old = SentEmail.objects.get(kind="staff_digest", object_id=preference.pk,
                                recipient_key=f"day:{monday.date().isoformat()}")
    assert old.withdrawn_at == tomorrow and old.sent_at is None
    with time_machine.travel(tomorrow + dt.timedelta(minutes=1), tick=False):
        backlog = notice_backlog()
    assert (backlog.waiting, backlog.deferred, backlog.failed) == (0, 0, 0)


def test_a_daily_email_deferred_for_days_still_lists_what_it_was_to_list(tree, reps, smtp,
                                                                        monday):
    """Its look-back runs from when the first undelivered digest was made, not from today:
    three days of "not now" and a down worker lose nothing."""
    rep = reps["rep"]
    with time_machine.travel(monday - dt.timedelta(hours=1), tick=False):
        send_to_forum(tree.policy, reps["officer"])
    smtp.busy = {rep.email}
    with time_machine.travel(monday, tick=False):
        assert services.staff_digests_run().deferred == [rep.pk]
    smtp.busy = set()
    smtp.messages.clear()
    later = monday + services.STAFF_LOOK_BACK + dt.timedelta(days=2)
    with time_machine.travel(later, tick=False):
        assert services.staff_digests_send() == 1
    [digest] = _received(smtp, rep.email)
    assert "A draft is waiting for the forum's review" in digest.get_content()


@pytest.mark.parametrize("count", [2, 6])
def test_weekly_digests_read_a_fixed_number_of_queries_however_many_subscribers(
        site, smtp, monday, count, django_assert_max_num_queries):
    """Earlier digests waiting to be carried are found for everyone in one query: a
    subscriber with none costs no query more than before."""
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        for n in range(count):
            _weekly(f"w{n}@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "Under-8s now walk at most 1.5 miles.")
    with time_machine.travel(monday, tick=False), \
            django_assert_max_num_queries(QUERIES + PER_DIGEST * count):
        assert services.digests_send() == count


# --- a deferred message whose recipient now hears another way, or not at all ------------


def _immediate(email, start):
    subscriber = Subscriber.objects.create(email=email, language="en-gb",
                                           frequency="immediately",
                                           confirmed_at=start - dt.timedelta(days=20))
    Subscription.objects.create(subscriber=subscriber, topic="everything")
    return subscriber


def _waiting(at):
    with time_machine.travel(at, tick=False):
        backlog = notice_backlog()
    return backlog.waiting, backlog.deferred


def test_a_deferred_digest_goes_at_once_when_the_subscriber_switches(site, smtp, monday):
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        subscriber = _weekly("switch@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "A clearer letter.")
    smtp.busy = {"switch@example.org"}
    with time_machine.travel(monday, tick=False):
        services.digests_run()
    smtp.busy = set()
    with time_machine.travel(monday + dt.timedelta(hours=1), tick=False):
        services.subscription_update(subscriber=subscriber, topic_names=["everything"],
                                     page_ids=[], frequency="immediately")
        assert services.notices_send() == 1
        assert services.notices_send() == 0
        assert services.digests_send() == 0
    [told] = _received(smtp, "switch@example.org")
    assert "A clearer letter." in told.get_content()
    row = SentEmail.objects.get(kind="digest", object_id=subscriber.pk)
    assert row.withdrawn_at is not None and "at once" in row.failure
    assert _waiting(monday + dt.timedelta(hours=2)) == (0, 0)


def test_a_deferred_notice_goes_in_the_digest_when_the_subscriber_switches(site, smtp,
                                                                          monday):
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        subscriber = _immediate("weekly@example.org", monday)
    smtp.busy = {"weekly@example.org"}
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "A clearer letter.")
        services.notices_send()
    assert _waiting(monday - dt.timedelta(days=2) + dt.timedelta(minutes=1)) == (1, 1)
    smtp.busy = set()
    with time_machine.travel(monday - dt.timedelta(days=1), tick=False):
        services.subscription_update(subscriber=subscriber, topic_names=["everything"],
                                     page_ids=[], frequency="weekly")
        assert services.notices_send() == 0
    with time_machine.travel(monday, tick=False):
        assert services.digests_send() == 1
        assert services.notices_send() == 0
    [told] = _received(smtp, "weekly@example.org")
    assert told.get_content().count("A clearer letter.") == 1
    assert _waiting(monday + dt.timedelta(minutes=1)) == (0, 0)


def test_an_unsubscribed_address_leaves_nothing_waiting(site, smtp, monday):
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        subscriber = _immediate("gone@example.org", monday)
    key = f"subscriber:{subscriber.pk}"
    smtp.busy = {"gone@example.org"}
    with time_machine.travel(monday, tick=False):
        _change(site, "A clearer letter.")
        services.notices_send()
        services.unsubscribe(subscriber=subscriber)
    smtp.busy = set()
    with time_machine.travel(monday + dt.timedelta(hours=1), tick=False):
        assert services.notices_send() == 0
    assert _received(smtp, "gone@example.org") == []
    assert _waiting(monday + dt.timedelta(hours=1)) == (0, 0)
    row = SentEmail.objects.get(kind="notice", recipient_key=key)
    assert row.withdrawn_at is not None and "@" not in row.failure


def test_a_representative_who_turns_notices_off_leaves_nothing_waiting(tree, reps, smtp,
                                                                       monday):
    other = User.objects.get(username="otherrep")
    services.staff_preference_set(user=other, frequency="immediately", language="en-gb")
    smtp.busy = {other.email}
    with time_machine.travel(monday, tick=False):
        send_to_forum(tree.policy, reps["officer"])
        services.staff_notices_send()
    assert _waiting(monday + dt.timedelta(minutes=1)) == (1, 1)
    with time_machine.travel(monday + dt.timedelta(minutes=2), tick=False):
        services.staff_notices_off(user=other)
    smtp.busy = set()
    with time_machine.travel(monday + dt.timedelta(hours=1), tick=False):
        assert services.staff_notices_send() == 0
        assert services.staff_digests_send() == 1  # the daily representative's, not theirs
    assert _received(smtp, other.email) == []
    assert _waiting(monday + dt.timedelta(hours=1)) == (0, 0)


def test_a_digest_given_up_is_carried_by_the_next_weeks_however_old_its_events(
        site, smtp, monday):
    """Deferred at every try and given up: the next week's digest reaches back to what the
    given-up one was to list, though that is more than the usual eight days ago."""
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        busy = _weekly("quota@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=6), tick=False):
        _change(site, "Escorts are named in the letter.")
    smtp.busy = {"quota@example.org"}
    with time_machine.travel(monday, tick=False):
        services.digests_run()
    SentEmail.objects.filter(kind="digest", object_id=busy.pk).update(
        refused_at=monday + deferrals.give_up_after(), refusal=SentEmail.Refusal.DEFERRED,
        deferrals=deferrals.MOST_TRIES, retry_at=None)
    smtp.busy = set()
    with time_machine.travel(monday + dt.timedelta(days=7), tick=False):
        assert services.digests_send() == 1
    [carried] = _received(smtp, "quota@example.org")
    assert "Escorts are named in the letter." in carried.get_content()
