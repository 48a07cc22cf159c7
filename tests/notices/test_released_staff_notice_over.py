"""A held notice to the forum or officers (handed to the mail server, never confirmed) whose
event is over is not released: the deadline it reminded of has passed, the consultation it
said opens or closes soon has opened or closed, the calendar clash it told of was put right.
The release service refuses (``WillNotGo``, 409 on the page) with a plain reason, as for a
families' notice the run would drop, and nothing goes."""

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from consultations.models import HolidayPeriod
from notices import services, staff_topics
from outbox import services as outbox
from outbox.models import ReleasedEmail, SentEmail
from tests.charter.conftest import send_to_forum
from tests.consultations.conftest import make_consultation
from tests.notices.test_staff_notices import people  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
URL = "/admin/outbox/unconfirmed/"
REASON = "The relay's log has no delivery line for it."


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", response.content.decode())).split())


def _held(kind: str) -> SentEmail:
    """The notice of ``kind`` as if the mail server never answered: attempted, unconfirmed."""
    row = SentEmail.objects.filter(kind=f"staff:{kind}").order_by("pk").first()
    SentEmail.objects.filter(pk=row.pk).update(sent_at=None, attempted_at=timezone.now(),
                                               message_id="<held@example.org>")
    row.refresh_from_db()
    return row


def _refused(row, officer, why):
    """Neither the service nor the page releases ``row``; both say ``why``."""
    with pytest.raises(outbox.WillNotGo) as refused:
        outbox.unconfirmed_release(record_id=row.pk, claim=row.claim, user=officer,
                                   checked=True, reason=REASON)
    assert refused.value.why == why
    page = Client()
    page.force_login(officer)
    response = page.post(URL, {"record": row.pk, "claim": str(row.claim), "checked": "on",
                               "reason": REASON})
    assert response.status_code == 409
    assert f"this message would never go: {why}" in _text(response)
    assert not ReleasedEmail.objects.exists()
    mail.outbox.clear()
    services.staff_notices_send()
    assert mail.outbox == []  # nothing went, the held notice least of all


def _ok_before(row, officer):
    """While the event still stands, the page offers the form for ``row``."""
    page = Client()
    page.force_login(officer)
    assert f'name="record" value="{row.pk}"' in page.get(URL).content.decode()


@pytest.mark.calendar
def test_a_held_reminder_of_a_deadline_since_passed_is_not_released(tree, people):  # noqa: F811
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=LONDON), tick=False):
        review = send_to_forum(tree.policy, people["officer"])
        services.staff_notices_send()
    day = dt.datetime.combine(review.deadline - dt.timedelta(days=14), dt.time(8),
                              tzinfo=LONDON)
    while not SentEmail.objects.filter(kind=f"staff:{staff_topics.DEADLINE_SOON}").exists():
        day += dt.timedelta(days=1)
        assert day.date() <= review.deadline
        with time_machine.travel(day, tick=False):
            services.staff_notices_send()
    with time_machine.travel(day, tick=False):
        row = _held(staff_topics.DEADLINE_SOON)
    with time_machine.travel(day + outbox.CLAIM_LEASE + dt.timedelta(minutes=1), tick=False):
        _ok_before(row, people["officer"])
    past = dt.datetime.combine(review.deadline + dt.timedelta(days=1), dt.time(8),
                               tzinfo=LONDON)
    with time_machine.travel(past, tick=False):
        _refused(row, people["officer"],
                 "the review's deadline has passed, or the review has ended.")


def test_a_held_notice_of_a_consultation_opening_since_is_not_released(
        people, consultation_index, calendar):  # noqa: F811
    start = dt.datetime(2027, 9, 11, 10, tzinfo=LONDON)
    with time_machine.travel(start, tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=2,
                                         closes_in_days=40)
        services.staff_notices_send()
        row = _held(staff_topics.OPENS_SOON)
    with time_machine.travel(start + outbox.CLAIM_LEASE + dt.timedelta(minutes=1),
                             tick=False):
        _ok_before(row, people["officer"])
    with time_machine.travel(consultation.opens + dt.timedelta(hours=1), tick=False):
        _refused(row, people["officer"],
                 "the consultation has opened since, or its dates changed.")


def test_a_held_notice_of_a_consultation_closing_since_is_not_released(
        people, consultation_index, calendar):  # noqa: F811
    with time_machine.travel(dt.datetime(2027, 9, 11, 10, tzinfo=LONDON), tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=-5,
                                         closes_in_days=1)
    with time_machine.travel(consultation.closes - dt.timedelta(days=1), tick=False):
        services.staff_notices_send()
        row = _held(staff_topics.CLOSES_SOON)
    with time_machine.travel(consultation.closes + dt.timedelta(hours=1), tick=False):
        _refused(row, people["officer"],
                 "the consultation has closed since, or its dates changed.")


def test_a_held_notice_of_a_calendar_clash_since_put_right_is_not_released(
        people, consultation_index, calendar):  # noqa: F811
    start = dt.datetime(2027, 9, 1, 10, tzinfo=LONDON)
    with time_machine.travel(start, tick=False):
        make_consultation(consultation_index, calendar, opens_in_days=12, closes_in_days=50)
        closure = HolidayPeriod.objects.create(
            calendar=calendar, name="Extra closure", kind="closure",
            first_day=dt.date(2027, 9, 20), last_day=dt.date(2027, 9, 20))
        services.staff_notices_send()
        row = _held(staff_topics.WINDOW_IN_HOLIDAY)
    later = start + outbox.CLAIM_LEASE + dt.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        _ok_before(row, people["officer"])
        closure.delete()
        _refused(row, people["officer"],
                 "the calendar problem it told of has changed or been put right.")
