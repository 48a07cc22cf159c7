"""A weekday with its date in running text, in each language: no database."""

import datetime as dt

import pytest
from django.utils import translation

from portal.templatetags.day_dates import day_and_date

MONDAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(("language", "said"), [
    ("en-gb", "Monday 30 November 2026"),
    # Polish: the month in the genitive, the weekday lower case and after the date, so the
    # phrase reads right after "do", "od" or a colon.
    ("pl", "30 listopada 2026 (poniedziałek)"),
])
def test_a_day_is_said_as_the_reader_says_it(language, said):
    with translation.override(language):
        assert day_and_date(MONDAY) == said


def test_arabic_names_the_weekday_in_arabic():
    with translation.override("ar"):
        assert "الاثنين" in day_and_date(MONDAY)


def test_no_date_says_nothing():
    assert day_and_date(None) == ""
