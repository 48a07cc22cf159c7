"""A record the board can check without trusting the server.

Each attack an insider with database access could try (cutting the tail, rewriting a
stretch and recomputing its hashes, forging a checkpoint, switching the append-only
guard off) must be named by ``manage.py verify_evidence`` and by the standalone
verifier run on a downloaded copy. Removing a personal text must leave the chain valid.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from charter import chain, record, services, signing
from charter.models import CommentAnswer, EvidenceCheckpoint, EvidenceEntry, EvidenceText
from charter.tasks import make_daily_checkpoint
from tools import verify_record

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
POSTGRES = connection.vendor == "postgresql"


def _append(n, start=1):
    return [services.evidence_append(kind=EvidenceEntry.Kind.MEETING_RECORDED,
                                     subject=f"meeting:{i}", payload={"meeting": i})
            for i in range(start, start + n)]


def _as_insider(sql, params=()):
    """What someone with the database's owner role can do: on PostgreSQL, switch the
    append-only trigger off, change rows, and switch it back on."""
    with connection.cursor() as cursor:
        if POSTGRES:
            # Foreign-key checks would otherwise wait for the commit and block the ALTER.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE charter_evidenceentry DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if POSTGRES:
            cursor.execute("ALTER TABLE charter_evidenceentry ENABLE TRIGGER USER")


def _verify_evidence(*args) -> str:
    """Run verify_evidence; return what it printed (the error's text when it failed)."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("verify_evidence", *args, stdout=out)
    except CommandError as error:
        return "FAILED\n" + out.getvalue() + str(error)
    return "OK\n" + out.getvalue()


def _standalone(tmp_path, *args, include_texts=True) -> tuple[int, str]:
    """Download the log as the board does, then run the standalone verifier on it."""
    path = tmp_path / "evidence-log.jsonl"
    path.write_text("".join(record.record_lines(include_texts=include_texts)), encoding="utf-8")
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tools" / "verify_record.py"), str(path), *args],
        capture_output=True, text=True, cwd=tmp_path, check=False)
    return done.returncode, done.stdout + done.stderr


def _checkpoint(reason=EvidenceCheckpoint.Reason.DAILY):
    return record.checkpoint_make(reason=reason)


# --- checkpoints ----------------------------------------------------------------------


def test_a_checkpoint_signs_the_count_and_head_and_is_kept_in_both_places(settings):
    entries = _append(3)
    checkpoint = _checkpoint()
    assert (checkpoint.count, checkpoint.head_hash) == (3, entries[-1].entry_hash)
    files = list(Path(settings.EVIDENCE_CHECKPOINT_DIR).glob("checkpoint-000000003-*.json"))
    assert len(files) == 1
    kept = verify_record.Checkpoint.from_json(json.loads(files[0].read_text()))
    assert kept.signed_by(record.public_key())
    assert kept.note().startswith("SEND travel portal evidence log checkpoint\n"
                                  "origin: portal.test\nentries: 3\n")
    with pytest.raises(PermissionDenied):
        EvidenceCheckpoint.objects.filter(pk=checkpoint.pk).update(count=2)


def test_checkpoints_are_made_on_publish_decision_and_board_pack(
        tree, review, forum_rep, django_capture_on_commit_callbacks, client, login_as):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(review=review, user=forum_rep, decision="agreed")
    reasons = list(EvidenceCheckpoint.objects.values_list("reason", flat=True))
    assert "decision" in reasons and "publish" in reasons
    services.evidence_append(kind=EvidenceEntry.Kind.MEETING_RECORDED, subject="meeting:1",
                             payload={})
    login_as("board_member")
    html = client.get(reverse("board_pack", args=[tree.policy.pk])).content.decode()
    latest = EvidenceCheckpoint.objects.latest()
    assert latest.reason == "board_pack" and latest.count == EvidenceEntry.objects.count()
    assert latest.head_hash[:12] in html and " ".join(
        latest.head_hash[i:i + 8] for i in range(0, 64, 8)) in html
    assert signing.key_fingerprint(latest.public_key) in html
    # A second pack with nothing new reuses the checkpoint rather than making another.
    client.get(reverse("board_pack", args=[tree.policy.pk]))
    assert EvidenceCheckpoint.objects.filter(reason="board_pack").count() == 1


def test_the_board_page_and_the_public_page_show_the_latest_checkpoint(client, login_as):
    _append(2)
    checkpoint = _checkpoint()
    about = client.get(reverse("record_about")).content.decode()
    assert checkpoint.head_hash[:12] in about and "2:" + checkpoint.head_hash[:12] in about
    assert signing.key_fingerprint(checkpoint.public_key) in about
    login_as("board_member")
    board = client.get(reverse("board_home")).content.decode()
    assert checkpoint.head_hash[:12] in board
    assert "2 entries, intact" in board


def test_make_checkpoint_command_prints_what_the_minutes_need(capsys):
    _append(2)
    call_command("make_checkpoint")
    out = capsys.readouterr().out
    head = EvidenceEntry.objects.get(sequence=2).entry_hash
    assert f"Checkpoint: 2 entries, head {head}" in out
    hashes = list(EvidenceEntry.objects.order_by("sequence").values_list("entry_hash",
                                                                          flat=True))
    assert f"tree root {verify_record.merkle_root(hashes)}, " in out


@pytest.mark.insider
def test_the_daily_task_signs_the_log_and_refuses_a_log_cut_short(caplog):
    _append(2)
    assert make_daily_checkpoint.delay().get() == 2
    assert EvidenceCheckpoint.objects.get().reason == EvidenceCheckpoint.Reason.DAILY
    _as_insider("DELETE FROM charter_evidenceentry WHERE sequence = 2")
    assert make_daily_checkpoint.delay().get() is None
    assert EvidenceCheckpoint.objects.count() == 1
    assert "no longer matches its last checkpoint" in caplog.text


@pytest.mark.insider
def test_no_checkpoint_is_signed_over_a_log_that_no_longer_matches_the_last_one():
    _append(3)
    _checkpoint()
    _as_insider("DELETE FROM charter_evidenceentry WHERE sequence = 3")
    with pytest.raises(record.EvidenceTampered):
        _checkpoint()
    assert EvidenceCheckpoint.objects.count() == 1


def test_production_refuses_to_start_without_a_signing_key(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "ALLOWED_HOSTS": "example.org",
           "PORTAL_BASE_URL": "https://example.org",
           "SECRET_KEY": "k7Qz-2vLw9XpR4mTn8sYb3GhJc6FdA1eU5iOo0KlZxVqWyE_rB",
           "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1", "REDIS_URL": "redis://127.0.0.1:6379/0",
           "PORTAL_VAR_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import portal.settings.production"], env=env, cwd=ROOT,
        capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "EVIDENCE_SIGNING_KEY" in done.stderr
    (tmp_path / "evidence-signing-key.pem").write_text(signing.new_private_key_pem())
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import portal.settings.production"], env=env, cwd=ROOT,
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# --- what an insider might try, named by both checks ------------------------------------


def test_an_untouched_log_passes_both_checks(tmp_path):
    _append(5)
    _checkpoint()
    assert _verify_evidence().startswith("OK")
    code, out = _standalone(tmp_path)
    assert code == 0, out
    assert "Result: nothing wrong found. The log has 5 entries" in out
    assert "1 signed checkpoint with a good signature" in out


@pytest.mark.insider
def test_entries_cut_from_the_end_are_named_by_both_checks(tmp_path):
    _append(12)
    checkpoint = _checkpoint()
    _as_insider("DELETE FROM charter_evidenceentry WHERE sequence > 8")
    day = f"{checkpoint.made_at.day} {checkpoint.made_at:%B %Y}"
    expected = f"the log had 12 entries at the checkpoint of {day}"
    out = _verify_evidence()
    assert out.startswith("FAILED") and expected in out and "it now has 8" in out
    code, out = _standalone(tmp_path)
    assert code == 1 and expected in out and "it now has 8." in out


@pytest.mark.insider
def test_a_rewritten_stretch_with_recomputed_hashes_is_named_by_both_checks(tmp_path):
    _append(4)
    _checkpoint()
    _append(6, start=5)
    _checkpoint()
    # Rewrite entry 6 and recompute every hash after it with the project's own function.
    previous = EvidenceEntry.objects.get(sequence=5).entry_hash
    for entry in EvidenceEntry.objects.filter(sequence__gte=6).order_by("sequence"):
        payload = '{"meeting":666}' if entry.sequence == 6 else entry.payload_json
        digest = chain.compute_hash(sequence=entry.sequence, kind=entry.kind,
                                    subject=entry.subject, recorded_at=entry.recorded_at_text,
                                    payload_json=payload, previous_hash=previous,
                                    version=entry.hash_version)
        _as_insider("UPDATE charter_evidenceentry SET payload_json = %s, previous_hash = %s, "
                    "entry_hash = %s WHERE id = %s", [payload, previous, digest, entry.pk])
        previous = digest
    assert services.evidence_verify().problems  # the chain alone would have passed
    out = _verify_evidence()
    assert "A stretch of the log has been rewritten: entries 5 to 10 no longer match" in out
    assert "the hashes were recomputed after a change" in out
    code, out = _standalone(tmp_path)
    assert code == 1
    assert "A stretch of the log has been rewritten: entries 5 to 10 no longer match" in out


@pytest.mark.insider
def test_a_forged_checkpoint_is_named_by_both_checks(tmp_path, settings):
    _append(3)
    _checkpoint()
    # An insider signs a checkpoint of their own (over a log they mean to rewrite) with a
    # key they hold, and slips it into the database and the checkpoint folder.
    forger = Ed25519PrivateKey.generate()
    made_at = "2026-12-03T10:00:00+00:00"
    note = verify_record.checkpoint_note(origin="portal.test", count=3, head_hash="ab" * 32,
                                         made_at=made_at)
    signature = base64.b64encode(forger.sign(note.encode())).decode()
    _as_insider("INSERT INTO charter_evidencecheckpoint (count, head_hash, made_at, "
                "made_at_text, origin, public_key, signature, reason) VALUES "
                "(3, %s, %s, %s, 'portal.test', %s, %s, 'daily')",
                ["ab" * 32, made_at, made_at, signing.public_key_b64(forger), signature])
    expected = ("The checkpoint of 3 December 2026, 10:00 UTC (kept in the database), for 3 "
                "entries ending in abababababab, has a bad signature")
    out = _verify_evidence()
    assert out.startswith("FAILED") and expected in out
    code, out = _standalone(tmp_path, "--public-key", record.public_key())
    assert code == 1 and expected in out


@pytest.mark.insider
@pytest.mark.skipif(not POSTGRES, reason="the append-only trigger is PostgreSQL's")
def test_a_switched_off_trigger_and_the_change_made_meanwhile_are_named(tmp_path):
    _append(4)
    _checkpoint()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE charter_evidenceentry DISABLE TRIGGER "
                       "charter_evidence_append_only")
        cursor.execute("UPDATE charter_evidenceentry SET payload_json = '{\"meeting\":9}' "
                       "WHERE sequence = 2")
    out = _verify_evidence()
    assert "The database's append-only guard charter_evidence_append_only is switched off" \
        in out
    assert "Entry 2 (meeting_recorded" in out and "has been changed" in out
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE charter_evidenceentry ENABLE TRIGGER "
                       "charter_evidence_append_only")
    out = _verify_evidence()
    assert "switched off" not in out and "has been changed" in out
    code, out = _standalone(tmp_path)
    assert code == 1 and "has been changed: its contents no longer match its hash" in out


@pytest.mark.insider
def test_a_change_made_with_the_guard_bypassed_is_named_by_both_checks(tmp_path):
    _append(4)
    _checkpoint()
    _as_insider("UPDATE charter_evidenceentry SET payload_json = %s WHERE sequence = 2",
                ['{"meeting":9}'])
    assert "Entry 2 (meeting_recorded" in _verify_evidence()
    code, out = _standalone(tmp_path)
    assert code == 1 and "has been changed: its contents no longer match its hash" in out


@pytest.mark.skipif(not POSTGRES, reason="the append-only trigger is PostgreSQL's")
def test_the_checkpoint_table_refuses_changes_on_postgresql():
    _append(1)
    checkpoint = _checkpoint()
    # The owner meets the trigger; the application role (PORTAL_TEST_APP_ROLE) has no
    # UPDATE on the table at all.
    with pytest.raises(DatabaseError, match="append-only|permission denied"), \
            transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE charter_evidencecheckpoint SET count = 9 WHERE id = %s",
                       [checkpoint.pk])


ROLES_SQL = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_owner') THEN
        CREATE ROLE portal_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_app') THEN
        CREATE ROLE portal_app LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOINHERIT;
    END IF;
END
$$;
"""


@pytest.mark.skipif(not POSTGRES, reason="database roles are PostgreSQL's")
def test_the_application_role_may_add_to_the_log_and_change_nothing():
    """scripts/postgres-grants.sql, applied as on a server, leaves portal_app able to append
    and check, and refuses it every change and every way round the trigger."""
    _append(2)
    with connection.cursor() as cursor:
        cursor.execute(ROLES_SQL)
        cursor.execute((ROOT / "scripts" / "postgres-grants.sql").read_text())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL ROLE portal_app")
        services.evidence_append(kind=EvidenceEntry.Kind.MEETING_RECORDED, subject="meeting:3",
                                 payload={"meeting": 3})
        _checkpoint()
        assert services.evidence_verify().intact
        cursor.execute("RESET ROLE")
    refused = [
        "UPDATE charter_evidenceentry SET payload_json = '{}' WHERE sequence = 1",
        "DELETE FROM charter_evidenceentry WHERE sequence = 3",
        "TRUNCATE charter_evidenceentry",
        "ALTER TABLE charter_evidenceentry DISABLE TRIGGER charter_evidence_append_only",
        "ALTER TABLE charter_evidenceentry DISABLE TRIGGER ALL",
        "DROP TRIGGER charter_evidence_append_only ON charter_evidenceentry",
        "ALTER TABLE charter_evidenceentry OWNER TO portal_app",
        "UPDATE charter_evidencecheckpoint SET count = 1",
        "ALTER TABLE charter_evidencecheckpoint DISABLE TRIGGER ALL",
        "SET session_replication_role = replica",
    ]
    for sql in refused:
        with pytest.raises(DatabaseError, match="permission denied|must be owner"), \
                transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE portal_app")
            cursor.execute(sql)
    assert EvidenceEntry.objects.count() == 3 and services.evidence_verify().intact


# --- the board's own checkpoint, receipts --------------------------------------------------


@pytest.mark.insider
def test_a_checkpoint_copied_from_the_minutes_is_checked(tmp_path):
    _append(6)
    head = EvidenceEntry.objects.get(sequence=6).entry_hash
    assert _verify_evidence("--checkpoint", f"6:{head[:12]}").startswith("OK")
    code, out = _standalone(tmp_path, "--checkpoint", f"6:{head[:12]}")
    assert code == 0 and f"the checkpoint you gave ({head[:12]}) is entry 6" in out
    _as_insider("DELETE FROM charter_evidenceentry WHERE sequence > 4")
    out = _verify_evidence("--checkpoint", head[:12])
    assert f"The checkpoint you gave ({head[:12]}) is not in the log" in out
    code, out = _standalone(tmp_path, "--checkpoint", " ".join([head[:8], head[8:16]]))
    assert code == 1 and "is not in the log" in out


def test_a_comments_author_gets_a_receipt_the_verifier_confirms(
        tmp_path, review, forum_rep, client):
    comment = services.comment_submit(review=review, author=forum_rep, body="<p>Too late.</p>")
    _checkpoint()
    client.force_login(forum_rep)
    html = client.get(reverse("my_receipts")).content.decode()
    entry = EvidenceEntry.objects.get(kind="comment_made")
    assert entry.entry_hash[:12] in html and f">{entry.sequence}<" in html
    downloaded = client.get(reverse("record_receipt_json", args=[entry.sequence]))
    receipt_file = tmp_path / "receipt.json"
    receipt_file.write_bytes(downloaded.content)
    code, out = _standalone(tmp_path, "--receipt", str(receipt_file), include_texts=False)
    assert code == 0, out
    assert f"the receipt for entry {entry.sequence} is in the log, covered by the checkpoint" \
        in out
    assert comment.pk


# --- personal text kept beside the chain, and removed ---------------------------------------


def test_comment_text_is_kept_beside_the_chain_not_in_it(review, forum_rep, tmp_path):
    services.comment_submit(review=review, author=forum_rep,
                            body="<p>Amira's driver did not come.</p>", quote="pick-up times")
    entry = EvidenceEntry.objects.get(kind="comment_made")
    assert "Amira" not in entry.payload_json and "pick-up" not in entry.payload_json
    assert entry.hash_version == 2
    payload = json.loads(entry.payload_json)
    body = EvidenceText.objects.get(entry=entry, field="body")
    assert payload["body"] == {"text_sha256": chain.text_digest(body.salt, body.text)}
    code, out = _standalone(tmp_path, include_texts=False)
    assert code == 0 and "Amira" not in (tmp_path / "evidence-log.jsonl").read_text()


def test_removing_a_text_keeps_the_chain_valid_and_shows_why_it_went(
        review, forum_rep, officer, tmp_path, client):
    comment = services.comment_submit(review=review, author=forum_rep,
                                      body="<p>Amira's driver did not come.</p>")
    services.comment_edit(comment=comment, user=forum_rep,
                          body="<p>Amira's driver did not come, twice.</p>")
    answer = services.comment_answer(comment=comment, officer=officer, disposition="noted",
                                     reason="We will ask Amira's school.")
    _checkpoint()
    with pytest.raises(ValidationError):
        record.text_remove(record=comment, officer=officer, reason=" ")
    with pytest.raises(PermissionDenied):
        record.text_remove(record=comment, officer=forum_rep, reason="Names a child.")
    record.text_remove(record=comment, officer=officer, reason="It names a child.")
    record.text_remove(record=answer, officer=officer, reason="It names a child.")

    comment.refresh_from_db()
    # The record keeps the notice, never the typed reason (it may hold the details): that
    # is kept beside the removal's entry, where the board's pages read it.
    assert "Amira" not in comment.body and "It names a child." not in comment.body
    assert comment.body.startswith("<p>Removed on ")
    assert comment.body.endswith(": personal details</p>")
    assert not any("Amira" in h.body for h in comment.history.all())
    assert "Amira" not in CommentAnswer.objects.get(pk=answer.pk).reason
    assert not EvidenceText.objects.filter(text__contains="Amira").exists()
    assert EvidenceEntry.objects.filter(kind="text_removed").count() == 2

    assert _verify_evidence().startswith("OK")
    code, out = _standalone(tmp_path)
    assert code == 0, out
    assert "the text 'body' was removed on" in out
    assert "personal details (removal: entry" in out
    assert "Amira" not in (tmp_path / "evidence-log.jsonl").read_text()
    client.force_login(officer)
    board = client.get(reverse("board_page", args=[comment.page_id])).content.decode()
    assert "Amira" not in board and "Removed on " in board and "It names a child." in board


def test_an_officer_removes_a_text_from_the_command_line(review, forum_rep, officer):
    comment = services.comment_submit(review=review, author=forum_rep,
                                      body="<p>Amira waited an hour.</p>")
    with pytest.raises(CommandError, match="not an officer"):
        call_command("remove_evidence_text", "--comment", str(comment.pk), "--reason", "Name.",
                     "--officer", forum_rep.username)
    call_command("remove_evidence_text", "--comment", str(comment.pk), "--reason",
                 "It names a child.", "--officer", officer.username)
    comment.refresh_from_db()
    assert "Amira" not in comment.body
    assert _verify_evidence().startswith("OK")


def test_a_text_changed_beside_the_chain_is_named(review, forum_rep, tmp_path):
    services.comment_submit(review=review, author=forum_rep, body="<p>Too late.</p>")
    EvidenceText.objects.filter(field="body").update(text="<p>On time.</p>")
    number = EvidenceEntry.objects.get(kind="comment_made").sequence
    out = _verify_evidence()
    assert f"The text 'body' of entry {number} has been changed" in out
    code, out = _standalone(tmp_path)
    assert code == 1 and f"The text 'body' of entry {number} has been changed" in out


# --- the live records against the log ------------------------------------------------------


def test_records_changed_without_a_log_entry_are_named(review, forum_rep, officer):
    comment = services.comment_submit(review=review, author=forum_rep, body="<p>Too late.</p>")
    services.comment_answer(comment=comment, officer=officer, disposition="not_accepted",
                            reason="The contract fixes it.")
    assert _verify_evidence().startswith("OK")
    CommentAnswer.objects.filter(comment=comment).update(disposition="accepted")
    type(comment).objects.filter(pk=comment.pk).update(body="<p>All fine.</p>")
    out = _verify_evidence()
    assert f"The answer to forum comment {comment.pk} differs from its logged answer" in out
    assert f"Forum comment {comment.pk} reads differently from its last logged wording" in out


# --- downloads and who may have them ---------------------------------------------------------


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("parent", 403),
                                          ("forum_rep", 403), ("officer", 200),
                                          ("board_member", 200)])
def test_only_the_board_and_officers_download_the_log_with_its_texts(client, login_as, role,
                                                                      status):
    _append(1)
    login_as(role)
    response = client.get(reverse("board_record_download"))
    assert response.status_code == status
    if status == 200:
        lines = b"".join(response.streaming_content).decode().splitlines()
        assert json.loads(lines[0])["texts"] == "included"


def test_receipts_need_a_sign_in(client):
    assert client.get(reverse("my_receipts")).status_code == 302


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "officer", "board_member"])
def test_anyone_downloads_the_public_log_and_the_verifier(client, login_as, role):
    _append(2)
    _checkpoint()
    login_as(role)
    response = client.get(reverse("record_download"))
    lines = b"".join(response.streaming_content).decode().splitlines()
    kinds = [json.loads(line)["type"] for line in lines]
    assert kinds == ["header", "checkpoint", "checkpoint", "entry", "entry"]
    assert json.loads(lines[0])["texts"] == "withheld"
    verifier = client.get(reverse("record_verifier"))
    assert b"".join(verifier.streaming_content) == (ROOT / "tools" /
                                                    "verify_record.py").read_bytes()
    assert client.get(reverse("record_about")).status_code == 200
