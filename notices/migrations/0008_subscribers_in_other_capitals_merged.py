"""Subscribers made for one address in different capitals (two links confirmed at the same
moment) are merged into one (``merge_same_address``), before 0009 makes the database hold
one subscriber an address whatever its capitals. A migration of its own, so the rows are
deleted and committed before the constraint's index is built (PostgreSQL refuses to alter
a table with the deletions' deferred foreign-key checks still pending)."""

from django.db import migrations


def merge_same_address(apps, schema_editor):
    """Merge the subscribers whose addresses differ only in capitals into one: the oldest
    row (the one confirming already added to, ``subscription_confirm``, so its manage and
    unsubscribe links keep working) keeps every subscription of them all, and takes the
    address as written, the language, how often and the digest mark of the one confirmed
    last (a subscriber is written to as last confirmed). The others are deleted, with their
    subscriptions. Returns how many were deleted."""
    Subscriber = apps.get_model("notices", "Subscriber")
    Subscription = apps.get_model("notices", "Subscription")
    groups: dict[str, list] = {}
    for subscriber in Subscriber.objects.order_by("pk"):
        groups.setdefault(subscriber.email.lower(), []).append(subscriber)
    deleted = 0
    for same in groups.values():
        if len(same) < 2:
            continue
        kept, others = same[0], same[1:]
        last = max(same, key=lambda s: (s.confirmed_at, s.pk))
        have = set(Subscription.objects.filter(subscriber=kept)
                   .values_list("topic", "page_id"))
        for subscription in Subscription.objects.filter(subscriber__in=others):
            if (subscription.topic, subscription.page_id) not in have:
                have.add((subscription.topic, subscription.page_id))
                Subscription.objects.create(subscriber=kept, topic=subscription.topic,
                                            page_id=subscription.page_id)
        Subscriber.objects.filter(pk__in=[s.pk for s in others]).delete()
        deleted += len(others)
        kept.email, kept.language, kept.frequency = last.email, last.language, last.frequency
        kept.digest_through = last.digest_through
        kept.confirmed_at = last.confirmed_at
        kept.save()
    return deleted


class Migration(migrations.Migration):

    dependencies = [
        ('notices', '0007_confirmation_ended_on_unsubscribing'),
    ]

    operations = [
        migrations.RunPython(merge_same_address, migrations.RunPython.noop),
    ]
