"""Chosen personal details removed from a survey's write-up are taken out of the comments'
words approved for the public too (as an officer's moderation with words removed, logged as
one, the reason beside the log), so a draft written again from the themes, and the public
results, quote those comments without them."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from analysis import writeup_services
from analysis.writeup import REMOVED
from charter.models import EvidenceEntry, EvidenceText
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


def test_the_comments_approved_words_lose_them_logged_once_without_their_keys(
        client, published, agreed_frame, officer, comments):  # noqa: F811
    """Review bk15h, F5 and F8: the comments changed keep a fixed reason naming the
    removal's entry (the typed reason lives only beside that entry), and the public log has
    the one removal entry, not one entry per comment with its key."""
    draft = _generate(published, officer)
    before = EvidenceEntry.objects.count()
    entry = writeup_services.write_up_phrases_remove(write_up=draft, phrases=[WORDS],
                                                     reason=REASON, user=officer)
    approved = [c for c in comments if c.moderation == SurveyComment.Moderation.APPROVED]
    held = [c for c in approved if WORDS in c.text]
    assert held
    for comment in SurveyComment.objects.filter(pk__in=[c.pk for c in held]):
        assert comment.moderation == SurveyComment.Moderation.REDACTED
        assert WORDS not in comment.public_text and REMOVED in comment.public_text
        assert comment.moderation_reason == (
            f"Words removed from the write-up as personal details (removal: entry "
            f"{entry.sequence})")
    assert not SurveyComment.objects.filter(moderation_reason__contains="mum").exists()
    # The typed words of a comment nobody approved stay as they were (nothing is shown).
    pending = next(c for c in comments if c.moderation == SurveyComment.Moderation.PENDING
                   and WORDS in c.text)
    assert SurveyComment.objects.get(pk=pending.pk).public_text == ""
    assert "comment_public_texts" in json.loads(entry.payload_json)["fields"]
    # One entry in the log, naming no comment.
    assert EvidenceEntry.objects.count() == before + 1
    assert not EvidenceEntry.objects.filter(
        kind=EvidenceEntry.Kind.SURVEY_COMMENT_MODERATED).exists()
    public = json.dumps([json.loads(e.payload_json) for e in EvidenceEntry.objects.all()])
    assert not any(str(c.pk) in public or c.short_id in public for c in held)
    assert WORDS not in public and REASON not in public
    # The keys only beside the log, with the typed reason.
    assert EvidenceText.objects.get(entry=entry, field="reason").text == REASON
    beside = EvidenceText.objects.get(entry=entry, field="comments").text
    assert sorted(beside.split()) == sorted(str(c.pk) for c in held)
    # The moderation screen shows the fixed reason, not the typed one.
    client.force_login(officer)
    page = client.get(reverse("surveys_comments", args=[published.pk])).content.decode()
    assert REASON not in page


def test_words_in_no_comment_change_no_comment(published, agreed_frame, officer):  # noqa: F811
    draft = _generate(published, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=["Late transport"],
                                             reason=REASON, user=officer)
    assert not SurveyComment.objects.filter(
        moderation=SurveyComment.Moderation.REDACTED).exists()


def test_a_comment_waiting_then_approved_as_written_does_not_bring_them_back(
        client, login_as, published, agreed_frame, officer, comments):  # noqa: F811
    """A comment still waiting for moderation when the words were removed keeps its typed
    words (nothing of it is shown); approved as written later, on the officer's page, it is
    published without them, as "Approved with words removed", and the officer's page says so."""
    draft = _generate(published, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[WORDS], reason=REASON,
                                             user=officer)
    pending = next(c for c in comments if c.moderation == SurveyComment.Moderation.PENDING
                   and WORDS in c.text)
    login_as("officer")
    url = reverse("surveys_comments", args=[published.pk])
    response = client.post(url, {"comment": str(pending.pk), "decision": "approved"},
                           follow=True)
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.moderation == SurveyComment.Moderation.REDACTED
    assert WORDS not in pending.public_text and REMOVED in pending.public_text
    assert WORDS in pending.text  # what the parent typed is kept for the officers
    assert pending.moderation_reason == surveys_services.WORDS_REMOVED_BEFORE
    assert "approved with words removed" in response.content.decode().lower()
    logged = EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.SURVEY_COMMENT_MODERATED,
                                          payload_json__contains=str(pending.pk)).get()
    assert json.loads(logged.payload_json)["decision"] == "redacted"
    again = _generate(published, officer)
    assert WORDS.lower() not in _words(again).lower()


def test_a_comment_without_the_words_is_approved_as_written(
        published, agreed_frame, officer, comments):  # noqa: F811
    draft = _generate(published, officer)
    writeup_services.write_up_phrases_remove(write_up=draft, phrases=[WORDS], reason=REASON,
                                             user=officer)
    other = next(c for c in comments if c.moderation == SurveyComment.Moderation.PENDING
                 and WORDS not in c.text)
    surveys_services.comment_moderate(comment=other, user=officer, decision="approved")
    other.refresh_from_db()
    assert other.moderation == SurveyComment.Moderation.APPROVED
    assert other.public_text == other.text and other.moderation_reason == ""
