"""Comparing two versions of a consultation or a survey names a change to its dates, its
audiences or its questions, each on its own."""

import datetime as dt

import pytest

from charter.selectors import compare
from consultations.models import ConsultationAudience
from tests.charter.test_compare_everything import changes, new_version

pytestmark = pytest.mark.django_db


def test_a_consultation_closing_later_is_one_change(consultation):
    closes = consultation.closes

    def change(d):
        d.closes = closes + dt.timedelta(days=7)

    new_version(consultation, change)
    found = compare(consultation.pk, 1, 2)
    assert found["changed_count"] == 1
    removed, added = changes(found)["dates"]
    assert removed and added and removed != added


def test_a_consultation_for_another_audience_is_one_change(consultation):
    schools, _ = ConsultationAudience.objects.get_or_create(name="Schools")

    def change(d):
        d.audiences = list(d.audiences.all()) + [schools]

    new_version(consultation, change)
    found = compare(consultation.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)["audiences"] == ("", "• Schools")


def test_a_consultation_question_made_optional_is_one_change(consultation):
    def change(d):
        d.questions[0].value["required"] = False

    new_version(consultation, change)
    found = compare(consultation.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)[consultation.questions[0].id] == ("Answer needed", "Optional")


def test_a_consultation_choice_added_is_one_change(consultation):
    def change(d):
        d.questions[1].value["choices"] = ["Walks", "Bus pass", "Taxi", "Parent drives"]

    new_version(consultation, change)
    found = compare(consultation.pk, 1, 2)
    assert found["changed_count"] == 1
    assert changes(found)[consultation.questions[1].id] == ("", "Parent drives")
