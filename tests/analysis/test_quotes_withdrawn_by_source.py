"""A consultation's quotes are withdrawn by their source: the draft records which answer each
quote came from; an officer can record that a respondent withdrew consent to be quoted
(logged), and a quote whose answer lost its consent, had details removed or was changed
leaves the agreed public and board pages, however it was written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from analysis import writeup_selectors, writeup_services
from analysis.models import QuoteConsent, WriteUp
from charter.models import EvidenceEntry
from consultations.models import ConsultationResponse
from tests.analysis.test_write_up import _agree, coded  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("term_day")

NOTE = "Quoted words were taken out after the forum agreed this"


def _agreed(frame, consultation, officer, forum_rep) -> WriteUp:
    _agree(frame, officer, forum_rep)
    write_up = writeup_services.write_up_generate(consultation=consultation, user=officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    return writeup_services.write_up_agree(write_up=write_up, user=forum_rep)


def _public(consultation) -> str:
    found = writeup_selectors.published_findings([consultation])[consultation.pk]
    return "\n".join(f.text for f in found)


def _quoted(write_up) -> list[int]:
    return [q["response"] for f in write_up.agreed["findings"] for q in f["quotes"]]


def test_the_draft_records_which_answer_each_quote_came_from(
        frame, consultation, officer, forum_rep, coded):  # noqa: F811
    write_up = _agreed(frame, consultation, officer, forum_rep)
    recorded = [q for f in write_up.findings.all() for q in f.quotes]
    assert recorded and all(q["question"] == frame.question_id for q in recorded)
    by_pk = {r.pk: r for r in coded}
    for finding in write_up.findings.all():
        for q in finding.quotes:
            assert q["text"] in finding.text
            assert q["text"] == by_pk[q["response"]].answers[frame.question_id].strip()
    assert _quoted(write_up) == [q["response"] for q in recorded]


def test_an_answer_changed_by_an_officer_is_no_longer_quoted_in_public(
        frame, consultation, officer, forum_rep, coded):  # noqa: F811
    write_up = _agreed(frame, consultation, officer, forum_rep)
    response = ConsultationResponse.objects.get(pk=_quoted(write_up)[0])
    question = frame.question_id
    before = response.answers[question].strip()
    assert before in _public(consultation)
    response.answers = {**response.answers, question: "Changed: " + " ".join(
        before.split()[2:])}
    response.save(update_fields=["answers"])
    assert before not in _public(consultation)


def test_an_officer_records_that_consent_was_withdrawn(
        client, frame, consultation, officer, forum_rep, coded):  # noqa: F811
    write_up = _agreed(frame, consultation, officer, forum_rep)
    response = ConsultationResponse.objects.get(pk=_quoted(write_up)[0])
    words = response.answers[frame.question_id].strip()
    assert words in _public(consultation)
    url = reverse("analysis_consent_withdrawn", args=[consultation.pk])
    client.force_login(forum_rep)
    assert client.post(url, {"withdrawn-reference": response.reference,
                             "withdrawn-how": "Phoned"}).status_code == 403
    client.force_login(officer)
    page = client.get(reverse("analysis_page", args=[consultation.pk])).content.decode()
    assert "Record that consent was withdrawn" in page
    blank = client.post(url, {"withdrawn-reference": response.reference, "withdrawn-how": ""})
    assert blank.status_code == 400 and response.reference in blank.content.decode()
    assert QuoteConsent.objects.filter(response=response).exists()
    done = client.post(url, {"withdrawn-reference": response.reference.lower(),
                             "withdrawn-how": "Phoned on 3 March: please do not quote me"},
                       follow=True).content.decode()
    assert "no longer quoted" in done
    assert not QuoteConsent.objects.filter(response=response).exists()
    entry = EvidenceEntry.objects.get(kind="quote_consent_withdrawn")
    assert response.reference not in entry.payload_json
    assert "Phoned on 3 March" not in entry.payload_json
    assert words not in _public(consultation)
    client.force_login(forum_rep)
    assert words not in client.get(reverse("analysis_page", args=[consultation.pk])
                                   ).content.decode()
    again = client.post(url, {"withdrawn-reference": response.reference, "withdrawn-how": "x"})
    assert again.status_code == 403


def test_a_quote_in_other_marks_over_two_lines_leaves_the_board_page_when_details_go(
        client, frame, consultation, officer, forum_rep, board_member, coded):  # noqa: F811
    write_up = _agreed(frame, consultation, officer, forum_rep)
    response = ConsultationResponse.objects.get(pk=_quoted(write_up)[0])
    question = frame.question_id
    words = response.answers[question].strip().split()
    name = " ".join(words[1:3])
    # The agreed finding quotes the answer in Polish marks, over two lines, tidied.
    quote = " ".join(words[:4]) + "\n" + " ".join(words[4:]).rstrip(".") + "!"
    agreed = dict(write_up.agreed)
    agreed["findings"] = [{**agreed["findings"][0], "text": f"Najważniejsze:\n„{quote}”"},
                          *agreed["findings"][1:]]
    WriteUp.objects.filter(pk=write_up.pk).update(agreed=agreed)
    client.force_login(board_member)
    assert name in client.get("/board/analysis/").content.decode()
    writeup_services.redaction_add(response=response, question_id=question, words=name,
                                   reason="names the child", user=officer)
    board = client.get("/board/analysis/").content.decode()
    assert quote.split("\n")[1] not in board and name not in board
    assert NOTE in board
