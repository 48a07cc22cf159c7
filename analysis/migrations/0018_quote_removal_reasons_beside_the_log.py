"""Reasons typed for removing personal details from a consultation quote before they were
kept beside the evidence log (bk15i, F2) move there: each such removal gets the
``text_removed`` entry it should have had, with the typed reason beside it (the public log
holds its salted hash), and the record keeps "Removed on DATE: personal details" (the day
it was removed). Removals made by removing words from the write-up keep their fixed
pointer to that removal's entry, beside which their reason already is."""

from django.db import migrations
from django.utils import timezone


def move_reasons(apps, schema_editor):
    Redaction = apps.get_model("analysis", "Redaction")
    if not Redaction.objects.exists():
        # A new database: the live code below is not even imported, so a later change to
        # it can never stop a fresh `migrate`.
        return
    # The live log writer: the chain's hashing and its lock are not copied into a migration.
    from wagtail.models import Page

    from charter.models import EvidenceEntry
    from charter.record import evidence_append, removal_notice, removed_on

    pointer = "Words removed from the write-up as personal details"
    label = "analysis.redaction"
    for redaction in (Redaction.objects.select_related("response")
                      .order_by("redacted_at", "pk").iterator()):
        reason = " ".join((redaction.reason or "").split())
        if removed_on(reason) is not None or reason.startswith(pointer):
            continue
        day = timezone.localdate(redaction.redacted_at)
        evidence_append(
            kind=EvidenceEntry.Kind.TEXT_REMOVED, subject=f"{label}:{redaction.pk}",
            page=Page.objects.filter(pk=redaction.response.consultation_id).first(),
            payload={"record": f"{label}:{redaction.pk}", "entries": [],
                     "fields": ["answer_quote"], "question": redaction.question_id,
                     "removed_on": day.isoformat(),
                     "summary": "A reason typed before reasons were kept beside the log, "
                                "moved there"},
            texts={"reason": reason or "(no reason given)"}, source=redaction,
            affects_public_pages=False)
        redaction.reason = removal_notice(when=day)
        redaction.save(update_fields=["reason"])


class Migration(migrations.Migration):

    dependencies = [
        ("analysis", "0017_write_up_revision_and_words_remembered"),
        ("charter", "0017_response_erased_kind"),
    ]

    operations = [migrations.RunPython(move_reasons, migrations.RunPython.noop)]
