"""The "Over the years" rows of a results page hold as each year's own results page does:
deleting a response from last year's survey at the respondent's request must not move last
year's row on this year's page by one (a saved copy of this year's page beside the new one
would tell what that person answered). Each row is the figure that year's own page shows
(``surveys.statistics.figures_to_show`` over its ``SurveyResultsShown`` rounds)."""

from __future__ import annotations

import re

import pytest
from django.test import Client, TestCase

from analysis import writeup_services
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

QUESTION = "One thing to improve"
EARLIER = [5] * 15 + [1] * 10  # 15 of 25 very satisfied or satisfied: 60 %

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(survey_index, settings):
    settings.PORTAL_PAGE_CACHE = False
    earlier = closed_survey(survey_index, 2025)
    ids = question_ids(earlier)
    responses = add_responses(earlier, [{ids[OVERALL]: p} for p in EARLIER])
    for n, response in enumerate(responses[:12]):  # twelve who said 5 also wrote
        SurveyComment.objects.create(
            response=response, survey=earlier, question_id=ids[QUESTION],
            text=f"The bus was late on day {n}.", language="en",
            moderation=SurveyComment.Moderation.APPROVED, public_text=f"Late, day {n}.")
    later = closed_survey(survey_index, 2026)
    add_responses(later, [{question_ids(later)[OVERALL]: p} for p in [5] * 15 + [1] * 5])
    return earlier, later


def _erase(comment, officer):
    with TestCase.captureOnCommitCallbacks(execute=True):
        writeup_services.survey_response_erase(comment=comment, user=officer,
                                               how="Phoned on 1 December")


def _trend_row(html: str, year: int) -> str:
    """The cells of ``year``'s row in the "Over the years" table, as the page shows them."""
    trends = html[html.index('id="trends"'):]
    row = re.search(rf'<th scope="row" class="govuk-table__header">{year}\b.*?</th>(.*?)</tr>',
                    trends, re.DOTALL)
    return " | ".join(_cells(row.group(1)))


def _cells(html: str) -> list[str]:
    return [" ".join(re.sub(r"<[^>]+>", "", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.DOTALL)]


def _headline(html: str) -> str:
    """The share and interval of the survey's own headline row for the overall question."""
    start = html.index('id="headlines-caption"')
    headline = html[start:html.index("</table>", start)]
    return " | ".join(_cells(headline)[:2])


def _csv_trend(survey, year: int) -> list[str]:
    rows = read_csv(Client().get(csv_url(survey)))
    (row,) = [r for r in rows if r[0] == "trend" and r[3] == str(year)]
    return row


def test_one_response_deleted_last_year_leaves_its_row_on_this_years_page(years, officer):
    earlier, later = years
    before = main_of(Client().get(results_url(later)))
    row = _trend_row(before, 2025)
    assert "60&nbsp;%" in row
    csv_before = _csv_trend(later, 2025)
    assert csv_before[4] == "15"  # people who said 4 or 5

    _erase(SurveyComment.objects.order_by("pk").first(), officer)

    after = main_of(Client().get(results_url(later)))
    assert _trend_row(after, 2025) == row  # not 58 %: 14 of 24
    assert "58&nbsp;%" not in after
    assert _csv_trend(later, 2025) == csv_before
    # The same figure as last year's own page, which keeps its counts too.
    own = main_of(Client().get(results_url(earlier)))
    assert "Counts not updated" in own
    assert _headline(own) in row


def test_ten_deleted_last_year_move_its_row_with_its_own_page(years, officer):
    earlier, later = years
    for comment in list(SurveyComment.objects.order_by("pk"))[:10]:
        _erase(comment, officer)
    own = main_of(Client().get(results_url(earlier)))
    assert "Counts not updated" not in own
    assert "33&nbsp;%" in _headline(own)  # 5 of 15
    row = _trend_row(main_of(Client().get(results_url(later))), 2025)
    assert _headline(own) in row
    # One more deleted: last year's page keeps its figures, and so does this year's row.
    _erase(SurveyComment.objects.filter(survey=earlier).order_by("pk").first(), officer)
    assert "Counts not updated" in main_of(Client().get(results_url(earlier)))
    assert _trend_row(main_of(Client().get(results_url(later))), 2025) == row


def test_this_years_row_is_held_back_when_its_own_question_is(years, officer):
    """Ten deleted from this year's survey, three of whom answered the overall question:
    the page gives new figures but holds that question back (its figures moved by 3), and
    this year's row in its trend is held back with it."""
    _earlier, later = years
    ids = question_ids(later)
    responses = add_responses(later, [{ids[OVERALL]: 5}] * 3
                              + [{ids["Drivers and assistants"]: 4}] * 7)
    for n, response in enumerate(responses):
        SurveyComment.objects.create(
            response=response, survey=later, question_id=ids[QUESTION],
            text=f"Late {n}.", language="en",
            moderation=SurveyComment.Moderation.APPROVED, public_text=f"Late {n}.")
    shown = main_of(Client().get(results_url(later)))
    assert "78&nbsp;%" in _trend_row(shown, 2026)  # 18 of 23
    for comment in SurveyComment.objects.filter(survey=later).order_by("pk"):
        _erase(comment, officer)
    page = main_of(Client().get(results_url(later)))
    assert "Counts not updated" not in page
    assert "20 people answered this survey" in page
    row = _trend_row(page, 2026)
    assert "Held back" in row
    assert "75&nbsp;%" not in row  # 15 of 20: 3 fewer than shown
    assert "75&nbsp;%" not in page  # nor in the question's own section
