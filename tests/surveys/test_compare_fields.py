"""A survey's comparison sees its own fields, not only its words: each test publishes a
version that changes one field only, and the comparison names that one section."""

import datetime as dt

import pytest

from charter.selectors import compare
from tests.charter.test_compare_everything import changes, new_version

pytestmark = pytest.mark.django_db


def test_only_needing_an_invitation_code_is_one_change_to_when(survey):
    new_version(survey, lambda d: setattr(d, "requires_code", not d.requires_code))
    found = compare(survey.pk, 1, 2)
    assert set(changes(found)) == {"dates"}
    removed, added = changes(found)["dates"]
    assert {removed, added} == {"Yes", "No"}


def test_only_a_later_closing_date_is_one_change_to_when(survey):
    new_version(survey, lambda d: setattr(d, "closes", d.closes + dt.timedelta(days=7)))
    assert set(changes(compare(survey.pk, 1, 2))) == {"dates"}


def test_a_survey_published_again_unchanged_shows_no_change(survey):
    new_version(survey, lambda d: None)
    assert changes(compare(survey.pk, 1, 2)) == {}
