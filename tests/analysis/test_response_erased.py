"""A coded answer can be deleted at the respondent's request (review bk15g, F8): an officer
names the response by its reference and says how they asked; one service deletes it with its
codings and flags, its quotes leave the write-up everywhere (the draft, the version the
forum agreed and the public reads, the example quotes of themes and the words kept beside
the record), and the evidence log records the deletion without its words or reference. Only
officers may."""

from __future__ import annotations

import json

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from analysis import writeup_services
from analysis.models import Coding, Flag, ThemeExample, WriteUp
from charter.models import EvidenceEntry, EvidenceText
from charter.record import evidence_verify
from consultations.models import ConsultationResponse
from tests.analysis.test_write_up_outcome import (  # noqa: F401 - fixtures
    _publish_outcome,
    agreed_write_up,
    closed,
)

pytestmark = pytest.mark.django_db

HOW = "Emailed on 3 March asking us to delete what they wrote"


def _quoted(write_up) -> tuple[ConsultationResponse, str]:
    """An answer the write-up quotes (8 words or more) and its words."""
    for finding in write_up.findings.all():
        for source in finding.quotes:
            if len(source["text"].split()) >= 8 and f"“{source['text']}”" in finding.text:
                return ConsultationResponse.objects.get(pk=source["response"]), source["text"]
    raise AssertionError("the write-up quotes no long answer")


@pytest.fixture
def published_findings(closed, agreed_write_up, officer, forum_rep, tree):  # noqa: F811
    """The write-up agreed, the outcome public; the quoted answer flagged for the forum and
    one of its sentences an example quote of its theme."""
    writeup_services.write_up_agree(write_up=agreed_write_up, user=forum_rep)
    _publish_outcome(closed, officer, forum_rep, tree)
    response, words = _quoted(WriteUp.objects.get(pk=agreed_write_up.pk))
    coding = Coding.objects.filter(response=response).first()
    Flag.objects.create(frame=coding.theme.frame, response=response, note="For the forum",
                        flagged_by=officer, flagged_at=timezone.now())
    ThemeExample.objects.create(theme=coding.theme, text=" ".join(words.split()[:6]))
    return response, words


def _erase(client, closed, response, **more):  # noqa: F811
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("analysis_response_erase", args=[closed.pk]),
                           {"erase-reference": response.reference, "erase-how": HOW,
                            "erase-confirm": "on", **more})


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member",
                                  "officer"])
def test_only_officers_delete_a_response(
        client, login_as, closed, published_findings, role):  # noqa: F811
    response, words = published_findings
    login_as(role)
    answer = _erase(client, closed, response)
    if role == "officer":
        assert answer.status_code == 302
        assert not ConsultationResponse.objects.filter(pk=response.pk).exists()
        assert EvidenceEntry.objects.filter(kind="response_erased").count() == 1
    else:
        assert answer.status_code in (302, 403)
        if answer.status_code == 302:
            assert "sign-in" in answer["Location"] or "login" in answer["Location"]
        assert ConsultationResponse.objects.filter(pk=response.pk).exists()
        assert not EvidenceEntry.objects.filter(kind="response_erased").exists()


def test_a_deleted_response_takes_its_coding_and_every_quote_with_it(
        client, officer, closed, published_findings, django_assert_max_num_queries,  # noqa: F811
):
    response, words = published_findings
    findings_url = reverse("analysis_findings", args=[closed.pk])
    assert words in client.get(findings_url).content.decode()
    kept_before = [t.pk for t in EvidenceText.objects.filter(removed_at__isnull=True)
                   if words.split()[2] in t.text]
    assert kept_before  # the words sent and agreed are kept beside the log
    client.force_login(officer)
    with django_assert_max_num_queries(110):  # 97 with 60 answers and 10 themes
        answer = _erase(client, closed, response)
    assert answer.status_code == 302
    assert not Coding.objects.filter(response_id=response.pk).exists()
    assert not Flag.objects.filter(response_id=response.pk).exists()
    assert not ThemeExample.objects.filter(text=" ".join(words.split()[:6])).exists()
    write_up = WriteUp.objects.get(consultation=closed)
    assert words not in json.dumps(write_up.agreed, ensure_ascii=False)
    assert all(words not in f.text for f in write_up.findings.all())
    assert all(t.removed_at for t in EvidenceText.objects.filter(pk__in=kept_before))
    assert evidence_verify().intact
    # The public pages and the officer's page say quoted words were taken out.
    client.logout()
    html = client.get(findings_url).content.decode()
    assert words not in html
    assert "Quoted words were taken out after the forum agreed this" in html
    # The public log records it without the words or the reference.
    [entry] = EvidenceEntry.objects.filter(kind="response_erased")
    payload = json.loads(entry.payload_json)
    assert payload["consultation"] == closed.pk and payload["codings"] >= 1
    assert payload["flags"] == 1 and payload["texts_erased"] >= 1
    assert response.reference not in entry.payload_json
    assert not any(w in entry.payload_json for w in words.split() if len(w) > 6)
    assert EvidenceText.objects.get(entry=entry, field="how").text == HOW


def test_a_deletion_without_a_reason_or_a_tick_keeps_the_response_and_the_words_typed(
        client, officer, closed, published_findings):  # noqa: F811
    response, _words = published_findings
    client.force_login(officer)
    no_tick = _erase(client, closed, response, **{"erase-confirm": ""})
    assert no_tick.status_code == 400
    assert "Tick the box to confirm" in no_tick.content.decode()
    assert HOW in no_tick.content.decode()  # what was typed is kept
    no_reason = _erase(client, closed, response, **{"erase-how": " "})
    assert no_reason.status_code == 400
    unknown = client.post(reverse("analysis_response_erase", args=[closed.pk]),
                          {"erase-reference": "NOPE", "erase-how": HOW, "erase-confirm": "on"})
    assert unknown.status_code == 400
    assert "No response to this consultation has that reference." in unknown.content.decode()
    assert ConsultationResponse.objects.filter(pk=response.pk).exists()
    assert Coding.objects.filter(response=response).exists()
