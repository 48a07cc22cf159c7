#!/usr/bin/env python3
"""Check a downloaded copy of the portal's evidence log on your own computer.

    python verify_record.py record.jsonl
    python verify_record.py record.jsonl --checkpoint 3f9a2c41d0e8
    python verify_record.py record.jsonl --checkpoint 112:3f9a2c41d0e8 --public-key "1a2b 3c4d ..."
    python verify_record.py record.jsonl --receipt receipt.json
    python verify_record.py --receipt receipt.json --public-key "1a2b 3c4d ..."

It needs Python 3.11 or later and the ``cryptography`` package (``pip install cryptography``),
nothing from the portal, and no network. It reads the record line by line, so a log of
a hundred thousand entries takes a few seconds and little memory.

What it checks, and says in plain words:

* every entry still matches its own hash, and points to the entry before it (the chain);
* every signed checkpoint in the file carries a good signature from the portal's key
  (give the key, or its fingerprint, from the board's minutes with ``--public-key``;
  otherwise the key written in the file is used and the tool tells you so);
* at every checkpoint, the log still has the entry count and head hash that were signed:
  if entries were removed from the end, or a stretch was rewritten and its hashes
  recomputed, the signed checkpoint no longer matches, and the tool says which;
* a checkpoint the board wrote down (``--checkpoint HASH`` or ``COUNT:HASH``) is in the log;
* a receipt (``--receipt FILE``) names an entry that is in the log with the same hash, and
  that a signed checkpoint covers; a receipt carrying an inclusion proof is also checked
  against the signed checkpoint's tree root (RFC 9162 audit path), which needs no copy of
  the log at all: ``python verify_record.py --receipt receipt.json --public-key KEY``;
* at every checkpoint that signs a tree root, the log's Merkle tree (RFC 9162, over the
  entries' hashes) still has that root;
* each text kept beside an entry (the board's copy) still matches the salted hash the chain
  holds, and a removed text is named with the date and reason it was removed.

The file format (JSON Lines, one object a line): a ``header`` line; ``checkpoint`` lines;
``entry`` lines in order. Each entry's hash is SHA-256 over its fields joined by newlines
(version 2 entries start with the label ``evidence/v2``); see ``entry_hash`` below. The
tree root is RFC 9162's Merkle Tree Hash whose leaves are the entries' hashes (32 bytes
each), in order; see ``merkle_root`` and ``verify_inclusion``.
Exit status: 0 when nothing is wrong, 1 when something is, 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

FORMAT = "send-travel-evidence-log/1"
GENESIS_HASH = "0" * 64
CHECKPOINT_TITLE = "SEND travel portal evidence log checkpoint"
MAX_PROBLEMS_LISTED = 20


# --- hashes -------------------------------------------------------------------------


def entry_hash(*, version: int, sequence: int, kind: str, subject: str, recorded_at: str,
               payload_json: str, previous_hash: str) -> str:
    """SHA-256 (hex) of one entry's fields joined by newlines.

    Version 1 (entries made before checkpoints existed) has no label; version 2 starts with
    ``evidence/v2`` so an entry of one version can never pass as the other.
    """
    parts = [str(sequence), kind, subject, recorded_at, payload_json, previous_hash]
    if version == 2:
        parts.insert(0, "evidence/v2")
    elif version != 1:
        raise ValueError(f"unknown hash version {version}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def text_hash(salt: str, text: str) -> str:
    """The salted hash the chain holds for a text kept beside it (SHA-256, hex)."""
    return hashlib.sha256(f"evidence-text/v1\n{salt}\n{text}".encode()).hexdigest()


# --- the Merkle tree over the log (RFC 9162, section 2.1) -----------------------------


def merkle_leaf(entry_hash_hex: str) -> bytes:
    """The tree's leaf for one entry: SHA-256(0x00 || the entry's 32-byte hash).
    Raises ``ValueError`` for a hash that is not 64 hex digits."""
    raw = bytes.fromhex(entry_hash_hex)
    if len(raw) != 32:
        raise ValueError("an entry hash is 64 hex digits")
    return hashlib.sha256(b"\x00" + raw).digest()


def merkle_node(left: bytes, right: bytes) -> bytes:
    """An inner node: SHA-256(0x01 || left || right) (RFC 9162 2.1.1)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


class MerkleTree:
    """The log's Merkle Tree Hash, built one entry at a time in O(log n) memory: the roots
    of the complete subtrees so far, largest first (RFC 9162 2.1.1's MTH, computed the
    way a log appends)."""

    def __init__(self) -> None:
        self.size = 0
        self._stack: list[tuple[int, bytes]] = []  # (leaves under it, hash)

    def append(self, entry_hash_hex: str) -> None:
        node = (1, merkle_leaf(entry_hash_hex))
        while self._stack and self._stack[-1][0] == node[0]:
            size, left = self._stack.pop()
            node = (size * 2, merkle_node(left, node[1]))
        self._stack.append(node)
        self.size += 1

    def root(self) -> str:
        """MTH of the entries so far, hex (SHA-256 of nothing for an empty log)."""
        if not self._stack:
            return hashlib.sha256(b"").hexdigest()
        digest = self._stack[-1][1]
        for _size, left in reversed(self._stack[:-1]):
            digest = merkle_node(left, digest)
        return digest.hex()


def merkle_root(entry_hashes: Iterable[str]) -> str:
    """RFC 9162 Merkle Tree Hash (hex) of the entries' hashes, in order."""
    tree = MerkleTree()
    for digest in entry_hashes:
        tree.append(digest)
    return tree.root()


def verify_inclusion(*, leaf_index: int, tree_size: int, entry_hash_hex: str,
                     audit_path: list[str], root_hex: str) -> bool:
    """True when ``audit_path`` (hex, RFC 9162 2.1.3.1 PATH order) proves the entry with
    this hash is leaf ``leaf_index`` (0-based: entry number minus one) of the tree of
    ``tree_size`` leaves whose root is ``root_hex``. The algorithm is RFC 9162 2.1.3.2."""
    if not 0 <= leaf_index < tree_size:
        return False
    try:
        digest = merkle_leaf(entry_hash_hex)
        path = [bytes.fromhex(p) for p in audit_path]
    except ValueError:
        return False
    fn, sn = leaf_index, tree_size - 1
    for sibling in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            digest = merkle_node(sibling, digest)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            digest = merkle_node(digest, sibling)
        fn >>= 1
        sn >>= 1
    return sn == 0 and digest.hex() == root_hex.lower()


# --- checkpoints and keys -------------------------------------------------------------


def checkpoint_note(*, origin: str, count: int, head_hash: str, made_at: str,
                    tree_root: str = "") -> str:
    """The exact text a checkpoint's Ed25519 signature covers. Checkpoints made before the
    log had a Merkle tree have no ``tree:`` line; every later one signs its tree root."""
    note = (f"{CHECKPOINT_TITLE}\norigin: {origin}\nentries: {count}\nhead: {head_hash}\n"
            f"time: {made_at}\n")
    return note + (f"tree: {tree_root}\n" if tree_root else "")


def key_fingerprint(public_key_b64: str) -> str:
    """A key's fingerprint as the board writes it down: 32 hex digits in groups of four."""
    raw = base64.b64decode(public_key_b64)
    digest = hashlib.sha256(raw).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def _plain_hex(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch in "0123456789abcdef")


@dataclass(frozen=True)
class Checkpoint:
    """A signed statement: the log had ``count`` entries ending in ``head_hash`` at ``made_at``."""

    count: int
    head_hash: str
    made_at: str
    origin: str
    public_key: str  # base64 of the raw 32-byte Ed25519 public key
    signature: str  # base64
    reason: str = ""
    kept_in: str = ""  # where the copy came from: "database", "file store"
    tree_root: str = ""  # RFC 9162 root of the first ``count`` entries (hex); "" before trees

    def note(self) -> str:
        return checkpoint_note(origin=self.origin, count=self.count, head_hash=self.head_hash,
                               made_at=self.made_at, tree_root=self.tree_root)

    def signed_by(self, public_key_b64: str) -> bool:
        try:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))
            key.verify(base64.b64decode(self.signature), self.note().encode("utf-8"))
        except (InvalidSignature, ValueError, binascii.Error):
            return False
        return True

    def label(self) -> str:
        return f"the checkpoint of {_day(self.made_at)}"

    @classmethod
    def from_json(cls, data: dict) -> Checkpoint:
        return cls(count=int(data["count"]), head_hash=str(data["head_hash"]),
                   made_at=str(data["made_at"]), origin=str(data.get("origin", "")),
                   public_key=str(data.get("public_key", "")),
                   signature=str(data.get("signature", "")), reason=str(data.get("reason", "")),
                   kept_in=str(data.get("kept_in", "")),
                   tree_root=str(data.get("tree_root", "") or ""))

    def as_json(self) -> dict:
        data = {"type": "checkpoint", "count": self.count, "head_hash": self.head_hash,
                "made_at": self.made_at, "origin": self.origin, "public_key": self.public_key,
                "signature": self.signature, "reason": self.reason, "kept_in": self.kept_in}
        if self.tree_root:
            data["tree_root"] = self.tree_root
        return data


def _day(iso: str) -> str:
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{when.day} {when:%B %Y, %H:%M} UTC" if when.utcoffset() == dt.timedelta(0) \
        else f"{when.day} {when:%B %Y, %H:%M}"


# --- entries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One entry of the log as it is downloaded (and as verify_evidence reads it)."""

    sequence: int
    kind: str
    subject: str
    recorded_at: str
    payload_json: str
    previous_hash: str
    entry_hash: str
    version: int = 1
    texts: dict | None = None  # field -> {"salt", "text"} or {"removed", "reason"}

    def computed_hash(self) -> str:
        return entry_hash(version=self.version, sequence=self.sequence, kind=self.kind,
                          subject=self.subject, recorded_at=self.recorded_at,
                          payload_json=self.payload_json, previous_hash=self.previous_hash)

    @classmethod
    def from_json(cls, data: dict) -> Entry:
        return cls(sequence=int(data["sequence"]), kind=str(data["kind"]),
                   subject=str(data["subject"]), recorded_at=str(data["recorded_at"]),
                   payload_json=str(data["payload"]), previous_hash=str(data["previous_hash"]),
                   entry_hash=str(data["entry_hash"]), version=int(data.get("version", 1)),
                   texts=data.get("texts"))


# --- the audit --------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardCheckpoint:
    """A checkpoint as written in the minutes: a head hash (or its first 8+ digits), and
    optionally the entry count."""

    hash_prefix: str
    count: int | None = None

    @classmethod
    def parse(cls, text: str) -> BoardCheckpoint:
        count = None
        if ":" in text:
            count_text, text = text.split(":", 1)
            count = int(count_text.replace(",", "").strip())
        prefix = _plain_hex(text)
        if len(prefix) < 8:
            raise ValueError("give at least the first 8 characters of the head hash")
        return cls(prefix, count)

    def matches(self, entry: Entry) -> bool:
        return (self.count is None or entry.sequence == self.count) and \
            entry.entry_hash.startswith(self.hash_prefix)


@dataclass(frozen=True)
class InclusionProof:
    """RFC 9162 audit path showing one entry is leaf ``leaf_index`` of the tree of
    ``tree_size`` entries whose root ``checkpoint`` signs."""

    leaf_index: int
    tree_size: int
    audit_path: tuple[str, ...]
    checkpoint: Checkpoint

    @classmethod
    def from_json(cls, data: dict) -> InclusionProof:
        return cls(int(data["leaf_index"]), int(data["tree_size"]),
                   tuple(str(h) for h in data["audit_path"]),
                   Checkpoint.from_json(data["checkpoint"]))


@dataclass(frozen=True)
class Receipt:
    """What the author of an entry keeps: its number and hash, and (receipts made since
    checkpoints sign a tree root) an inclusion proof against a signed checkpoint."""

    sequence: int
    entry_hash: str
    proof: InclusionProof | None = None

    @classmethod
    def from_json(cls, data: dict) -> Receipt:
        proof = data.get("inclusion_proof")
        return cls(int(data["sequence"]), str(data["entry_hash"]),
                   InclusionProof.from_json(proof) if proof else None)


def check_inclusion(receipt: Receipt, trusted_key: str | None, result: Audit) -> None:
    """Check a receipt's inclusion proof on its own (no copy of the log needed): the
    checkpoint in it must be signed with ``trusted_key`` and sign a tree root, and the
    audit path must lead from the entry's hash to that root. Adds what it found to
    ``result``; a receipt without a proof adds nothing."""
    proof = receipt.proof
    if proof is None:
        return
    cp = proof.checkpoint
    number = f"{receipt.sequence:,}"
    if trusted_key is None or not cp.signed_by(trusted_key):
        result.receipt_problem(
            f"The receipt for entry {number} rests on a checkpoint ({cp.count:,} entries) "
            "that was not signed with the portal's key: its proof cannot be trusted.")
    elif not cp.tree_root:
        result.receipt_problem(
            f"The receipt for entry {number} has an inclusion proof, but its checkpoint "
            "signs no tree root.")
    elif proof.tree_size != cp.count or proof.leaf_index != receipt.sequence - 1:
        result.receipt_problem(
            f"The receipt for entry {number} has an inclusion proof for another position or "
            f"log size (entry {proof.leaf_index + 1:,} of {proof.tree_size:,}) than it "
            "claims.")
    elif verify_inclusion(leaf_index=proof.leaf_index, tree_size=proof.tree_size,
                          entry_hash_hex=receipt.entry_hash, audit_path=list(proof.audit_path),
                          root_hex=cp.tree_root):
        result.checked.append(
            f"the receipt for entry {number} ({_short(receipt.entry_hash)}) is in the log "
            f"as {cp.label()} signed it: its inclusion proof ({len(proof.audit_path)} hashes) "
            f"leads to the signed tree root {_short(cp.tree_root)} of {cp.count:,} entries")
    else:
        result.receipt_problem(
            f"The receipt for entry {number} ({_short(receipt.entry_hash)}) is not in the "
            f"log as {cp.label()} signed it: its inclusion proof does not lead to the signed "
            f"tree root {_short(cp.tree_root)}.")


@dataclass
class Audit:
    """What was checked and what was found. ``problems`` empty means nothing is wrong."""

    entries: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    more_problems: int = 0
    latest_checkpoint: Checkpoint | None = None
    bad_entries: int = 0
    texts_matched: int = 0
    texts_removed: int = 0
    tree_roots_checked: int = 0
    #: Receipts that do not match: a fault of the receipt (changed, copied wrongly, from
    #: another site) unless the log's own problems say otherwise.
    receipt_problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """The log itself: nothing changed or removed since it was signed."""
        return not self.problems

    @property
    def all_clear(self) -> bool:
        """The log is intact and every receipt given matches it."""
        return self.intact and not self.receipt_problems

    def receipt_problem(self, text: str) -> None:
        self.receipt_problems.append(text)

    @property
    def count(self) -> int:
        return self.entries

    def problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(text)
        else:
            self.more_problems += 1

    def summary(self) -> str:
        if self.intact:
            return f"{self.entries:,} entries, intact"
        return f"{self.entries:,} entries checked; {self.problems[0]}"

    def report(self) -> str:
        lines = ["What was checked:"] + [f"  - {c}" for c in self.checked]
        if self.notes:
            lines += ["", "Notes:"] + [f"  - {n}" for n in self.notes]
        if self.intact and not self.receipt_problems:
            lines += ["", f"Result: nothing wrong found. The log has {self.entries:,} entries "
                          "and nothing in it has been changed or removed since it was signed."]
        elif self.intact:
            lines += ["", f"The log has {self.entries:,} entries and nothing in it has been "
                          "changed or removed since it was signed."]
        else:
            lines += ["", "PROBLEMS FOUND:"] + [f"  - {p}" for p in self.problems]
            if self.more_problems:
                lines.append(f"  - and {self.more_problems:,} more of the same kind.")
            lines += ["", "Result: the log has been altered. Tell the monitoring officer and "
                          "keep this output."]
        if self.receipt_problems:
            lines += ["", "RECEIPTS THAT DO NOT MATCH:"] + [
                f"  - {p}" for p in self.receipt_problems]
            if self.intact:
                lines += ["", "Result: the log itself checks out, but the receipts above do "
                              "not match it. A receipt may have been changed or copied "
                              "wrongly, or come from another site: ask for it again from "
                              "the portal and keep this output."]
        return "\n".join(lines)


def _short(digest: str) -> str:
    return digest[:12]


def audit(entries: Iterable[Entry], checkpoints: Iterable[Checkpoint], *,
          trusted_key: str | None = None, key_source: str = "",
          board_checkpoint: BoardCheckpoint | None = None,
          receipts: Iterable[Receipt] = ()) -> Audit:
    """Walk the log once against every checkpoint, and say what was found.

    ``trusted_key`` is the base64 public key checkpoints must be signed with (from the
    board's minutes or the portal's settings); ``key_source`` says where it came from.
    Memory grows with the number of checkpoints and receipts, not entries.
    """
    result = Audit()
    receipts = {r.sequence: r for r in receipts}
    for receipt in receipts.values():
        check_inclusion(receipt, trusted_key, result)
    tree = MerkleTree()
    good: dict[int, list[Checkpoint]] = {}
    seen = set()
    for cp in checkpoints:
        # The same checkpoint kept in two places is counted once; a copy that differs
        # (an altered row beside an untouched file) is checked on its own.
        same = (cp.count, cp.head_hash, cp.made_at, cp.origin, cp.signature)
        if same in seen:
            continue
        seen.add(same)
        where = f" (kept in the {cp.kept_in})" if cp.kept_in else ""
        if trusted_key is None or not cp.signed_by(trusted_key):
            result.problem(
                f"The{cp.label()[3:]}{where}, for {cp.count:,} entries ending in "
                f"{_short(cp.head_hash)}, has a bad signature: it was not signed with the "
                "portal's key, so it may be forged. It was not used.")
            continue
        good.setdefault(cp.count, []).append(cp)
        latest = result.latest_checkpoint
        if latest is None or (cp.count, cp.made_at) > (latest.count, latest.made_at):
            result.latest_checkpoint = cp
    signed = sum(len(v) for v in good.values())
    result.checked.append(
        f"{signed:,} signed checkpoint{'s' if signed != 1 else ''} with a good signature "
        f"({key_source or 'key given'})")

    previous = GENESIS_HASH
    expected = 1
    last_matching_checkpoint = 0  # entry count of the last checkpoint the log still matches
    stretch_broken_since = 0  # first entry after which a change or gap was found
    for entry in entries:
        if entry.sequence != expected:
            if entry.sequence > expected:
                result.problem(
                    f"Entries {expected:,} to {entry.sequence - 1:,} are missing: entry "
                    f"{entry.sequence:,} follows entry {expected - 1:,}."
                    if entry.sequence - 1 > expected else
                    f"Entry {expected:,} is missing: entry {entry.sequence:,} follows entry "
                    f"{expected - 1:,}.")
            else:
                result.problem(f"Entry {entry.sequence:,} appears again after entry "
                               f"{expected - 1:,}: the entries are out of order.")
            stretch_broken_since = stretch_broken_since or expected
        try:
            own = entry.computed_hash()
        except ValueError:
            own = ""
        if own != entry.entry_hash:
            result.bad_entries += 1
            result.problem(f"Entry {entry.sequence:,} ({entry.kind}, {entry.recorded_at[:10]}) "
                           "has been changed: its contents no longer match its hash.")
            stretch_broken_since = stretch_broken_since or entry.sequence
        elif entry.previous_hash != previous and entry.sequence == expected:
            result.problem(f"Entry {entry.sequence:,} does not point to entry "
                           f"{entry.sequence - 1:,}: an entry was changed, removed or put "
                           "in between.")
            stretch_broken_since = stretch_broken_since or entry.sequence
        _check_texts(entry, result)
        try:
            tree.append(entry.entry_hash)
        except ValueError:
            tree.append(GENESIS_HASH)  # a malformed hash is named above; keep the positions
        for cp in good.get(entry.sequence, ()):
            if entry.entry_hash == cp.head_hash:
                last_matching_checkpoint = entry.sequence
                stretch_broken_since = 0
                if cp.tree_root:
                    result.tree_roots_checked += 1
                    if tree.root() != cp.tree_root:
                        result.problem(
                            f"The tree root signed at {cp.label()} ({_short(cp.tree_root)}) "
                            f"does not match the log's first {cp.count:,} entries (their tree "
                            f"root is {_short(tree.root())}): entries were reordered, or the "
                            "checkpoint was signed over a different log.")
                continue
            if stretch_broken_since:
                result.problem(
                    f"The log no longer matches {cp.label()}: entry {entry.sequence:,} had the "
                    f"hash {_short(cp.head_hash)} when it was signed and now has "
                    f"{_short(entry.entry_hash)} (because of the change named above).")
            else:
                result.problem(
                    f"A stretch of the log has been rewritten: entries "
                    f"{last_matching_checkpoint + 1:,} to {entry.sequence:,} no longer match "
                    f"{cp.label()} (entry {entry.sequence:,} was {_short(cp.head_hash)} when "
                    f"signed, now {_short(entry.entry_hash)}), although each entry matches "
                    "its own hash: the hashes were recomputed after a change.")
        if board_checkpoint and board_checkpoint.matches(entry):
            result.checked.append(
                f"the checkpoint you gave ({_short(entry.entry_hash)}) is entry "
                f"{entry.sequence:,} of the log"
                + (", and every entry up to it is intact" if result.intact
                   else ", but the log has problems before it (see below)"))
            board_checkpoint = None
        receipt = receipts.pop(entry.sequence, None)
        if receipt is not None:
            if receipt.entry_hash == entry.entry_hash:
                result.notes.append(f"Receipt for entry {entry.sequence:,} "
                                    f"({_short(receipt.entry_hash)}): it is in the log.")
                receipts[-entry.sequence] = receipt  # covered-by-checkpoint check below
            else:
                result.receipt_problem(
                    f"The receipt for entry {entry.sequence:,} says its hash was "
                               f"{_short(receipt.entry_hash)}; the log now has "
                               f"{_short(entry.entry_hash)} there.")
        previous = entry.entry_hash
        expected = max(expected, entry.sequence) + 1
        result.entries += 1
        result.head_hash = entry.entry_hash

    count = expected - 1
    result.checked.insert(0, f"{result.entries:,} entries, each against its own hash and the "
                             "entry before it")
    for cp_count in sorted(c for c in good if c > count):
        for cp in good[cp_count]:
            result.problem(f"Entries have been removed from the end: the log had "
                           f"{cp.count:,} entries at {cp.label()}; it now has {count:,}.")
    for key, receipt in sorted(receipts.items()):
        if key > 0:
            result.receipt_problem(f"The receipt for entry {receipt.sequence:,} "
                           f"({_short(receipt.entry_hash)}) is not in the log: the log has "
                           f"{count:,} entries.")
            continue
        covering = [c for c in good if c >= receipt.sequence and c <= count]
        if covering:
            cp = good[min(covering)][0]
            result.checked.append(
                f"the receipt for entry {receipt.sequence:,} is in the log, covered by "
                f"{cp.label()} ({cp.count:,} entries)")
        else:
            result.notes.append(f"The receipt for entry {receipt.sequence:,} is in the log, "
                                "but no signed checkpoint covers it yet; check again after the "
                                "next checkpoint (at least daily).")
    if board_checkpoint is not None:
        result.problem(
            f"The checkpoint you gave ({board_checkpoint.hash_prefix[:12]}"
            + (f", entry {board_checkpoint.count:,}" if board_checkpoint.count else "")
            + ") is not in the log: the log has been rewritten or cut before that point, "
              "or the hash was copied wrongly.")
    latest = result.latest_checkpoint
    if latest is not None and latest.count < count:
        result.notes.append(f"{count - latest.count:,} entries were added after the latest "
                            f"checkpoint ({latest.label()}); the chain alone vouches for them "
                            "until the next one.")
    if latest is None and count:
        result.notes.append("No signed checkpoint was found, so entries removed from the end, "
                            "or a rewritten log with recomputed hashes, could not be detected.")
    if result.tree_roots_checked:
        result.checked.append(
            f"the Merkle tree root signed at {result.tree_roots_checked:,} checkpoint"
            f"{'s' if result.tree_roots_checked != 1 else ''} against the entries")
    if result.texts_matched or result.texts_removed:
        result.checked.append(f"{result.texts_matched:,} texts kept beside the log match the "
                              "salted hash in the chain")
    return result


def _check_texts(entry: Entry, result: Audit) -> None:
    if not entry.texts:
        return
    try:
        payload = json.loads(entry.payload_json)
    except json.JSONDecodeError:
        return
    for name, kept in sorted(entry.texts.items()):
        held = payload.get(name)
        digest = held.get("text_sha256") if isinstance(held, dict) else None
        if digest is None:
            result.problem(f"Entry {entry.sequence:,} has a text '{name}' beside it that the "
                           "chain holds no hash for.")
            continue
        if "removed" in kept:
            result.texts_removed += 1
            result.notes.append(f"Entry {entry.sequence:,}: the text '{name}' was removed on "
                                f"{kept['removed']}: {kept.get('reason', '')}")
        elif text_hash(str(kept.get("salt", "")), str(kept.get("text", ""))) == digest:
            result.texts_matched += 1
        else:
            result.problem(f"The text '{name}' of entry {entry.sequence:,} has been changed: "
                           "it no longer matches the salted hash in the chain.")


# --- reading a record file ------------------------------------------------------------------


@dataclass
class RecordFile:
    header: dict
    checkpoints: list[Checkpoint]
    entries: Iterator[Entry]


def read_record(lines: Iterable[str]) -> RecordFile:
    """Read a record file: header first, then checkpoints, then entries (streamed)."""
    lines = iter(lines)
    header: dict = {}
    checkpoints: list[Checkpoint] = []
    pending: dict | None = None
    for raw in lines:
        if not raw.strip():
            continue
        data = json.loads(raw)
        kind = data.get("type")
        if kind == "header":
            header = data
        elif kind == "checkpoint":
            checkpoints.append(Checkpoint.from_json(data))
        else:
            pending = data
            break

    def entries() -> Iterator[Entry]:
        if pending is not None and pending.get("type") == "entry":
            yield Entry.from_json(pending)
        for raw in lines:
            if raw.strip():
                data = json.loads(raw)
                if data.get("type") == "entry":
                    yield Entry.from_json(data)

    return RecordFile(header, checkpoints, entries())


def resolve_key(given: str | None, header: dict) -> tuple[str | None, str]:
    """The key to trust, and in words where it came from. ``given`` may be the base64 key
    or its fingerprint (which must then match the key written in the file)."""
    in_file = header.get("public_key") or None
    if not given:
        if in_file is None:
            return None, "no key given and none in the file"
        return in_file, (f"the key written in the file, fingerprint {key_fingerprint(in_file)}: "
                         "compare it with the fingerprint in the board's minutes")
    try:
        raw = base64.b64decode(given, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) == 32:
        return given, f"the key you gave, fingerprint {key_fingerprint(given)}"
    wanted = _plain_hex(given)
    if in_file and _plain_hex(key_fingerprint(in_file)).startswith(wanted) and len(wanted) >= 16:
        return in_file, "the key in the file, whose fingerprint matches the one you gave"
    return None, "the key or fingerprint you gave does not match the key in the file"


def check_receipts_only(receipts: list[Receipt], given_key: str | None) -> tuple[Audit, str]:
    """Check receipts' inclusion proofs without a copy of the log. The key is the one given
    (base64, or a fingerprint matching the key in the receipt's checkpoint); without one,
    the key in the receipt is used and the tool says so. Returns the audit and where the
    key came from."""
    in_receipt = next((r.proof.checkpoint.public_key for r in receipts if r.proof), None)
    result = Audit()
    if in_receipt is None:
        source = "no key needed yet: no receipt is covered by a signed checkpoint"
    else:
        key, source = resolve_key(given_key, {"public_key": in_receipt})
        source = source.replace("written in the file", "written in the receipt").replace(
            "key in the file", "key in the receipt")
    for receipt in receipts:
        if receipt.proof is None:
            # A new entry: the portal signs a checkpoint on every publish and at least daily.
            result.notes.append(
                f"The receipt for entry {receipt.sequence:,} is not yet covered by a signed "
                "checkpoint, so it carries no proof yet. Download it again after the next "
                "checkpoint (at least daily), or check it against a downloaded copy of the "
                "log.")
            continue
        check_inclusion(receipt, key, result)
    result.checked.insert(0, f"{len(receipts):,} receipt{'s' if len(receipts) != 1 else ''} "
                             f"against its signed checkpoint ({source})")
    return result, source


def _receipts_report(result: Audit) -> str:
    lines = ["What was checked:"] + [f"  - {c}" for c in result.checked]
    if result.notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in result.notes]
    problems = result.problems + result.receipt_problems
    if problems:
        lines += ["", "RECEIPTS THAT DO NOT MATCH:"] + [f"  - {p}" for p in problems]
        lines += ["", "Result: a receipt could not be confirmed. It may have been changed or "
                      "copied wrongly: ask the portal for it again. If a fresh copy also "
                      "fails, tell the monitoring officer and keep this output."]
    elif any(r for r in result.checked[1:]):
        lines += ["", "Result: nothing wrong found. Each receipt's entry is in the log the "
                      "portal signed."]
    else:
        lines += ["", "Result: nothing to confirm yet (see the notes)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check a downloaded copy of the portal's evidence log.")
    parser.add_argument("record", nargs="?",
                        help="the record file (record.jsonl) downloaded from the portal; "
                        "leave it out to check receipts on their own")
    parser.add_argument("--checkpoint", help="a head hash from the minutes (at least 8 "
                        "characters), or COUNT:HASH")
    parser.add_argument("--public-key", help="the portal's public key, or its fingerprint, "
                        "from the minutes")
    parser.add_argument("--receipt", action="append", default=[],
                        help="a receipt file downloaded from the portal (may be repeated)")
    args = parser.parse_args(argv)
    try:
        board = BoardCheckpoint.parse(args.checkpoint) if args.checkpoint else None
        receipts = []
        for path in args.receipt:
            with open(path, encoding="utf-8") as handle:
                receipts.append(Receipt.from_json(json.load(handle)))
        if args.record is None:
            if not receipts:
                parser.error("give the record file, or at least one --receipt")
            result, _source = check_receipts_only(receipts, args.public_key)
            print(_receipts_report(result))
            return 0 if result.all_clear else 1
        with open(args.record, encoding="utf-8") as handle:
            record = read_record(handle)
            if record.header.get("format") != FORMAT:
                print(f"{args.record} is not an evidence log downloaded from the portal.")
                return 2
            key, source = resolve_key(args.public_key, record.header)
            result = audit(record.entries, record.checkpoints, trusted_key=key,
                           key_source=source, board_checkpoint=board, receipts=receipts)
    except (OSError, ValueError, KeyError) as error:
        print(f"Could not read the record: {error}")
        return 2
    origin = record.header.get("origin", "the portal")
    print(f"Evidence log from {origin}, downloaded {_day(record.header.get('exported_at', ''))}"
          + ("" if record.header.get("texts") == "included" else
             " (public copy: the texts are not included, only their hashes)") + ".")
    if result.latest_checkpoint:
        cp = result.latest_checkpoint
        print(f"Latest signed checkpoint: {cp.count:,} entries, head {cp.head_hash}, "
              + (f"tree root {cp.tree_root}, " if cp.tree_root else "")
              + f"made {_day(cp.made_at)}, key {key_fingerprint(key)}.")
    print()
    print(result.report())
    return 0 if result.all_clear else 1


if __name__ == "__main__":
    sys.exit(main())
