"""Comparing two versions of a survey names a change to its dates, who is asked or whether a
question needs an answer, each on its own."""

import datetime as dt

import pytest

from charter.selectors import compare
from surveys.models import SurveyAudience
from tests.charter.test_compare_everything import changes, new_version

pytestmark = pytest.mark.django_db


def test_a_survey_opening_later_is_one_change(survey):
    opens = survey.opens

    def change(d):
        d.opens = opens + dt.timedelta(days=1)

    new_version(survey, change)
    found = compare(survey.pk, 1, 2)
    assert found["changed_count"] == 1
    removed, added = changes(found)["dates"]
    assert removed and added and removed != added


def test_a_survey_asking_operators_too_is_one_change(survey):
    def change(d):
        d.audiences.add(SurveyAudience(audience="operators", population=12))

    new_version(survey, change)
    found = compare(survey.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)["audiences"] == ("", "• Transport operators")


def test_a_survey_question_made_optional_is_one_change(survey):
    def change(d):
        placements = list(d.placements.all())
        placements[0].required = False
        d.placements = placements

    new_version(survey, change)
    found = compare(survey.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)["step-1"] == ("Answer needed", "Optional")
