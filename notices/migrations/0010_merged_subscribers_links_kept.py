"""The links in e-mails sent to subscribers that ``0008`` merges into another (one address
in other capitals) keep working: before ``0008`` deletes them, each one's id is recorded
against the subscriber kept (``MergedSubscriberLink``), chosen as ``0008`` chooses it (the
oldest row of the address). Numbered after ``0009`` but run before ``0008`` (``run_before``):
once ``0008`` has run, which ids were merged into which is lost."""

from django.db import migrations, models
import django.db.models.deletion


def record_merged_links(apps, schema_editor):
    """Record, for every subscriber ``0008`` will delete (a later row whose address differs
    from an older one's only in capitals), its id against the oldest row of that address
    (the one kept). Returns how many were recorded; run again, records nothing new."""
    Subscriber = apps.get_model("notices", "Subscriber")
    MergedSubscriberLink = apps.get_model("notices", "MergedSubscriberLink")
    kept: dict[str, int] = {}
    recorded = 0
    for pk, email in Subscriber.objects.order_by("pk").values_list("pk", "email"):
        oldest = kept.setdefault(email.lower(), pk)
        if oldest != pk:
            _, made = MergedSubscriberLink.objects.get_or_create(
                old_id=pk, defaults={"subscriber_id": oldest})
            recorded += made
    return recorded


class Migration(migrations.Migration):

    dependencies = [
        ('notices', '0007_confirmation_ended_on_unsubscribing'),
    ]

    run_before = [
        ('notices', '0008_subscribers_in_other_capitals_merged'),
    ]

    operations = [
        migrations.CreateModel(
            name='MergedSubscriberLink',
            fields=[
                ('old_id', models.PositiveBigIntegerField(primary_key=True, serialize=False)),
                ('subscriber', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='merged_links', to='notices.subscriber')),
            ],
            options={
                'verbose_name': "merged subscriber's link",
            },
        ),
        migrations.RunPython(record_merged_links, migrations.RunPython.noop),
    ]
