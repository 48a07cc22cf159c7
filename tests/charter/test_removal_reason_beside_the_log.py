"""The reason an officer types for removing personal details may hold the very details
removed ("it named Amira Khan"): the record keeps only "Removed on DATE: personal details",
in its fields and its history; the reason lives beside the log, hashed in the removal's
payload, where removing the record's text again erases it. The forum's, the board's and
officers' pages show the reason while it is kept; the chain and the live records still
verify."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from charter import record, services
from charter.models import (
    CommentAnswer,
    Disagreement,
    EvidenceEntry,
    EvidenceText,
    ForumComment,
)
from tests.charter.test_public_record import second_version  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

REASON = "It named Amira Khan, who is eight."
AGAIN = "The first reason repeated the name of the child."


@pytest.fixture
def comment(second_version):  # noqa: F811
    return ForumComment.objects.get(page=second_version)


def _remove(client, kind, pk, reason):
    response = client.post(reverse("charter_remove_text", args=[kind, pk]), {"reason": reason})
    assert response.status_code == 302


def _notice() -> str:
    return record.removal_notice(when=timezone.localdate())


def _staff_pages(comment, page) -> dict[str, str]:
    return {"forum draft page": reverse("forum_draft", args=[comment.review_id]),
            "board page": reverse("board_page", args=[page.pk]),
            "board pack": reverse("board_pack", args=[page.pk]),
            "officers' list": reverse("charter_page_comments", args=[page.pk])}


def test_the_record_and_its_history_keep_no_typed_reason(
        client, login_as, comment, second_version):  # noqa: F811
    disagreement = second_version.disagreements.get()
    login_as("officer")
    _remove(client, "comment", comment.pk, REASON)
    _remove(client, "answer-to", comment.pk, REASON)
    _remove(client, "disagreement", disagreement.pk, REASON)
    comment.refresh_from_db()
    answer = CommentAnswer.objects.get(comment=comment)
    disagreement.refresh_from_db()
    assert comment.body == f"<p>{_notice()}</p>"
    assert answer.reason == _notice()
    assert disagreement.forum_position == _notice() and disagreement.topic == _notice()
    for model, pk in ((ForumComment, comment.pk), (CommentAnswer, answer.pk),
                      (Disagreement, disagreement.pk)):
        for old in model.history.filter(id=pk).values():
            assert "Amira" not in json.dumps(old, default=str)
    assert not EvidenceText.objects.filter(removed_reason__contains="Amira").exists()
    # Beside the log only: the payload holds its salted hash.
    for entry in EvidenceEntry.objects.filter(kind="text_removed"):
        assert "Amira" not in entry.payload_json
        assert set(json.loads(entry.payload_json)["reason"]) == {"text_sha256"}
        assert entry.texts.get(field="reason").text == REASON
    assert services.evidence_verify().intact
    assert record.evidence_audit().intact


def test_the_forum_the_board_and_officers_read_the_reason(
        client, login_as, comment, second_version):  # noqa: F811
    disagreement = second_version.disagreements.get()
    login_as("officer")
    _remove(client, "comment", comment.pk, REASON)
    _remove(client, "disagreement", disagreement.pk, "It named the school's head.")
    for role in ("forum_rep", "board_member", "officer"):
        login_as(role)
        for where, url in _staff_pages(comment, second_version).items():
            response = client.get(url)
            if response.status_code != 200:
                continue  # not this role's page
            html = response.content.decode()
            assert REASON in html, (role, where)
    login_as("forum_rep")
    html = client.get(reverse("forum_disagreement", args=[disagreement.pk])).content.decode()
    assert "It named the school&#x27;s head." in html or "It named the school's head." in html


def test_removing_again_takes_the_first_reason_away_everywhere(
        client, login_as, comment, second_version):  # noqa: F811
    login_as("officer")
    _remove(client, "comment", comment.pk, REASON)
    first = EvidenceEntry.objects.get(kind="text_removed")
    _remove(client, "comment", comment.pk, AGAIN)
    kept = first.texts.get(field="reason")
    assert kept.text == "" and kept.removed_at is not None
    second = EvidenceEntry.objects.filter(kind="text_removed").latest("sequence")
    assert first.sequence in json.loads(second.payload_json)["entries"]
    for role in ("forum_rep", "board_member", "officer"):
        login_as(role)
        for where, url in _staff_pages(comment, second_version).items():
            response = client.get(url)
            if response.status_code != 200:
                continue
            html = response.content.decode()
            assert "Amira" not in html, (role, where)
            assert AGAIN in html, (role, where)
    lines = b"".join(client.get(reverse("board_record_download")).streaming_content).decode()
    assert "Amira" not in lines
    assert services.evidence_verify().intact
    assert record.evidence_audit().intact


def test_a_reason_no_longer_kept_reads_personal_details(comment, officer):
    record.text_remove(record=comment, officer=officer, reason=REASON)
    comment = ForumComment.objects.get(pk=comment.pk)
    assert REASON in record.removal_shown(comment.body, comment)
    EvidenceText.objects.filter(entry__kind="text_removed").update(
        text="", salt="", removed_at=timezone.now())
    comment = ForumComment.objects.get(pk=comment.pk)
    assert record.removal_shown(comment.body, comment) == f"<p>{_notice()}</p>"
    # Any other words are shown as typed.
    assert record.removal_shown("Removed on the bus: a bag", comment) == "Removed on the bus: a bag"
    assert record.removal_shown("", comment) == ""


def test_a_page_reads_every_removal_reason_in_two_queries(
        client, login_as, comment, officer, second_version):  # noqa: F811
    """However many removed records a staff page shows (here a comment, the council's answer
    to it and a disagreement), their reasons cost two queries between them (every removal
    entry, then the reasons kept beside them, read once for the request), never two each."""
    removed = [comment, CommentAnswer.objects.get(comment=comment),
               second_version.disagreements.get()]
    for n, one in enumerate(removed):
        record.text_remove(record=one, officer=officer, reason=f"Reason {n} named a child.")
    login_as("board_member")
    with CaptureQueriesContext(connection) as seen:
        response = client.get(reverse("board_page", args=[second_version.pk]))
    html = response.content.decode()
    assert all(f"Reason {n} named a child." in html for n in range(len(removed)))
    reads = [q["sql"] for q in seen.captured_queries if "text_removed" in q["sql"]
             or ("charter_evidencetext" in q["sql"] and "reason" in q["sql"])]
    assert len(reads) <= 2, reads
