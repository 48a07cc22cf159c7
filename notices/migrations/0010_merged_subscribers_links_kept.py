"""The links in e-mails sent to subscribers that ``0008`` merges into another (one address
in other capitals) keep working: before ``0008`` deletes them, each one's id is recorded
against the subscriber kept (``MergedSubscriberLink``), chosen as ``0008`` chooses it (the
oldest row of the address). Numbered after ``0009`` but run before ``0008`` (``run_before``):
once ``0008`` has run, which ids were merged into which is lost.

A database that applied ``0008`` before this migration existed (a developer's, migrated the
day ``0008`` landed) is refused by ``migrate`` (InconsistentMigrationHistory). Its merged ids
are lost anyway; create the table and mark this one applied, then migrate::

    manage.py shell -c "from django.db import connection; \
    from django.db.migrations.recorder import MigrationRecorder; \
    from notices.models import MergedSubscriberLink as M; \
    e = connection.schema_editor(); e.__enter__(); e.create_model(M); e.__exit__(None, None, None); \
    MigrationRecorder(connection).record_applied('notices', '0010_merged_subscribers_links_kept')"
"""

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
