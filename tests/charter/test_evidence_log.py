"""The evidence log: appended by services, chained by hash, refused any change."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from charter.models import EvidenceEntry
from charter.services import evidence_append, evidence_verify

pytestmark = pytest.mark.django_db


def _append(n):
    return [evidence_append(kind=EvidenceEntry.Kind.MEETING_RECORDED, subject=f"meeting:{i}",
                            payload={"meeting": i, "note": f"Meeting {i} – café"})
            for i in range(1, n + 1)]


def test_entries_chain_each_to_the_one_before():
    first, second, third = _append(3)
    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert second.previous_hash == first.entry_hash
    assert third.previous_hash == second.entry_hash
    assert evidence_verify().summary() == "3 entries, intact"


def test_the_application_cannot_change_or_delete_an_entry():
    entry = _append(1)[0]
    entry.payload_json = "{}"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        EvidenceEntry.objects.filter(pk=entry.pk).update(payload_json="{}")
    with pytest.raises(PermissionDenied):
        EvidenceEntry.objects.all().delete()


def _tamper(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL refuses the change")
def test_a_change_made_behind_the_applications_back_is_found_and_named(capsys):
    entries = _append(4)
    _tamper("UPDATE charter_evidenceentry SET payload_json = %s WHERE id = %s",
            ['{"meeting":2,"note":"rewritten"}', entries[1].pk])
    report = evidence_verify()
    assert not report.intact
    assert report.problems[0].startswith("Entry 2 (meeting_recorded")
    assert "has been changed: its contents no longer match its hash" in report.problems[0]
    with pytest.raises(CommandError, match="Entry 2 .* has been changed"):
        call_command("verify_evidence")


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL refuses the change")
def test_a_deleted_entry_breaks_the_chain_at_the_next():
    entries = _append(3)
    _tamper("DELETE FROM charter_evidenceentry WHERE id = %s", [entries[1].pk])
    report = evidence_verify()
    assert not report.intact
    assert report.problems == ["Entry 2 is missing: entry 3 follows entry 1."]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_updates_and_deletes_outright():
    entry = _append(1)[0]
    for sql in ("UPDATE charter_evidenceentry SET payload_json = '{}' WHERE id = %s",
                "DELETE FROM charter_evidenceentry WHERE id = %s"):
        # The owner meets the trigger; the application role has no such privilege at all.
        with pytest.raises(DatabaseError, match="append-only|permission denied"), \
                transaction.atomic():
            _tamper(sql, [entry.pk])
    assert evidence_verify().intact


def test_verify_evidence_command_reports_an_intact_chain(capsys):
    _append(2)
    call_command("verify_evidence")
    assert "2 entries, intact" in capsys.readouterr().out
