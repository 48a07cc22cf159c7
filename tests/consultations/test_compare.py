"""Comparing two versions of a consultation or a survey names a change to its dates, its
audiences or its questions, each on its own."""

import datetime as dt

import pytest

from charter.selectors import compare
from consultations.models import ConsultationAudience, ConsultationPage
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


def test_each_consultations_findings_are_listed_once_whatever_its_translations(
    client, consultation_index, calendar, tree
):
    from wagtail.models import Locale

    from charter.models import PageVersion
    from consultations.selectors import consultation_findings
    from tests.consultations.conftest import make_consultation

    closed = make_consultation(consultation_index, calendar, policy=tree.policy,
                               opens_in_days=-40, closes_in_days=-2, slug="closed")

    def lower(d):
        d.in_short = "Under-8s walk 1.5 miles."

    new_version(tree.policy, lower)

    def outcome(d):
        d.analysis = "Two families said 2 miles is unsafe."
        d.outcome = "We have lowered the distance for under-8s."
        d.outcome_version = PageVersion.objects.get(page=tree.policy, number=2)

    new_version(closed, outcome)
    copies = {}
    for code in ("pl", "ar"):
        copy = closed.copy_for_translation(Locale.objects.get(language_code=code),
                                           copy_parents=True)
        copy.outcome = f"{code}: obniżyliśmy"
        copy.save_revision().publish()
        copies[code] = copy

    html = client.get(tree.policy.url + "compare/1/2/").content.decode()
    assert html.count("We have lowered the distance for under-8s.") == 1
    assert "obniżyliśmy" not in html
    consultations = ConsultationPage.objects.all()
    assert [c.pk for c in consultation_findings(consultations, tree.policy.pk, 1, 2, "pl")] == [
        copies["pl"].pk]
    assert [c.pk for c in consultation_findings(consultations, tree.policy.pk, 1, 2,
                                                "en-gb")] == [closed.pk]
