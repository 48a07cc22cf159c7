"""Officers schedule consultations in the admin; the calendar decides what is allowed."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from charter.models import EvidenceEntry
from consultations.models import ConsultationPage, HolidayPeriod
from consultations.scheduling import LONDON

pytestmark = pytest.mark.django_db


def _at(day, hour=9, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute)).strftime("%Y-%m-%d %H:%M")


def _form(calendar, *, opens, closes, pre_opens, pre_closes, override="", **extra):
    data = {
        "title": "Walking distances", "slug": "walking",
        "summary": "We want to change walking distances.",
        "calendar": calendar.pk, "policy": "", "proposed_revision": "",
        "pre_opens": pre_opens, "pre_closes": pre_closes, "opens": opens, "closes": closes,
        "override_reason": override,
        "questions": streamfield([("free_text", {"question": "Anything else?",
                                                 "help_text": "", "required": "",
                                                 "max_length": "500"})]),
        "other_ways": "Call us.", "privacy_notice": "We keep it safe.", "analysis": "",
        "outcome": "", "outcome_version": "", "change_note": "",
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


D = dt.date
GOOD = {"pre_opens": _at(D(2026, 10, 12)), "pre_closes": _at(D(2026, 10, 23), 17),
        "opens": _at(D(2026, 11, 2)), "closes": _at(D(2026, 12, 9), 23, 59)}


def _create(client, consultation_index, calendar, **dates):
    url = f"/admin/pages/add/consultations/consultationpage/{consultation_index.pk}/"
    return client.post(url, _form(calendar, **{**GOOD, **dates}))


def test_a_window_touching_half_term_is_refused_with_the_holiday_named_and_windows_offered(
    client, login_as, consultation_index, calendar
):
    login_as("officer")
    response = _create(client, consultation_index, calendar,
                       pre_opens=_at(D(2026, 9, 7)), pre_closes=_at(D(2026, 9, 18), 17),
                       opens=_at(D(2026, 9, 21)), closes=_at(D(2026, 10, 28), 23, 59))
    assert response.status_code == 200
    html = response.content.decode()
    assert "It touches Autumn half term (Monday 26 October 2026 to Friday 30 October 2026)." in html
    # Suggestions start from today (they are checked against the rule in test_scheduling).
    assert "Windows that fit:" in html
    assert html.count(" to ", html.index("Windows that fit:"),
                      html.index("Windows that fit:") + 400) >= 3
    assert not ConsultationPage.objects.exists()


def test_a_window_that_fits_is_saved(client, login_as, consultation_index, calendar):
    login_as("officer")
    response = _create(client, consultation_index, calendar)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ConsultationPage.objects.get(locale__language_code="en-gb")
    assert page.opens.astimezone(LONDON).date() == D(2026, 11, 2)


def test_too_short_a_window_says_how_short(client, login_as, consultation_index, calendar):
    login_as("officer")
    html = _create(client, consultation_index, calendar,
                   closes=_at(D(2026, 11, 13), 23, 59)).content.decode()
    assert "It lasts 10 term-time working days; the minimum is 28." in html


def test_the_forum_window_must_end_before_the_public_one(client, login_as, consultation_index,
                                                         calendar):
    login_as("officer")
    html = _create(client, consultation_index, calendar,
                   pre_closes=_at(D(2026, 11, 3))).content.decode()
    assert "must end before the public consultation opens" in html


def test_a_forum_window_in_half_term_is_refused(client, login_as, consultation_index, calendar):
    login_as("officer")
    html = _create(client, consultation_index, calendar, pre_opens=_at(D(2026, 10, 19)),
                   pre_closes=_at(D(2026, 10, 28))).content.decode()
    assert "The forum&#x27;s pre-consultation must not run in a school holiday." in html


def test_an_override_needs_a_real_reason_and_is_logged_and_shown(
    client, login_as, consultation_index, calendar
):
    login_as("officer")
    holiday = {"opens": _at(D(2026, 11, 30)), "closes": _at(D(2027, 1, 22), 23, 59)}
    html = _create(client, consultation_index, calendar, override="Urgent.",
                   **holiday).content.decode()
    assert "at least 20 characters" in html
    reason = "The new contract starts in February and families must be heard before it."
    response = _create(client, consultation_index, calendar, override=reason, **holiday)
    assert response.status_code == 302
    page = ConsultationPage.objects.get(locale__language_code="en-gb")
    page.save_revision().publish()
    entry = EvidenceEntry.objects.get(kind="consultation_override")
    # The typed reason is beside the entry (the board reads it), its hash in the payload.
    assert reason not in entry.payload_json
    assert entry.texts.get(field="reason").text == reason
    page.save_revision().publish()  # published again: the same reason is not logged twice
    assert EvidenceEntry.objects.filter(kind="consultation_override").count() == 1
    assert reason in client.get(page.url).content.decode()


@pytest.mark.calendar
def test_a_calendar_change_that_breaks_a_scheduled_consultation_is_flagged(
    client, login_as, consultation_index, capsys
):
    from django.utils import timezone

    from consultations.models import SchoolCalendar
    from tests.consultations.conftest import make_consultation

    login_as("officer")
    # A calendar with no holidays of its own, and a consultation open for the next 20 days.
    calendar = SchoolCalendar.objects.create(name="Empty", include_bank_holidays=False)
    page = make_consultation(consultation_index, calendar, opens_in_days=-1,
                             closes_in_days=60, slug="flagged")
    call_command("check_consultation_windows", stdout=io.StringIO())
    soon = timezone.localdate() + dt.timedelta(days=5)
    HolidayPeriod.objects.create(calendar=calendar, name="Extra closure", kind="closure",
                                 first_day=soon, last_day=soon)
    with pytest.raises(CommandError, match="1 consultation"):
        call_command("check_consultation_windows")
    assert "It touches Extra closure" in capsys.readouterr().out
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "The school calendar no longer allows these dates." in edit
    calendar_edit = client.get(
        reverse("wagtailsnippets_consultations_schoolcalendar:edit", args=[calendar.pk])
    ).content.decode()
    assert "Consultations these dates now conflict with" in calendar_edit


def test_a_date_that_is_not_a_date_is_refused_and_the_rest_kept(client, login_as,
                                                                consultation_index, calendar):
    login_as("officer")
    response = _create(client, consultation_index, calendar, opens="the second of November")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid date/time." in html
    assert "We want to change walking distances." in html
    assert not ConsultationPage.objects.exists()


def test_a_reason_to_run_into_half_term_does_not_waive_the_minimum(
    client, login_as, consultation_index, calendar
):
    login_as("officer")
    reason = "The new contract starts in February and families must be heard before it."
    response = _create(client, consultation_index, calendar, override=reason,
                       pre_opens=_at(D(2026, 10, 5)), pre_closes=_at(D(2026, 10, 16), 17),
                       opens=_at(D(2026, 10, 19)), closes=_at(D(2026, 11, 13), 23, 59))
    assert response.status_code == 200
    html = response.content.decode()
    assert "It lasts 15 term-time working days; the minimum is 28." in html
    assert "It touches Autumn half term" not in html  # the reason waived the holiday
    assert not ConsultationPage.objects.exists()
