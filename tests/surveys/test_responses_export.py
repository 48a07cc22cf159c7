"""The officers' CSV of anonymous responses: streamed, one row per response, safe to open in a
spreadsheet, and read with the same few queries however many responses there are."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys import services
from surveys.exports import response_export_rows
from tests.exports.flow import export_download
from tests.surveys.conftest import question_ids

pytestmark = pytest.mark.django_db
HEADER = ["response", "audience", "submitted on", "late", "Overall satisfaction",
          "Drivers and assistants", "Feels safe", "Kind of travel help", "Equal partner",
          "One thing to improve"]


def _submit(survey, audience="parents", comment=None, **answers):
    ids = question_ids(survey)
    services.survey_submit(
        survey=survey, audience=audience,
        answers={ids[name.replace("_", " ")]: value for name, value in answers.items()},
        comments={ids["One thing to improve"]: comment} if comment else {})


def _download(client, survey):
    response = export_download(client, reverse("surveys_responses_csv", args=[survey.pk]))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{survey.slug}-responses.csv"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))


def test_one_row_per_response_with_labels_choices_and_written_answers(client, login_as,
                                                                      survey):
    login_as("officer")
    _submit(survey, Overall_satisfaction=5, Feels_safe=0,
            Kind_of_travel_help=["Bus pass", "Passenger assistant"],
            comment="More notice when the route changes.")
    _submit(survey, audience="schools", Overall_satisfaction=2, Equal_partner=4)
    rows = _download(client, survey)
    assert rows[0] == HEADER
    assert len(rows) == 3
    # Rows are numbered in the export's own order, never the order answers arrived in.
    assert [row[0] for row in rows[1:]] == ["1", "2"]
    by_audience = {row[1]: row for row in rows[1:]}
    first = by_audience["Parents and carers"]
    second = by_audience["Schools and colleges"]
    assert first[3:] == ["", "Very satisfied", "", "No", "Bus pass; Passenger assistant", "",
                         "More notice when the route changes."]
    assert second[3:] == ["", "Dissatisfied", "", "", "", "Agree", ""]


def test_formula_cells_are_neutralised(client, login_as, survey):
    login_as("officer")
    _submit(survey, Overall_satisfaction=3, comment='=HYPERLINK("http://evil.example","x")')
    _submit(survey, Overall_satisfaction=3, comment="+44 7700 900123 call me")
    rows = _download(client, survey)
    assert sorted(row[-1] for row in rows[1:]) == [
        "'+44 7700 900123 call me", "'=HYPERLINK(\"http://evil.example\",\"x\")"]


def test_written_answers_are_exported_as_typed(client, login_as, survey):
    login_as("officer")
    typed = "Fish & chips <at> five;\nI wrote to <transport@example.gov.uk>"
    _submit(survey, Overall_satisfaction=3, comment=typed)
    assert _download(client, survey)[1][-1] == typed


def test_an_empty_survey_exports_its_header(client, login_as, survey):
    login_as("officer")
    assert _download(client, survey) == [HEADER]


def test_the_rows_take_the_same_queries_for_few_or_many_responses(survey):
    _submit(survey, Overall_satisfaction=4, comment="One.")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows = list(response_export_rows(survey))
        return len(captured), rows

    few, rows = queries()
    for n in range(12):
        # Some with written answers, some without, so the merge has gaps to skip.
        _submit(survey, Overall_satisfaction=1 + n % 5,
                comment=f"Comment {n}." if n % 3 == 0 else None,
                Kind_of_travel_help=["Bus pass"] if n % 2 else [])
    many, rows = queries()
    assert many == few
    assert len(rows) == 14
    # Each written answer is on its own response's row: its satisfaction and travel help
    # are the ones sent with it (rows come in the export's order, not arrival order).
    written = {row[-1]: (row[4], row[7]) for row in rows[1:] if row[-1]}
    assert written == {"One.": ("Satisfied", ""), "Comment 0.": ("Very dissatisfied", ""),
                       "Comment 3.": ("Satisfied", "Bus pass"),
                       "Comment 6.": ("Dissatisfied", ""),
                       "Comment 9.": ("Very satisfied", "Bus pass")}
    assert sorted(int(row[0]) for row in rows[1:]) == list(range(1, 14))
