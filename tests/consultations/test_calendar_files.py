"""Reading term dates from CSV and ICS files: plain text in, periods or messages out."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from consultations.calendar_files import (
    ParseResult,
    from_rows,
    parse_csv,
    parse_ics,
    preview,
    to_csv,
    to_ics,
    to_rows,
    without_automatic,
)
from consultations.scheduling import Period, find_overlaps

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


def _ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nUID:{n}@test\r\nDTSTAMP:20260101T000000Z\r\n{e}"
                   "END:VEVENT\r\n" for n, e in enumerate(events))
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body
            + "END:VCALENDAR\r\n").encode()


def test_a_timed_ics_event_ending_at_midnight_does_not_take_the_next_day():
    result = parse_ics(_ics(
        "SUMMARY:INSET day\r\nDTSTART;TZID=Europe/London:20270104T090000\r\n"
        "DTEND;TZID=Europe/London:20270105T000000\r\n",
        "SUMMARY:Staff training day\r\nDTSTART:20270628T080000Z\r\n"
        "DTEND:20270628T230000Z\r\n",  # midnight in London (BST)
        "SUMMARY:Closure for polling\r\nDTSTART:20270506T080000\r\n"
        "DTEND:20270506T160000\r\n",
    ))
    assert result.ok, result.errors
    assert [(p.name, p.first_day, p.last_day) for p in result.periods] == [
        ("INSET day", D(2027, 1, 4), D(2027, 1, 4)),
        ("Closure for polling", D(2027, 5, 6), D(2027, 5, 6)),
        ("Staff training day", D(2027, 6, 28), D(2027, 6, 28))]


def test_ics_categories_give_the_kind():
    result = parse_ics(_ics("SUMMARY:Royal occasion\r\nDTSTART;VALUE=DATE:20270503\r\n"
                            "DTEND;VALUE=DATE:20270504\r\nCATEGORIES:bank_holiday\r\n"))
    assert [p.kind for p in result.periods] == ["bank_holiday"]


def test_errors_are_listed_in_line_order():
    text = ("name,first day,last day\n"
            "Autumn half term,2026-10-26,2026-10-30\n"
            "Overlap,2026-10-28,2026-11-02\n"
            "Bad date,2027-02-31,2027-03-01\n"
            "Same again,2026-10-26,2026-10-30\n")
    errors = parse_csv(text).errors
    assert [e.split(":")[0] for e in errors] == ["Line 3", "Line 4", "Line 5"]
    assert errors[0] == "Line 3: “Overlap” overlaps “Autumn half term” on line 2."


def test_an_overlap_is_found_past_a_shorter_period_in_between():
    text = ("name,first day,last day\n"
            "Summer holidays,2027-07-23,2027-09-01\n"
            "Summer scheme,2027-07-26,2027-07-27\n"
            "Late summer closure,2027-08-20,2027-08-21\n")
    errors = parse_csv(text).errors
    assert len(errors) == 2
    assert "“Late summer closure” overlaps “Summer holidays” on line 2" in errors[1]


def test_a_bank_holiday_inside_a_holiday_is_not_an_overlap_but_two_holidays_are():
    text = ("name,first day,last day,kind\n"
            "Christmas holidays,2026-12-21,2027-01-01,holiday\n"
            "Christmas Day,2026-12-25,2026-12-25,bank holiday\n")
    assert parse_csv(text).ok
    assert not parse_csv(text + "Christmas Day,2026-12-25,2026-12-25,bank holiday\n").ok


def test_the_preview_of_a_long_file_is_a_summary_with_kinds_in_words():
    periods = tuple(Period(D(1950, 1, 2) + dt.timedelta(days=n), D(1950, 1, 2)
                           + dt.timedelta(days=n), f"Day {n}", ["holiday", "half_term"][n % 2])
                    for n in range(27_000))
    shown = preview(ParseResult(periods, tuple(f"Line {n}: bad." for n in range(2, 502))))
    assert shown.total == 27_000
    assert shown.counts == (("Holiday", 13_500), ("Half term", 13_500))
    assert len(shown.first) == len(shown.last) == 10 and shown.hidden == 26_980
    assert shown.first[1].kind == "Half term" and shown.last[-1].name == "Day 26999"
    assert (shown.first_day, shown.last_day) == (D(1950, 1, 2), periods[-1].last_day)
    assert len(shown.errors) == 50 and shown.errors_hidden == 450
    short = preview(parse_csv(GOOD))
    assert len(short.first) == 3 and short.last == () and short.hidden == 0


def test_rows_kept_for_a_confirm_give_back_the_same_periods():
    periods = list(parse_csv(GOOD).periods)
    assert from_rows(to_rows(periods)) == periods


def test_bank_holidays_the_calendar_adds_itself_are_left_out_of_an_import():
    christmas = Period(D(2026, 12, 25), D(2026, 12, 25), "Christmas Day", "bank_holiday")
    own = Period(D(2026, 12, 21), D(2027, 1, 1), "Christmas holidays", "holiday")
    kept, dropped = without_automatic([own, christmas], [christmas])
    assert kept == (own,) and dropped == (christmas,)


spans = st.builds(lambda first, length, kind: Period(first, first + dt.timedelta(days=length),
                                                      "P", kind),
                  st.dates(D(2026, 1, 1), D(2026, 3, 1)), st.integers(0, 10),
                  st.sampled_from(["holiday", "half_term", "bank_holiday", "closure"]))


@settings(max_examples=200, deadline=None)
@given(periods=st.lists(spans, max_size=12))
def test_overlaps_are_found_exactly_when_two_periods_of_like_kind_share_a_day(periods):
    def clash(a, b):
        return a.overlaps(b.first_day, b.last_day) and (
            (a.kind == "bank_holiday") == (b.kind == "bank_holiday"))

    expected = {j for i, a in enumerate(periods) for j, b in enumerate(periods)
                if i != j and clash(a, b) and (a.first_day, a.last_day, i)
                < (b.first_day, b.last_day, j)}
    found = find_overlaps(periods)
    assert {later for _, later in found} == expected
    assert all(clash(periods[a], periods[b]) for a, b in found)
