"""A held figure on a results page says truly why it is held, on the page and in the CSV,
in English, Polish and Arabic (review bk15j, F4): "fewer than 10 people answered" only when
fewer than 10 did; a figure held because it moved by a few since it was last shown says so,
and states no count; a group held with a smaller one says that."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from surveys.models import SurveyComment
from tests.surveys.conftest import question_ids
from tests.surveys.test_results import (
    OVERALL,
    add_responses,
    closed_survey,
    csv_url,
    main_of,
    read_csv,
    results_url,
)
from tests.surveys.test_trends_held_after_erasure import _erase, _trend_row

pytestmark = pytest.mark.django_db

QUESTION = "One thing to improve"

FEW = {"en": "Held back: fewer than 10 people answered",
       "pl": "Ukryte: odpowiedziało mniej niż 10 osób",
       "ar": "محجوب: أجاب أقل من 10 أشخاص"}
CHANGED = {"en": "Held back: these figures changed by fewer than 10 answers since they were "
                 "last shown",
           "pl": "Wstrzymane: te liczby zmieniły się o mniej niż 10 odpowiedzi od ostatniego "
                 "pokazania",
           "ar": "محجوب: تغيّرت هذه الأرقام بأقل من 10 من الإجابات منذ آخر عرض لها"}
WITH_FEW = {"en": "Held back with a smaller group, so that its number cannot be worked out "
                  "from the total.",
            "pl": "Wstrzymane razem z mniejszą grupą, aby nie dało się obliczyć jej liczby z "
                  "sumy.",
            "ar": "محجوب مع مجموعة أصغر، حتى لا يمكن حساب عددها من المجموع."}
# Every way the small-number rule's words start, in the three languages: none of them may
# stand beside a figure held for another reason.
FEWER_THAN = ("fewer than 10 people", "Held back: fewer than 10 answers", "mniej niż 10 osób",
              "أقل من 10 أشخاص")
LANGUAGES = ["en", "pl", "ar"]


def _page(survey, language: str) -> str:
    prefix = "" if language == "en" else f"/{language}"
    return main_of(Client().get(prefix + results_url(survey)))


def _csv(survey, language: str) -> list[list[str]]:
    prefix = "" if language == "en" else f"/{language}"
    return read_csv(Client().get(prefix + csv_url(survey)))


def _csv_trend_note(survey, language: str, year: int) -> str:
    (row,) = [r for r in _csv(survey, language) if r[0] == "trend" and r[3] == str(year)]
    assert row[4:8] == ["", "", "", ""]  # no count, share or interval
    return row[8]


def _with_comments(survey, answers: list[dict]):
    """Responses giving ``answers``, each with a published written answer (so each can be
    erased at its writer's request)."""
    ids = question_ids(survey)
    for n, response in enumerate(add_responses(survey, answers)):
        SurveyComment.objects.create(
            response=response, survey=survey, question_id=ids[QUESTION],
            text=f"Late {n}.", language="en",
            moderation=SurveyComment.Moderation.APPROVED, public_text=f"Late {n}.")


@pytest.fixture
def years(survey_index, settings):
    """2025: 25 answered overall, plus 3 more and 7 who answered another question, each of
    those ten with a written answer; 2026: 20 answered overall."""
    settings.PORTAL_PAGE_CACHE = False
    earlier = closed_survey(survey_index, 2025)
    ids = question_ids(earlier)
    add_responses(earlier, [{ids[OVERALL]: p} for p in [5] * 15 + [1] * 10])
    _with_comments(earlier, [{ids[OVERALL]: 5}] * 3 + [{ids["Drivers and assistants"]: 4}] * 7)
    later = closed_survey(survey_index, 2026)
    add_responses(later, [{question_ids(later)[OVERALL]: p} for p in [5] * 15 + [1] * 5])
    return earlier, later


def _erase_all(survey, officer):
    for comment in SurveyComment.objects.filter(survey=survey).order_by("pk"):
        _erase(comment, officer)


@pytest.mark.parametrize("language", LANGUAGES)
def test_last_years_row_held_after_an_erasure_says_its_figures_changed(years, officer,
                                                                        language):
    """Ten deleted from 2025, three of whom answered the overall question (28 to 25): 2025's
    own page holds that question back, and this year's trend holds 2025's row with it. 25
    answered: the row says its figures changed, never that fewer than 10 answered."""
    earlier, later = years
    assert "%" in _trend_row(_page(later, "en"), 2025)  # shown before the erasures
    _erase_all(earlier, officer)
    row = _trend_row(_page(later, language), 2025)
    assert CHANGED[language] in row
    assert not any(words in row for words in FEWER_THAN)
    assert "%" not in row
    note = _csv_trend_note(later, language, 2025)
    assert note.startswith(CHANGED[language])
    assert not any(words in note for words in FEWER_THAN)


@pytest.mark.parametrize("language", LANGUAGES)
def test_this_years_row_held_with_its_question_says_its_figures_changed(years, officer,
                                                                         language):
    """This year's own row, held back with its question after ten erasures (three of them
    answered it): 20 people answered it, so "fewer than 10" would be false."""
    _earlier, later = years
    ids = question_ids(later)
    _with_comments(later, [{ids[OVERALL]: 5}] * 3 + [{ids["Drivers and assistants"]: 4}] * 7)
    assert "%" in _trend_row(_page(later, "en"), 2026)
    _erase_all(later, officer)
    page = _page(later, language)
    row = _trend_row(page, 2026)
    assert CHANGED[language] in row
    assert not any(words in row for words in FEWER_THAN)
    note = _csv_trend_note(later, language, 2026)
    assert note.startswith(CHANGED[language])
    # The question's own figures in the CSV say the same reason, not the small-number rule.
    (wording,) = [p.question.wording for p in later.placements.all()
                  if p.question.short_name == OVERALL]
    (answers,) = [r for r in _csv(later, language) if r[0] == "answers" and r[1] == wording]
    assert answers[4] == ""
    assert not any(words in answers[8] for words in FEWER_THAN)
    assert "10" in answers[8]  # the reason, with the minimum: "changed by fewer than 10"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_year_fewer_than_ten_answered_says_so(survey_index, settings, language):
    """The small-number rule's own words stand where they are true: 9 answered in 2025."""
    settings.PORTAL_PAGE_CACHE = False
    earlier = closed_survey(survey_index, 2025)
    ids = question_ids(earlier)
    add_responses(earlier, [{ids[OVERALL]: 5}] * 9 + [{ids["Drivers and assistants"]: 4}] * 6)
    later = closed_survey(survey_index, 2026)
    add_responses(later, [{question_ids(later)[OVERALL]: 5}] * 12)
    row = _trend_row(_page(later, language), 2025)
    assert FEW[language] in row
    assert CHANGED[language] not in row
    assert _csv_trend_note(later, language, 2025) == FEW[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_group_held_with_a_smaller_one_says_so(survey_index, settings, language):
    """3 schools answered (fewer than 10, held) and 25 parents (held with them, so the
    schools' 3 is not the total minus the parents): the parents' row does not say fewer
    than 10 answered."""
    settings.PORTAL_PAGE_CACHE = False
    survey = closed_survey(survey_index, 2026)
    ids = question_ids(survey)
    add_responses(survey, [{ids[OVERALL]: 5}] * 25)
    add_responses(survey, [{ids[OVERALL]: 5}] * 3, audience="schools")
    page = _page(survey, language)
    table = page[page.index('id="audiences-caption"'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.DOTALL)
    assert any(WITH_FEW[language] in r for r in rows)
    assert any(FEW[language] in r and WITH_FEW[language] not in r for r in rows)
    notes = [r[8] for r in _csv(survey, language) if r[0] == "responses" and r[4] == ""]
    assert sorted(notes) == sorted([FEW[language], WITH_FEW[language]])
