"""The evidence record: appending, signed checkpoints, downloads, receipts, removing
personal text, and the checks ``manage.py verify_evidence`` runs.

Writes take keyword-only arguments and run in one transaction. The checks themselves
are the standalone verifier's (``tools/verify_record.py``), so the portal and a board
member's own computer apply exactly the same rules; this module feeds it what the
database and the checkpoint store hold, and adds what only the database can show (the
append-only guard's state, live records with no entry in the log).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.signals import request_finished, request_started
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Page

from charter import chain, signing
from charter.hooks import log_texts_removed
from charter.models import (
    CommentAnswer,
    Disagreement,
    EvidenceCheckpoint,
    EvidenceEntry,
    EvidenceText,
    ForumComment,
    ForumReviewTaskState,
    PageVersion,
)
from charter.permissions import is_officer
from core.cache import purge_page_cache
from tools import verify_record as verifier

logger = logging.getLogger(__name__)

Kind = EvidenceEntry.Kind


# --- appending -------------------------------------------------------------------------------


# PostgreSQL advisory lock key for "the end of the log" (any fixed number, unique to us).
LOG_LOCK_KEY = 0x65766964656E6365 % (2**63)


def _lock_the_log() -> None:
    """Let one writer at a time take the next sequence number. An advisory lock, not
    SELECT ... FOR UPDATE: the application's role has no UPDATE right on the log, which
    FOR UPDATE needs. (SQLite's IMMEDIATE transactions already serialise writers; the
    unique sequence catches anything else.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOG_LOCK_KEY])


def _source_label(source) -> str:
    return source._meta.label_lower


@transaction.atomic
def evidence_append(*, kind: str, subject: str, payload: dict, page=None,
                    texts: dict[str, str] | None = None, source=None,
                    affects_public_pages: bool = True) -> EvidenceEntry:
    """Add one entry to the end of the chain (hash version 2).

    ``texts`` (field name -> personal text) are kept beside the entry, not in it: the
    payload holds a salted hash of each under the same name, so a text can later be
    removed without breaking the chain. ``source`` is the record the texts belong to
    (a comment, an answer...). ``affects_public_pages=False`` skips the page-cache purge
    for events no public page shows (a consultation response received).
    """
    texts = texts or {}
    if texts and source is None:
        raise ValueError("Texts kept beside the log need the record they belong to.")
    clash = set(texts) & set(payload)
    if clash:
        raise ValueError(f"Payload fields {sorted(clash)} are also given as texts.")
    salts = {name: secrets.token_hex(16) for name in texts}
    payload = {**payload, **{name: {"text_sha256": chain.text_digest(salts[name], text)}
                             for name, text in texts.items()}}
    payload_json = chain.canonical_json(payload)
    _lock_the_log()
    for _attempt in range(3):
        last = EvidenceEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
        sequence = last.sequence + 1 if last else 1
        previous = last.entry_hash if last else chain.GENESIS_HASH
        recorded_at = timezone.now()
        recorded_text = recorded_at.isoformat()
        entry = EvidenceEntry(
            sequence=sequence, kind=kind, subject=subject, page=page,
            recorded_at=recorded_at, recorded_at_text=recorded_text, payload_json=payload_json,
            previous_hash=previous, hash_version=chain.HASH_VERSION,
            entry_hash=chain.compute_hash(
                sequence=sequence, kind=kind, subject=subject, recorded_at=recorded_text,
                payload_json=payload_json, previous_hash=previous, version=chain.HASH_VERSION,
            ),
        )
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            # Another writer took this sequence number first; chain on after it.
            continue
        if texts:
            EvidenceText.objects.bulk_create([
                EvidenceText(entry=entry, field=name, salt=salts[name], text=text,
                             source_model=_source_label(source), source_pk=source.pk)
                for name, text in texts.items()
            ])
        if affects_public_pages:
            # Every logged event may change what a public page shows (a disagreement box,
            # the comments behind a change), so cached pages are dropped once it is saved.
            transaction.on_commit(purge_page_cache)
        return entry
    raise RuntimeError("Could not append to the evidence log after three tries.")


def evidence_logged(*, kind: str, subject: str) -> bool:
    """True once an event of this kind about this subject is in the log (for events that
    are logged once, such as a window opening)."""
    return EvidenceEntry.objects.filter(kind=kind, subject=subject).exists()


def response_fingerprint(*, reference: str, answers: dict) -> str:
    """What the log holds of a consultation response: a hash of its answers salted with its
    reference, which only the respondent and the officers know. No answer is readable
    from the log, and the respondent's receipt still names their own entry."""
    # Through JSON and back first: the stored answers come back from the database with
    # string keys, which sort differently from the numbers a form may have used.
    answers = json.loads(chain.canonical_json(answers))
    return chain.text_digest(reference, chain.canonical_json(answers))


def response_receipt(*, page_id: int, reference: str, answers: dict) -> dict | None:
    """The receipt for a consultation response, found by its fingerprint (None if the
    response was stored before responses were logged)."""
    fingerprint = response_fingerprint(reference=reference, answers=answers)
    entry = (EvidenceEntry.objects.filter(kind=Kind.RESPONSE_RECEIVED, subject=f"page:{page_id}",
                                          payload_json__contains=fingerprint).first())
    return receipt(entry) if entry else None


# --- the signing key and the checkpoint store ------------------------------------------------


class SigningKeyMissing(ImproperlyConfigured):
    pass


@lru_cache(maxsize=4)
def _key_from(value: str, path: str):
    if value:
        return signing.load_private_key(value)
    if path and Path(path).exists():
        return signing.load_private_key(Path(path).read_text(encoding="ascii"))
    raise SigningKeyMissing(
        "No evidence signing key: set EVIDENCE_SIGNING_KEY or create the file named by "
        "EVIDENCE_SIGNING_KEY_FILE (manage.py make_signing_key).")


def signing_key():
    """The Ed25519 private key named in the settings. Raises ``SigningKeyMissing``."""
    return _key_from(getattr(settings, "EVIDENCE_SIGNING_KEY", "") or "",
                     str(getattr(settings, "EVIDENCE_SIGNING_KEY_FILE", "") or ""))


def public_key() -> str | None:
    """The public half (base64), or None where no key is set up (a bare development copy)."""
    try:
        return signing.public_key_b64(signing_key())
    except SigningKeyMissing:
        return None


def origin() -> str:
    """The name checkpoints are signed for, so one portal's cannot pass as another's."""
    return settings.EVIDENCE_ORIGIN


def checkpoint_store():
    """Where checkpoints are kept outside the database: a folder by default (the setting
    ``EVIDENCE_CHECKPOINT_DIR``), or any Django storage (``EVIDENCE_CHECKPOINT_STORAGE``,
    e.g. object storage with object lock in production). One object per checkpoint,
    never overwritten."""
    config = getattr(settings, "EVIDENCE_CHECKPOINT_STORAGE", None) or {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(settings.EVIDENCE_CHECKPOINT_DIR)},
    }
    return storages.create_storage(config)


def _as_verifier_checkpoint(cp: EvidenceCheckpoint, kept_in: str) -> verifier.Checkpoint:
    return verifier.Checkpoint(count=cp.count, head_hash=cp.head_hash, made_at=cp.made_at_text,
                               origin=cp.origin, public_key=cp.public_key,
                               signature=cp.signature, reason=cp.reason, kept_in=kept_in,
                               tree_root=cp.tree_root)


def stored_checkpoints() -> list[verifier.Checkpoint]:
    """Every checkpoint in the store outside the database (unreadable files are named as
    problems by the caller through their absence; a warning is logged)."""
    store = checkpoint_store()
    try:
        _folders, names = store.listdir("")
    except FileNotFoundError:
        return []
    found = []
    for name in sorted(names):
        if not name.endswith(".json"):
            continue
        try:
            with store.open(name) as handle:
                found.append(verifier.Checkpoint.from_json(
                    {**json.loads(handle.read()), "kept_in": "file store"}))
        except (ValueError, KeyError, OSError):
            logger.warning("Unreadable checkpoint file %s in the checkpoint store", name)
    return found


def all_checkpoints() -> list[verifier.Checkpoint]:
    """The database's checkpoints and the store's, oldest first (a copy kept in both places
    appears twice: if one copy was altered, the other still counts)."""
    kept = [_as_verifier_checkpoint(cp, "database") for cp in EvidenceCheckpoint.objects.all()]
    kept += stored_checkpoints()
    return sorted(kept, key=lambda c: (c.count, c.made_at))


# --- checkpoints -----------------------------------------------------------------------------


class EvidenceTampered(Exception):
    """The log no longer matches its latest checkpoint; nothing more will be signed."""


def _check_since(latest: EvidenceCheckpoint | None) -> None:
    """Before signing, check that the log still ends the way the latest checkpoint said,
    and that every entry since chains on from it (the whole log is verify_evidence's job)."""
    start = 0
    previous = chain.GENESIS_HASH
    if latest is not None:
        at = EvidenceEntry.objects.filter(sequence=latest.count).values_list(
            "entry_hash", flat=True).first()
        if at != latest.head_hash:
            raise EvidenceTampered(
                f"Entry {latest.count} no longer has the hash signed at the checkpoint of "
                f"{latest.made_at_text}.")
        start, previous = latest.count, latest.head_hash
    rows = (EvidenceEntry.objects.filter(sequence__gt=start).order_by("sequence")
            .values_list("sequence", "kind", "subject", "recorded_at_text", "payload_json",
                         "previous_hash", "entry_hash", "hash_version").iterator(chunk_size=2000))
    expected = start + 1
    for seq, kind, subject, at_text, payload, prev, digest, version in rows:
        own = chain.compute_hash(sequence=seq, kind=kind, subject=subject, recorded_at=at_text,
                                 payload_json=payload, previous_hash=prev, version=version)
        if seq != expected or prev != previous or own != digest:
            raise EvidenceTampered(f"Entry {seq} does not chain on from the latest checkpoint.")
        previous, expected = digest, expected + 1


def _entry_hashes(count: int) -> list[str]:
    """The hashes of entries 1 to ``count``, in order: the Merkle tree's leaves. One query."""
    return list(EvidenceEntry.objects.filter(sequence__lte=count).order_by("sequence")
                .values_list("entry_hash", flat=True))


def checkpoint_make(*, reason: str, only_if_moved: bool = False) -> EvidenceCheckpoint | None:
    """Sign the log's current state and keep it in the database and the checkpoint store.

    ``only_if_moved`` returns the latest checkpoint instead when the log has not grown
    since (a board pack made twice in a row). Returns None for an empty log. Raises
    ``SigningKeyMissing`` with no key, and ``EvidenceTampered`` (logged as an error)
    when the log no longer matches the latest checkpoint: signing it then would vouch
    for a rewritten log.
    """
    key = signing_key()
    with transaction.atomic():
        _lock_the_log()
        head = (EvidenceEntry.objects.order_by("-sequence")
                .values_list("sequence", "entry_hash").first())
        if head is None:
            return None
        count, head_hash = head
        latest = EvidenceCheckpoint.objects.order_by("-count", "-made_at").first()
        if only_if_moved and latest and (latest.count, latest.head_hash) == (count, head_hash):
            return latest
        try:
            _check_since(latest)
        except EvidenceTampered:
            logger.error("Evidence log does not match its latest checkpoint: not signing",
                         exc_info=True)
            raise
        # Microseconds kept: two checkpoints of one head (a decision, then the publish it
        # caused) must differ, as Ed25519 signs the same note the same way every time.
        now = timezone.now().astimezone(dt.UTC)
        made_at = now.isoformat()
        tree_root = chain.merkle_root(_entry_hashes(count))
        note = verifier.checkpoint_note(origin=origin(), count=count, head_hash=head_hash,
                                        made_at=made_at, tree_root=tree_root)
        checkpoint = EvidenceCheckpoint.objects.create(
            count=count, head_hash=head_hash, made_at=now, made_at_text=made_at,
            origin=origin(), public_key=signing.public_key_b64(key),
            signature=signing.sign(key, note), reason=reason, tree_root=tree_root,
        )
    _store_write(checkpoint)
    return checkpoint


def _store_write(checkpoint: EvidenceCheckpoint) -> None:
    data = _as_verifier_checkpoint(checkpoint, "").as_json()
    del data["kept_in"]
    stamp = checkpoint.made_at_text.replace(":", "").replace("-", "").replace("+0000", "Z")
    name = f"checkpoint-{checkpoint.count:09d}-{stamp}-{checkpoint.pk}.json"
    checkpoint_store().save(name, ContentFile(json.dumps(data, indent=1).encode("utf-8")))


def checkpoint_soon(reason: str) -> None:
    """Make a checkpoint once the current transaction commits (a publish, a forum decision).
    A failure is logged, never shown to the person publishing: the daily checkpoint and
    verify_evidence still cover the log."""

    def make():
        try:
            checkpoint_make(reason=reason)
        except SigningKeyMissing:
            logger.warning("No evidence signing key: no checkpoint made after %s", reason)
        except Exception:
            logger.exception("Could not make an evidence checkpoint after %s", reason)

    transaction.on_commit(make)


def latest_checkpoint() -> EvidenceCheckpoint | None:
    return EvidenceCheckpoint.objects.order_by("-count", "-made_at").first()


def checkpoint_display(checkpoint: EvidenceCheckpoint | None) -> dict | None:
    """What the board page, the board pack and the public page show of a checkpoint."""
    if checkpoint is None:
        return None
    return {
        "count": checkpoint.count, "head_hash": checkpoint.head_hash,
        "head_short": checkpoint.head_hash[:12], "made_at": checkpoint.made_at,
        # In groups of eight so it wraps on a phone and reads aloud; the verifier and
        # verify_evidence ignore the spaces.
        "head_grouped": " ".join(checkpoint.head_hash[i:i + 8] for i in range(0, 64, 8)),
        "made_at_text": checkpoint.made_at_text, "public_key": checkpoint.public_key,
        "fingerprint": signing.key_fingerprint(checkpoint.public_key),
        "reason": checkpoint.get_reason_display(),
    }


# --- reading the log as the verifier reads it ------------------------------------------------


def _text_for_record(text: EvidenceText) -> dict:
    if text.removed_at is not None:
        return {"removed": timezone.localdate(text.removed_at).isoformat(),
                "reason": text.removed_reason}
    return {"salt": text.salt, "text": text.text}


#: What the board's copy of the log says of a text kept beside it that held words removed
#: later as personal details (the words left are under "shown").
WORDS_REMOVED_LATER = "personal details removed from these words"


def _text_for_reader(text: EvidenceText, marker) -> dict:
    """A text as the board's copy of the log gives it: as kept, unless the app of the page
    its entry is about removed words from it as personal details since (``marker``, from
    ``charter.hooks.log_texts_removed``). Then it is given as removed (the verifier checks
    no hash of a removed text, so the copy still verifies), on the day of that removal,
    with the words left under "shown" (review bk15i, F4)."""
    kept = _text_for_record(text)
    if marker is None or "text" not in kept:
        return kept
    remove, day = marker
    words, found = remove(kept["text"])
    if not found:
        return kept
    return {"removed": (day or timezone.localdate()).isoformat(),
            "reason": WORDS_REMOVED_LATER, "shown": words}


def verifier_entries(*, include_texts: bool = True, chunk: int = 2000,
                     for_readers: bool = False) -> Iterator[verifier.Entry]:
    """Every entry in order, as the verifier reads them, in chunks (a query for the entries
    and one for their texts per chunk). ``for_readers``: the texts as a reader of the
    board's copy is given them (``_text_for_reader``: without words removed since as
    personal details; the page apps' queries once a chunk), not as the audit reads them."""
    last = 0
    fields = ("id", "sequence", "kind", "subject", "recorded_at_text", "payload_json",
              "previous_hash", "entry_hash", "hash_version", "page_id")
    while True:
        rows = list(EvidenceEntry.objects.filter(sequence__gt=last).order_by("sequence")
                    .values_list(*fields)[:chunk])
        if not rows:
            return
        texts: dict[int, dict] = {}
        ids = [row[0] for row in rows if row[8] >= 2] if include_texts else []
        if ids:
            pages = {row[0]: row[9] for row in rows}
            found = list(EvidenceText.objects.filter(entry_id__in=ids))
            markers = (log_texts_removed({pages[t.entry_id] for t in found})
                       if for_readers and found else {})
            for text in found:
                texts.setdefault(text.entry_id, {})[text.field] = _text_for_reader(
                    text, markers.get(pages[text.entry_id]))
        for pk, seq, kind, subject, at_text, payload, prev, digest, version, _page in rows:
            yield verifier.Entry(sequence=seq, kind=kind, subject=subject, recorded_at=at_text,
                                 payload_json=payload, previous_hash=prev, entry_hash=digest,
                                 version=version, texts=texts.get(pk))
        if len(rows) < chunk:
            return
        last = rows[-1][1]


def record_lines(*, include_texts: bool) -> Iterator[str]:
    """The whole log as JSON Lines, for download: a header, every checkpoint (database and
    store), then every entry. ``include_texts`` is the board's copy; the public copy holds
    only the texts' salted hashes."""
    key = public_key()
    header = {
        "type": "header", "format": verifier.FORMAT, "origin": origin(),
        "exported_at": timezone.now().astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "public_key": key, "key_fingerprint": signing.key_fingerprint(key) if key else None,
        "texts": "included" if include_texts else "withheld",
        "entries": EvidenceEntry.objects.count(),
        "verify_with": "python verify_record.py record.jsonl",
    }
    yield json.dumps(header, ensure_ascii=False) + "\n"
    for cp in all_checkpoints():
        yield json.dumps(cp.as_json(), ensure_ascii=False) + "\n"
    for entry in verifier_entries(include_texts=include_texts, for_readers=True):
        line = {"type": "entry", "sequence": entry.sequence, "version": entry.version,
                "kind": entry.kind, "subject": entry.subject, "recorded_at": entry.recorded_at,
                "payload": entry.payload_json, "previous_hash": entry.previous_hash,
                "entry_hash": entry.entry_hash}
        if entry.texts:
            line["texts"] = entry.texts
        yield json.dumps(line, ensure_ascii=False) + "\n"


def inclusion_proof(entry: EvidenceEntry) -> dict | None:
    """RFC 9162 inclusion proof of ``entry`` against the first signed checkpoint that covers
    it and signs a tree root (so the proof never changes once made): leaf index, tree size,
    audit path (hex, nearest the leaf first) and the checkpoint as the verifier reads it.
    None until such a checkpoint exists. Two queries."""
    cp = (EvidenceCheckpoint.objects.filter(count__gte=entry.sequence).exclude(tree_root="")
          .order_by("count", "made_at").first())
    if cp is None:
        return None
    hashes = _entry_hashes(cp.count)
    signed = _as_verifier_checkpoint(cp, "").as_json()
    del signed["kept_in"]
    return {"leaf_index": entry.sequence - 1, "tree_size": cp.count,
            "audit_path": chain.merkle_audit_path(entry.sequence - 1, hashes),
            "checkpoint": signed}


def receipt(entry: EvidenceEntry) -> dict:
    """A receipt for one entry: what its author keeps to check it later with the verifier,
    with the entry's inclusion proof against a signed checkpoint once one covers it (the
    verifier checks that without a copy of the log)."""
    covering = (EvidenceCheckpoint.objects.filter(count__gte=entry.sequence)
                .order_by("count", "made_at").first())
    proof = inclusion_proof(entry) if covering else None
    return {
        "type": "receipt", "origin": origin(), "sequence": entry.sequence,
        "entry_hash": entry.entry_hash,
        "grouped_hash": " ".join(entry.entry_hash[i:i + 8] for i in range(0, 64, 8)),
        "kind": entry.kind, "recorded_at": entry.recorded_at_text,
        "covered_by_checkpoint": ({"count": covering.count, "head_hash": covering.head_hash,
                                   "made_at": covering.made_at_text} if covering else None),
        "inclusion_proof": proof,
        "check_with": (f"python verify_record.py --receipt receipt-{entry.sequence}.json "
                       "--public-key FINGERPRINT" if proof else
                       f"python verify_record.py record.jsonl --receipt "
                       f"receipt-{entry.sequence}.json"),
    }


# --- verify_evidence -------------------------------------------------------------------------


def guard_problems() -> list[str]:
    """On PostgreSQL: the append-only triggers must exist and be enabled."""
    if connection.vendor != "postgresql":
        return []
    wanted = {"charter_evidence_append_only", "charter_evidence_no_truncate",
              "charter_checkpoint_append_only", "charter_checkpoint_no_truncate"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname, tgenabled FROM pg_trigger WHERE tgname = ANY(%s)",
                       [sorted(wanted)])
        found = dict(cursor.fetchall())
    problems = []
    for name in sorted(wanted):
        if name not in found:
            problems.append(f"The database's append-only guard {name} has been removed.")
        elif found[name] == "D":
            problems.append(f"The database's append-only guard {name} is switched off.")
    return problems


def _logged_states() -> dict:
    """The latest logged state of each comment, answer and disagreement, and every version,
    from the log (texts from beside it). Plain dicts keyed by record id."""
    kinds = [Kind.COMMENT_MADE, Kind.COMMENT_EDITED, Kind.COMMENT_ANSWERED,
             Kind.DISAGREEMENT_STATED, Kind.DISAGREEMENT_UPDATED, Kind.DISAGREEMENT_RESOLVED,
             Kind.VERSION_PUBLISHED, Kind.TEXT_REMOVED]
    texts: dict[int, dict[str, EvidenceText]] = {}
    for text in EvidenceText.objects.filter(entry__kind__in=kinds):
        texts.setdefault(text.entry_id, {})[text.field] = text
    comments, answers, disagreements, resolved, versions = {}, {}, {}, set(), set()
    removed = set()
    rows = (EvidenceEntry.objects.filter(kind__in=kinds).order_by("sequence")
            .values_list("id", "sequence", "kind", "subject", "payload_json"))
    for pk, seq, kind, subject, payload_json in rows:
        payload = json.loads(payload_json)
        kept = texts.get(pk, {})

        def text(name, payload=payload, kept=kept):
            if name in kept:
                held = kept[name]
                return None if held.removed_at else held.text
            return payload.get(name)

        if kind in (Kind.COMMENT_MADE, Kind.COMMENT_EDITED):
            comments[payload["comment"]] = (seq, text("body"))
        elif kind == Kind.COMMENT_ANSWERED:
            answers[payload["comment"]] = (seq, payload.get("disposition"), text("reason"))
        elif kind == Kind.DISAGREEMENT_STATED:
            disagreements.setdefault(payload["disagreement"], {})["forum_position"] = \
                (seq, text("forum_position"))
        elif kind == Kind.DISAGREEMENT_UPDATED and "side" in payload:
            disagreements.setdefault(payload["disagreement"], {})[payload["side"]] = \
                (seq, text("position"))
        elif kind == Kind.DISAGREEMENT_RESOLVED:
            resolved.add(payload["disagreement"])
        elif kind == Kind.VERSION_PUBLISHED:
            versions.add((subject, payload.get("version"), payload.get("revision")))
        elif kind == Kind.TEXT_REMOVED:
            removed.add(payload.get("record"))
    # A record whose text was removed is compared by what it is, not by its words.
    for label, store in (("charter.forumcomment", comments), ("charter.disagreement",
                                                               disagreements)):
        for pk in list(store):
            if f"{label}:{pk}" in removed:
                store[pk] = ({side: (seq, None) for side, (seq, _t) in store[pk].items()}
                             if isinstance(store[pk], dict) else (store[pk][0], None))
    answer_ids = dict(CommentAnswer.objects.values_list("comment_id", "pk"))
    for comment_id, found in list(answers.items()):
        if f"charter.commentanswer:{answer_ids.get(comment_id)}" in removed:
            answers[comment_id] = (found[0], found[1], None)
    return {"comments": comments, "answers": answers, "disagreements": disagreements,
            "resolved": resolved, "versions": versions}


def live_state_problems() -> list[str]:
    """Records whose current state has no entry in the log: a comment, answer, position or
    version changed (or made) in the database without going through the services."""
    logged = _logged_states()
    problems = []
    for pk, body in ForumComment.objects.values_list("pk", "body"):
        found = logged["comments"].get(pk)
        if found is None:
            problems.append(f"Forum comment {pk} has no entry in the log.")
        elif found[1] is not None and found[1] != body:
            problems.append(f"Forum comment {pk} reads differently from its last logged "
                            f"wording (entry {found[0]}).")
    for comment_id, disposition, reason in CommentAnswer.objects.values_list(
            "comment_id", "disposition", "reason"):
        found = logged["answers"].get(comment_id)
        if found is None:
            problems.append(f"The answer to forum comment {comment_id} has no entry in the log.")
        elif found[1] != disposition or (found[2] is not None and found[2] != reason):
            problems.append(f"The answer to forum comment {comment_id} differs from its logged "
                            f"answer (entry {found[0]}).")
    for pk, forum, council, status in Disagreement.objects.values_list(
            "pk", "forum_position", "council_position", "status"):
        sides = logged["disagreements"].get(pk)
        if sides is None:
            problems.append(f"Disagreement {pk} has no entry in the log.")
            continue
        for side, current in (("forum_position", forum), ("council_position", council)):
            found = sides.get(side)
            if current and found is None:
                problems.append(f"The {side.replace('_', ' ')} in disagreement {pk} has no "
                                "entry in the log.")
            elif found and found[1] is not None and found[1] != current:
                problems.append(f"The {side.replace('_', ' ')} in disagreement {pk} differs "
                                f"from its logged wording (entry {found[0]}).")
        if status == Disagreement.Status.RESOLVED and pk not in logged["resolved"]:
            problems.append(f"Disagreement {pk} is marked resolved, but the log has no "
                            "resolution.")
    for page_id, number, revision_id in PageVersion.objects.values_list(
            "page_id", "number", "revision_id"):
        if (f"page:{page_id}", number, revision_id) not in logged["versions"]:
            problems.append(f"Version {number} of page {page_id} has no entry in the log.")
    return problems


def evidence_audit(*, board_checkpoint: verifier.BoardCheckpoint | None = None,
                   live_checks: bool = True) -> verifier.Audit:
    """The whole check: the chain, every checkpoint (database and store) against the key in
    the settings, the texts beside the log, the database's guard, and the live records."""
    key = public_key()
    source = (f"the portal's key, fingerprint {signing.key_fingerprint(key)}" if key
              else "no signing key is set up")
    result = verifier.audit(verifier_entries(), all_checkpoints(), trusted_key=key,
                            key_source=source, board_checkpoint=board_checkpoint)
    for problem in guard_problems():
        result.problem(problem)
    if connection.vendor == "postgresql":
        result.checked.append("the database's append-only guard on the log and checkpoints")
    if live_checks:
        for problem in live_state_problems():
            result.problem(problem)
        result.checked.append("every comment, answer, disagreement and version against its "
                              "entries in the log")
    return result


def evidence_verify() -> verifier.Audit:
    """The check the board page and pack show (``.intact``, ``.summary()``): the chain, every
    checkpoint, the texts and the guard, in a fixed number of queries. Comparing every live
    record with the log is ``manage.py verify_evidence``'s (daily)."""
    return evidence_audit(live_checks=False)


# --- removing personal text ------------------------------------------------------------------


# The personal texts each kind of record holds, and which of them are HTML.
TEXT_FIELDS = {
    "charter.forumcomment": (ForumComment, ["body", "quote"], {"body"}),
    "charter.commentanswer": (CommentAnswer, ["reason"], set()),
    "charter.disagreement": (Disagreement, ["forum_position", "council_position",
                                            "resolution_note", "topic"], set()),
    "charter.forumreviewtaskstate": (ForumReviewTaskState, ["decision_note"], set()),
}


# The records an officer may remove the personal text of, by the name the command line and
# the admin route use, with the field that finds one: "answer-to" takes the comment's id.
REMOVABLE_RECORDS = {
    "comment": (ForumComment, "pk"),
    "answer-to": (CommentAnswer, "comment_id"),
    "disagreement": (Disagreement, "pk"),
    "decision": (ForumReviewTaskState, "pk"),
}


#: Records of the apps above the charter whose texts kept beside the log an officer may
#: erase through the same route (``removable_register``): kind -> {"label": words for
#: "You are removing the text of …", "back": record -> the address to go back to,
#: "readers": what readers see instead, in words for the officer, or None}.
REMOVABLE_ELSEWHERE: dict[str, dict] = {}

#: How the record's own copies of a removed text are emptied, for records whose copies are
#: not plain fields (``removable_register``'s ``erase``): model label -> erase.
ERASERS: dict[str, Callable] = {}

#: How chosen words are taken out of a record whose app offers it (``removable_register``'s
#: ``erase_words``): model label -> erase_words.
WORD_ERASERS: dict[str, Callable] = {}


def removable_register(kind: str, model, *, label, back, fields=(), html_fields=(),
                       erase: Callable | None = None, readers=None,
                       erase_words: Callable | None = None,
                       shown: Callable | None = None) -> None:
    """Let officers erase the texts kept beside the log for records of ``model`` (found by
    their id as ``kind`` on the removal route, and by ``manage.py remove_evidence_text``),
    as they erase a forum comment's: ``text_remove`` empties the texts beside every entry
    whose ``source`` was the record and logs ``text_removed``. ``fields``: the record's own
    fields that hold the same personal text (replaced by the removal notice), none by
    default. ``erase(record, *, when: date) -> list[str]``: instead of ``fields``, takes the
    same text out of every copy the record keeps (a JSON version, related rows) and names
    the fields it changed; called inside ``text_remove``'s transaction. ``readers``: what
    readers see instead, told to the officer before they confirm.
    ``erase_words(record, *, words: list[str], kept: list[EvidenceText]) -> (fields, held)``:
    lets the officer remove only chosen words instead of the whole text (``text_remove``'s
    ``words``): takes them out of every copy the record keeps and returns the fields it
    changed and those of ``kept`` that held the words (erased whole beside the log); raises
    ``ValidationError`` keyed "words" when no copy holds them. ``shown(record) -> str``: the
    record's own words, shown to the officer before they confirm. Called from an app's
    ``ready()``; the charter imports nothing of that app."""
    REMOVABLE_RECORDS[kind] = (model, "pk")
    TEXT_FIELDS[model._meta.label_lower] = (model, list(fields), set(html_fields))
    if erase is not None:
        ERASERS[model._meta.label_lower] = erase
    if erase_words is not None:
        WORD_ERASERS[model._meta.label_lower] = erase_words
    REMOVABLE_ELSEWHERE[kind] = {"label": label, "back": back, "readers": readers,
                                 "words": erase_words is not None, "shown": shown}


def removable_record(kind: str, value: int):
    """The record ``kind`` (a key of ``REMOVABLE_RECORDS``) found by ``value``, or None when
    there is no such record or no such kind."""
    if kind not in REMOVABLE_RECORDS:
        return None
    model, field = REMOVABLE_RECORDS[kind]
    return model.objects.filter(**{field: value}).first()


def kept_texts(record) -> list[EvidenceText]:
    """The texts still kept beside the log for ``record`` (its ``source``), oldest entry
    first, with their entries. One query."""
    return list(EvidenceText.objects.filter(source_model=record._meta.label_lower,
                                            source_pk=record.pk, removed_at__isnull=True)
                .select_related("entry").order_by("entry__sequence", "field"))


#: What a record keeps after "Removed on DATE: " in place of a removed text: never the
#: officer's typed reason, which may hold the very details removed and lives beside the log.
REMOVED_WORDS = "personal details"


def removal_notice(*, when: dt.date, reason: str = REMOVED_WORDS) -> str:
    """What a record keeps in place of a removed text ("Removed on 1 December 2026: personal
    details"). ``text_remove`` keeps ``REMOVED_WORDS`` there; the forum's, the board's and
    officers' pages put the officer's reason in their place as long as it is kept beside
    the log (``removal_shown``); a public page shows ``removed_on``'s day, never the
    reason."""
    return f"Removed on {when.day} {when:%B %Y}: {reason}"


_NOTICE = re.compile(r"\s*(?:<p>)?Removed on (\d{1,2}) ([A-Z][a-z]+) (\d{4}): .*", re.DOTALL)


def removed_on(text) -> dt.date | None:
    """The day a record's text was removed, when ``text`` is wholly the notice that
    ``text_remove`` put in its place (``removal_notice``: plain, in one paragraph for an HTML
    field, or cut short for a disagreement's topic); else None. Public pages show "Removed
    on DATE: personal details" in the reader's language from it, never the officer's typed
    reason, which may hold the very details removed."""
    found = _NOTICE.fullmatch(str(text or ""))
    if found is None:
        return None
    day, month, year = found.groups()
    try:
        return dt.datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
    except ValueError:
        return None


_KEPT_NOTICE = re.compile(r"(\s*(?:<p>)?)(Removed on \d{1,2} [A-Z][a-z]+ \d{4}: )"
                          + re.escape(REMOVED_WORDS) + r"((?:</p>)?\s*)")


class _RemovalReasons(threading.local):
    """Every kept removal reason, read once for the request being served (``removal_reason``):
    ``by_subject`` maps a record's subject ("app.model:pk") to the reason of its latest
    ``text_removed`` entry (None when that reason was itself removed). ``in_request`` is set
    while Django serves a request (the ``request_started`` and ``request_finished``
    signals), so a task or a shell never reads a list made before a later removal."""

    in_request = False
    by_subject: dict[str, str | None] | None = None


_REMOVAL_REASONS = _RemovalReasons()


def _request_started(**kwargs) -> None:
    _REMOVAL_REASONS.in_request, _REMOVAL_REASONS.by_subject = True, None


def _request_finished(**kwargs) -> None:
    _REMOVAL_REASONS.in_request, _REMOVAL_REASONS.by_subject = False, None


request_started.connect(_request_started, dispatch_uid="charter.removal_reasons.start")
request_finished.connect(_request_finished, dispatch_uid="charter.removal_reasons.finish")


def _removal_reasons(subjects: list[str] | None) -> dict[str, str | None]:
    """The latest removal reason of each subject in ``subjects`` (every subject ever removed
    when None), in two queries: the ``text_removed`` entries, then the reasons kept beside
    them. A removal logged before reasons were kept beside the log gives its payload's."""
    entries = EvidenceEntry.objects.filter(kind=Kind.TEXT_REMOVED)
    if subjects is not None:
        entries = entries.filter(subject__in=subjects)
    latest: dict[str, tuple[int, dict]] = {}
    for pk, subject, payload_json in entries.order_by("sequence").values_list(
            "pk", "subject", "payload_json"):
        payload = json.loads(payload_json)
        if REASON_OF not in payload:  # a removal's reason taken away removes no text of it
            latest[subject] = (pk, payload)
    reasons: dict[str, str | None] = {}
    beside: dict[int, str] = {}
    for subject, (pk, payload) in latest.items():
        held = payload.get("reason")
        reasons[subject] = held if isinstance(held, str) else None
        if not isinstance(held, str):
            beside[pk] = subject
    if beside:
        for entry_id, text in EvidenceText.objects.filter(
                entry_id__in=beside, field="reason", removed_at__isnull=True
        ).values_list("entry_id", "text"):
            reasons[beside[entry_id]] = text or None
    return reasons


def removal_reason(record) -> str | None:
    """The reason an officer typed for the latest removal of ``record``'s text, read from
    beside the log (the ``text_removed`` entry's "reason"); None when there is none or it
    was itself removed (by removing the record's text again, which erases every text kept
    for it). A removal logged before reasons were kept beside the log gives its payload's.
    While a request is served, every removal's reason is read once, in two queries, however
    many removed records the page shows; elsewhere two queries per record (kept on it)."""
    if record is None or getattr(record, "pk", None) is None:
        return None
    if "_removal_reason" not in record.__dict__:
        subject = f"{record._meta.label_lower}:{record.pk}"
        if _REMOVAL_REASONS.in_request:
            if _REMOVAL_REASONS.by_subject is None:
                _REMOVAL_REASONS.by_subject = _removal_reasons(None)
            reason = _REMOVAL_REASONS.by_subject.get(subject)
        else:
            reason = _removal_reasons([subject]).get(subject)
        record.__dict__["_removal_reason"] = reason
    return record.__dict__["_removal_reason"]


def removal_shown(text, record, *, translated: bool = False):
    """``text`` (one of ``record``'s fields, or an earlier wording of it) as the forum's, the
    board's and officers' pages show it: where it is wholly the notice ``text_remove`` kept
    ("Removed on DATE: personal details", plain or in one paragraph), the officer's reason
    in place of "personal details" while it is kept beside the log (``removal_reason``);
    any other text as it is. With ``translated``, the notice is in the reader's language, its
    date too ("Usunięto 20 stycznia 2027: …" on a Polish page: officers' own screens); else
    in English as the record keeps it (the board's pages are English only). A public page
    never calls this (``removed_on``)."""
    found = _KEPT_NOTICE.fullmatch(str(text or ""))
    if found is None:
        return text
    before, notice, after = found.groups()
    reason = removal_reason(record)
    when = removed_on(notice + REMOVED_WORDS)
    if not translated or when is None:
        if not reason:
            return text
        words = notice + reason
        return before + (escape(words) if before.strip() else words) + after
    date = date_format(when, "j E Y")
    if reason:
        words = gettext("Removed on %(date)s: %(reason)s") % {"date": date, "reason": reason}
    else:
        words = gettext("Removed on %(date)s: personal details") % {"date": date}
    return before + (escape(words) if before.strip() else words) + after


@transaction.atomic
def text_remove(*, record, officer, reason: str,
                words: list[str] | None = None) -> EvidenceEntry:
    """Remove the personal text of one record (a comment, an answer, a disagreement, a
    decision note, another app's record registered with ``removable_register``) everywhere
    the portal keeps it: beside the log, in the record, and in the record's history. The
    chain still verifies (it holds only salted hashes); the record keeps "Removed on DATE:
    personal details" (``removal_notice``), which the forum's, the board's and officers'
    pages show with the reason (``removal_shown``) and public pages in the reader's
    language (or what the record's app shows); the removal itself is logged, naming the
    record, the entries whose texts went and the record's fields that changed. The reason
    may hold the very details removed ("it named Jayden"), so it is kept only beside the
    removal entry as a text (the public log holds its salted hash; the texts erased name
    the entry, ``removed_pointer``), where removing the record's text again erases it.
    Removals logged before this held the reason in the payload, and the record's fields
    held it in the notice: they stay as they are.

    With ``words`` (chosen personal details, for a record whose app registered
    ``erase_words``), only those words go, each replaced by the app's removed marker, every
    other word kept: from the record's copies and from the texts kept beside the log that
    hold them (erased whole, a salted hash cannot be kept for changed words); the entry
    counts the words chosen ("chosen_words"), never holds them.

    Raises ``PermissionDenied`` unless ``officer`` is an officer, ``ValidationError``
    without a reason or for a record that holds no removable text, and (keyed "words")
    for chosen words the record cannot lose or does not hold.
    """
    if not is_officer(officer):
        raise PermissionDenied
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Give the reason the text is removed."})
    label = record._meta.label_lower
    if label not in TEXT_FIELDS:
        raise ValidationError("This record holds no text that can be removed.")
    words = list(dict.fromkeys(" ".join(w.split()) for w in (words or []) if w.strip()))
    if words:
        return _words_remove(record=record, officer=officer, reason=reason, words=words)
    model, fields, html_fields = TEXT_FIELDS[label]
    now = timezone.now()
    notice = removal_notice(when=timezone.localdate(now))
    kept = dict(EvidenceText.objects.filter(source_model=label, source_pk=record.pk,
                                            removed_at__isnull=True)
                .values_list("pk", "entry__sequence"))
    sequences = sorted(kept.values())
    live = (model.objects.filter(pk=record.pk).values(*fields).first() or {}) if fields else {}
    changes = {name: (f"<p>{escape(notice)}</p>" if name in html_fields else notice)
               for name in fields if live.get(name)}
    if "topic" in changes:
        changes["topic"] = changes["topic"][:200]
    if changes:
        model.objects.filter(pk=record.pk).update(**changes)
        history = getattr(model, "history", None)
        if history is not None:
            # Earlier wordings in the history hold the same text: they go too.
            history.filter(id=record.pk).update(**changes)
    changed = set(changes)
    if label in ERASERS:
        changed |= set(ERASERS[label](record, when=timezone.localdate(now)))
    page = getattr(record, "page", None)
    entry = evidence_append(
        kind=Kind.TEXT_REMOVED, subject=f"{label}:{record.pk}", page=page,
        payload={"record": f"{label}:{record.pk}", "entries": sequences,
                 "fields": sorted(changed)},
        texts={"reason": reason}, source=record,
    )
    # The texts erased name the removal, not its reason: the reason lives beside that
    # entry only, so removing the record's text again erases it too.
    EvidenceText.objects.filter(pk__in=list(kept)).update(
        text="", salt="", removed_at=now, removed_reason=removed_pointer(entry),
        removed_by=officer)
    record.__dict__.pop("_removal_reason", None)
    _REMOVAL_REASONS.by_subject = None  # read again, with this removal
    return entry


def _words_remove(*, record, officer, reason: str, words: list[str]) -> EvidenceEntry:
    """``text_remove`` of chosen ``words`` only (inside its transaction): the registered
    ``erase_words`` takes them out of the record's copies; the texts kept beside the log that
    held them are erased whole and name the removal's entry, beside which the reason is
    kept."""
    label = record._meta.label_lower
    if label not in WORD_ERASERS:
        raise ValidationError({"words": "Only the whole text of this record can be removed."})
    texts = list(EvidenceText.objects.filter(source_model=label, source_pk=record.pk,
                                             removed_at__isnull=True).select_related("entry"))
    changed, held = WORD_ERASERS[label](record, words=words, kept=texts)
    now = timezone.now()
    entry = evidence_append(
        kind=Kind.TEXT_REMOVED, subject=f"{label}:{record.pk}",
        page=getattr(record, "page", None),
        payload={"record": f"{label}:{record.pk}",
                 "entries": sorted({t.entry.sequence for t in held}),
                 "fields": sorted(changed), "chosen_words": len(words)},
        texts={"reason": reason}, source=record,
    )
    EvidenceText.objects.filter(pk__in=[t.pk for t in held]).update(
        text="", salt="", removed_at=now, removed_reason=removed_pointer(entry),
        removed_by=officer)
    record.__dict__.pop("_removal_reason", None)
    _REMOVAL_REASONS.by_subject = None  # read again, with this removal
    return entry


#: The payload key of a ``text_removed`` entry that took away only the typed reason of an
#: earlier removal (``removal_reason_remove``): that removal's sequence number.
REASON_OF = "reason_of"


@transaction.atomic
def removal_reason_remove(*, entry: EvidenceEntry, officer) -> EvidenceEntry:
    """Take away only the reason an officer typed for the removal ``entry`` (a
    ``text_removed`` entry), when the reason itself holds personal details ("it named
    Jayden"): the reason kept beside that entry is emptied, as a removed text is (the log
    still verifies: the entry holds only its salted hash), and one ``text_removed`` entry
    says so, naming the removal (``REASON_OF``) and holding no text. The removed record
    keeps "Removed on DATE: personal details", which the forum's, the board's and officers'
    pages then show as it is (``removal_shown``).

    Raises ``PermissionDenied`` unless ``officer`` is an officer, ``ValidationError`` when
    ``entry`` is not a removal or no reason is kept beside it (taken away already, or a
    removal logged before reasons were kept beside the log, whose reason is in the log
    itself and stays)."""
    if not is_officer(officer):
        raise PermissionDenied
    if entry.kind != Kind.TEXT_REMOVED:
        raise ValidationError("This entry is not a removal of personal details.")
    kept = list(EvidenceText.objects.select_for_update()
                .filter(entry=entry, field="reason", removed_at__isnull=True)
                .exclude(text="").values_list("pk", flat=True))
    if not kept:
        raise ValidationError("No reason is kept beside this removal: it was taken away "
                              "already, or it is in the log itself.")
    payload = json.loads(entry.payload_json)
    logged = evidence_append(
        kind=Kind.TEXT_REMOVED, subject=entry.subject, page=entry.page,
        payload={"record": payload.get("record", entry.subject), "entries": [entry.sequence],
                 "fields": [], REASON_OF: entry.sequence,
                 "summary": "The reason typed for a removal of personal details was "
                            "removed"})
    EvidenceText.objects.filter(pk__in=kept).update(
        text="", salt="", removed_at=timezone.now(), removed_reason=removed_pointer(logged),
        removed_by=officer)
    _REMOVAL_REASONS.by_subject = None  # read again, without this reason
    return logged


def removals_listed(*, entry: EvidenceEntry | None = None) -> list[dict]:
    """Every removal of personal details (``text_removed`` entries, newest first, without
    the entries that took a reason away; only ``entry`` when given), each as
    ``{"entry", "record", "reason", "state"}``: ``reason`` is the typed reason while it is
    kept beside the log, else ""; ``state`` is "kept", "removed" (taken away: by
    ``removal_reason_remove`` or by removing the record's text again) or "in_log" (logged
    before reasons were kept beside the log); and ``name``, ``url`` and ``readers``
    (``_name_records``). Two queries, and one or two for each kind of record listed."""
    entries = EvidenceEntry.objects.filter(kind=Kind.TEXT_REMOVED)
    texts = EvidenceText.objects.filter(entry__kind=Kind.TEXT_REMOVED, field="reason")
    if entry is not None:
        entries, texts = entries.filter(pk=entry.pk), texts.filter(entry_id=entry.pk)
    texts = {entry_id: (text, removed_at) for entry_id, text, removed_at in
             texts.values_list("entry_id", "text", "removed_at")}
    rows = []
    for entry in entries.order_by("-sequence").only("pk", "sequence", "subject", "recorded_at",
                                                      "payload_json"):
        payload = json.loads(entry.payload_json)
        if REASON_OF in payload:
            continue
        if entry.pk in texts:
            text, removed_at = texts[entry.pk]
            state = "kept" if removed_at is None and text else "removed"
            reason = text if state == "kept" else ""
        else:
            held = payload.get("reason")
            state, reason = ("in_log", held) if isinstance(held, str) else ("removed", "")
        rows.append({"entry": entry, "record": payload.get("record", entry.subject),
                     "reason": reason, "state": state})
    _name_records(rows)
    return rows


#: How the removals list names a removed record of an app above the charter
#: (``removal_names_register``): model label -> names(pks) -> {pk: (name, address)}.
REMOVAL_NAMES: dict[str, Callable[[list[int]], dict[int, tuple[str, str]]]] = {}
#: The model labels whose removal reasons only officers and the board read (everyone else
#: reads "Removed on DATE: personal details").
STAFF_ONLY_REASONS: set[str] = set()


def removal_names_register(label: str, names: Callable[[list[int]], dict[int, tuple[str, str]]],
                           *, staff_only: bool = True) -> None:
    """Let the removals list name the records of ``label`` ("app.model") in plain words with
    a link where officers see them: ``names(pks)`` returns {pk: (name, address)} for those
    that still exist, in a fixed number of queries however many. ``staff_only``: their
    removals' reasons are read by officers and the board only. Called from an app's
    ``ready()``; the charter imports nothing of that app."""
    REMOVAL_NAMES[label] = names
    if staff_only:
        STAFF_ONLY_REASONS.add(label)


def _page_titles(page_ids) -> dict[int, str]:
    return dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "title"))


def _comment_names(pks):
    return {c.pk: (gettext("Forum comment on “%(title)s”") % {"title": c.page.title},
                   reverse("charter_page_comments", args=[c.page_id]))
            for c in ForumComment.objects.filter(pk__in=pks).select_related("page")}


def _answer_names(pks):
    return {a.pk: (gettext("Answer to a forum comment on “%(title)s”") % {
                "title": a.comment.page.title},
                   reverse("charter_page_comments", args=[a.comment.page_id]))
            for a in CommentAnswer.objects.filter(pk__in=pks).select_related("comment__page")}


def _disagreement_names(pks):
    return {d.pk: (gettext("Disagreement on “%(title)s”") % {"title": d.page.title},
                   reverse("forum_disagreement", args=[d.pk]))
            for d in Disagreement.objects.filter(pk__in=pks).select_related("page")}


def _decision_names(pks):
    pages = dict(ForumReviewTaskState.objects.filter(pk__in=pks)
                 .values_list("pk", "workflow_state__object_id"))
    titles = _page_titles({int(p) for p in pages.values()})
    return {pk: (gettext("Forum decision on “%(title)s”") % {"title": titles[int(page)]},
                 reverse("charter_page_comments", args=[int(page)]))
            for pk, page in pages.items() if int(page) in titles}


_CHARTER_NAMES = {"charter.forumcomment": _comment_names, "charter.commentanswer": _answer_names,
                  "charter.disagreement": _disagreement_names,
                  "charter.forumreviewtaskstate": _decision_names}


def _name_records(rows: list[dict]) -> None:
    """Each row's ``name`` (the record in plain words, or its label when it is gone or
    unknown), ``url`` (where officers see it, or "") and ``readers`` (who reads the reason
    while it is kept): one or two queries for each kind of record listed."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        label, _sep, pk = str(row["record"]).partition(":")
        if pk.isdigit():
            wanted.setdefault(label, set()).add(int(pk))
    named: dict[str, dict[int, tuple[str, str]]] = {}
    for label, pks in wanted.items():
        names = _CHARTER_NAMES.get(label) or REMOVAL_NAMES.get(label)
        named[label] = names(sorted(pks)) if names else {}
    for row in rows:
        label, _sep, pk = str(row["record"]).partition(":")
        found = named.get(label, {}).get(int(pk)) if pk.isdigit() else None
        row["name"], row["url"] = found or (
            gettext("%(record)s (no longer kept)") % {"record": row["record"]}, "")
        row["readers"] = (gettext("Officers and the board") if label in STAFF_ONLY_REASONS
                          else gettext("Officers, the forum and the board"))


def removed_pointer(entry: EvidenceEntry) -> str:
    """What an erased text keeps as its "reason" (the verifier names it): the words
    ``REMOVED_WORDS`` and the removal's entry, beside which the officer's typed reason is
    kept (where it can itself be removed), never the reason itself."""
    return f"{REMOVED_WORDS} (removal: entry {entry.sequence})"
