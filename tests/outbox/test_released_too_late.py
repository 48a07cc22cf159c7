"""A notice an officer releases is sent by the next notices run only while that run still
finds it: the subscriber still follows what the change is about, and the change is within
the run's look-back (``topics.LOOK_BACK``, 8 days; ``staff_topics.LOOK_BACK``, 3 days, for
the forum and officers). Otherwise the page offers no form and says why, the release
service refuses (409, ``WillNotGo``), and "Released lately" says why a release made in time
will not go, rather than "Not sent yet" for ever."""

import datetime as dt
import re
from collections import Counter

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from charter.record import evidence_append
from notices import services as notice_services
from notices import staff_topics, topics
from notices.models import StaffNoticePreference, Subscriber
from outbox import services
from outbox.models import ReleasedEmail, SentEmail
from tests.factories import UserFactory, publish
from tests.notices.conftest import site  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
URL = "/admin/outbox/unconfirmed/"
LATER = services.CLAIM_LEASE + dt.timedelta(minutes=1)
NO_FORM = "Nothing to send again, so no form: "
UNFOLLOWED = "the person no longer follows what this change is about."
TOO_OLD = ("what it tells of is more than {days} days old, and the notices run looks back "
           "no further.")


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", response.content.decode()).split())


def _form(row) -> dict:
    return {"record": row.pk, "claim": str(row.claim), "checked": "on",
            "reason": "The mail server's log has no line for this Message-ID."}


@pytest.fixture
def lost(site, smtp):  # noqa: F811 (the fixture)
    """A subscriber following the policy whose notice of its new version was handed to the
    mail server, which hung up: the notice waits for an officer's decision."""
    subscriber = Subscriber.objects.create(email="lost@example.com", language="en-gb",
                                           frequency="immediately",
                                           confirmed_at=timezone.now())
    subscriber.subscriptions.create(topic="page", page=site.policy)
    site.policy.change_note = "A new walking distance."
    site.policy.in_short = "Children under 8 walk up to 1.5 miles."
    publish(site.policy)
    smtp.hang_up = {"lost@example.com"}
    with pytest.raises(services.SendingStopped):
        notice_services.notices_send()
    smtp.hang_up = set()
    return subscriber, SentEmail.objects.get(kind="notice", sent_at__isnull=True)


def _signed_in(user) -> Client:
    officer = Client()
    officer.force_login(user)
    return officer


def _refused(officer, row, why):
    response = officer.post(URL, _form(row))
    assert response.status_code == 409
    assert f"this message would never go: {why}" in _text(response)
    assert not ReleasedEmail.objects.exists()


def test_a_notice_of_a_change_the_subscriber_no_longer_follows_is_not_released(
        lost, site, login_as, smtp):  # noqa: F811 (the fixture)
    subscriber, row = lost
    officer = _signed_in(login_as("officer"))
    with time_machine.travel(timezone.now() + LATER):
        assert f'name="record" value="{row.pk}"' in officer.get(URL).content.decode()
        notice_services.subscription_update(subscriber=subscriber, topic_names=["results"],
                                            page_ids=[], frequency="immediately")
        page = _text(officer.get(URL))
        assert NO_FORM + UNFOLLOWED in page
        _refused(officer, row, UNFOLLOWED)
        notice_services.notices_send()
    assert len(smtp.messages) == 1  # the first, lost, only


def test_a_notice_older_than_the_look_back_is_not_released_and_a_release_says_why(
        lost, login_as, smtp, django_capture_on_commit_callbacks):
    _subscriber, row = lost
    officer = _signed_in(login_as("officer"))
    too_old = TOO_OLD.format(days=topics.LOOK_BACK.days)
    # Released in time, but no run sent it before the change passed the look-back (the
    # worker was down): "Released lately" says it will not go, and why.
    with time_machine.travel(timezone.now() + LATER):
        with django_capture_on_commit_callbacks(execute=False):
            assert officer.post(URL, _form(row)).status_code == 302
        assert "Not sent, and it will not be:" not in _text(officer.get(URL))
    with time_machine.travel(timezone.now() + topics.LOOK_BACK + dt.timedelta(hours=1)):
        officer = _signed_in(login_as("officer"))
        page = _text(officer.get(URL))
        assert f"Not sent, and it will not be: {too_old}" in page
        assert notice_services.notices_send() == 0
    assert len(smtp.messages) == 1  # the first, lost, only


def test_an_unreleased_notice_older_than_the_look_back_has_no_form(
        lost, login_as, smtp):
    _subscriber, row = lost
    officer = _signed_in(login_as("officer"))
    with time_machine.travel(timezone.now() + topics.LOOK_BACK + dt.timedelta(hours=1)):
        officer = _signed_in(login_as("officer"))
        page = _text(officer.get(URL))
        assert NO_FORM + TOO_OLD.format(days=topics.LOOK_BACK.days) in page
        _refused(officer, row, TOO_OLD.format(days=topics.LOOK_BACK.days))


def test_a_notice_within_the_look_back_is_released_and_goes(
        lost, login_as, smtp, django_capture_on_commit_callbacks):
    _subscriber, row = lost
    officer = _signed_in(login_as("officer"))
    with time_machine.travel(timezone.now() + topics.LOOK_BACK - dt.timedelta(hours=1)):
        officer = _signed_in(login_as("officer"))
        with django_capture_on_commit_callbacks(execute=True):
            assert officer.post(URL, _form(row)).status_code == 302
    assert Counter(m["To"] for m in smtp.messages) == {"lost@example.com": 2}


def test_a_staff_notice_older_than_the_staff_look_back_is_not_released(
        login_as, smtp):
    rep = UserFactory(username="rep", email="rep@example.org",
                      groups=["Forum representatives"])
    StaffNoticePreference.objects.create(user=rep, frequency="immediately")
    answered = evidence_append(kind="comment_answered", subject="review:1", payload={})
    row = SentEmail.objects.create(kind="staff:comment_answered", about=answered,
                                   recipient_key=f"user:{rep.pk}", message_id="<s@x>")
    SentEmail.objects.filter(pk=row.pk).update(attempted_at=timezone.now())
    row.refresh_from_db()
    officer = _signed_in(login_as("officer"))
    too_old = TOO_OLD.format(days=staff_topics.LOOK_BACK.days)
    with time_machine.travel(timezone.now() + LATER):
        assert f'name="record" value="{row.pk}"' in officer.get(URL).content.decode()
    with time_machine.travel(timezone.now() + staff_topics.LOOK_BACK + dt.timedelta(hours=1)):
        officer = _signed_in(login_as("officer"))
        assert NO_FORM + too_old in _text(officer.get(URL))
        _refused(officer, row, too_old)
        with pytest.raises(services.WillNotGo) as refused:
            services.unconfirmed_release(record_id=row.pk, claim=row.claim,
                                         user=login_as("officer"), checked=True,
                                         reason="The relay's log has no delivery line.")
    assert refused.value.why == too_old
    assert smtp.messages == []
