"""The forum's review deadlines count school days in the school calendar the co-production
settings name: the consultations' calendars, offered to charter through its hook."""

import datetime as dt

import pytest
import time_machine
from wagtail.models import Site

from charter import selectors
from charter.models import CoproductionSettings
from consultations.models import HolidayPeriod, SchoolCalendar
from tests.charter.conftest import send_to_forum

pytestmark = pytest.mark.django_db
D = dt.date


def _sent_on(day, tree, officer):
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)):
        return send_to_forum(tree.policy, officer)


def _choose(calendar):
    settings = CoproductionSettings.for_site(Site.objects.get(is_default_site=True))
    settings.deadline_calendar = str(calendar.pk) if calendar else ""
    settings.save()


@pytest.mark.parametrize(("sent", "due"), [
    (D(2026, 12, 14), D(2027, 1, 11)),  # Christmas holidays: not Wednesday 30 December
    (D(2027, 3, 22), D(2027, 4, 20)),   # Good Friday and the Easter holidays
    (D(2027, 7, 19), D(2027, 9, 10)),   # the summer holidays
])
def test_a_review_is_due_ten_school_days_later_in_the_school_calendar(
        sent, due, tree, officer, calendar):
    _choose(calendar)
    review = _sent_on(sent, tree, officer)
    assert review.deadline == due


def test_with_no_calendar_chosen_the_first_calendar_by_name_is_used(tree, officer, calendar):
    SchoolCalendar.objects.create(name="Special schools", include_bank_holidays=True)
    assert selectors.deadline_calendar().name == "County schools"
    assert not selectors.deadline_calendar().chosen
    assert _sent_on(D(2026, 12, 14), tree, officer).deadline == D(2027, 1, 11)


def test_the_chosen_calendar_is_the_one_counted(tree, officer, calendar):
    special = SchoolCalendar.objects.create(name="Special schools")
    # Special schools break up a week later for Christmas.
    HolidayPeriod.objects.create(calendar=special, name="Christmas", first_day=D(2026, 12, 28),
                                 last_day=D(2027, 1, 8))
    _choose(special)
    assert selectors.deadline_calendar().chosen
    # 15-18 and 21-24 December (8 days; 25th is Christmas Day), then 11 and 12 January.
    assert _sent_on(D(2026, 12, 14), tree, officer).deadline == D(2027, 1, 12)


def test_without_any_school_calendar_only_weekends_and_bank_holidays_are_skipped(tree, officer):
    assert selectors.deadline_calendar().key == ""
    assert _sent_on(D(2026, 12, 14), tree, officer).deadline == D(2026, 12, 30)


def test_a_late_decision_is_judged_against_the_school_calendar_deadline(
        tree, officer, forum_rep, calendar):
    from charter import services
    from charter.models import ForumReviewTaskState

    _choose(calendar)
    review = _sent_on(D(2026, 12, 14), tree, officer)
    # 4 January 2027 is after the old (bank-holidays-only) deadline, before the school one.
    with time_machine.travel(dt.datetime(2027, 1, 4, 10, tzinfo=dt.UTC)):
        services.review_decide(review=review, user=forum_rep,
                               decision=ForumReviewTaskState.Decision.AGREED)
    review.refresh_from_db()
    assert review.decided_late is False


def test_the_forum_page_says_which_calendar_deadlines_follow(client, tree, officer, forum_rep,
                                                             calendar):
    _choose(calendar)
    review = _sent_on(D(2026, 12, 14), tree, officer)
    client.force_login(forum_rep)
    page = client.get(f"/forum/drafts/{review.pk}/").content.decode()
    assert "Monday 11 January 2027" in page
    assert "County schools" in page


def test_the_settings_offer_the_school_calendars_by_name(calendar):
    from wagtail.admin.panels import get_edit_handler

    from charter.models.settings import CoproductionSettingsForm

    form_class = get_edit_handler(CoproductionSettings).get_form_class()
    assert issubclass(form_class, CoproductionSettingsForm)
    choices = dict(form_class().fields["deadline_calendar"].widget.choices)
    assert choices[str(calendar.pk)] == "County schools"
