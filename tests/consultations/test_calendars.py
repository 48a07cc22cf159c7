"""School calendars: imported from a file only when the whole file is clean; exported as ICS."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from consultations.models import HolidayPeriod, SchoolCalendar

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
CLEAN = (b"name,first day,last day,kind\n"
         b"Autumn half term,2026-10-26,2026-10-30,half term\n"
         b"Christmas holidays,2026-12-21,2027-01-01,holiday\n")
BAD = CLEAN + b"Spring half term,2027-02-31,2027-02-19,half term\n"


def _upload(client, calendar, content, name="dates.csv"):
    return client.post(reverse("consultations_import_calendar", args=[calendar.pk]),
                       {"file": SimpleUploadedFile(name, content, "text/csv")})


def _token(response) -> str:
    """The preview token the confirm button carries (empty if there is no button)."""
    found = re.search(r'name="preview" value="([^"]*)"', response.content.decode())
    return found.group(1) if found else ""


def _confirm(client, calendar, token):
    return client.post(reverse("consultations_import_calendar", args=[calendar.pk]),
                       {"confirm": "1", "preview": token})


def test_a_clean_file_is_previewed_then_saved_only_on_confirm(client, login_as, calendar):
    login_as("officer")
    before = list(calendar.periods.values_list("name", flat=True))
    response = _upload(client, calendar, CLEAN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check the dates before you save them" in html
    assert "Replace the calendar's dates with these 2" in html
    assert list(calendar.periods.values_list("name", flat=True)) == before
    response = _confirm(client, calendar, _token(response))
    assert response.status_code == 302
    assert sorted(calendar.periods.values_list("name", flat=True)) == [
        "Autumn half term", "Christmas holidays"]


def test_a_bad_file_saves_nothing_and_names_the_line(client, login_as, calendar):
    login_as("officer")
    count = calendar.periods.count()
    response = _upload(client, calendar, BAD)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing has been saved." in html
    assert "Line 4: “2027-02-31” is not a date" in html
    assert calendar.periods.count() == count
    client.post(reverse("consultations_import_calendar", args=[calendar.pk]), {"confirm": "1"})
    assert calendar.periods.count() == count


def test_a_file_that_is_not_text_is_refused(client, login_as, calendar):
    login_as("officer")
    response = _upload(client, calendar, b"\xff\xfe\x00binary", name="dates.csv")
    assert response.status_code == 400
    assert "not text saved as UTF-8" in response.content.decode()


def test_the_calendar_exports_as_ics_and_reimports_the_same(client, login_as, calendar):
    login_as("officer")
    response = client.get(reverse("consultations_export_calendar", args=[calendar.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert b"BEGIN:VCALENDAR" in body and b"Autumn half term" in body
    other = SchoolCalendar.objects.create(name="Copy")
    preview = _upload(client, other, body, name="copy.ics")
    _confirm(client, other, _token(preview))
    assert other.periods.count() == calendar.periods.count()


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_import_or_export(client, login_as, calendar, role):
    login_as(role)
    response = client.get(reverse("consultations_export_calendar", args=[calendar.pk]))
    assert (response.status_code == 200) == (role == "officer")
    preview = _upload(client, calendar, CLEAN)
    _confirm(client, calendar, _token(preview))
    assert (calendar.periods.count() == 2) == (role == "officer")


def test_the_command_imports_a_clean_file_and_refuses_a_bad_one(tmp_path, db):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(CLEAN)
    bad.write_bytes(BAD)
    with pytest.raises(CommandError, match="Nothing saved: 1 problem"):
        call_command("import_school_calendar", "County", str(bad), stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert not SchoolCalendar.objects.filter(name="County").exists()
    call_command("import_school_calendar", "County", str(good), "--dry-run",
                 stdout=io.StringIO())
    assert not HolidayPeriod.objects.filter(calendar__name="County").exists()
    call_command("import_school_calendar", "County", str(good), stdout=io.StringIO())
    assert HolidayPeriod.objects.filter(calendar__name="County").count() == 2


def test_bank_holidays_are_added_automatically(calendar):
    names = {p.name for p in calendar.as_periods([2027])}
    assert "Easter Monday" in names
    calendar.include_bank_holidays = False
    assert "Easter Monday" not in {p.name for p in calendar.as_periods([2027])}


def test_an_oversized_file_is_refused_before_it_is_read(client, login_as, calendar):
    login_as("officer")
    count = calendar.periods.count()
    big = b"name,first day,last day\n" + b"Holiday,2026-10-26,2026-10-30\n" * 40_000
    response = _upload(client, calendar, big)
    assert response.status_code == 400
    assert "larger than 1 MB" in response.content.decode()
    assert calendar.periods.count() == count
