"""A reason typed for moving a review's deadline or for taking a page off the site is kept
beside its evidence entry, not in it: the public log page and the public download hold only
its salted hash, for everyone; the board (and the forum's notice of a moved deadline) read
the words. Entries written before, with the reason in the payload, stay as they are."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from charter import chain, services
from charter.models import EvidenceEntry
from charter.record import evidence_append, evidence_verify
from charter.selectors import outside_forum_events

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
DEADLINE_REASON = "The Okafor family's hospital week: the forum asked for more time."
WITHDRAWN_REASON = "It names Jamie Okafor's school: a safeguarding risk."


def _download(client, name: str) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def moved(review, officer):
    services.review_set_deadline(review=review, deadline=review.deadline + dt.timedelta(days=7),
                                 reason=DEADLINE_REASON, user=officer)
    return EvidenceEntry.objects.get(kind=EvidenceEntry.Kind.REVIEW_DEADLINE_CHANGED)


@pytest.fixture
def withdrawn(client, tree, login_as):
    login_as("admin")
    response = client.post(f"/admin/pages/{tree.policy.pk}/unpublish/",
                           {"reason": WITHDRAWN_REASON})
    assert response.status_code == 302
    client.logout()
    return EvidenceEntry.objects.get(kind=EvidenceEntry.Kind.PAGE_UNPUBLISHED,
                                     page_id=tree.policy.pk)


@pytest.mark.parametrize("role", ROLES)
def test_no_typed_reason_on_the_public_log_page_or_in_the_public_download(
        client, login_as, moved, withdrawn, role):
    login_as(role)
    for language in ("", "/pl", "/ar"):
        page = client.get(f"{language}/record/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "Okafor" not in html and "hospital" not in html
    public = _download(client, "record_download")
    assert "Okafor" not in public and "hospital" not in public
    assert "safeguarding" not in public
    # The public copy still proves what was written: each reason's salted hash.
    lines = [json.loads(line) for line in public.splitlines()]
    for entry in (moved, withdrawn):
        [line] = [x for x in lines if x.get("sequence") == entry.sequence]
        assert set(json.loads(line["payload"])["reason"]) == {"text_sha256"}
        assert "texts" not in line


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("parent", 403),
                                          ("forum_rep", 403), ("officer", 200),
                                          ("board_member", 200)])
def test_the_board_reads_the_words(client, login_as, moved, withdrawn, tree, role, status):
    login_as(role)
    response = client.get(reverse("board_record_download"))
    assert response.status_code == status
    if status != 200:
        return
    board = b"".join(response.streaming_content).decode()
    assert DEADLINE_REASON in board and WITHDRAWN_REASON in board
    html = client.get("/board/").content.decode()
    assert "Okafor family’s hospital week" in html or "Okafor family&#x27;s hospital" in html
    assert "a safeguarding risk." in html


def test_the_words_beside_the_entries_match_their_hashes(moved, withdrawn):
    for entry, words in ((moved, DEADLINE_REASON), (withdrawn, WITHDRAWN_REASON)):
        [text] = entry.texts.all()
        held = json.loads(entry.payload_json)["reason"]["text_sha256"]
        assert (text.field, text.text) == ("reason", words)
        assert chain.text_digest(text.salt, text.text) == held
    audit = evidence_verify()
    assert audit.problems == [] and audit.texts_matched == 2


def test_an_entry_written_before_keeps_its_reason_in_the_payload(tree):
    # As review deadlines were logged before the reason left the payload.
    old = evidence_append(kind=EvidenceEntry.Kind.REVIEW_DEADLINE_CHANGED,
                          subject=f"page:{tree.policy.pk}", page=tree.policy,
                          payload={"review": 1, "from": "2026-01-05", "to": "2026-01-12",
                                   "reason": "Half term agreed.", "by": "officer",
                                   "title": tree.policy.title})
    [row] = [e for e in outside_forum_events() if e["sequence"] == old.sequence]
    assert row["reason"] == "Half term agreed."
    assert json.loads(EvidenceEntry.objects.get(pk=old.pk).payload_json)["reason"] == (
        "Half term agreed.")
