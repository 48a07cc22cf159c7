"""Reading and writing term dates: CSV and iCalendar (ICS) files.

Plain functions: text in, plain values and one message per bad line out. A file
is either clean (every period parsed, none overlapping) or it is refused whole,
so a half-imported calendar can never wrongly allow a consultation.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from consultations.scheduling import BANK_HOLIDAY, CLOSURE_DAY, HALF_TERM, HOLIDAY, Period

KINDS = {
    "holiday": HOLIDAY, "holidays": HOLIDAY, "half term": HALF_TERM, "half-term": HALF_TERM,
    "half_term": HALF_TERM, "bank holiday": BANK_HOLIDAY, "bank_holiday": BANK_HOLIDAY,
    "closure": CLOSURE_DAY, "closure day": CLOSURE_DAY, "inset": CLOSURE_DAY,
    "inset day": CLOSURE_DAY, "training day": CLOSURE_DAY,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y")
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class ParseResult:
    periods: tuple[Period, ...]
    errors: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.periods)


def parse_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def guess_kind(name: str, given: str = "") -> str | None:
    given = (given or "").strip().lower()
    if given:
        return KINDS.get(given)
    lowered = name.lower()
    if "half" in lowered and "term" in lowered:
        return HALF_TERM
    if "bank holiday" in lowered:
        return BANK_HOLIDAY
    if "inset" in lowered or "training" in lowered or "closure" in lowered:
        return CLOSURE_DAY
    return HOLIDAY


def _finish(parsed: list[tuple[str, Period]], errors: list[str]) -> ParseResult:
    """Add overlap and duplicate errors, naming both lines."""
    ordered = sorted(parsed, key=lambda item: (item[1].first_day, item[1].last_day))
    for (where_a, a), (where_b, b) in zip(ordered, ordered[1:], strict=False):
        if (a.first_day, a.last_day) == (b.first_day, b.last_day):
            errors.append(f"{where_b}: the same dates as {where_a} ({a.name}).")
        elif b.first_day <= a.last_day:
            errors.append(f"{where_b}: “{b.name}” overlaps “{a.name}” on {where_a}.")
    if not parsed and not errors:
        errors.append("The file has no holiday periods in it.")
    return ParseResult(tuple(p for _, p in ordered), tuple(errors))


def parse_csv(text: str) -> ParseResult:
    """Columns: name, first day, last day, and optionally kind (a header row is expected)."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        return ParseResult((), ("The file is larger than 1 MB. Split it, or check it is the "
                                "right file.",))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        return ParseResult((), ("The file is empty.",))
    header = [h.strip().lower() for h in rows[0]]
    if "name" not in header or not any(h.startswith("first") or h == "start" for h in header):
        return ParseResult((), ("Line 1: expected a header row with the columns name, "
                                "first day, last day and (optionally) kind.",))

    def column(*names):
        for i, h in enumerate(header):
            if h in names:
                return i
        return None

    i_name = column("name")
    i_first = column("first day", "first_day", "first", "start", "start date")
    i_last = column("last day", "last_day", "last", "end", "end date")
    i_kind = column("kind", "type")
    if i_first is None or i_last is None:
        return ParseResult((), ("Line 1: expected columns called “first day” and “last day”.",))
    parsed, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"Line {number}"
        cells = row + [""] * (len(header) - len(row))
        name = cells[i_name].strip()
        first, last = parse_date(cells[i_first]), parse_date(cells[i_last])
        problems = []
        if not name:
            problems.append("the name is missing")
        if first is None:
            problems.append(f"“{cells[i_first].strip()}” is not a date (use 2026-10-26 or "
                            "26/10/2026)")
        if last is None:
            problems.append(f"“{cells[i_last].strip()}” is not a date (use 2026-10-30 or "
                            "30/10/2026)")
        kind = guess_kind(name, cells[i_kind] if i_kind is not None else "")
        if kind is None:
            problems.append(f"“{cells[i_kind].strip()}” is not a kind of closure (use holiday, "
                            "half term, bank holiday or closure day)")
        if first and last and last < first:
            problems.append("the last day is before the first day")
        if problems:
            errors.append(f"{where}: " + "; ".join(problems) + ".")
            continue
        parsed.append((where, Period(first, last, name, kind)))
    return _finish(parsed, errors)


def parse_ics(data: bytes) -> ParseResult:
    """All-day events become periods; DTEND is exclusive in iCalendar, as the standard says."""
    import icalendar

    if len(data) > MAX_BYTES:
        return ParseResult((), ("The file is larger than 1 MB.",))
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        return ParseResult((), (f"This is not an iCalendar file the portal can read ({error}).",))
    parsed, errors = [], []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        name = str(event.get("SUMMARY", "")).strip()
        where = f"Event {number}" + (f" (“{name}”)" if name else "")
        start, end = event.get("DTSTART"), event.get("DTEND")
        if start is None:
            errors.append(f"{where}: it has no start date.")
            continue
        first = start.dt.date() if isinstance(start.dt, dt.datetime) else start.dt
        if end is None:
            last = first
        else:
            end_day = end.dt.date() if isinstance(end.dt, dt.datetime) else end.dt
            last = end_day - dt.timedelta(days=1) if not isinstance(end.dt, dt.datetime) \
                else end_day
        if not name:
            errors.append(f"{where}: it has no name (SUMMARY).")
            continue
        if last < first:
            errors.append(f"{where}: it ends before it starts.")
            continue
        kind = guess_kind(name, str(event.get("CATEGORIES", "") or "")
                          if isinstance(event.get("CATEGORIES"), str) else "")
        parsed.append((where, Period(first, last, name, kind or HOLIDAY)))
    return _finish(parsed, errors)


def to_ics(name: str, periods: list[Period]) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//SEND travel portal//School calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for period in periods:
        event = icalendar.Event()
        event.add("uid", f"{period.first_day:%Y%m%d}-{period.kind}-{abs(hash(period.name))}"
                         "@send-travel-portal")
        event.add("summary", period.name)
        event.add("dtstart", period.first_day)
        event.add("dtend", period.last_day + dt.timedelta(days=1))
        event.add("categories", [period.kind])
        event.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        calendar.add_component(event)
    return calendar.to_ical()


def to_csv(periods: list[Period]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "first day", "last day", "kind"])
    for p in periods:
        writer.writerow([p.name, p.first_day.isoformat(), p.last_day.isoformat(), p.kind])
    return out.getvalue()
