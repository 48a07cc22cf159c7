"""Chosen personal details removed from a survey's write-up are taken out of the comments'
words approved for the public too (as an officer's moderation with words removed, logged as
one, the reason beside the log), so a draft written again from the themes, and the public
results, quote those comments without them."""

from __future__ import annotations

import json

import pytest

from analysis import writeup_services
from analysis.writeup import REMOVED
from charter.models import EvidenceEntry, EvidenceText
from surveys.models import SurveyComment
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

REASON = "It named a child whose mum asked us to take it out."
WORDS = "always late in the morning"


def _quoted(draft) -> list[str]:
    return [q["text"] for f in draft.findings.all() for q in f.quotes]


def _words(draft) -> str:
    return "\n".join([draft.text, *(f.text for f in draft.findings.all()), *_quoted(draft)])


def test_a_draft_written_again_does_not_bring_the_words_back(
        published, agreed_frame, officer):  # noqa: F811
    draft = _generate(published, officer)
    assert WORDS in _words(draft)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[WORDS], reason=REASON,
                                             user=officer)
    assert WORDS not in _words(draft)
    again = _generate(published, officer)
    assert _quoted(again), "the draft written again still quotes the comments"
    assert WORDS.lower() not in _words(again).lower()
    assert REMOVED in "".join(_quoted(again))


def test_the_comments_approved_words_lose_them_and_are_logged_as_a_moderation(
        client, published, agreed_frame, officer, comments):  # noqa: F811
    draft = _generate(published, officer)
    before = EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.SURVEY_COMMENT_MODERATED)
    assert not before.exists()
    entry = writeup_services.write_up_phrases_remove(write_up=draft, phrases=[WORDS],
                                                     reason=REASON, user=officer)
    approved = [c for c in comments if c.moderation == SurveyComment.Moderation.APPROVED]
    for comment in SurveyComment.objects.filter(pk__in=[c.pk for c in approved
                                                        if WORDS in c.text]):
        assert comment.moderation == SurveyComment.Moderation.REDACTED
        assert WORDS not in comment.public_text and REMOVED in comment.public_text
        assert comment.moderation_reason == REASON
    # The typed words of a comment nobody approved stay as they were (nothing is shown).
    pending = next(c for c in comments if c.moderation == SurveyComment.Moderation.PENDING
                   and WORDS in c.text)
    assert SurveyComment.objects.get(pk=pending.pk).public_text == ""
    assert "comment_public_texts" in json.loads(entry.payload_json)["fields"]
    logged = EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.SURVEY_COMMENT_MODERATED)
    assert logged.count() == len([c for c in approved if WORDS in c.text])
    for moderated in logged:
        payload = json.loads(moderated.payload_json)
        assert payload["decision"] == "redacted" and REASON not in moderated.payload_json
        assert "text_sha256" in payload["reason"]
        assert EvidenceText.objects.get(entry=moderated, field="reason").text == REASON
    assert WORDS not in json.dumps([json.loads(e.payload_json)
                                    for e in EvidenceEntry.objects.all()])


def test_words_in_no_comment_change_no_comment(published, agreed_frame, officer):  # noqa: F811
    draft = _generate(published, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=["Late transport"],
                                             reason=REASON, user=officer)
    assert not SurveyComment.objects.filter(
        moderation=SurveyComment.Moderation.REDACTED).exists()
