"""School calendars: imported from a file only when the whole file is clean; exported as ICS."""

import datetime as dt
import io
import re

import pytest
import time_machine
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


SIX = (b"name,first day,last day,kind\n"
       b"Autumn half term,2026-10-26,2026-10-30,half term\n"
       b"Christmas holidays,2026-12-21,2027-01-01,holiday\n"
       b"Spring half term,2027-02-15,2027-02-19,half term\n"
       b"Easter holidays,2027-03-29,2027-04-09,holiday\n"
       b"Summer half term,2027-05-31,2027-06-04,half term\n"
       b"Summer holidays,2027-07-23,2027-09-01,holiday\n")


def _names(calendar):
    return sorted(calendar.periods.values_list("name", flat=True))


def test_two_previews_for_two_calendars_each_confirm_saves_its_own(client, login_as, calendar):
    login_as("officer")
    other = SchoolCalendar.objects.create(name="Special schools")
    six = _token(_upload(client, calendar, SIX))
    two = _token(_upload(client, other, CLEAN))
    assert six and two and six != two
    assert _confirm(client, calendar, six).status_code == 302
    assert calendar.periods.count() == 6
    assert "Summer holidays" in _names(calendar)
    assert _confirm(client, other, two).status_code == 302
    assert _names(other) == ["Autumn half term", "Christmas holidays"]
    assert calendar.periods.count() == 6


def test_two_files_for_one_calendar_the_confirmed_one_is_saved(client, login_as, calendar):
    login_as("officer")
    six = _token(_upload(client, calendar, SIX, name="full-year.csv"))
    _upload(client, calendar, CLEAN, name="autumn.csv")
    assert _confirm(client, calendar, six).status_code == 302
    assert calendar.periods.count() == 6
    assert "Easter holidays" in _names(calendar)


def test_a_confirm_for_another_calendar_is_refused_and_saves_nothing(client, login_as, calendar):
    login_as("officer")
    other = SchoolCalendar.objects.create(name="Special schools")
    before = _names(calendar)
    for_other = _token(_upload(client, other, CLEAN))
    response = _confirm(client, calendar, for_other)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing has been saved" in html and "another calendar (Special schools)" in html
    assert 'name="file"' in html  # the officer can choose the file again at once
    assert _names(calendar) == before
    # The preview still belongs to its own calendar.
    assert _confirm(client, other, for_other).status_code == 302
    assert other.periods.count() == 2


def test_a_stale_or_missing_confirm_is_refused_with_a_plain_message(client, login_as, calendar):
    login_as("officer")
    token = _token(_upload(client, calendar, CLEAN))
    assert _confirm(client, calendar, token).status_code == 302
    calendar.periods.all().delete()
    for stale in (token, "", "made-up"):
        response = _confirm(client, calendar, stale)
        assert response.status_code == 409
        assert "Choose the file again" in response.content.decode()
    assert calendar.periods.count() == 0


def test_the_preview_shows_kinds_in_words(client, login_as, calendar):
    login_as("officer")
    html = _upload(client, calendar, SIX).content.decode()
    assert "<td>Half term</td>" in html and "<td>Holiday</td>" in html
    assert "half_term" not in html
    assert "6 periods (3 holiday, 3 half term)" in html


def test_a_file_just_under_the_size_limit_is_previewed_as_a_summary(
    client, login_as, calendar, django_assert_max_num_queries
):
    login_as("officer")
    names = ["Holiday", "INSET", "Half term"]
    day = dt.date(1950, 1, 2)
    lines = [b"name,first day,last day"]
    for n in range(27_000):
        this = (day + dt.timedelta(days=n)).isoformat()
        lines.append(f"{names[n % 3]},{this},{this}".encode())
    content = b"\n".join(lines) + b"\n"
    assert len(content) < 1_000_000
    with django_assert_max_num_queries(16):
        response = _upload(client, calendar, content, name="big.csv")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<tr>") < 30
    assert "27000 periods (9000 holiday, 9000 half term, 9000 closure day)" in html
    assert "26980 more periods in between" in html
    assert "Replace the calendar's dates with these 27000" in html
    assert _confirm(client, calendar, _token(response)).status_code == 302
    assert calendar.periods.count() == 27_000


def test_bank_holidays_show_on_the_calendar_page_and_in_its_export(client, login_as, calendar):
    login_as("officer")
    with time_machine.travel(dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC), tick=False):
        edit = client.get(reverse("wagtailsnippets_consultations_schoolcalendar:edit",
                                  args=[calendar.pk])).content.decode()
        body = client.get(reverse("consultations_export_calendar",
                                  args=[calendar.pk])).content.decode()
    assert "Christmas Day" in edit and "Easter Monday" in edit and "29 March 2027" in edit
    assert "SUMMARY:Easter Monday" in body and "DTSTART;VALUE=DATE:20270329" in body
    assert "CATEGORIES:bank_holiday" in body
    calendar.include_bank_holidays = False
    calendar.save()
    body = client.get(reverse("consultations_export_calendar", args=[calendar.pk])).content
    assert b"Easter Monday" not in body


def test_reimporting_an_export_leaves_out_the_bank_holidays_added_automatically(
    client, login_as, calendar
):
    login_as("officer")
    body = client.get(reverse("consultations_export_calendar", args=[calendar.pk])).content
    other = SchoolCalendar.objects.create(name="Copy")
    html = _upload(client, other, body, name="copy.ics").content.decode()
    assert "left out: this calendar adds England's bank holidays by itself" in html
