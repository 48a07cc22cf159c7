"""A consultation's comparison sees its own fields, not only its words: each test publishes
a version that changes one field only, and the comparison names that one section."""

import datetime as dt

import pytest

from charter.selectors import compare
from tests.charter.test_compare_everything import changes, new_version

pytestmark = pytest.mark.django_db


def test_only_a_later_closing_date_is_one_change_to_when(consultation):
    old_closes = consultation.closes
    new_version(consultation, lambda d: setattr(d, "closes", d.closes + dt.timedelta(days=7)))
    found = compare(consultation.pk, 1, 2)
    assert set(changes(found)) == {"dates"}
    removed, added = changes(found)["dates"]
    assert str(old_closes.day) in removed
    assert str((old_closes + dt.timedelta(days=7)).day) in added


def test_only_another_way_to_respond_is_one_change(consultation):
    new_version(consultation, lambda d: setattr(d, "other_ways", "Phone 01234 567 890."))
    found = compare(consultation.pk, 1, 2)
    assert set(changes(found)) == {"other_ways"}
    assert changes(found)["other_ways"][1] == "Phone 01234 567 890."


def test_only_the_privacy_notice_is_one_change(consultation):
    new_version(consultation, lambda d: setattr(d, "privacy_notice", "We keep answers a year."))
    assert set(changes(compare(consultation.pk, 1, 2))) == {"privacy"}


def test_a_consultation_published_again_unchanged_shows_no_change(consultation):
    new_version(consultation, lambda d: None)
    assert changes(compare(consultation.pk, 1, 2)) == {}
