# ruff: noqa: F811 - the fixtures imported from test_write_up
"""Removing personal details from a consultation answer's quote is a removal like any other
(bk15i, F2): one entry in the evidence log, the officer's typed reason (it may name the
person) kept only beside that entry, and the record saying "Removed on DATE: personal
details", which is all the forum, and anyone else outside the officers' own screens, reads
(in Polish and Arabic too). Officers read their reason beside the quote."""

from __future__ import annotations

import datetime as dt
import importlib
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis import writeup_selectors, writeup_services
from analysis.models import Redaction, WriteUp
from charter.models import EvidenceEntry, EvidenceText
from consultations.models import ConsultationResponse
from tests.analysis.test_write_up import _agree, coded  # noqa: F401 - fixtures
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("term_day")]

REASON = "Identifies Mrs Zofia Nowak of 12 Elm Road"
NOTICE = "Removed on 20 January 2027: personal details"  # the frozen term day


def _quoted(frame):
    """A response quoted on the analysis page, and the first word of its quote."""
    quote = next(q for v in writeup_selectors.frame_analysis(frame).themes for q in v.quotes)
    return quote.response_id, quote.text.split()[0]


def _sent(frame, officer, forum_rep):
    """The frame agreed and the draft sent: the forum then reads the analysis page."""
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=frame.consultation, user=officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)


def _page(client, frame, prefix=""):
    return client.get(f"{prefix}/forum/analysis/consultations/{frame.consultation_id}/"
                      ).content.decode()


def _redact(client, frame, response_id, words, reason=REASON):
    return client.post(reverse("analysis_redact", args=[frame.consultation_id]), {
        "redact-response": response_id, "redact-frame": frame.pk, "redact-words": words,
        "redact-reason": reason})


def test_the_reason_lives_only_beside_one_log_entry(client, frame, coded, officer):  # noqa: F811
    response_id, words = _quoted(frame)
    before = EvidenceEntry.objects.count()
    client.force_login(officer)
    assert _redact(client, frame, response_id, words).status_code == 302
    redaction = Redaction.objects.get(response_id=response_id)
    assert redaction.reason == NOTICE
    [entry] = EvidenceEntry.objects.filter(sequence__gt=before)
    assert entry.kind == EvidenceEntry.Kind.TEXT_REMOVED
    assert entry.subject == f"analysis.redaction:{redaction.pk}"
    assert REASON not in entry.payload_json and words not in entry.payload_json
    [kept] = EvidenceText.objects.filter(entry=entry)
    assert (kept.field, kept.text) == ("reason", REASON)
    # The quote loses the words; the officer reads the reason beside it.
    html = _page(client, frame)
    assert "[personal details removed]" in html
    assert f"Removed on 20 January 2027: {REASON}" in html


def test_the_forum_reads_only_the_fixed_notice_in_its_language(
        client, frame, coded, officer, forum_rep):  # noqa: F811
    response_id, words = _quoted(frame)
    writeup_services.redaction_add(response=ConsultationResponse.objects.get(pk=response_id),
                                   question_id=frame.question_id, words=words,
                                   reason=REASON, user=officer)
    _sent(frame, officer, forum_rep)
    client.force_login(forum_rep)
    english = _page(client, frame)
    assert NOTICE in english and "[personal details removed]" in english
    polish, arabic = _page(client, frame, "/pl"), _page(client, frame, "/ar")
    assert "Usunięto 20 stycznia 2027: dane osobowe" in polish
    assert "حُذفت في" in arabic and "بيانات شخصية" in arabic
    for html in (english, polish, arabic):
        assert REASON not in html and "Zofia" not in html


def test_a_reason_stored_on_the_record_before_is_never_shown_to_the_forum(
        client, frame, coded, officer, forum_rep):  # noqa: F811
    response_id, words = _quoted(frame)
    # As the portal stored it before: the typed reason on the record itself.
    Redaction.objects.create(response_id=response_id, question_id=frame.question_id,
                             words=words, reason=REASON, redacted_by=officer,
                             redacted_at=timezone.now())
    _sent(frame, officer, forum_rep)
    client.force_login(forum_rep)
    html = _page(client, frame)
    assert REASON not in html and NOTICE in html
    client.force_login(officer)
    assert f"Personal details removed: {REASON}" in _page(client, frame)


@pytest.mark.parametrize("role,status", [("anonymous", 302), ("parent", 403),
                                         ("forum_rep", 403), ("board_member", 403)])
def test_only_officers_remove_details(client, login_as, frame, coded, officer, forum_rep,
                                      role, status):  # noqa: F811
    response_id, words = _quoted(frame)
    _sent(frame, officer, forum_rep)
    before = EvidenceEntry.objects.count()
    login_as(role)
    assert _redact(client, frame, response_id, words).status_code == status
    assert not Redaction.objects.exists()
    assert EvidenceEntry.objects.count() == before


@pytest.mark.parametrize("role,status", [("anonymous", 302), ("parent", 403),
                                         ("board_member", 403)])
def test_others_never_read_the_analysis(client, login_as, frame, coded, officer, forum_rep,
                                        role, status):  # noqa: F811
    response_id, words = _quoted(frame)
    writeup_services.redaction_add(response=ConsultationResponse.objects.get(pk=response_id),
                                   question_id=frame.question_id, words=words, reason=REASON,
                                   user=officer)
    _sent(frame, officer, forum_rep)
    login_as(role)
    response = client.get(reverse("analysis_page", args=[frame.consultation_id]))
    assert response.status_code == status
    assert REASON not in response.content.decode()
    assert WriteUp.objects.get().status == WriteUp.Status.WITH_FORUM


def test_the_reason_goes_when_the_respondent_asks_for_their_response_to_be_deleted(
        frame, coded, officer):
    response_id, words = _quoted(frame)
    response = ConsultationResponse.objects.get(pk=response_id)
    writeup_services.redaction_add(response=response, question_id=frame.question_id,
                                   words=words, reason=REASON, user=officer)
    entry = writeup_services.response_erase(response=response, user=officer,
                                            how="Phoned the office")
    assert not EvidenceText.objects.filter(text__contains="Zofia").exists()
    assert json.loads(entry.payload_json)["texts_erased"] >= 1


def test_reasons_stored_before_move_beside_the_log(client, frame, coded, officer, forum_rep):
    from django.apps import apps

    moving = importlib.import_module(
        "analysis.migrations.0018_quote_removal_reasons_beside_the_log")
    response_id, words = _quoted(frame)
    legacy = Redaction.objects.create(
        response_id=response_id, question_id=frame.question_id, words=words, reason=REASON,
        redacted_by=officer, redacted_at=timezone.now() - dt.timedelta(days=3))
    pointer = Redaction.objects.create(
        response_id=coded[2].pk, question_id=frame.question_id, words="the",
        reason=writeup_services.WORDS_REMOVED_IN % {"entry": 7}, redacted_by=officer,
        redacted_at=timezone.now())
    before = EvidenceEntry.objects.count()
    moving.move_reasons(apps, None)
    legacy.refresh_from_db()
    pointer.refresh_from_db()
    assert legacy.reason == "Removed on 17 January 2027: personal details"
    assert pointer.reason.endswith("(removal: entry 7)")  # its reason is already beside 7
    [entry] = EvidenceEntry.objects.filter(sequence__gt=before)
    assert entry.subject == f"analysis.redaction:{legacy.pk}" and REASON not in entry.payload_json
    assert EvidenceText.objects.get(entry=entry).text == REASON
    moving.move_reasons(apps, None)  # run again, nothing more moves
    assert EvidenceEntry.objects.count() == before + 1
    _sent(frame, officer, forum_rep)
    client.force_login(forum_rep)
    assert REASON not in _page(client, frame)
    client.force_login(officer)
    assert f"Removed on 17 January 2027: {REASON}" in _page(client, frame)
