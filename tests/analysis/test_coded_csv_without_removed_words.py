# ruff: noqa: F811 - the fixtures imported from test_write_up
"""The officers' coded answers export (``coded.csv``) travels (attachments, shared drives), so
it keeps no more than the pages show (bk15j F6, the lead's decision): words an officer removed
from an answer's quote as personal details, in any spelling or ending, and words removed
from the write-up, read as the pages' mark. The officers' coding screen keeps the answers as
written."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from analysis import writeup_services
from analysis.models import WriteUp
from analysis.writeup import REMOVED
from consultations.models import ConsultationResponse
from tests.analysis.test_quote_removal_reason_beside_log import _quoted, _sent
from tests.analysis.test_write_up import coded  # noqa: F401 - a fixture
from tests.surveys.conftest import survey, survey_index  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("term_day")]


ANSWER = "Jan-Zieliński drives us; pana Zielińskiego lubimy. The bus is late."
REASON = "It names our driver."


def _rows(client, frame) -> dict[str, list[str]]:
    response = client.get(reverse("analysis_coded_csv", args=[frame.pk]))
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    return {r[0]: r for r in rows[1:]}


def _named(frame, officer) -> ConsultationResponse:
    response_id, _first = _quoted(frame)
    response = ConsultationResponse.objects.get(pk=response_id)
    response.answers[frame.question_id] = ANSWER
    response.save(update_fields=["answers"])
    writeup_services.redaction_add(response=response, question_id=frame.question_id,
                                   words="Zieliński", reason=REASON, user=officer)
    return response


def test_the_export_loses_the_words_removed_from_a_quote(client, frame, coded, officer,
                                                         django_assert_max_num_queries):
    response = _named(frame, officer)
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        rows = _rows(client, frame)
    text = rows[response.reference][5]
    assert text == f"Jan-{REMOVED} drives us; pana {REMOVED} lubimy. The bus is late."
    assert not any("Zieli" in cell for row in rows.values() for cell in row)
    # Every other answer is exported as written.
    other = next(r for r in coded if r.pk != response.pk)
    assert rows[other.reference][5] == other.answers[frame.question_id]


def test_the_coding_screen_keeps_the_answer_as_written(client, frame, coded, officer):
    _named(frame, officer)
    client.force_login(officer)
    page = client.get(reverse("analysis_code", args=[frame.consultation_id,
                                                     frame.question_id]) + "?q=Zielińskiego")
    assert page.status_code == 200
    assert "Jan-Zieliński drives us; pana Zielińskiego lubimy." in page.content.decode()


def test_words_removed_from_the_write_up_go_from_the_export(client, frame, coded, officer,
                                                            forum_rep):
    response_id, _first = _quoted(frame)
    response = ConsultationResponse.objects.get(pk=response_id)
    words = " ".join(response.answers[frame.question_id].split()[1:4])
    _sent(frame, officer, forum_rep)
    write_up = WriteUp.objects.get(consultation=frame.consultation)
    writeup_services.write_up_phrases_remove(write_up=write_up, phrases=[words],
                                             reason=REASON, user=officer)
    client.force_login(officer)
    text = _rows(client, frame)[response.reference][5]
    assert words.lower() not in text.lower() and REMOVED in text

