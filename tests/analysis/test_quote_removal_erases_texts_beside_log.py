# ruff: noqa: F811 - the fixtures imported from test_write_up
"""Removing a name from one quote takes it out of the texts kept beside the evidence log too
(issue 15, F1): the write-up's words sent and agreed quoted the whole sentence, so the
board's copy of the log, the officer's downloads and every page lose it, and the log still
verifies."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis import writeup_services
from analysis.models import Coding, QuoteConsent, WriteUp
from charter.models import EvidenceEntry, EvidenceText
from charter.record import evidence_verify
from consultations.models import ConsultationResponse
from tests.analysis.test_write_up import _agree, coded  # noqa: F401 - fixtures
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("term_day")]

SENTENCE = ("There is no pavement on Mill Lane for about 300 yards and cars do 50.")
ANSWER = "The distance is not the problem for us, the road is. " + SENTENCE


@pytest.fixture
def quoted(frame, coded, consultation, officer, forum_rep):
    """An answer naming Mill Lane, cleared to be quoted, quoted in the write-up the forum
    agreed (its words sent and agreed kept beside the log)."""
    response = ConsultationResponse.objects.create(
        consultation=consultation, respondent_type="parent", channel="online",
        reference="R9000001", answers={frame.question_id: ANSWER})
    now = timezone.now()
    Coding.objects.create(response=response, question_id=frame.question_id,
                          theme=frame.themes.get(code="unsafe-route"), coded_by=officer,
                          coded_at=now)
    QuoteConsent.objects.create(response=response, how="Ticked the box", recorded_by=officer,
                                recorded_at=now)
    _agree(frame, officer, forum_rep)
    draft = writeup_services.write_up_generate(consultation=consultation, user=officer)
    findings = {f.pk: f.text for f in draft.findings.all()}
    first = next(iter(findings))
    findings[first] += f"\nOne parent told us: “{SENTENCE}”"
    writeup_services.write_up_edit(write_up=draft, user=officer, findings=findings,
                                   text=draft.text, checked=True,
                                   reason="It counts no one: one of many.")
    write_up = WriteUp.objects.get(pk=draft.pk)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    writeup_services.write_up_agree(write_up=write_up, user=forum_rep)
    return response


def _board(client, user) -> str:
    client.force_login(user)
    body = b"".join(client.get(reverse("board_record_download")).streaming_content)
    return body.decode()


def test_a_name_removed_from_a_quote_leaves_the_board_log_and_every_page(
        client, frame, consultation, quoted, officer, forum_rep, board_member):
    kept = EvidenceText.objects.filter(source_model="analysis.writeup", removed_at__isnull=True)
    holding = [t for t in kept if "Mill Lane" in t.text]
    assert len(holding) >= 2  # the words sent and the words agreed
    assert "Mill Lane" in _board(client, board_member)
    before = EvidenceEntry.objects.count()
    client.force_login(officer)
    removed = client.post(reverse("analysis_redact", args=[consultation.pk]), {
        "redact-response": quoted.pk, "redact-frame": frame.pk, "redact-words": "Mill Lane",
        "redact-reason": "Names the lane the family lives on"})
    assert removed.status_code == 302
    [entry] = EvidenceEntry.objects.filter(sequence__gt=before)
    payload = json.loads(entry.payload_json)
    assert set(payload["entries"]) == {t.entry.sequence for t in holding}
    for text in EvidenceText.objects.filter(pk__in=[t.pk for t in holding]):
        assert text.text == "" and text.removed_at is not None
        assert f"entry {entry.sequence}" in text.removed_reason
    assert evidence_verify().intact
    for user in (board_member, officer):
        board = _board(client, user)
        assert "Mill Lane" not in board
    client.force_login(officer)
    downloads = [client.get(reverse("record_download"))]
    assert "Mill Lane" not in b"".join(downloads[0].streaming_content).decode()
    own = client.get(reverse("analysis_page", args=[consultation.pk])).content.decode()
    # Officers alone are offered the removed words to take out of the write-up's own
    # stored copies (``flagged_phrases``): the only place they read them.
    offer = ('value="Mill Lane"', '>Mill Lane</label>')
    assert "pavement on Mill Lane" not in own
    for part in offer:
        own = own.replace(part, "")
    pages = [own, client.get(reverse("analysis_board")).content.decode()]
    client.force_login(forum_rep)
    pages.append(client.get(reverse("analysis_page", args=[consultation.pk])).content.decode())
    client.logout()
    pages.append(client.get(consultation.url).content.decode())
    for html in pages:
        assert "Mill Lane" not in html
    # The answer itself is kept as written; its quote is shown without the name.
    quoted.refresh_from_db()
    assert "Mill Lane" in quoted.answers[frame.question_id]


def test_a_text_that_holds_the_words_but_quotes_no_part_of_the_answer_is_kept(
        consultation, quoted):
    holding = [t for t in EvidenceText.objects.filter(removed_at__isnull=True)
               if "Mill Lane" in t.text]
    assert holding
    assert writeup_services._texts_quoting(consultation, ANSWER, "Mill Lane") == holding
    # Another answer naming the lane is not quoted there: nothing of the log is erased for it.
    assert writeup_services._texts_quoting(
        consultation, "Mill Lane is fine for us, we drive.", "Mill Lane") == []
