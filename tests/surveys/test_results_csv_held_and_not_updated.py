"""The survey results CSV's first row says both why its figures are held back and that they
are not updated when both are true (h15z F5), as each alone already does."""

from __future__ import annotations

import datetime as dt

from surveys.results import SurveyResults, results_table_rows

KEPT = dt.datetime(2027, 1, 20, 10, tzinfo=dt.UTC)


def _first_note(**changes) -> str:
    results = SurveyResults(title="Annual survey", year=2027, minimum=10, responses=8,
                            audiences=(), questions=(), trends=(), actions=(), **changes)
    rows = list(results_table_rows(None, results=results))
    return rows[1][-1]


def test_held_back_and_not_updated_gives_both_notes():
    note = _first_note(held_back=True, not_updated_since=KEPT)
    assert note.startswith("Held back: fewer than 10 answers. Counts not updated")
    assert "Counts not updated: fewer than 10 responses were added or taken out since " \
           "20 January 2027" in note


def test_each_alone_gives_its_own_note():
    assert _first_note(held_back=True) == "Held back: fewer than 10 answers"
    assert _first_note(held_back=False, not_updated_since=KEPT).startswith(
        "Counts not updated")
    assert _first_note(held_back=False) == ""
