"""The write-up's plain rules, without a database: redaction, spreadsheet-safe cells, and
the "What people told us" draft (no hidden number ever written)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from analysis.small_numbers import small_numbers
from analysis.writeup import REMOVED, ThemeSummary, csv_cell, draft, redact


def test_redaction_removes_every_occurrence_whatever_its_case():
    text = "Ask Mrs Kowalska at Hill School. mrs kowalska knows."
    assert redact(text, ["Mrs Kowalska", "Hill School"]) == (
        f"Ask {REMOVED} at {REMOVED}. {REMOVED} knows.")


def test_a_longer_phrase_goes_whole_before_a_name_inside_it():
    assert redact("Sam Smith lives at 4 Sam Smith Road", ["Sam Smith", "4 Sam Smith Road"]) \
        == f"{REMOVED} lives at {REMOVED}"


@given(st.text())
def test_blank_phrases_change_nothing(text):
    assert redact(text, ["", "   "]) == text


def test_cells_a_spreadsheet_would_run_are_made_inert():
    for typed in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]:
        assert csv_cell(typed) == "'" + typed
    assert csv_cell("It is = unfair") == "It is = unfair"
    assert csv_cell(None) == "" and csv_cell(12) == "12"


@given(st.text(min_size=1))
def test_no_cell_starts_with_a_formula_character(text):
    assert not csv_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_the_draft_gives_counts_most_raised_first_with_quotes():
    themes = [ThemeSummary("a", "Still too far", 12, 40, ["It is two miles."]),
              ThemeSummary("b", "The route is not safe", 20, 40, ["No pavement.", "Dark.",
                                                                  "Busy road."]),
              ThemeSummary("c", "Weather", 0, 40)]
    intro, findings = draft(themes, base=40, minimum=10)
    assert "40 people" in intro
    assert [f.theme for f in findings] == ["b", "a"]
    assert findings[0].text.startswith("The route is not safe: 20 of 40 people (50 %).")
    assert "“No pavement.”" in findings[0].text and "Busy road." not in findings[0].text


def test_the_draft_never_writes_a_hidden_number_and_words_every_hidden_one_alike():
    # "Cost" is under the minimum; "Fairness" is hidden only so that another cannot be
    # worked out. Words telling them apart would give back what the tables hide.
    themes = [ThemeSummary("a", "Cost", None, 40, under_minimum=True),
              ThemeSummary("b", "Fairness", None, 40, under_minimum=False)]
    _intro, findings = draft(themes, base=40, minimum=10)
    assert findings[0].text.startswith("Cost: held back. We give no number under 10")
    assert (findings[0].text.removeprefix("Cost")
            == findings[1].text.removeprefix("Fairness"))
    assert "fewer than" not in findings[0].text.lower()
    assert small_numbers(findings[0].text) == []
    intro, _ = draft([], base=None, minimum=10)
    assert "How many people wrote one is held back." in intro
    assert "fewer than" not in intro.lower() and small_numbers(intro) == []
