"""Review bk15i, F4: words removed from a survey's write-up as personal details are not
kept inside an earlier moderation reason on the board's copy of the evidence log. The
reason an officer gave for withholding a comment may quote the very words ("it says she is
always late in the morning"); once those words are removed, the board's download gives
that reason without them, marked as the other pages mark removed words, and the copy
still verifies."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from analysis import writeup_services
from analysis.writeup import REMOVED
from charter import record
from charter.models import EvidenceEntry
from surveys import services as surveys_services
from surveys.models import SurveyComment
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401
from tools import verify_record as verifier

pytestmark = pytest.mark.django_db

WORDS = "always late in the morning"
REASON = f"Withheld: it says she is {WORDS} and names her school."


def _board_copy(client) -> list[dict]:
    data = b"".join(client.get(reverse("board_record_download")).streaming_content).decode()
    return [json.loads(line) for line in data.splitlines()]


def _moderation_reasons(lines: list[dict]) -> list[dict]:
    return [line["texts"]["reason"] for line in lines if line.get("type") == "entry"
            and line["kind"] == EvidenceEntry.Kind.SURVEY_COMMENT_MODERATED
            and "reason" in line.get("texts", {})]


@pytest.fixture
def withheld(published, comments, officer):  # noqa: F811
    pending = next(c for c in comments
                   if c.moderation == SurveyComment.Moderation.PENDING and WORDS in c.text)
    return surveys_services.comment_moderate(comment=pending, user=officer,
                                             decision="withheld", reason=REASON)


@pytest.mark.parametrize("role", ["board_member", "officer"])
def test_the_boards_copy_gives_the_reason_without_the_removed_words(
        client, login_as, published, agreed_frame, officer, withheld, role):  # noqa: F811
    login_as(role)
    (before,) = [r for r in _moderation_reasons(_board_copy(client)) if "text" in r]
    assert before["text"] == REASON  # as the officer wrote it, until the words go
    draft = _generate(published, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[WORDS],
                                             reason="It identifies a child.", user=officer)
    lines = _board_copy(client)
    dumped = json.dumps(lines, ensure_ascii=False)
    assert WORDS not in dumped
    (reason,) = [r for r in _moderation_reasons(lines) if "shown" in r]
    assert reason["shown"] == REASON.replace(WORDS, REMOVED)
    assert "names her school" in reason["shown"]  # every other word kept
    assert reason["reason"] == record.WORDS_REMOVED_LATER
    # The copy the board downloads still verifies: a removed text's hash is not checked.
    found = verifier.read_record(line + "\n" for line in map(json.dumps, lines))
    audit = verifier.audit(found.entries, found.checkpoints)
    assert audit.intact, audit.problems
    assert any("personal details removed from these words" in note for note in audit.notes)


def test_the_audit_still_reads_the_text_as_kept(  # noqa: F811
        published, agreed_frame, officer, withheld):  # noqa: F811
    """Only readers are given the words without the removed ones: the record's own check
    reads the kept text against its salted hash, and it still matches."""
    draft = _generate(published, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[WORDS],
                                             reason="It identifies a child.", user=officer)
    assert record.evidence_audit().intact


def test_a_reason_that_never_held_the_words_is_given_as_written(
        client, login_as, published, agreed_frame, officer, comments):  # noqa: F811
    other = next(c for c in comments if c.moderation == SurveyComment.Moderation.PENDING
                 and WORDS not in c.text)
    surveys_services.comment_moderate(comment=other, user=officer, decision="withheld",
                                      reason="It names a driver.")
    draft = _generate(published, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[WORDS],
                                             reason="It identifies a child.", user=officer)
    login_as("board_member")
    reasons = _moderation_reasons(_board_copy(client))
    assert {"text": "It names a driver."}.items() <= next(
        r for r in reasons if r.get("text") == "It names a driver.").items()
