"""Receipts with a Merkle inclusion proof (RFC 9162): every checkpoint signs the root of a
Merkle tree over the log's entries, a receipt carries the audit path from its entry to
that root, and the standalone verifier confirms the entry is in the signed log without
any copy of the log; with a copy, it checks every signed tree root against the entries."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.urls import reverse

from charter import chain, record, services, signing
from charter.models import EvidenceCheckpoint, EvidenceEntry
from tests.charter.test_record import ROOT, _append, _checkpoint, _standalone, _verify_evidence
from tools import verify_record as v


def _hashes(n: int) -> list[str]:
    return [hashlib.sha256(f"entry {i}".encode()).hexdigest() for i in range(n)]


def _mth(leaves: list[bytes]) -> bytes:
    """RFC 9162 2.1.1, as written there: the reference the two implementations must match."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + _mth(leaves[:k]) + _mth(leaves[k:])).digest()


@pytest.mark.parametrize("size", [*range(0, 18), 31, 32, 33, 100])
def test_the_portal_and_the_verifier_compute_rfc_9162s_tree_root(size):
    hashes = _hashes(size)
    expected = _mth([bytes.fromhex(h) for h in hashes]).hex()
    assert chain.merkle_root(hashes) == expected
    assert v.merkle_root(hashes) == expected


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 9, 13, 16, 21])
def test_every_audit_path_proves_its_own_entry_and_nothing_else(size):
    hashes = _hashes(size)
    root = chain.merkle_root(hashes)
    other = chain.merkle_root(_hashes(size + 1))
    for index in range(size):
        path = chain.merkle_audit_path(index, hashes)
        assert len(path) <= max(1, (size - 1).bit_length())

        def ok(i=index, n=size, h=hashes[index], p=path, r=root):
            return v.verify_inclusion(leaf_index=i, tree_size=n, entry_hash_hex=h,
                                      audit_path=p, root_hex=r)

        assert ok()
        assert not ok(h=_hashes(size + 1)[-1])  # another entry's hash
        assert not ok(r=other)  # another tree
        # (The size only shapes the path: the signed checkpoint fixes it, and the verifier
        # refuses a proof whose size is not the checkpoint's.)
        assert not ok(i=size)  # outside the tree
        if size > 1:
            assert not ok(i=(index + 1) % size)  # another position
            assert not ok(p=path[:-1])  # a path cut short
        assert not ok(p=[*path, path[0] if path else root])  # a path made longer
    with pytest.raises(IndexError):
        chain.merkle_audit_path(size, hashes)


needs_db = pytest.mark.django_db


def _receipt_file(client, tmp_path, sequence: int) -> tuple[dict, str]:
    data = client.get(reverse("record_receipt_json", args=[sequence])).json()
    path = tmp_path / f"receipt-{sequence}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return data, str(path)


def _receipt_only(*args) -> tuple[int, str]:
    """Run the standalone verifier with receipts and no copy of the log."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "tools" / "verify_record.py"), *args],
        capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


@needs_db
def test_a_receipt_proves_its_entry_is_in_the_signed_log_without_a_copy_of_it(
        tmp_path, review, forum_rep, client):
    _append(4)
    services.comment_submit(review=review, author=forum_rep, body="<p>The bus was late.</p>")
    entry = EvidenceEntry.objects.get(kind="comment_made")
    client.force_login(forum_rep)
    data, _ = _receipt_file(client, tmp_path, entry.sequence)
    assert data["inclusion_proof"] is None  # no checkpoint covers it yet
    first = _checkpoint()
    _append(6, start=10)
    _checkpoint()

    data, path = _receipt_file(client, tmp_path, entry.sequence)
    proof = data["inclusion_proof"]
    # Against the first checkpoint that covers the entry, so the receipt never changes.
    assert proof["tree_size"] == first.count and proof["leaf_index"] == entry.sequence - 1
    assert proof["checkpoint"]["tree_root"] == first.tree_root
    fingerprint = signing.key_fingerprint(record.public_key())
    code, out = _receipt_only("--receipt", path, "--public-key", fingerprint)
    assert code == 0, out
    assert (f"the receipt for entry {entry.sequence} ({entry.entry_hash[:12]}) is in the log as "
            "the checkpoint of") in out
    assert f"leads to the signed tree root {first.tree_root[:12]} of {first.count} entries" in out
    assert "Result: nothing wrong found" in out
    # With a copy of the log, the same receipt is checked both ways.
    code, out = _standalone(tmp_path, "--receipt", path, include_texts=False)
    assert code == 0 and "leads to the signed tree root" in out


def _checkpointed_comment_receipt(tmp_path, review, forum_rep, client):
    """A forum comment's entry after five others, under a checkpoint, and its receipt as the
    rep downloads it: (entry, receipt data)."""
    _append(5)
    services.comment_submit(review=review, author=forum_rep, body="<p>Too far to walk.</p>")
    _checkpoint()
    entry = EvidenceEntry.objects.get(kind="comment_made")
    client.force_login(forum_rep)
    data, _ = _receipt_file(client, tmp_path, entry.sequence)
    return entry, data


@needs_db
def test_a_receipt_for_another_entry_or_with_a_forged_checkpoint_is_refused(
        tmp_path, review, forum_rep, client):
    entry, data = _checkpointed_comment_receipt(tmp_path, review, forum_rep, client)
    key = record.public_key()

    changed = {**data, "entry_hash": EvidenceEntry.objects.get(sequence=2).entry_hash}
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    code, out = _receipt_only("--receipt", str(path), "--public-key", key)
    assert code == 1
    assert f"The receipt for entry {entry.sequence} " in out
    assert "its inclusion proof does not lead to the signed tree root" in out

    # An insider builds a tree of their own and signs it with a key they hold.
    forger = Ed25519PrivateKey.generate()
    cp = dict(data["inclusion_proof"]["checkpoint"])
    cp["tree_root"] = chain.merkle_root(_hashes(cp["count"]))
    note = v.checkpoint_note(origin=cp["origin"], count=cp["count"], head_hash=cp["head_hash"],
                             made_at=cp["made_at"], tree_root=cp["tree_root"])
    cp["signature"] = base64.b64encode(forger.sign(note.encode())).decode()
    cp["public_key"] = signing.public_key_b64(forger)
    forged = {**data, "inclusion_proof": {**data["inclusion_proof"], "checkpoint": cp}}
    path.write_text(json.dumps(forged), encoding="utf-8")
    code, out = _receipt_only("--receipt", str(path), "--public-key", key)
    assert code == 1 and "was not signed with the portal's key" in out


@needs_db
def test_a_changed_receipt_checked_with_the_log_blames_the_receipt_not_the_log(
        tmp_path, review, forum_rep, client):
    entry, data = _checkpointed_comment_receipt(tmp_path, review, forum_rep, client)
    proof = data["inclusion_proof"]
    proof["audit_path"][0] = "0" * 64
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out = _standalone(tmp_path, "--receipt", str(path))
    assert code == 1
    assert "the log itself checks out" in out
    assert "the log has been altered" not in out


@needs_db
def test_a_receipt_not_yet_covered_by_a_checkpoint_is_not_a_problem(tmp_path, review,
                                                                     forum_rep, client):
    services.comment_submit(review=review, author=forum_rep, body="<p>Too far to walk.</p>")
    entry = EvidenceEntry.objects.get(kind="comment_made")
    client.force_login(forum_rep)
    data, path = _receipt_file(client, tmp_path, entry.sequence)
    assert data.get("inclusion_proof") is None
    code, out = _receipt_only("--receipt", str(path), "--public-key", record.public_key())
    assert code == 0
    assert "not yet covered by a signed checkpoint" in out
    assert "PROBLEMS" not in out and "does not match the key" not in out


@needs_db
def test_every_checkpoint_signs_the_logs_tree_root_and_both_checks_test_it(tmp_path):
    _append(7)
    cp = _checkpoint()
    hashes = list(EvidenceEntry.objects.order_by("sequence").values_list("entry_hash",
                                                                          flat=True))
    assert cp.tree_root == v.merkle_root(hashes)
    assert f"tree: {cp.tree_root}\n" in v.Checkpoint.from_json(
        record._as_verifier_checkpoint(cp, "").as_json()).note()
    out = _verify_evidence()
    assert out.startswith("OK") and "the Merkle tree root signed at 1 checkpoint" in out
    code, out = _standalone(tmp_path)
    assert code == 0 and "the Merkle tree root signed at 1 checkpoint" in out
    assert f"tree root {cp.tree_root}" in out

    # A checkpoint signed with the portal's own key over the right head but a tree of other
    # entries (the order changed, say) is named by both checks.
    key = record.signing_key()
    made_at = "2026-12-03T10:00:00+00:00"
    wrong = v.merkle_root(list(reversed(hashes)))
    note = v.checkpoint_note(origin=record.origin(), count=7, head_hash=hashes[-1],
                             made_at=made_at, tree_root=wrong)
    EvidenceCheckpoint.objects.create(
        count=7, head_hash=hashes[-1], made_at=cp.made_at, made_at_text=made_at,
        origin=record.origin(), public_key=signing.public_key_b64(key),
        signature=signing.sign(key, note), reason="manual", tree_root=wrong)
    expected = (f"The tree root signed at the checkpoint of 3 December 2026, 10:00 UTC "
                f"({wrong[:12]}) does not match the log's first 7 entries")
    out = _verify_evidence()
    assert out.startswith("FAILED") and expected in out
    code, out = _standalone(tmp_path)
    assert code == 1 and expected in out


def test_a_checkpoint_made_before_the_log_had_a_tree_still_verifies():
    key = Ed25519PrivateKey.generate()
    public = signing.public_key_b64(key)
    previous, entries = v.GENESIS_HASH, []
    for seq in range(1, 4):
        digest = v.entry_hash(version=2, sequence=seq, kind="meeting_recorded", subject="m",
                              recorded_at="2026-01-01T00:00:00+00:00", payload_json="{}",
                              previous_hash=previous)
        entries.append(v.Entry(seq, "meeting_recorded", "m", "2026-01-01T00:00:00+00:00", "{}",
                               previous, digest, version=2))
        previous = digest
    note = v.checkpoint_note(origin="o", count=3, head_hash=previous, made_at="2026-01-02")
    assert "tree:" not in note
    old = v.Checkpoint(3, previous, "2026-01-02", "o", public,
                       base64.b64encode(key.sign(note.encode())).decode())
    result = v.audit(entries, [old], trusted_key=public)
    assert result.intact and result.tree_roots_checked == 0


@needs_db
def test_the_public_page_says_how_to_check_a_receipt_without_the_log(client):
    _append(2)
    cp = _checkpoint()
    html = client.get(reverse("record_about")).content.decode()
    assert "so you can check it without downloading the log:" in html
    fingerprint = signing.key_fingerprint(cp.public_key)
    assert (f"python verify_record.py --receipt receipt-NUMBER.json --public-key "
            f'"{fingerprint}"') in html


@pytest.mark.parametrize("lang,words", [
    ("pl", "więc możesz je sprawdzić bez pobierania rejestru:"),
    ("ar", "فيمكنك فحصه دون تنزيل السجل:"),
])
def test_the_offline_receipt_check_is_said_in_polish_and_arabic(lang, words):
    from django.utils import translation

    with translation.override(lang):
        assert translation.gettext(
            "Once a signed checkpoint covers your entry, the receipt also carries a proof "
            "that leads from your entry to the checkpoint's signature, so you can check it "
            "without downloading the log:").endswith(words)


@needs_db
@pytest.mark.parametrize("lang,direction,heading,words", [
    ("pl", "ltr", "O tym rejestrze", "więc możesz je sprawdzić bez pobierania rejestru:"),
    ("ar", "rtl", "عن هذا السجل", "فيمكنك فحصه دون تنزيل السجل:"),
])
def test_the_public_record_page_is_served_in_polish_and_arabic(client, lang, direction,
                                                               heading, words):
    _append(2)
    _checkpoint()
    response = client.get(f"/{lang}/record/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{lang}"' in html and f'dir="{direction}"' in html
    assert heading in html and words in html
    assert f'href="/{lang}/record/evidence-log.jsonl"' in html
