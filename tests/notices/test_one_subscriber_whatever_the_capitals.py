"""One subscriber an address whatever its capitals: the database refuses a second one
(``notices_one_subscriber_an_address``, migration ``notices/0009``), a press that meets it
adds to the subscriber the other press made, and subscribers made before the constraint
for one address in other capitals are merged into one keeping every choice (``0008``)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from notices import services
from notices.models import Subscriber, Subscription

pytestmark = pytest.mark.django_db
MERGING = importlib.import_module(
    "notices.migrations.0008_subscribers_in_other_capitals_merged")


def _subscriber(email, *, frequency="immediately", language="en-gb", at=None, topic=None):
    subscriber = Subscriber.objects.create(email=email, language=language, frequency=frequency,
                                           confirmed_at=at or timezone.now())
    if topic:
        subscriber.subscriptions.create(topic=topic)
    return subscriber


def test_the_database_refuses_a_second_subscriber_for_one_address_in_other_capitals():
    _subscriber("ann@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        _subscriber("Ann@EXAMPLE.org")
    assert Subscriber.objects.count() == 1


class _MissesOnce:
    """``Subscriber.objects`` as a press sees it when another press commits the address's
    subscriber between this one's lookup and its insert: the first lookup finds nothing."""

    def __init__(self):
        self.missed = False

    def select_for_update(self):
        if not self.missed:
            self.missed = True
            return Subscriber._default_manager.none()
        return Subscriber._default_manager.select_for_update()

    def __getattr__(self, name):
        return getattr(Subscriber._default_manager, name)


def test_a_press_that_meets_the_other_capitals_subscriber_adds_to_it(site, monkeypatch):
    made = _subscriber("ann@example.org", topic="consultations")
    request = services.subscription_request(email="Ann@Example.org", topic_names=["results"],
                                            page=None, frequency="weekly", language="pl")
    monkeypatch.setattr(Subscriber, "objects", _MissesOnce())
    subscriber = services.subscription_confirm(request=request, token_hash="a" * 64)
    monkeypatch.undo()
    assert subscriber.pk == made.pk
    [kept] = Subscriber.objects.all()
    assert kept.email == "Ann@example.org"  # written to as last confirmed
    assert kept.frequency == "weekly" and kept.language == "en-gb"  # keeps its language
    assert sorted(kept.subscriptions.values_list("topic", flat=True)) == [
        "consultations", "results"]


def _without_the_constraint():
    """The table as it was before migration 0009 (the test's transaction puts it back)."""
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX notices_one_subscriber_an_address")


@pytest.mark.insider  # dropping the index needs the tables' owner, not the application role
def test_subscribers_made_before_for_one_address_in_other_capitals_are_merged(site):
    _without_the_constraint()
    now = timezone.now()
    first = _subscriber("bo@example.org", at=now - dt.timedelta(days=9), topic="results")
    first.subscriptions.create(topic="page", page=site.policy)
    _subscriber("BO@example.org", frequency="weekly", language="ar",
                at=now - dt.timedelta(days=1), topic="results").subscriptions.create(
                    topic="consultations")
    _subscriber("Bo@example.org", at=now - dt.timedelta(days=5), topic="everything")
    other = _subscriber("someone@example.org", topic="results")
    assert MERGING.merge_same_address(apps, None) == 2
    assert sorted(Subscriber.objects.values_list("pk", flat=True)) == [first.pk, other.pk]
    kept = Subscriber.objects.get(pk=first.pk)  # the oldest: its links keep working
    # Written to as last confirmed: that one's address, language and frequency.
    assert (kept.email, kept.language, kept.frequency) == ("BO@example.org", "ar", "weekly")
    assert sorted(kept.subscriptions.values_list("topic", flat=True)) == [
        "consultations", "everything", "page", "results"]
    assert Subscription.objects.filter(subscriber=other).count() == 1
    assert MERGING.merge_same_address(apps, None) == 0  # run again: nothing more
