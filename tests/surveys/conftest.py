"""Survey fixtures: surveys built the way editors build them, from the question bank."""

import datetime as dt

import pytest
from django.utils import timezone

from surveys.models import (
    SurveyAudience,
    SurveyIndexPage,
    SurveyPage,
    SurveyPlacement,
    SurveyQuestion,
)
from tests.factories import publish

# (short name of a bank question, page of the survey, required)
LAYOUT = [
    ("Overall satisfaction", 1, True),
    ("Drivers and assistants", 1, False),
    ("Feels safe", 2, False),
    ("Kind of travel help", 2, False),
    ("Equal partner", 3, False),
    ("One thing to improve", 3, False),
]


def bank(short_name: str) -> SurveyQuestion:
    return SurveyQuestion.objects.get(short_name=short_name, retired=False)


@pytest.fixture
def survey_index(tree):
    index = tree.home.add_child(instance=SurveyIndexPage(title="Satisfaction surveys",
                                                         slug="surveys"))
    return publish(index)


def make_survey(index, *, year=2026, opens_in_days=-1, closes_in_days=20, layout=LAYOUT,
                populations=None, results_published=False, **fields) -> SurveyPage:
    now = timezone.now()
    page = SurveyPage(
        title=fields.pop("title", f"Travel satisfaction survey {year}"),
        slug=fields.pop("slug", str(year)), year=year,
        intro="Tell us how travel to school went this year. It takes about 5 minutes.",
        opens=now + dt.timedelta(days=opens_in_days),
        closes=now + dt.timedelta(days=closes_in_days),
        results_published=results_published, change_note="First version.", **fields)
    for order, (name, step, required) in enumerate(layout):
        page.placements.add(SurveyPlacement(question=bank(name), step=step, required=required,
                                            sort_order=order))
    for audience, population in (populations or {"parents": 400, "schools": 30}).items():
        page.audiences.add(SurveyAudience(audience=audience, population=population))
    index.add_child(instance=page)
    return publish(page)


@pytest.fixture
def survey(survey_index):
    """This year's survey, open now."""
    return make_survey(survey_index)


def question_ids(survey) -> dict[str, int]:
    """Bank short name -> question id, for the survey's questions."""
    return {p.question.short_name: p.question_id for p in survey.placements.all()}
