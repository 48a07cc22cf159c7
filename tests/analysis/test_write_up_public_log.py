"""What the public evidence log holds of the write-up: never the words of a draft the forum
has not agreed, never a kept small-number sentence in clear, never a then/now pair that
gives away a hidden count. Each is read from the public download after the event, as
anyone could."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from analysis import writeup_services
from analysis.models import Coding, Theme, WriteUp
from charter import chain
from charter.governance import Period
from charter.record import evidence_verify
from charter.selectors import board_pack
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _results,
    _send_and_agree,
    _url,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.analysis.test_write_up_after_agreement import _recode
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

DRAFT_WORDS = "Words of a draft the forum has not agreed yet."
KEPT = "4 families said the escort was rude."
REASON = "The four are the council's own staff."


def _public_log(client) -> list[dict]:
    client.logout()
    response = client.get(reverse("record_download"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _entries(lines, kind) -> list[dict]:
    return [line for line in lines if line.get("type") == "entry" and line["kind"] == kind]


def _board_log(client, board_member) -> str:
    client.force_login(board_member)
    response = client.get(reverse("board_record_download"))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_a_draft_sent_to_the_forum_has_no_words_or_counts_in_the_public_log(
        client, published, agreed_frame, officer, board_member):  # noqa: F811
    write_up = _generate(published, officer)
    write_up.text = DRAFT_WORDS
    write_up.save(update_fields=["text"])
    findings = [f.text for f in write_up.findings.all()]
    writeup_services.write_up_send(write_up=write_up, user=officer)
    lines = _public_log(client)
    [entry] = _entries(lines, "analysis_sent")
    whole = json.dumps(lines, ensure_ascii=False)
    assert DRAFT_WORDS not in whole
    for text in findings:
        assert text.split("\n")[0] not in whole
    payload = json.loads(entry["payload"])
    assert set(payload["text"]) == {"text_sha256"}  # proof of the words, not the words
    assert "counts" not in payload  # not agreed: nothing is published yet
    # Each finding's theme by its key: never a code or a name typed by an officer.
    assert [f["theme"] for f in payload["findings"]] == [
        Theme.objects.get(frame=agreed_frame, code=c).pk for c in ("late", "kind")]
    assert "texts" not in entry
    # The board's copy keeps the words beside the entry, and the chain still verifies.
    assert DRAFT_WORDS in _board_log(client, board_member)
    assert evidence_verify().intact


def test_the_agreed_write_up_logs_its_published_counts_and_only_hashes_its_words(
        client, published, agreed_frame, officer, forum_rep):  # noqa: F811
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    [entry] = _entries(_public_log(client), "analysis_agreed")
    payload = json.loads(entry["payload"])
    assert payload["counts"] == write_up.counts  # small numbers already hidden in them
    assert write_up.text not in entry["payload"]
    assert set(payload["findings"][0]) == {"theme"}


def test_a_kept_small_number_sentence_is_never_in_the_public_log(
        client, published, agreed_frame, officer, board_member):  # noqa: F811
    draft = _generate(published, officer)
    client.force_login(officer)
    response = client.post(_url(published, "edit"), {
        "writeup-text": f"Thank you all. {KEPT}",
        **{f"writeup-finding_{f.pk}": f.text for f in draft.findings.all()},
        "writeup-checked": "on", "writeup-reason": REASON})
    assert response.status_code == 302
    lines = _public_log(client)
    [entry] = _entries(lines, "analysis_small_numbers_kept")
    whole = json.dumps(lines, ensure_ascii=False)
    assert KEPT not in whole and "escort was rude" not in whole
    assert "council's own staff" not in whole
    payload = json.loads(entry["payload"])
    assert payload["sentences_kept"] == 1
    assert set(payload["sentences"]) == {"text_sha256"}
    board = _board_log(client, board_member)
    assert "escort was rude" in board and "council's own staff" in board


def test_sending_it_back_logs_which_themes_changed_never_a_then_and_now_pair(
        client, published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    agreed = _send_and_agree(_generate(published, officer), officer, forum_rep)
    late = Theme.objects.get(frame=agreed_frame, code="late")
    # "Late transport": 20 agreed, 3 taken off leaves 17; "Kind staff" stays hidden (4, then 6).
    Coding.objects.filter(theme=late, comment__in=comments[:3]).update(
        removed_at=timezone.now())
    kind = Theme.objects.get(frame=agreed_frame, code="kind")
    Coding.objects.bulk_create([
        Coding(comment=c, question_id=agreed_frame.question_id, theme=kind, coded_by=officer,
               coded_at=timezone.now()) for c in comments[24:26]])
    writeup_services.write_up_reopen(write_up=WriteUp.objects.get(pk=agreed.pk), user=officer)
    [entry] = _entries(_public_log(client), "analysis_reopened")
    payload = json.loads(entry["payload"])
    # Which themes changed, by their names now (perhaps never seen by the forum): beside
    # the entry, hashed in the public log.
    assert set(payload["themes_changed"]) == {"text_sha256"}
    assert "Late transport" not in entry["payload"]
    assert "recoded" not in payload
    # No number in it but the write-up's key and the page's: nothing to subtract.
    numbers = [v for v in json.loads(chain.canonical_json(payload)).values()
               if isinstance(v, int)]
    assert sorted(numbers) == sorted([published.pk, agreed.pk])


def test_the_board_pack_and_record_say_a_write_up_was_sent_back_or_a_number_kept(
        client, officer, forum_rep, board_member,
        published, agreed_frame, comments):  # noqa: F811
    draft = _generate(published, officer)
    writeup_services.write_up_edit(write_up=draft, user=officer, text=f"Hello. {KEPT}",
                                   findings={}, checked=True, reason=REASON)
    agreed = _send_and_agree(WriteUp.objects.get(pk=draft.pk), officer, forum_rep)
    kind = Theme.objects.get(frame=agreed_frame, code="kind")
    Coding.objects.bulk_create([
        Coding(comment=c, question_id=agreed_frame.question_id, theme=kind, coded_by=officer,
               coded_at=timezone.now()) for c in comments[24:]])
    writeup_services.write_up_reopen(write_up=WriteUp.objects.get(pk=agreed.pk), user=officer)
    today = timezone.localdate()
    events = {e["entry"].kind: e for e in board_pack(Period(None, today), today)
              ["consultation_events"]}
    assert events["analysis_reopened"]["what"] == (
        "Write-up sent back to the forum: coding changed after it was agreed")
    assert events["analysis_small_numbers_kept"]["what"].startswith(
        "Officer kept a small number in the write-up")
    client.force_login(board_member)
    csv = client.get(reverse("board_record_csv")).content.decode()
    assert "Write-up sent back to the forum: coding changed after it was agreed" in csv
    assert "Officer kept a small number in the write-up, saying it identifies no one" in csv
    assert "escort was rude" not in csv and "council's own staff" not in csv
    assert "recoded" not in csv


def test_keeping_a_small_number_needs_a_real_reason_and_logs_nothing_without_one(
        client, officer, published, agreed_frame):  # noqa: F811
    draft = _generate(published, officer)
    with pytest.raises(ValidationError):
        writeup_services.write_up_edit(write_up=draft, user=officer, text=f"Hi. {KEPT}",
                                       findings={}, checked=True, reason=" ok ")
    assert _entries(_public_log(client), "analysis_small_numbers_kept") == []


def test_a_round_agreed_a_few_answers_later_publishes_the_counts_published_before(
        client, published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    first = _send_and_agree(_generate(published, officer), officer, forum_rep)
    _recode(agreed_frame, comments, officer)  # six more people's comments coded
    writeup_services.write_up_reopen(write_up=WriteUp.objects.get(pk=first.pk), user=officer)
    writeup_services.write_up_refresh_counts(write_up=WriteUp.objects.get(pk=first.pk),
                                             user=officer)
    _send_and_agree(WriteUp.objects.get(pk=first.pk), officer, forum_rep)
    lines = _public_log(client)
    before, after = (json.loads(e["payload"])["counts"][0]
                     for e in _entries(lines, "analysis_agreed"))
    # The two rounds side by side tell nothing of the six: the same base and counts.
    assert after["base"] == before["base"] and after["not_updated"] is True
    assert [t["count"] for t in after["themes"]] == [t["count"] for t in before["themes"]]
    page = _results(client, published)
    assert "Counts not updated: fewer than 10 answers were added, taken out or recoded" in page


def test_a_draft_written_a_few_answers_later_gives_the_counts_published_before(
        published, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    first = _send_and_agree(_generate(published, officer), officer, forum_rep)
    _recode(agreed_frame, comments, officer)  # six more people's comments coded
    writeup_services.write_up_reopen(write_up=WriteUp.objects.get(pk=first.pk), user=officer)
    again = _generate(published, officer)
    words = "\n".join([again.text, *(f.text for f in again.findings.all())])
    # Its words will be public with the counts published before: they give those too.
    assert "Late transport: 20 of 24 people (83 %)." in words
    assert "30 people" not in words and "of 30" not in words
