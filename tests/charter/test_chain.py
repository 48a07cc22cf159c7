"""The hash chain on plain values: no database."""

import datetime as dt
from dataclasses import replace

from charter.chain import GENESIS_HASH, Link, canonical_json, compute_hash, verify


def make_chain(n: int) -> list[Link]:
    links, previous = [], GENESIS_HASH
    for i in range(1, n + 1):
        payload = canonical_json({"comment": i, "text": f"Entry {i} – café"})
        at = dt.datetime(2026, 1, 1, 12, i % 60, tzinfo=dt.UTC).isoformat()
        digest = compute_hash(sequence=i, kind="comment_made", subject="policy:7",
                              recorded_at=at, payload_json=payload, previous_hash=previous)
        links.append(Link(i, "comment_made", "policy:7", at, payload, previous, digest,
                           ident=f"#{i}"))
        previous = digest
    return links


def test_canonical_json_is_independent_of_key_order_and_keeps_unicode():
    assert canonical_json({"b": 1, "a": "é"}) == canonical_json({"a": "é", "b": 1})
    assert canonical_json({"a": "é"}) == '{"a":"é"}'


def test_canonical_json_writes_dates_as_iso():
    assert canonical_json({"d": dt.date(2026, 3, 1)}) == '{"d":"2026-03-01"}'


def test_an_untouched_chain_is_intact():
    report = verify(make_chain(50))
    assert report.intact and report.count == 50
    assert report.summary() == "50 entries, intact"


def test_an_empty_chain_is_intact():
    assert verify([]).intact


def test_changing_a_payload_is_caught_at_that_entry():
    links = make_chain(10)
    links[4] = replace(links[4], payload_json=links[4].payload_json.replace("Entry", "Edited"))
    report = verify(links)
    assert not report.intact
    assert report.broken_at == "#5"
    assert report.reason == "its contents do not match its hash"


def test_rehashing_an_altered_entry_breaks_the_next_link():
    links = make_chain(10)
    altered = replace(links[4], kind="comment_deleted")
    altered = replace(altered, entry_hash=compute_hash(
        sequence=5, kind="comment_deleted", subject=altered.subject,
        recorded_at=altered.recorded_at, payload_json=altered.payload_json,
        previous_hash=altered.previous_hash))
    links[4] = altered
    report = verify(links)
    assert report.broken_at == "#6"
    assert "does not point to the entry before it" in report.reason


def test_a_removed_entry_is_caught():
    links = make_chain(10)
    del links[3]
    report = verify(links)
    assert report.broken_at == "#5"
    assert "expected entry number 4" in report.reason


def test_a_non_canonical_payload_is_caught():
    links = make_chain(3)
    spaced = '{"comment": 1, "text": "Entry 1 – café"}'
    digest = compute_hash(sequence=1, kind="comment_made", subject="policy:7",
                          recorded_at=links[0].recorded_at, payload_json=spaced,
                          previous_hash=GENESIS_HASH)
    links = [replace(links[0], payload_json=spaced, entry_hash=digest)]
    assert verify(links).reason == "its payload is not in canonical form"
