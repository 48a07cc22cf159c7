"""The school calendar editor and the consultation editor's scheduling help: overlaps refused
as a file import refuses them, conflicts named on save, windows suggested before anything is
refused, and a draft's dates checked in its status panel."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from consultations.models import HolidayPeriod, SchoolCalendar
from consultations.models.settings import consultation_settings
from tests.consultations.conftest import make_consultation

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
D = dt.date


def _calendar_form(name, periods, *, bank_holidays=False):
    return nested_form_data({
        "name": name, "area": "", "include_bank_holidays": "on" if bank_holidays else "",
        "periods": inline_formset([
            {"id": "", "name": n, "kind": k, "first_day": f.isoformat(),
             "last_day": last.isoformat(), "ORDER": str(i)}
            for i, (n, k, f, last) in enumerate(periods)]),
    })


def test_the_calendar_editor_refuses_overlapping_periods(client, login_as):
    login_as("officer")
    response = client.post(reverse("wagtailsnippets_consultations_schoolcalendar:add"),
                           _calendar_form("Special schools", [
                               ("Autumn half term", "half_term", D(2026, 10, 26), D(2026, 10, 30)),
                               ("Extra week", "holiday", D(2026, 10, 29), D(2026, 11, 4)),
                               ("Christmas holidays", "holiday", D(2026, 12, 21), D(2027, 1, 1)),
                               ("Christmas Day", "bank_holiday", D(2026, 12, 25), D(2026, 12, 25)),
                           ]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "“Extra week” overlaps “Autumn half term” (26 Oct 2026 to 30 Oct 2026)." in html
    assert "Christmas Day” overlaps" not in html  # a bank holiday may sit inside a holiday
    assert "Autumn half term" in html and "Extra week" in html  # what was typed is kept
    assert not SchoolCalendar.objects.filter(name="Special schools").exists()


def test_the_calendar_editor_saves_periods_that_do_not_overlap(client, login_as):
    login_as("officer")
    response = client.post(reverse("wagtailsnippets_consultations_schoolcalendar:add"),
                           _calendar_form("Special schools", [
                               ("Autumn half term", "half_term", D(2026, 10, 26), D(2026, 10, 30)),
                               ("Christmas holidays", "holiday", D(2026, 12, 21), D(2027, 1, 1)),
                           ]))
    assert response.status_code == 302
    assert SchoolCalendar.objects.get(name="Special schools").periods.count() == 2


def test_saving_a_calendar_warns_at_once_of_every_consultation_it_now_conflicts_with(
    client, login_as, consultation_index
):
    login_as("officer")
    calendar = SchoolCalendar.objects.create(name="Empty", include_bank_holidays=False)
    make_consultation(consultation_index, calendar, opens_in_days=5, closes_in_days=80,
                      slug="walking")
    make_consultation(consultation_index, calendar, opens_in_days=5, closes_in_days=80,
                      slug="taxis", title="Taxi pick-up times")
    make_consultation(consultation_index, calendar, opens_in_days=200, closes_in_days=280,
                      slug="later", title="Later")
    closed = timezone.localdate() + dt.timedelta(days=30)
    response = client.post(
        reverse("wagtailsnippets_consultations_schoolcalendar:edit", args=[calendar.pk]),
        _calendar_form("Empty", [("Flood closure", "closure", closed, closed)]), follow=True)
    html = response.content.decode()
    assert HolidayPeriod.objects.filter(calendar=calendar).count() == 1
    assert "“Walking distances” no longer fits this calendar: It touches Flood closure" in html
    assert "“Taxi pick-up times” no longer fits this calendar: It touches Flood closure" in html
    assert "“Later” no longer fits" not in html


# --- suggesting windows -----------------------------------------------------------

FROZEN = dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC)


def test_the_editor_offers_suggestions_before_anything_is_refused(client, login_as,
                                                                  consultation_index):
    login_as("officer")
    html = client.get(f"/admin/pages/add/consultations/consultationpage/"
                      f"{consultation_index.pk}/").content.decode()
    assert "Suggest windows that fit" in html
    assert reverse("consultations_suggest_windows") in html
    assert "consultations/js/suggest_windows.js" in html


def test_suggestions_start_after_the_forums_window_and_fill_the_dates_in(client, login_as,
                                                                        calendar):
    login_as("officer")
    url = reverse("consultations_suggest_windows")
    with time_machine.travel(FROZEN, tick=False):
        fragment = client.get(url, {"calendar": calendar.pk, "pre_closes": "2026-10-23 17:00",
                                    "fragment": "1"}).content.decode()
        page = client.get(url, {"calendar": calendar.pk,
                                "pre_closes": "2026-10-23 17:00"}).content.decode()
    # Half term is 26 to 30 October: the first window opens the Monday after.
    assert 'data-opens="2026-11-02 09:00"' in fragment
    assert 'data-closes="2026-12-09 23:59"' in fragment
    assert "Monday 2 November 2026 to Wednesday 9 December 2026" in fragment
    assert "(28 term-time working days)" in fragment
    assert fragment.count("Use these dates") == 5
    assert "<html" not in fragment
    # Without the script: a page of its own, with the dates to type.
    assert "Type <code>2026-11-02 09:00</code> in “Consultation opens”" in page
    assert 'name="calendar"' in page


def test_suggestions_without_a_forum_window_start_today(client, login_as, calendar):
    login_as("officer")
    with time_machine.travel(FROZEN, tick=False):
        html = client.get(reverse("consultations_suggest_windows"),
                          {"calendar": calendar.pk, "pre_closes": "soon"}).content.decode()
    assert "“soon” is not a date" in html
    assert "Tuesday 1 September 2026 to" in html


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_see_suggestions(client, login_as, calendar, role):
    login_as(role)
    response = client.get(reverse("consultations_suggest_windows"), {"calendar": calendar.pk})
    assert (response.status_code == 200) == (role == "officer")


# --- the status panel ----------------------------------------------------------------


def _edit(client, page):
    return client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_the_status_panel_counts_the_windows_term_time_working_days(client, login_as,
                                                                   consultation_index):
    login_as("officer")
    calendar = SchoolCalendar.objects.create(name="Empty", include_bank_holidays=False)
    now = timezone.now()
    page = make_consultation(consultation_index, calendar, opens_in_days=1, closes_in_days=43)
    first, last = page.opens.astimezone(timezone.get_current_timezone()).date(), \
        page.closes.astimezone(timezone.get_current_timezone()).date()
    weekdays = sum(1 for n in range((last - first).days + 1)
                   if (first + dt.timedelta(days=n)).weekday() < 5)
    assert now < page.opens
    assert f"The public window has <strong>{weekdays} term-time working days</strong>" in (
        _edit(client, page))


def test_a_draft_whose_window_is_past_or_open_is_flagged(client, login_as, consultation_index,
                                                        calendar):
    login_as("officer")
    past = make_consultation(consultation_index, calendar, opens_in_days=-60,
                             closes_in_days=-3, slug="past")
    past.unpublish()
    assert "Its public window is entirely in the past" in _edit(client, past)
    open_draft = make_consultation(consultation_index, calendar, opens_in_days=-1,
                                   closes_in_days=20, slug="open-draft")
    open_draft.unpublish()
    assert "It is marked “Open”, but it is a draft" in _edit(client, open_draft)
    live = make_consultation(consultation_index, calendar, opens_in_days=-1,
                             closes_in_days=20, slug="live")
    html = _edit(client, live)
    assert "but it is a draft" not in html and "entirely in the past" not in html


def test_the_conflict_warnings_read_the_calendar_once_however_many_consultations(
    client, login_as, consultation_index
):
    login_as("officer")
    calendar = SchoolCalendar.objects.create(name="Empty", include_bank_holidays=False)
    closed = timezone.localdate() + dt.timedelta(days=30)
    url = reverse("wagtailsnippets_consultations_schoolcalendar:edit", args=[calendar.pk])

    def save(name):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, _calendar_form(name, [("Flood", "closure", closed,
                                                                 closed)]))
        assert response.status_code == 302
        HolidayPeriod.objects.filter(calendar=calendar).delete()
        return len(queries)

    consultation_settings()  # made on first use: not part of what is counted
    make_consultation(consultation_index, calendar, opens_in_days=5, closes_in_days=80,
                      slug="first")
    save("Empty")  # the first save fills per-process caches: not part of what is counted
    one = save("Empty")
    for n in range(5):
        make_consultation(consultation_index, calendar, opens_in_days=5, closes_in_days=80,
                          slug=f"more-{n}", title=f"More {n}")
    save("Empty")  # publishing them emptied the per-process caches again (core.memo)
    assert save("Empty") == one
