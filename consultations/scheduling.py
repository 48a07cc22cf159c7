"""The school-holiday blackout: when may a consultation run?

Plain functions over dates and frozen dataclasses (no Django, no Wagtail).
The working agreement says consultations "should not take place during school
holiday periods"; the portal is strict about it: a public window may not touch
any holiday period of its school calendar (holidays, half terms, bank holidays,
closure days), and it must last at least a minimum number of term-time working
days (28 by default).

Times are real instants; what counts is the local date in Europe/London, so a
window is judged the same on either side of a clock change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DEFAULT_MINIMUM_TERM_DAYS = 28
OPENS_AT = dt.time(9, 0)
CLOSES_AT = dt.time(23, 59)

HOLIDAY, HALF_TERM, BANK_HOLIDAY, CLOSURE_DAY = "holiday", "half_term", "bank_holiday", "closure"
KIND_LABELS = {HOLIDAY: "Holiday", HALF_TERM: "Half term", BANK_HOLIDAY: "Bank holiday",
               CLOSURE_DAY: "Closure day"}
# A reason to run into a holiday must say why; a word or two ("Urgent.") does not.
OVERRIDE_MIN_CHARACTERS = 20


def kind_label(kind: str) -> str:
    """The kind of closure in words ("Half term"), or the stored value if it is unknown."""
    return KIND_LABELS.get(kind, kind)


@dataclass(frozen=True, order=True)
class Period:
    """A run of days when schools are closed, first and last day included."""

    first_day: dt.date
    last_day: dt.date
    name: str = ""
    kind: str = HOLIDAY

    def __post_init__(self):
        if self.last_day < self.first_day:
            raise ValueError(f"{self.name or 'A period'} ends before it starts")

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        return self.first_day <= last and first <= self.last_day


@dataclass(frozen=True)
class Window:
    opens: dt.datetime
    closes: dt.datetime

    def __post_init__(self):
        if self.opens.tzinfo is None or self.closes.tzinfo is None:
            raise ValueError("Window times must carry a time zone")
        if self.closes <= self.opens:
            raise ValueError("A window must close after it opens")

    @property
    def first_day(self) -> dt.date:
        return self.opens.astimezone(LONDON).date()

    @property
    def last_day(self) -> dt.date:
        # Closing at midnight means the window ended with the day before.
        local = self.closes.astimezone(LONDON)
        if local.time() == dt.time(0, 0):
            return local.date() - dt.timedelta(days=1)
        return local.date()


@dataclass(frozen=True)
class WindowCheck:
    touches: tuple[Period, ...]
    term_days: int
    starts_in_holiday: bool
    ends_in_holiday: bool
    minimum_term_days: int

    @property
    def long_enough(self) -> bool:
        return self.term_days >= self.minimum_term_days

    @property
    def allowed(self) -> bool:
        """Strict: no holiday touched, and long enough."""
        return not self.touches and self.long_enough

    def problems(self, *, holidays_waived: bool = False) -> list[str]:
        """What is wrong, in words an officer can act on; ``holidays_waived`` leaves out
        the holidays touched (a written reason excused them), never the length."""
        out = []
        for period in () if holidays_waived else self.touches:
            out.append(
                f"It touches {period.name or 'a holiday'} "
                f"({_day(period.first_day)} to {_day(period.last_day)})."
                if period.first_day != period.last_day
                else f"It touches {period.name or 'a holiday'} ({_day(period.first_day)})."
            )
        if not self.long_enough:
            out.append(f"It lasts {self.term_days} term-time working days; the minimum is "
                       f"{self.minimum_term_days}.")
        return out


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def local_window(first_day: dt.date, last_day: dt.date, *, opens_at: dt.time = OPENS_AT,
                 closes_at: dt.time = CLOSES_AT) -> Window:
    """A window from ``opens_at`` on the first day to ``closes_at`` on the last, London time."""
    return Window(dt.datetime.combine(first_day, opens_at, tzinfo=LONDON),
                  dt.datetime.combine(last_day, closes_at, tzinfo=LONDON))


def bank_holiday_periods(dates: Iterable[tuple[dt.date, str]]) -> list[Period]:
    return [Period(day, day, name, BANK_HOLIDAY) for day, name in dates]


def in_holiday(day: dt.date, periods: Sequence[Period]) -> Period | None:
    for period in periods:
        if period.contains(day):
            return period
    return None


def is_term_day(day: dt.date, periods: Sequence[Period]) -> bool:
    """A weekday that is in no holiday period (bank holidays are periods too)."""
    return day.weekday() < 5 and in_holiday(day, periods) is None


def term_days_between(first: dt.date, last: dt.date, periods: Sequence[Period]) -> int:
    """Term-time working days from ``first`` to ``last``, both included."""
    relevant = [p for p in periods if p.overlaps(first, last)]
    count, day = 0, first
    while day <= last:
        if is_term_day(day, relevant):
            count += 1
        day += dt.timedelta(days=1)
    return count


def periods_touching(first: dt.date, last: dt.date,
                     periods: Iterable[Period]) -> tuple[Period, ...]:
    return tuple(sorted(p for p in periods if p.overlaps(first, last)))


def check_window(window: Window, periods: Sequence[Period], *,
                 minimum_term_days: int = DEFAULT_MINIMUM_TERM_DAYS) -> WindowCheck:
    first, last = window.first_day, window.last_day
    return WindowCheck(
        touches=periods_touching(first, last, periods),
        term_days=term_days_between(first, last, periods),
        starts_in_holiday=in_holiday(first, periods) is not None,
        ends_in_holiday=in_holiday(last, periods) is not None,
        minimum_term_days=minimum_term_days,
    )


def reason_waives_holidays(reason: str) -> bool:
    """True when a written reason is long enough to let a window run into a holiday."""
    return len((reason or "").strip()) >= OVERRIDE_MIN_CHARACTERS


def window_problems(check: WindowCheck, *, reason: str = "") -> list[str]:
    """What stops a public window, in words; empty when it may run.

    A written reason (``reason_waives_holidays``) waives the holidays it touches and
    nothing else: a window shorter than the minimum is refused whatever the reason,
    because the minimum is what gives families time to answer.
    """
    return check.problems(holidays_waived=reason_waives_holidays(reason))


def public_window_allowed(check: WindowCheck, *, reason: str = "") -> bool:
    """The window may run: long enough, and clear of holidays or excused by a reason."""
    return not window_problems(check, reason=reason)


def earliest_public_start(*, today: dt.date, pre_closes: dt.datetime | None = None) -> dt.date:
    """The first day a suggested public window may open: after today and after the
    forum's pre-consultation window (the day after it closes, London time)."""
    if pre_closes is None:
        return today
    forum_done = pre_closes.astimezone(LONDON) if pre_closes.tzinfo else pre_closes
    return max(today, forum_done.date() + dt.timedelta(days=1))


def draft_warnings(*, now: dt.datetime, published: bool, opens: dt.datetime,
                   closes: dt.datetime) -> list[str]:
    """What an editor should know about an unpublished consultation's dates, which the
    blackout rule itself does not refuse: a public window entirely in the past (nobody
    can take part), or one open now on a page families cannot see. Published pages get
    none (a past window is then simply history).
    """
    if published:
        return []
    if closes <= now:
        last = Window(opens, closes).last_day
        return [f"Its public window is entirely in the past (it closed on {_day(last)}): "
                "nobody can take part. Choose new dates before you publish it."]
    if opens <= now:
        return ["It is marked “Open”, but it is a draft: families cannot see it or respond "
                "until it is published."]
    return []


def find_overlaps(periods: Sequence[Period]) -> list[tuple[int, int]]:
    """Pairs ``(earlier, later)`` of positions in ``periods`` whose dates overlap.

    Each overlapping period is reported once, against the earlier period it runs into.
    A bank holiday may fall inside another kind of period (Christmas Day in the
    Christmas holidays is normal in a council's term-dates file), but two bank
    holidays may not overlap, nor two periods of the other kinds. Pairs come in the
    order of the later period's dates.
    """
    found = []
    for group in (lambda p: p.kind == BANK_HOLIDAY, lambda p: p.kind != BANK_HOLIDAY):
        order = sorted((i for i, p in enumerate(periods) if group(p)),
                       key=lambda i: (periods[i].first_day, periods[i].last_day))
        reach = None  # the period, among those seen, that ends latest
        for i in order:
            if reach is not None and periods[i].first_day <= periods[reach].last_day:
                found.append((reach, i))
            if reach is None or periods[i].last_day > periods[reach].last_day:
                reach = i
    return sorted(found, key=lambda pair: (periods[pair[1]].first_day, periods[pair[1]].last_day))


def suggest_windows(
    start: dt.date,
    periods: Sequence[Period],
    *,
    minimum_term_days: int = DEFAULT_MINIMUM_TERM_DAYS,
    count: int = 3,
    spacing_days: int = 7,
    search_days: int = 800,
) -> list[Window]:
    """The next ``count`` windows that touch no holiday and last exactly the minimum.

    Each opens on a term day at 09:00 and closes at 23:59 on the day the minimum
    is reached. Suggestions start at least ``spacing_days`` apart so they are
    real alternatives. Gives up (returning what it found) after ``search_days``.
    """
    ordered = sorted(periods)
    found: list[Window] = []
    day = start
    limit = start + dt.timedelta(days=search_days)
    while len(found) < count and day <= limit:
        if not is_term_day(day, ordered):
            day += dt.timedelta(days=1)
            continue
        end, counted, blocked = day, 0, None
        while counted < minimum_term_days:
            hit = in_holiday(end, ordered)
            if hit is not None:
                blocked = hit
                break
            if end.weekday() < 5:
                counted += 1
            if counted == minimum_term_days:
                break
            end += dt.timedelta(days=1)
        if blocked is not None:
            # Nothing starting before this holiday can fit: try after it.
            day = blocked.last_day + dt.timedelta(days=1)
            continue
        found.append(local_window(day, end))
        day += dt.timedelta(days=spacing_days)
    return found
