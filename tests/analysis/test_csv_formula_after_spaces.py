"""A cell of the coded answers' export (and of every CSV the portal hands out) whose first
character that is not white space starts a formula is kept inert: an importer that trims
cells ("trim white space", a data tool's round trip) would otherwise run it."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from analysis.writeup import csv_cell
from consultations.models import ConsultationResponse
from core.sanitise import spreadsheet_cell

pytestmark = pytest.mark.usefixtures("term_day")

LEADING = ["", " ", "   ", "\u00a0", "\t", "\n", "\r\n", " \u00a0\t\n ", "\u2003", "\u200b"]
STARTS = ["=", "+", "-", "@", "\uff1d"]


@pytest.mark.parametrize("space", LEADING)
@pytest.mark.parametrize("start", STARTS)
@pytest.mark.parametrize("cell", [csv_cell, spreadsheet_cell])
def test_a_formula_after_white_space_is_made_inert(cell, space, start):
    typed = f"{space}{start}HYPERLINK(\"http://x\")"
    assert cell(typed) == "'" + typed  # every character kept, after the apostrophe


@pytest.mark.parametrize("cell", [csv_cell, spreadsheet_cell])
def test_words_with_a_sign_later_are_left_alone(cell):
    for typed in ["It is = unfair", " The bus - late", "Mum @ home", "", "12"]:
        assert cell(typed) == typed


@given(st.text(min_size=1))
def test_no_cell_trims_to_a_formula(text):
    for cell in (csv_cell, spreadsheet_cell):
        made = cell(text)
        assert not made.strip().startswith(("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d",
                                            "\uff20")) or made.startswith("'")


def test_the_coded_answers_export_keeps_spaced_formulas_inert(client, frame, officer,
                                                              consultation):
    typed = [" =HYPERLINK(\"http://evil\")", "\u00a0=2+2", "\n=1+1", "\uff1d1+1"]
    for n, text in enumerate(typed):
        ConsultationResponse.objects.create(consultation=consultation, reference=f"F{n:07d}",
                                            answers={frame.question_id: text})
    client.force_login(officer)
    response = client.get(reverse("analysis_coded_csv", args=[frame.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    answers = {r[0]: r[5] for r in rows[1:]}
    assert [answers[f"F{n:07d}"] for n in range(len(typed))] == ["'" + t for t in typed]
