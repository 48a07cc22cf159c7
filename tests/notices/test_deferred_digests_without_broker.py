"""With no broker (``make run``: tasks run in-process, beat runs the jobs on their schedule),
a weekly or daily digest that the recipient's mail server deferred ("451 try later") is sent
by the ten-minute job once its pause is over, within its week or day, once. One still due
when its period has ended waits for the next period's digest, which carries its events: it
neither goes as well nor goes before that digest's day, and then no longer waits. Read from
a real SMTP server (aiosmtpd)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User

from notices import services, tasks
from notices.models import StaffNoticePreference, Subscriber
from outbox import deferrals
from outbox.models import SentEmail
from outbox.selectors import notice_backlog
from tests.charter.conftest import send_to_forum
from tests.notices.test_deferred_digests import _change, _monday, _received, _weekly

#: Past the first pause a mail server's "not now" asks for.
PAUSE_OVER = deferrals.FIRST_WAIT + dt.timedelta(minutes=1)


@pytest.fixture
def monday():
    return _monday()


def _ten_minute_job():
    """``send_notices`` as beat runs it with no broker: in-process, on its schedule."""
    return tasks.send_notices.apply().get()


def _staff_ten_minute_job():
    return tasks.send_staff_notices.apply().get()


def _waiting(at):
    with time_machine.travel(at, tick=False):
        backlog = notice_backlog()
    return backlog.waiting, backlog.deferred, backlog.failed


def test_a_deferred_weekly_digest_goes_with_the_ten_minute_job_once_its_pause_is_over(
        site, smtp, monday):
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        busy = _weekly("greylisted@example.org", monday)
        _weekly("fine@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "Under-8s now walk at most 1.5 miles.")
    smtp.busy = {"greylisted@example.org"}
    with time_machine.travel(monday, tick=False):
        # Monday's job, in-process: one goes, one is deferred (no retry of its own).
        assert tasks.send_weekly_digests.apply().get() == 1
    assert _received(smtp, "greylisted@example.org") == []
    smtp.busy = set()
    with time_machine.travel(monday + dt.timedelta(minutes=5), tick=False):
        assert _ten_minute_job() == 0  # the pause the server asked for is not over
    with time_machine.travel(monday + PAUSE_OVER, tick=False):
        assert _ten_minute_job() == 1
        assert _ten_minute_job() == 0
    with time_machine.travel(monday + dt.timedelta(hours=3), tick=False):
        assert _ten_minute_job() == 0
    [digest] = _received(smtp, "greylisted@example.org")
    assert digest.get_content().count("Under-8s now walk at most 1.5 miles.") == 1
    assert len(_received(smtp, "fine@example.org")) == 1  # nobody else's went again
    row = SentEmail.objects.get(kind="digest", object_id=busy.pk)
    assert row.sent_at is not None and row.deferrals == 1
    assert Subscriber.objects.get(pk=busy.pk).digest_through == monday + PAUSE_OVER
    assert _waiting(monday + dt.timedelta(hours=3)) == (0, 0, 0)


def test_a_weekly_digest_still_due_after_its_week_waits_for_the_next_which_carries_it(
        site, smtp, monday):
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        busy = _weekly("quota@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "Under-8s now walk at most 1.5 miles.")
    smtp.busy = {"quota@example.org"}
    with time_machine.travel(monday, tick=False):
        tasks.send_weekly_digests.apply()
    with time_machine.travel(monday + PAUSE_OVER, tick=False):
        assert _ten_minute_job() == 0  # deferred a second time
    assert SentEmail.objects.get(kind="digest", object_id=busy.pk).deferrals == 2
    with time_machine.travel(monday + dt.timedelta(days=3), tick=False):
        _change(site, "Escorts are named in the letter.")
    smtp.busy = set()
    # Monday, half past midnight: a new week, and its digest goes at seven. Last week's is
    # due, but neither goes nor goes before that.
    next_monday = monday + dt.timedelta(days=7)
    with time_machine.travel(next_monday - dt.timedelta(hours=6, minutes=30), tick=False):
        assert _ten_minute_job() == 0
    assert _received(smtp, "quota@example.org") == []
    assert _waiting(next_monday - dt.timedelta(hours=6)) == (1, 1, 0)
    with time_machine.travel(next_monday, tick=False):
        assert tasks.send_weekly_digests.apply().get() == 1
    with time_machine.travel(next_monday + PAUSE_OVER, tick=False):
        assert _ten_minute_job() == 0
    [carried] = _received(smtp, "quota@example.org")
    body = carried.get_content()
    assert body.count("Under-8s now walk at most 1.5 miles.") == 1
    assert body.count("Escorts are named in the letter.") == 1
    old = SentEmail.objects.get(kind="digest", object_id=busy.pk,
                                recipient_key=f"week:{monday:%G-W%V}")
    assert old.withdrawn_at == next_monday and old.sent_at is None
    assert _waiting(next_monday + PAUSE_OVER) == (0, 0, 0)


def test_a_deferred_weekly_digest_with_nothing_left_to_tell_neither_goes_nor_waits(
        site, smtp, monday):
    """Between the deferral and the next try the subscriber followed other things only:
    what it was to say concerns them no more."""
    with time_machine.travel(monday - dt.timedelta(days=10), tick=False):
        busy = _weekly("changed@example.org", monday)
    with time_machine.travel(monday - dt.timedelta(days=2), tick=False):
        _change(site, "A clearer letter.")
    smtp.busy = {"changed@example.org"}
    with time_machine.travel(monday, tick=False):
        tasks.send_weekly_digests.apply()
    smtp.busy = set()
    with time_machine.travel(monday + dt.timedelta(minutes=3), tick=False):
        services.subscription_update(subscriber=busy, topic_names=["results"], page_ids=[],
                                     frequency="weekly")
    with time_machine.travel(monday + PAUSE_OVER, tick=False):
        assert _ten_minute_job() == 0
    assert _received(smtp, "changed@example.org") == []
    row = SentEmail.objects.get(kind="digest", object_id=busy.pk)
    assert row.withdrawn_at == monday + PAUSE_OVER and "Nothing left" in row.failure
    assert _waiting(monday + PAUSE_OVER) == (0, 0, 0)


@pytest.fixture
def reps(db, settings, officer, forum_rep, other_rep):
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    User.objects.filter(pk__in=[officer.pk, forum_rep.pk, other_rep.pk]).update(
        date_joined=long_ago)
    services.staff_preference_set(user=forum_rep, frequency="daily", language="en-gb")
    return {"officer": officer, "rep": forum_rep}


def test_a_deferred_daily_email_goes_with_the_ten_minute_job_the_same_day(
        tree, reps, smtp, monday):
    rep = reps["rep"]
    with time_machine.travel(monday - dt.timedelta(hours=1), tick=False):
        send_to_forum(tree.policy, reps["officer"])
        services.staff_notices_send()  # the other representative hears at once
    smtp.messages.clear()
    smtp.busy = {rep.email}
    with time_machine.travel(monday, tick=False):
        assert tasks.send_staff_digests.apply().get() == 0
    smtp.busy = set()
    with time_machine.travel(monday + dt.timedelta(minutes=5), tick=False):
        assert _staff_ten_minute_job() == 0
    with time_machine.travel(monday + PAUSE_OVER, tick=False):
        assert _staff_ten_minute_job() == 1
        assert _staff_ten_minute_job() == 0
    [digest] = _received(smtp, rep.email)
    assert digest.get_content().count("A draft is waiting for the forum's review") == 1
    assert [m["To"] for m in smtp.messages] == [rep.email]
    assert _waiting(monday + PAUSE_OVER) == (0, 0, 0)


def test_a_daily_email_still_due_the_next_morning_waits_for_that_days_which_carries_it(
        tree, reps, smtp, monday):
    rep = reps["rep"]
    preference = StaffNoticePreference.objects.get(user=rep)
    with time_machine.travel(monday - dt.timedelta(hours=1), tick=False):
        send_to_forum(tree.policy, reps["officer"])
        services.staff_notices_send()  # the other representative hears at once
    smtp.busy = {rep.email}
    with time_machine.travel(monday, tick=False):
        tasks.send_staff_digests.apply()
    smtp.busy = set()
    smtp.messages.clear()
    tomorrow = monday + dt.timedelta(days=1)
    with time_machine.travel(tomorrow - dt.timedelta(hours=1), tick=False):
        assert _staff_ten_minute_job() == 0  # yesterday's: not now, not before today's
    assert _received(smtp, rep.email) == []
    with time_machine.travel(tomorrow, tick=False):
        assert tasks.send_staff_digests.apply().get() == 1
    with time_machine.travel(tomorrow + PAUSE_OVER, tick=False):
        assert _staff_ten_minute_job() == 0
    [digest] = _received(smtp, rep.email)
    assert digest.get_content().count("A draft is waiting for the forum's review") == 1
    old = SentEmail.objects.get(kind="staff_digest", object_id=preference.pk,
                                recipient_key=f"day:{monday.date().isoformat()}")
    assert old.withdrawn_at == tomorrow and old.sent_at is None
    assert _waiting(tomorrow + PAUSE_OVER) == (0, 0, 0)


def test_the_ten_minute_jobs_read_one_query_each_for_digests_when_none_is_due(
        db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert services.digests_resend() == 0
    with django_assert_num_queries(1):
        assert services.staff_digests_resend() == 0
