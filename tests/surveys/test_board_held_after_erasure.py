"""The board's "Satisfaction surveys, year on year" gives each published year the figures
that year's public results page gives: a response deleted at its writer's request after
publication moves nothing there by 1 to 9 (the board's copy of last month's table beside
today's would tell what that person answered), and a figure the public page holds back
because it moved by a few is held back on the board's too."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from surveys.models import SurveyComment
from tests.surveys.conftest import question_ids
from tests.surveys.test_board import _row
from tests.surveys.test_held_rows_say_why import _with_comments
from tests.surveys.test_results import OVERALL, add_responses, closed_survey, main_of, results_url
from tests.surveys.test_trends_held_after_erasure import _erase

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(survey_index, settings):
    """2025, published: 25 parents answered overall (15 satisfied: 60 %); three more who
    said 5 and seven who answered another question each wrote an answer (35 in all)."""
    settings.PORTAL_PAGE_CACHE = False
    survey = closed_survey(survey_index, 2025)
    ids = question_ids(survey)
    add_responses(survey, [{ids[OVERALL]: p} for p in [5] * 15 + [1] * 10])
    _with_comments(survey, [{ids[OVERALL]: 5}] * 3 + [{ids["Drivers and assistants"]: 4}] * 7)
    return survey


def _board_row(client, survey) -> str:
    return _row(client.get(reverse("board_home")).content.decode(), survey)


def test_one_deleted_after_publication_moves_nothing_on_the_board(client, login_as, year,
                                                                  officer):
    login_as("board_member")
    before = _board_row(client, year)
    assert "35</td>" in before  # responses
    assert "8.1 %" in before  # 35 of 430 (400 parents and 30 schools)
    assert "64 %" in before  # 18 of 28 satisfied
    _erase(SurveyComment.objects.filter(survey=year).order_by("pk").first(), officer)
    assert "Counts not updated" in main_of(Client().get(results_url(year)))
    after = _board_row(client, year)
    assert after == before  # not 34, 7.9 % nor 63 % (17 of 27)
    assert "34</td>" not in after and "63 %" not in after


def test_a_figure_the_public_page_holds_back_is_held_back_on_the_board(client, login_as,
                                                                       year, officer):
    """Ten deleted, three of whom answered the overall question: the public page gives new
    figures (25 responses) but holds that question back (it moved by 3). The board reads
    the same: 25, and no share (60 % would be 28 - 3 of them, worked out)."""
    login_as("board_member")
    for comment in SurveyComment.objects.filter(survey=year).order_by("pk"):
        _erase(comment, officer)
    public = main_of(Client().get(results_url(year)))
    assert "Counts not updated" not in public
    assert "25 people answered this survey" in public
    row = _board_row(client, year)
    assert "25</td>" in row
    assert "Held back: these figures changed by fewer than 10 answers" in row
    assert "60 %" not in row and "%" not in row.split("</td>")[2]
