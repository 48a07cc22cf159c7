"""The links in e-mails sent to a subscriber since merged into another (one address in other
capitals, migration ``notices/0008``) keep working for the subscriber kept: the manage page
opens on the address's subscriptions, says what happened and gives the address's own link;
a one-click unsubscribe stops the e-mails to the address. The merged ids are recorded
(``notices/0010``, run before ``0008`` deletes them)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from notices.models import MergedSubscriberLink, Subscriber
from notices.tokens import subscriber_token

pytestmark = pytest.mark.django_db
MERGING = importlib.import_module(
    "notices.migrations.0008_subscribers_in_other_capitals_merged")
RECORDING = importlib.import_module("notices.migrations.0010_merged_subscribers_links_kept")
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _subscriber(email, *, at=None, topic="results", **fields):
    subscriber = Subscriber.objects.create(email=email, language="en-gb",
                                           confirmed_at=at or timezone.now(), **fields)
    subscriber.subscriptions.create(topic=topic)
    return subscriber


@pytest.fixture
def merged(site):
    """A kept subscriber and the id of one merged into it (deleted, as after ``0008``)."""
    kept = _subscriber("ann@example.org", topic="consultations")
    old_id = kept.pk + 1000
    MergedSubscriberLink.objects.create(old_id=old_id, subscriber=kept)
    return kept, old_id


def test_the_merged_ids_are_recorded_before_0008_deletes_them():
    plan = [key for key in MigrationLoader(None, ignore_no_migrations=True).graph.forwards_plan(
        ("notices", "0009_one_subscriber_an_address_whatever_its_capitals"))
        if key[0] == "notices"]
    assert (plan.index(("notices", "0010_merged_subscribers_links_kept"))
            < plan.index(("notices", "0008_subscribers_in_other_capitals_merged")))


def test_an_old_manage_link_opens_the_kept_subscriptions_and_gives_the_new_link(
        client, merged):
    kept, old_id = merged
    response = client.get(f"/notices/manage/{subscriber_token(old_id)}/")
    assert response.status_code == 200
    text = _text(response)
    assert "ann@example.org" in text
    assert "We joined them into one" in text
    assert f"/notices/manage/{subscriber_token(kept.pk)}/" in response.content.decode()
    # The kept subscriber's own link says nothing of a merge.
    own = client.get(f"/notices/manage/{subscriber_token(kept.pk)}/")
    assert own.status_code == 200 and "We joined them into one" not in _text(own)


def test_a_save_by_an_old_manage_link_saves_for_the_kept_subscriber(client, merged):
    kept, old_id = merged
    response = client.post(f"/notices/manage/{subscriber_token(old_id)}/", {
        "topics": ["results"], "frequency": "weekly", "language": "pl"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/notices/manage/{subscriber_token(kept.pk)}/")
    kept.refresh_from_db()
    assert (kept.frequency, kept.language) == ("weekly", "pl")
    assert list(kept.subscriptions.values_list("topic", flat=True)) == ["results"]


def test_a_one_click_unsubscribe_by_an_old_link_stops_the_emails_to_the_address(
        client, merged):
    _, old_id = merged
    response = client.post(f"/notices/unsubscribe/{subscriber_token(old_id)}/", ONE_CLICK)
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not MergedSubscriberLink.objects.exists()
    again = client.get(f"/notices/manage/{subscriber_token(old_id)}/")
    assert again.status_code == 404  # unsubscribed: the old link reaches nothing now


def test_an_id_never_merged_reaches_nobody(client, merged):
    kept, old_id = merged
    response = client.post(f"/notices/unsubscribe/{subscriber_token(old_id + 1)}/", ONE_CLICK)
    assert response.status_code == 200
    assert Subscriber.objects.filter(pk=kept.pk).exists()


@pytest.mark.insider  # dropping the index needs the tables' owner, not the application role
def test_the_migrations_keep_the_merged_subscribers_links_working(client, site):
    with connection.cursor() as cursor:  # the table as before 0009 (the test puts it back)
        cursor.execute("DROP INDEX notices_one_subscriber_an_address")
    now = timezone.now()
    first = _subscriber("bo@example.org", at=now - dt.timedelta(days=9))
    second = _subscriber("BO@example.org", at=now - dt.timedelta(days=1), topic="consultations")
    third = _subscriber("Bo@example.org", at=now - dt.timedelta(days=5), topic="everything")
    other = _subscriber("someone@example.org")
    assert RECORDING.record_merged_links(apps, None) == 2
    assert RECORDING.record_merged_links(apps, None) == 0  # run again: nothing new
    assert MERGING.merge_same_address(apps, None) == 2
    for old in (second, third):
        response = client.get(f"/notices/manage/{subscriber_token(old.pk)}/")
        assert response.status_code == 200 and "BO@example.org" in _text(response)
    client.post(f"/notices/unsubscribe/{subscriber_token(third.pk)}/", ONE_CLICK)
    assert list(Subscriber.objects.values_list("pk", flat=True)) == [other.pk]
    assert first.pk != other.pk


def test_a_link_signed_before_a_key_rotation_says_nothing_of_a_merge(client, site, settings):
    """After a rotation, a subscriber's own link is signed with the fallback key: other
    letters, the same subscriber (review r14o, F1)."""
    subscriber = _subscriber("bo@example.org")
    old_link = f"/notices/manage/{subscriber_token(subscriber.pk)}/"
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-after-the-rotation-" + "x" * 30
    assert subscriber_token(subscriber.pk) not in old_link
    response = client.get(old_link)
    assert response.status_code == 200
    assert "bo@example.org" in _text(response)
    assert "We joined them into one" not in _text(response)
