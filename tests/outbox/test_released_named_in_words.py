""""Released lately" names each release in words, as the list of e-mails never confirmed
above it does (review r14n, F4): a weekly digest by its week ("week of 7 December 2026"),
a notice to the forum or officers by its event ("a forum comment answered"), never by the
outbox's raw key alone ("week:2026-W49", "user:3")."""

import re
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from notices.models import StaffNoticePreference, Subscriber
from outbox import selectors
from outbox.models import ReleasedEmail

pytestmark = pytest.mark.django_db
URL = "/admin/outbox/unconfirmed/"


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _released(kind, about, key, officer):
    now = timezone.now()
    return ReleasedEmail.objects.create(
        kind=kind, content_type=ContentType.objects.get_for_model(about), object_id=about.pk,
        recipient_key=key, record_id=about.pk * 100 + len(kind), claim=uuid.uuid4(),
        attempted_at=now, released_at=now, released_by=officer, reason="Not in the log.")


def test_released_lately_names_each_release_in_words(client, officer,
                                                     django_assert_max_num_queries):
    subscriber = Subscriber.objects.create(email="w@example.org", language="en-gb",
                                           frequency="weekly", confirmed_at=timezone.now())
    preference = StaffNoticePreference.objects.create(user=officer, frequency="daily")
    _released("digest", subscriber, "week:2026-W49", officer)
    _released("staff:comment_answered", preference, f"user:{officer.pk}", officer)
    with django_assert_max_num_queries(6):
        described = {r.recipient_key: r.about for r in selectors.releases_recent()}
    assert described == {"week:2026-W49": "week of 30 November 2026",
                         f"user:{officer.pk}": "a forum comment answered"}
    client.force_login(officer)
    page = _text(client.get(URL)).split("Released lately")[1]
    assert "Weekly digest to a subscriber: week of 30 November 2026" in page
    assert "Notice to the forum or officers: a forum comment answered" in page
    assert "Weekly digest to a subscriber: week:2026-W49" not in page
