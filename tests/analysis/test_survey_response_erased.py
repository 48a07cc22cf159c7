"""A survey response can be deleted at the respondent's request, as a consultation response
can: survey responses are anonymous, so the officer finds one of its comments by the words
the respondent quotes and names it by the key the screens show beside it; one service
deletes the whole response (its answers and every comment) with their codings and flags,
their quotes leave the write-up everywhere, and the evidence log records the deletion
(``response_erased``) without any words or key. Only officers may."""

from __future__ import annotations

import json

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from analysis.models import Coding, Flag, ThemeExample, WriteUp
from charter.models import EvidenceEntry, EvidenceText
from charter.record import evidence_verify
from surveys.models import SurveyComment, SurveyResponse
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

HOW = "Emailed on 3 March asking us to delete what they wrote"


def _quoted(write_up) -> SurveyComment:
    for finding in write_up.findings.all():
        for source in finding.quotes:
            if f"“{source['text']}”" in finding.text:
                return SurveyComment.objects.get(pk=source["comment"])
    raise AssertionError("the draft quotes no comment")


@pytest.fixture
def quoted(published, agreed_frame, officer):  # noqa: F811
    """The draft written; a comment it quotes flagged for the forum and one of its
    sentences an example quote of its theme."""
    draft = _generate(published, officer)
    comment = _quoted(draft)
    coding = Coding.objects.filter(comment=comment).first()
    Flag.objects.create(frame=coding.theme.frame, comment=comment, note="For the forum",
                        flagged_by=officer, flagged_at=timezone.now())
    ThemeExample.objects.create(theme=coding.theme, text=comment.text)
    return comment


def _erase(client, page, comment, **more):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("analysis_survey_response_erase", args=[page.pk]),
                           {"erase-reference": comment.short_id, "erase-how": HOW,
                            "erase-confirm": "on", **more})


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member",
                                  "officer"])
def test_only_officers_delete_a_survey_response(
        client, login_as, published, quoted, role):  # noqa: F811
    login_as(role)
    answer = _erase(client, published, quoted)
    if role == "officer":
        assert answer.status_code == 302
        assert not SurveyResponse.objects.filter(pk=quoted.response_id).exists()
        assert EvidenceEntry.objects.filter(kind="response_erased").count() == 1
    else:
        assert answer.status_code in (302, 403, 404)
        if answer.status_code == 302:
            assert "sign-in" in answer["Location"] or "login" in answer["Location"]
        assert SurveyResponse.objects.filter(pk=quoted.response_id).exists()
        assert not EvidenceEntry.objects.filter(kind="response_erased").exists()


def test_the_response_goes_with_its_coding_and_every_quote_of_it(
        client, officer, published, quoted):  # noqa: F811
    client.force_login(officer)
    page = client.get(_page_url(published)).content.decode()
    assert reverse("analysis_survey_response_erase", args=[published.pk]) in page
    # The form says what the public will see (review bk15h, F3).
    assert "the public keeps the figures it had, with a note that they were not updated" in page
    answer = _erase(client, published, quoted)
    assert answer.status_code == 302
    assert not SurveyComment.objects.filter(pk=quoted.pk).exists()
    assert not Coding.objects.filter(comment_id=quoted.pk).exists()
    assert not Flag.objects.filter(comment_id=quoted.pk).exists()
    assert not ThemeExample.objects.filter(text=quoted.text).exists()
    write_up = WriteUp.objects.get(survey=published)
    assert all(quoted.text not in f.text for f in write_up.findings.all())
    assert quoted.text not in json.dumps([f.quotes for f in write_up.findings.all()],
                                         ensure_ascii=False)
    assert evidence_verify().intact
    [entry] = EvidenceEntry.objects.filter(kind="response_erased")
    payload = json.loads(entry.payload_json)
    assert payload["survey"] == published.pk and payload["comments"] == 1
    assert payload["codings"] >= 1 and payload["flags"] == 1
    assert quoted.short_id not in entry.payload_json
    assert str(quoted.pk) not in entry.payload_json
    assert not any(w in entry.payload_json for w in quoted.text.split() if len(w) > 5)
    assert EvidenceText.objects.get(entry=entry, field="how").text == HOW
    # Written again, the draft does not quote it.
    again = _generate(published, officer)
    assert all(quoted.text not in f.text for f in again.findings.all())


def test_an_unknown_key_or_no_tick_keeps_the_response_and_the_words_typed(
        client, officer, published, quoted):  # noqa: F811
    client.force_login(officer)
    no_tick = _erase(client, published, quoted, **{"erase-confirm": ""})
    assert no_tick.status_code == 400
    assert "Tick the box to confirm" in no_tick.content.decode()
    assert HOW in no_tick.content.decode()
    no_reason = _erase(client, published, quoted, **{"erase-how": " "})
    assert no_reason.status_code == 400
    unknown = client.post(reverse("analysis_survey_response_erase", args=[published.pk]),
                          {"erase-reference": "zz", "erase-how": HOW, "erase-confirm": "on"})
    assert unknown.status_code == 400
    html = unknown.content.decode()
    assert "No comment on this survey has that key." in html and HOW in html
    assert SurveyComment.objects.filter(pk=quoted.pk).exists()
    assert Coding.objects.filter(comment=quoted).exists()
    assert not EvidenceEntry.objects.filter(kind="response_erased").exists()
