"""The evidence log's hash chain: plain functions, no database.

Each entry's hash covers its position, kind, subject, time, canonical payload
and the previous entry's hash, so changing, removing or reordering any entry
breaks every link after it. Anyone holding the entries can re-check them.

Two hash versions live in one chain. Version 1 entries (made before signed
checkpoints) hash the fields as they are; version 2 entries, every entry made
since, start the hashed text with the label ``evidence/v2`` and hold personal
text only as a salted hash (``text_digest``), the text itself being kept beside
the chain where it can be removed. The standalone verifier
(``tools/verify_record.py``) computes the same hashes independently.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS_HASH = "0" * 64
HASH_VERSION = 2  # the version every new entry is made with


def _default(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    raise TypeError(f"Cannot put {type(value).__name__} in an evidence payload")


def canonical_json(payload: dict) -> str:
    """One exact text for a payload: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_default)


@dataclass(frozen=True)
class Link:
    """What the chain needs of one entry."""

    sequence: int
    kind: str
    subject: str
    recorded_at: str  # ISO 8601, as stored
    payload_json: str
    previous_hash: str
    entry_hash: str
    ident: str = ""  # how a reader finds the entry (its id), shown when it is broken
    version: int = 1


def compute_hash(*, sequence: int, kind: str, subject: str, recorded_at: str,
                 payload_json: str, previous_hash: str, version: int = 1) -> str:
    """SHA-256 (hex) of the entry's fields joined by newlines; version 2 adds a label first."""
    parts = [str(sequence), kind, subject, recorded_at, payload_json, previous_hash]
    if version == 2:
        parts.insert(0, "evidence/v2")
    elif version != 1:
        raise ValueError(f"Unknown evidence hash version {version}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def text_digest(salt: str, text: str) -> str:
    """The salted hash a version 2 payload holds in place of a personal text.

    The salt (random, kept beside the text) stops anyone guessing a short text, such as
    a child's name, from its hash; both are deleted when the text is removed.
    """
    return hashlib.sha256(f"evidence-text/v1\n{salt}\n{text}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    count: int
    intact: bool
    broken_at: str = ""  # the ident (or sequence) of the first bad entry
    reason: str = ""

    def summary(self) -> str:
        if self.intact:
            return f"{self.count:,} entries, intact"
        return f"{self.count:,} entries checked; broken at entry {self.broken_at}: {self.reason}"


def verify(links: Iterable[Link]) -> ChainReport:
    """Walk the chain in sequence order and stop at the first broken link."""
    previous = GENESIS_HASH
    expected_sequence = 1
    count = 0
    for link in links:
        name = link.ident or str(link.sequence)
        if link.sequence != expected_sequence:
            return ChainReport(count, False, name,
                               f"expected entry number {expected_sequence}, found {link.sequence}")
        if link.previous_hash != previous:
            return ChainReport(count, False, name, "it does not point to the entry before it")
        recomputed = compute_hash(
            sequence=link.sequence, kind=link.kind, subject=link.subject,
            recorded_at=link.recorded_at, payload_json=link.payload_json,
            previous_hash=link.previous_hash, version=link.version,
        )
        if recomputed != link.entry_hash:
            return ChainReport(count, False, name, "its contents do not match its hash")
        try:
            if canonical_json(json.loads(link.payload_json)) != link.payload_json:
                return ChainReport(count, False, name, "its payload is not in canonical form")
        except json.JSONDecodeError:
            return ChainReport(count, False, name, "its payload is not valid JSON")
        previous = link.entry_hash
        expected_sequence += 1
        count += 1
    return ChainReport(count, True)


# --- the Merkle tree over the log (RFC 9162, section 2.1) --------------------------------
# Computed here independently of the standalone verifier, which checks what these make.


def _leaf(entry_hash: str) -> bytes:
    return hashlib.sha256(b"\x00" + bytes.fromhex(entry_hash)).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n > 1): where RFC 9162 splits a tree."""
    return 1 << ((n - 1).bit_length() - 1)


def _subtree(leaves: list[bytes], lo: int, hi: int) -> bytes:
    if hi - lo == 1:
        return leaves[lo]
    k = _split(hi - lo)
    return _node(_subtree(leaves, lo, lo + k), _subtree(leaves, lo + k, hi))


def merkle_root(entry_hashes: Iterable[str]) -> str:
    """RFC 9162 Merkle Tree Hash (hex) whose leaves are the entries' hashes (hex, 32 bytes
    each) in order; SHA-256 of nothing for no entries. What a checkpoint signs as its
    ``tree`` line. Memory: one 32-byte leaf per entry."""
    leaves = [_leaf(h) for h in entry_hashes]
    if not leaves:
        return hashlib.sha256(b"").hexdigest()
    return _subtree(leaves, 0, len(leaves)).hex()


def merkle_audit_path(leaf_index: int, entry_hashes: list[str]) -> list[str]:
    """RFC 9162 2.1.3.1 inclusion proof PATH(m, D[n]) for leaf ``leaf_index`` (0-based:
    entry number minus one) of the tree over ``entry_hashes``: the sibling hashes (hex),
    nearest the leaf first. Raises ``IndexError`` for a leaf outside the tree."""
    leaves = [_leaf(h) for h in entry_hashes]
    if not 0 <= leaf_index < len(leaves):
        raise IndexError(f"Leaf {leaf_index} is outside a tree of {len(leaves)} entries.")
    path, lo, hi = [], 0, len(leaves)
    while hi - lo > 1:
        k = _split(hi - lo)
        if leaf_index < lo + k:
            path.append(_subtree(leaves, lo + k, hi))
            hi = lo + k
        else:
            path.append(_subtree(leaves, lo, lo + k))
            lo += k
    return [h.hex() for h in reversed(path)]
