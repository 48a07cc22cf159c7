"""The "E-mails never confirmed" page names what each message was about in the officer's
language (review r14k, F7): a staff notice by its event ("a forum comment answered", never
the internal "comment answered"), a digest by its week or day ("week of 8 March 2027",
"1 March 2027", never "week:2027-W10" or "day:2027-03-01")."""

import datetime as dt
import html
import re

import pytest
import time_machine
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from notices import selectors
from notices.models import StaffNoticePreference, Subscriber
from outbox import services
from outbox.models import SentEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/outbox/unconfirmed/"
LATER = services.CLAIM_LEASE + dt.timedelta(minutes=1)


def _unanswered(kind, about, recipient_key):
    row = SentEmail.objects.create(kind=kind, about=about, recipient_key=recipient_key,
                                   message_id=f"<{kind}.{recipient_key}@travel.example>")
    SentEmail.objects.filter(pk=row.pk).update(attempted_at=timezone.now())


@pytest.fixture
def rows(db):
    rep = UserFactory(username="rep9", email="rep9@example.org",
                      groups=["Forum representatives"])
    _unanswered("staff:comment_answered", rep, f"user:{rep.pk}")
    _unanswered("staff:review_opened", rep, f"user:{rep.pk}")
    daily = StaffNoticePreference.objects.create(
        user=rep, frequency=StaffNoticePreference.Frequency.DAILY)
    _unanswered("staff_digest", daily, "day:2027-03-01")
    weekly = Subscriber.objects.create(email="w9@example.org", language="en",
                                       frequency="weekly", confirmed_at=timezone.now())
    _unanswered("digest", weekly, "week:2027-W10")


@pytest.mark.parametrize("language, answered, opened, week, day", [
    ("en", "a forum comment answered", "a draft sent for the forum's review",
     "week of 8 March 2027", "1 March 2027"),
    ("pl", "odpowiedź na komentarz forum", "projekt przesłany forum do opinii",
     "tydzień od 8 marca 2027", "1 marca 2027"),
    ("ar", "رد على تعليق من المنتدى", "مسودة أُرسلت لمراجعة المنتدى",
     "أسبوع 8 مارس 2027", "1 مارس 2027"),
])
def test_events_and_periods_read_in_the_officer_s_language(
        client, login_as, rows, language, answered, opened, week, day):
    profile = UserProfile.get_for_user(login_as("officer"))
    profile.preferred_language = language
    profile.save()
    with time_machine.travel(timezone.now() + LATER):
        page = client.get(URL).content.decode()
    # What each message was about: the headings (the "To" line keeps the outbox's own
    # recipient key, the same in every language).
    headings = " ".join(html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(
        r'<h3 class="w-h3" id="unconfirmed-\d+">(.*?)</h3>', page, re.S))
    for said in (answered, opened, week, day):
        assert said in headings
    for raw in (": comment answered", ": review opened", "week:2027-W10", "day:2027-03-01"):
        assert raw not in headings


def test_a_key_of_another_shape_is_shown_as_it_is():
    with translation.override("en"):
        assert selectors.period_name("week:not-a-week") == "week:not-a-week"
        assert selectors.period_name("day:2027-02-30") == "day:2027-02-30"
        assert selectors.period_name("week:2026-W53") == "week of 28 December 2026"
