"""A survey comment set to "Do not publish", or approved in other words, after the draft was
written leaves the working draft the forum reads (review bk15g, F4), as a consent withdrawn
does: moderation tells the analysis (``surveys.hooks.comment_moderated``)."""

from __future__ import annotations

import pytest

from analysis import writeup_services
from analysis.models import WriteUp
from surveys import services as survey_services
from surveys.models import SurveyComment
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _send_and_agree,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

REASON = "Names the child's needs and the route"


def _quoted_comment(write_up) -> SurveyComment:
    for finding in write_up.findings.all():
        for source in finding.quotes:
            if f"“{source['text']}”" in finding.text:
                return SurveyComment.objects.get(pk=source["comment"])
    raise AssertionError("the draft quotes no comment")


def _draft_words(write_up) -> str:
    write_up = WriteUp.objects.get(pk=write_up.pk)
    return "\n".join([write_up.text, *(f.text for f in write_up.findings.all())])


def test_a_comment_withheld_after_a_new_draft_is_not_sent_to_the_forum(
        client, published, agreed_frame, officer, forum_rep):  # noqa: F811
    agreed = _send_and_agree(_generate(published, officer), officer, forum_rep)
    writeup_services.write_up_reopen(write_up=agreed, user=officer)
    draft = _generate(published, officer)  # "Write the draft again"
    withheld = _quoted_comment(draft)
    revision = WriteUp.objects.get(pk=draft.pk).revision
    survey_services.comment_moderate(comment=withheld, user=officer,
                                     decision=SurveyComment.Moderation.WITHHELD, reason=REASON)
    assert withheld.text not in _draft_words(draft)
    assert WriteUp.objects.get(pk=draft.pk).revision > revision  # an open form is refused
    writeup_services.write_up_send(write_up=WriteUp.objects.get(pk=draft.pk), user=officer)
    client.force_login(forum_rep)
    html = client.get(_page_url(published)).content.decode()
    assert withheld.text not in html


def test_a_comment_approved_in_other_words_is_not_quoted_as_first_written(
        client, published, agreed_frame, officer):  # noqa: F811
    draft = _generate(published, officer)
    quoted = _quoted_comment(draft)
    survey_services.comment_moderate(
        comment=quoted, user=officer, decision=SurveyComment.Moderation.REDACTED,
        reason=REASON, public_text=quoted.text.replace("morning", "[removed]"))
    assert quoted.text not in _draft_words(draft)


def test_approving_a_comment_changes_no_draft(
        published, agreed_frame, officer, comments):  # noqa: F811
    draft = _generate(published, officer)
    before = (_draft_words(draft), WriteUp.objects.get(pk=draft.pk).revision)
    waiting = next(c for c in comments if c.moderation == SurveyComment.Moderation.PENDING)
    survey_services.comment_moderate(comment=waiting, user=officer,
                                     decision=SurveyComment.Moderation.APPROVED)
    assert (_draft_words(draft), WriteUp.objects.get(pk=draft.pk).revision) == before
