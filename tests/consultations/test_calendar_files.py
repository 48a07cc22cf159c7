"""Reading term dates from CSV and ICS files: plain text in, periods or messages out."""

import datetime as dt

from consultations.calendar_files import parse_csv, parse_ics, to_csv, to_ics
from consultations.scheduling import Period

D = dt.date
GOOD = """name,first day,last day,kind
Autumn half term,2026-10-26,2026-10-30,half term
Christmas holidays,21/12/2026,01/01/2027,
INSET day,2027-01-04,2027-01-04,
"""


def test_a_clean_csv_gives_its_periods_in_date_order():
    result = parse_csv(GOOD)
    assert result.ok
    assert [(p.name, p.kind) for p in result.periods] == [
        ("Autumn half term", "half_term"), ("Christmas holidays", "holiday"),
        ("INSET day", "closure")]
    assert result.periods[1].last_day == D(2027, 1, 1)


def test_each_bad_line_gets_its_own_message_and_nothing_is_returned_as_ok():
    text = GOOD + ("Bad date,2027-02-31,2027-03-01,\n"
                   "Backwards,2027-03-10,2027-03-01,\n"
                   "Overlap,2026-10-29,2026-11-02,\n"
                   "Autumn half term again,2026-10-26,2026-10-30,\n"
                   "Odd kind,2027-05-01,2027-05-02,fortnight\n")
    result = parse_csv(text)
    assert not result.ok
    messages = "\n".join(result.errors)
    assert "Line 5: “2027-02-31” is not a date" in messages
    assert "Line 6: the last day is before the first day." in messages
    assert "“Overlap” overlaps" in messages
    assert "the same dates as" in messages
    assert "Line 9: “fortnight” is not a kind of closure" in messages
    assert len(result.errors) == 5


def test_a_file_without_the_right_header_is_refused():
    result = parse_csv("Autumn,2026-10-26,2026-10-30\n")
    assert not result.ok
    assert result.errors[0].startswith("Line 1: expected a header row")


def test_an_empty_file_is_refused():
    assert parse_csv("name,first day,last day\n").errors == ("The file has no holiday "
                                                             "periods in it.",)


def test_ics_all_day_events_end_the_day_before_dtend():
    periods = [Period(D(2026, 10, 26), D(2026, 10, 30), "Autumn half term", "half_term"),
               Period(D(2026, 12, 25), D(2026, 12, 25), "Christmas Day", "bank_holiday")]
    result = parse_ics(to_ics("County", periods))
    assert result.ok
    assert [(p.name, p.first_day, p.last_day) for p in result.periods] == [
        ("Autumn half term", D(2026, 10, 26), D(2026, 10, 30)),
        ("Christmas Day", D(2026, 12, 25), D(2026, 12, 25))]


def test_a_file_that_is_not_icalendar_is_refused_with_a_message():
    result = parse_ics(b"this is not a calendar")
    assert not result.ok and "not an iCalendar file" in result.errors[0]


def test_csv_round_trip():
    result = parse_csv(GOOD)
    assert parse_csv(to_csv(list(result.periods))).periods == result.periods
