"""Record-bearing snippets are never silently hard-deleted: a school calendar a consultation
counts its window in, and a question a survey asks, stay when an officer or administrator
deletes them from the admin, one at a time or in bulk, and neither way ends in a server
error. (Meetings: ``test_record_routes.test_a_meeting_is_never_deleted``.)"""

import pytest

from consultations.models import SchoolCalendar
from surveys.models import SurveyQuestion
from tests.consultations.conftest import (  # noqa: F401 (fixtures)
    calendar,
    consultation_index,
    make_consultation,
)
from tests.surveys.conftest import make_survey, survey_index  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def used_calendar(tree, calendar, consultation_index):  # noqa: F811
    make_consultation(consultation_index, calendar, policy=tree.policy)
    return calendar


@pytest.fixture
def used_question(survey_index):  # noqa: F811
    survey = make_survey(survey_index)
    return survey.placements.first().question


def _delete_everywhere(client, app, model, pk):
    single = client.post(f"/admin/snippets/{app}/{model}/delete/{pk}/", follow=True)
    bulk = client.post(f"/admin/bulk/{app}/{model}/delete/?id={pk}&next=/admin/", follow=True)
    return single, bulk


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_a_calendar_a_consultation_uses_is_never_deleted(client, used_calendar, login_as,
                                                         role):
    login_as(role)
    for response in _delete_everywhere(client, "consultations", "schoolcalendar",
                                       used_calendar.pk):
        assert response.status_code < 500
    assert SchoolCalendar.objects.filter(pk=used_calendar.pk).exists()


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_a_question_a_survey_asks_is_never_deleted(client, used_question, login_as, role):
    login_as(role)
    for response in _delete_everywhere(client, "surveys", "surveyquestion", used_question.pk):
        assert response.status_code < 500
    assert SurveyQuestion.objects.filter(pk=used_question.pk).exists()
