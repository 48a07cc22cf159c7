"""School-day arithmetic for review deadlines: plain functions over dates.

A school day is a weekday that is not a closed date: a bank holiday, or a day inside one of
the holiday periods of the school calendar the forum's deadlines follow (its holidays, half
terms and closure days), so "10 school days" counts as a parent carer counts them.
The calendar is chosen in the co-production settings (``charter.calendars``); these
functions take its closed dates as plain values.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Collection, Iterable


def england_bank_holidays(years) -> dict[dt.date, str]:
    """England's bank holidays for ``years``, from the holidays package (no network)."""
    import holidays

    return dict(holidays.country_holidays("GB", subdiv="ENG", years=sorted(set(years))))


def is_school_day(day: dt.date, closed: Collection[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in closed


def add_school_days(start: dt.date, days: int, closed: Collection[dt.date] = ()) -> dt.date:
    """The date ``days`` school days after ``start`` (``start`` itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_school_day(day, closed):
            counted += 1
    return day


def school_days_between(start: dt.date, end: dt.date, closed: Collection[dt.date] = ()) -> int:
    """School days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -school_days_between(end, start, closed)
    return sum(
        1 for n in range(1, (end - start).days + 1)
        if is_school_day(start + dt.timedelta(days=n), closed)
    )


def closed_days(periods: Iterable[tuple[dt.date, dt.date]]) -> frozenset[dt.date]:
    """Every date inside ``periods``, each a (first day, last day) pair, both days included.

    The periods are a school calendar's holidays, half terms, closure days and bank holidays
    (the same source as the consultations' holiday blackout), as plain dates.
    Raises ``ValueError`` for a period that ends before it starts.
    """
    days: set[dt.date] = set()
    for first, last in periods:
        if last < first:
            raise ValueError(f"a closed period ends ({last}) before it starts ({first})")
        days.update(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return frozenset(days)


# --- moving a review's deadline ------------------------------------------------------------

#: School days a deadline brought forward must still leave the forum, counted from the day
#: it is moved (the day itself not counted). Moving a deadline later needs no minimum.
MIN_SCHOOL_DAYS_LEFT = 5
#: A reason for moving a deadline is read by the forum and the board: at least this many
#: different real words (``real_words``) and characters ("Half term agreed with the forum",
#: not "x" nor "x y z zzzzzz").
MIN_REASON_WORDS = 3
MIN_REASON_CHARACTERS = 10
#: Letters that make a word in the Latin alphabet pronounceable, accents stripped first
#: (so Polish "ą", "ę", "ó" count). Other scripts are not checked for vowels: Arabic script
#: writes most short vowels not at all.
LATIN_VOWELS = frozenset("aeiouy")

BEFORE_START = "before_start"
IN_THE_PAST = "in_the_past"
TOO_SOON = "too_soon"
NOT_A_SCHOOL_DAY = "not_a_school_day"


def deadline_change_problem(*, new: dt.date, current: dt.date | None, started: dt.date,
                            today: dt.date, closed: Collection[dt.date] = (),
                            min_days_left: int = MIN_SCHOOL_DAYS_LEFT) -> str | None:
    """Why a review's deadline may not move to ``new``, or None when it may.

    - ``BEFORE_START``: ``new`` is before ``started``, the day the review began.
    - ``IN_THE_PAST``: ``new`` is before ``today`` (the forum could only be late).
    - ``TOO_SOON``: ``new`` brings the deadline forward (earlier than ``current``) and
      leaves fewer than ``min_days_left`` school days after ``today``; ``earliest_new_deadline``
      gives the first date allowed. A later date is always allowed: it only gives the
      forum more time.
    - ``NOT_A_SCHOOL_DAY``: ``new`` is a weekend, bank holiday or school holiday (one of
      ``closed``): the forum counts school days, so its deadline falls on one;
      ``next_school_day`` gives the one to offer instead.

    Source of the rule: issue 10 ("deadline changes cannot precede the review's start") and
    the README's decision table; the minimum is this module's ``MIN_SCHOOL_DAYS_LEFT``.
    """
    if new < started:
        return BEFORE_START
    if new < today:
        return IN_THE_PAST
    if (current is not None and new < current
            and school_days_between(today, new, closed) < min_days_left):
        return TOO_SOON
    if not is_school_day(new, closed):
        return NOT_A_SCHOOL_DAY
    return None


def next_school_day(day: dt.date, closed: Collection[dt.date] = ()) -> dt.date:
    """``day`` if it is a school day, else the first school day after it."""
    while not is_school_day(day, closed):
        day += dt.timedelta(days=1)
    return day


def earliest_new_deadline(today: dt.date, closed: Collection[dt.date] = (),
                          min_days_left: int = MIN_SCHOOL_DAYS_LEFT) -> dt.date:
    """The earliest date a deadline may be brought forward to on ``today``."""
    return add_school_days(today, min_days_left, closed)


def _is_latin(letter: str) -> bool:
    return unicodedata.name(letter, "").startswith("LATIN")


def _base_letter(letter: str) -> str:
    return unicodedata.normalize("NFD", letter)[0].casefold()


def is_real_word(word: str) -> bool:
    """Whether ``word`` (a run of letters) reads as a word in any of the portal's languages:
    at least two letters, not one letter repeated ("zzzzzz"), and, in the Latin alphabet, at
    least one vowel (``LATIN_VOWELS``, accents ignored: "ktr" is not a word, "już" is).
    Words in other scripts (Arabic) need only the first two."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or len({c.casefold() for c in letters}) < 2:
        return False
    if any(_is_latin(c) for c in letters):
        return any(_base_letter(c) in LATIN_VOWELS for c in letters)
    return True


def real_words(text: str) -> list[str]:
    """The different real words of ``text`` (``is_real_word``), case-folded, in order.
    A word is a run of letters and the marks that sit on them; digits and punctuation split
    words."""
    seen: list[str] = []
    marked = "".join(c if c.isalpha() or unicodedata.category(c).startswith("M") else " "
                     for c in text)
    for word in marked.split():
        folded = word.casefold()
        if is_real_word(word) and folded not in seen:
            seen.append(folded)
    return seen


def reason_is_enough(reason: str) -> bool:
    """A reason the forum and the board can understand: ``MIN_REASON_WORDS`` different real
    words or more (``real_words``: "x y z zzzzzz" has one) and ``MIN_REASON_CHARACTERS``
    characters or more, spaces at either end not counted. Language-neutral: Polish and
    Arabic reasons pass as English ones do."""
    text = reason.strip()
    return (len(text) >= MIN_REASON_CHARACTERS
            and len(real_words(text)) >= MIN_REASON_WORDS)
