"""Reading and writing term dates: CSV and iCalendar (ICS) files.

Plain functions: text in, plain values and one message per bad line out. A file
is either clean (every period parsed, none overlapping) or it is refused whole,
so a half-imported calendar can never wrongly allow a consultation.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from consultations.scheduling import (
    BANK_HOLIDAY,
    CLOSURE_DAY,
    HALF_TERM,
    HOLIDAY,
    KIND_LABELS,
    LONDON,
    Period,
    find_overlaps,
    kind_label,
)

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
    if len(text) == 10 and text[4] == "-":
        # ISO dates first, without strptime: a large file is read in a fraction of a second.
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
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


def _finish(parsed: list[tuple[int, str, Period]],
            errors: list[tuple[int, str]]) -> ParseResult:
    """Add overlap and duplicate errors, naming both lines; every error in line order.

    ``parsed`` holds (line or event number, where in words, period); ``errors`` holds
    (number, message). The overlap rule is the editor's too (``scheduling.find_overlaps``).
    """
    periods = [p for _, _, p in parsed]
    for earlier, later in find_overlaps(periods):
        (_, where_a, a), (number_b, where_b, b) = parsed[earlier], parsed[later]
        if (a.first_day, a.last_day) == (b.first_day, b.last_day):
            errors.append((number_b, f"{where_b}: the same dates as {_lower_first(where_a)} "
                                     f"({a.name})."))
        else:
            errors.append((number_b, f"{where_b}: “{b.name}” overlaps “{a.name}” on "
                                     f"{_lower_first(where_a)}."))
    if not parsed and not errors:
        errors.append((0, "The file has no holiday periods in it."))
    ordered = sorted(periods, key=lambda p: (p.first_day, p.last_day))
    # sorted() is stable: two messages about one line keep the order they were found in.
    return ParseResult(tuple(ordered), tuple(text for _, text in sorted(errors,
                                                                        key=lambda e: e[0])))


def _lower_first(where: str) -> str:
    return where[:1].lower() + where[1:]


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
            errors.append((number, f"{where}: " + "; ".join(problems) + "."))
            continue
        parsed.append((number, where, Period(first, last, name, kind)))
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
            errors.append((number, f"{where}: it has no start date."))
            continue
        first = _local_day(start.dt)
        last = first if end is None else _last_day(end.dt)
        if not name:
            errors.append((number, f"{where}: it has no name (SUMMARY)."))
            continue
        if last < first:
            errors.append((number, f"{where}: it ends before it starts."))
            continue
        kind = guess_kind(name, _category(event.get("CATEGORIES")))
        parsed.append((number, where, Period(first, last, name, kind or HOLIDAY)))
    return _finish(parsed, errors)


def _category(value) -> str:
    """The first category of an event that names a kind of closure, or ""."""
    values = value if isinstance(value, list) else [value] if value is not None else []
    for item in values:
        for category in getattr(item, "cats", None) or [item]:
            if str(category).strip().lower() in KINDS:
                return str(category)
    return ""


def _local_day(value: dt.date | dt.datetime) -> dt.date:
    """The London date of an ICS date or date-time (floating times are taken as London's)."""
    if isinstance(value, dt.datetime):
        return (value.astimezone(LONDON) if value.tzinfo else value).date()
    return value


def _last_day(end: dt.date | dt.datetime) -> dt.date:
    """The last day an event covers, from its DTEND, which RFC 5545 makes exclusive.

    An all-day event's DTEND is the day after; a timed event ending at midnight ends
    with the day before; any other timed end is on its own day.
    """
    if not isinstance(end, dt.datetime):
        return end - dt.timedelta(days=1)
    local = end.astimezone(LONDON) if end.tzinfo else end
    if local.time() == dt.time(0, 0):
        return local.date() - dt.timedelta(days=1)
    return local.date()


def to_ics(name: str, periods: list[Period]) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//SEND travel portal//School calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for period in periods:
        event = icalendar.Event()
        # Stable across exports, so a calendar app updates events rather than doubling them.
        digest = hashlib.sha256(f"{period.last_day}|{period.name}".encode()).hexdigest()[:12]
        event.add("uid", f"{period.first_day:%Y%m%d}-{period.kind}-{digest}@send-travel-portal")
        event.add("summary", period.name)
        event.add("dtstart", period.first_day)
        event.add("dtend", period.last_day + dt.timedelta(days=1))
        event.add("categories", [period.kind])
        event.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        calendar.add_component(event)
    return calendar.to_ical()


def to_rows(periods: Iterable[Period]) -> list[list[str]]:
    """Periods as plain lists of strings [name, first day, last day, kind] (for a session)."""
    return [[p.name, p.first_day.isoformat(), p.last_day.isoformat(), p.kind] for p in periods]


def from_rows(rows: Iterable[Sequence[str]]) -> list[Period]:
    """The periods ``to_rows`` gave; ValueError if a row is not one of its rows."""
    return [Period(dt.date.fromisoformat(first), dt.date.fromisoformat(last), name, kind)
            for name, first, last, kind in rows]


def to_csv(periods: list[Period]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "first day", "last day", "kind"])
    for p in periods:
        writer.writerow([p.name, p.first_day.isoformat(), p.last_day.isoformat(), p.kind])
    return out.getvalue()


def without_automatic(periods: Sequence[Period],
                      automatic: Iterable[Period]) -> tuple[tuple[Period, ...], tuple[Period, ...]]:
    """Split a file's periods into (kept, dropped): dropped are its bank holidays on the
    dates of bank holidays the calendar adds by itself, so they are not stored twice."""
    days = {(p.first_day, p.last_day) for p in automatic}
    kept, dropped = [], []
    for period in periods:
        same = period.kind == BANK_HOLIDAY and (period.first_day, period.last_day) in days
        (dropped if same else kept).append(period)
    return tuple(kept), tuple(dropped)


@dataclass(frozen=True)
class PreviewRow:
    name: str
    kind: str  # in words: "Half term"
    first_day: dt.date
    last_day: dt.date


@dataclass(frozen=True)
class Preview:
    """What an officer checks before saving a file: small enough to read at a glance
    whatever the file's size (a file near the 1 MB limit has tens of thousands of lines).

    ``counts`` is (kind in words, number) for each kind in the file; ``first`` and
    ``last`` are the earliest and latest rows (``last`` empty when ``first`` holds
    them all); ``hidden`` is how many rows lie between; ``errors`` are the first
    messages in line order and ``errors_hidden`` how many more there are;
    ``first_day`` and ``last_day`` are the span of the whole file.
    """

    total: int
    counts: tuple[tuple[str, int], ...]
    first: tuple[PreviewRow, ...]
    last: tuple[PreviewRow, ...]
    hidden: int
    errors: tuple[str, ...]
    errors_hidden: int
    first_day: dt.date | None = None
    last_day: dt.date | None = None


def _row(period: Period) -> PreviewRow:
    return PreviewRow(period.name, kind_label(period.kind), period.first_day, period.last_day)


def preview(result: ParseResult, *, rows: int = 10, errors: int = 50) -> Preview:
    """Summarise a parsed file: counts per kind, the first and last ``rows`` periods, and
    the first ``errors`` messages."""
    periods = result.periods
    tally = Counter(p.kind for p in periods)
    counts = tuple((label, tally[kind]) for kind, label in KIND_LABELS.items() if tally[kind])
    if len(periods) <= 2 * rows:
        first, last = periods, ()
    else:
        first, last = periods[:rows], periods[-rows:]
    return Preview(
        total=len(periods), counts=counts,
        first=tuple(_row(p) for p in first), last=tuple(_row(p) for p in last),
        hidden=len(periods) - len(first) - len(last),
        errors=result.errors[:errors], errors_hidden=max(0, len(result.errors) - errors),
        first_day=periods[0].first_day if periods else None,
        last_day=max(p.last_day for p in periods) if periods else None,
    )
