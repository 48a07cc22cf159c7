"""Demo consultations: a school calendar for two school years, a consultation on a proposed
change to the travel policy, scheduled by the same rule the admin uses, and an earlier one on
the same policy, closed before it (``closed_consultation``), whose outcome the analysis demo
publishes (``analysis/demo_content.py``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from charter.deadlines import england_bank_holidays
from consultations import scheduling
from consultations.models import (
    ConsultationAudience,
    ConsultationIndexPage,
    ConsultationPage,
    HolidayPeriod,
    SchoolCalendar,
)

D = dt.date
# Plausible English term dates; bank holidays come from the holidays package.
TERM_DATES = [
    ("Autumn half term", "half_term", D(2026, 10, 26), D(2026, 10, 30)),
    ("Christmas holidays", "holiday", D(2026, 12, 21), D(2027, 1, 1)),
    ("Spring half term", "half_term", D(2027, 2, 15), D(2027, 2, 19)),
    ("Easter holidays", "holiday", D(2027, 3, 29), D(2027, 4, 9)),
    ("Summer half term", "half_term", D(2027, 5, 31), D(2027, 6, 4)),
    ("Staff training day", "closure", D(2027, 6, 28), D(2027, 6, 28)),
    ("Summer holidays", "holiday", D(2027, 7, 23), D(2027, 9, 1)),
    ("Autumn half term", "half_term", D(2027, 10, 25), D(2027, 10, 29)),
    ("Christmas holidays", "holiday", D(2027, 12, 20), D(2027, 12, 31)),
    ("Spring half term", "half_term", D(2028, 2, 14), D(2028, 2, 18)),
    ("Easter holidays", "holiday", D(2028, 4, 10), D(2028, 4, 21)),
    ("Summer half term", "half_term", D(2028, 5, 29), D(2028, 6, 2)),
    ("Summer holidays", "holiday", D(2028, 7, 21), D(2028, 8, 31)),
]

QUESTIONS = [
    ("agree_scale", {
        "question": "Children under 8 should not be asked to walk more than 1.5 miles.",
        "help_text": "", "required": True,
        "statement": "Today we help when the walk to school is more than 2 miles. We propose "
                     "to help children under 8 when it is more than 1.5 miles.",
    }),
    ("single_choice", {
        "question": "How does your child get to school now?", "help_text": "",
        "required": False,
        "choices": ["Walks", "Bus pass", "Taxi or minibus", "We drive them", "Other"],
    }),
    ("free_text", {
        "question": "Is there anything else you want us to know?",
        "help_text": "For example, what the change would mean for your family.",
        "required": False, "max_length": 2000,
    }),
]


#: The school year before the calendar's first (2025 to 2026), only to place the earlier
#: consultation in term time: the demo calendar starts with the year the open one runs in.
EARLIER_TERM_DATES = [
    ("Autumn half term", "half_term", D(2025, 10, 27), D(2025, 10, 31)),
    ("Christmas holidays", "holiday", D(2025, 12, 22), D(2026, 1, 2)),
    ("Spring half term", "half_term", D(2026, 2, 16), D(2026, 2, 20)),
    ("Easter holidays", "holiday", D(2026, 3, 30), D(2026, 4, 10)),
    ("Summer half term", "half_term", D(2026, 5, 25), D(2026, 5, 29)),
    ("Summer holidays", "holiday", D(2026, 7, 22), D(2026, 9, 1)),
]

#: The earlier consultation: the families' first views on young children's walking, asked
#: before the change to the rules was written. Its answers are coded and its outcome published
#: by ``analysis.demo_content.load_finished``.
EARLIER_SLUG = "young-children-walking-first-views"
EARLIER_QUESTIONS = [
    ("agree_scale", {
        "question": "Children under 8 should not be asked to walk more than 1.5 miles.",
        "help_text": "", "required": True,
        "statement": "Today we help when the walk to school is more than 2 miles. We could "
                     "help children under 8 when it is more than 1.5 miles.",
    }),
    QUESTIONS[2],
]


def _window_now_or_next(periods, today):
    """A window that contains today if term time allows one, or else the next one."""
    for window in scheduling.suggest_windows(today - dt.timedelta(days=60), periods, count=12,
                                             spacing_days=1):
        if window.first_day <= today <= window.last_day:
            return window
        if window.first_day > today:
            return window
    return scheduling.suggest_windows(today, periods, count=1)[0]


def demo_periods(years) -> list[scheduling.Period]:
    """The demo calendar's closed periods for ``years`` (an iterable of ints): its term-date
    holidays and England's bank holidays, as plain values for the scheduling rule."""
    holidays = [scheduling.Period(first, last, name, kind)
                for name, kind, first, last in TERM_DATES]
    return holidays + scheduling.bank_holiday_periods(sorted(england_bank_holidays(years).items()))


def first_open_day(after: dt.date) -> dt.date:
    """The first day after ``after`` on which the demo consultation, loaded on that day, is open
    to the public (its window from 09:00 London time that day contains the day).

    The browser tests serve the demo from that day, so they never depend on the school
    calendar of the day they happen to run on. Raises ``ValueError`` if no such day comes
    within two years (the rule always finds one: every school year has a long term).
    """
    periods = demo_periods(range(after.year - 1, after.year + 4))
    for n in range(1, 731):
        day = after + dt.timedelta(days=n)
        window = _window_now_or_next(periods, day)
        if window.first_day <= day <= window.last_day:
            return day
    raise ValueError(f"no day within two years of {after} opens the demo consultation")


def _pre_window(opens_day, periods):
    """Up to ten term days before the public window, stopping at any holiday."""
    first = last = opens_day - dt.timedelta(days=1)
    while scheduling.in_holiday(last, periods) or last.weekday() >= 5:
        last -= dt.timedelta(days=1)
    first, counted, day = last, 0, last
    while counted < 10 and not scheduling.in_holiday(day, periods):
        if day.weekday() < 5:
            counted += 1
            first = day
        day -= dt.timedelta(days=1)
    return scheduling.local_window(first, last, opens_at=dt.time(9), closes_at=dt.time(17))


class ConsultationDemo:
    def __init__(self, *, english, officer, log=print):
        self.english = english
        self.officer = officer
        self.log = log

    def calendar(self) -> SchoolCalendar:
        calendar, created = SchoolCalendar.objects.get_or_create(
            name="Maintained schools in the county", defaults={"area": "The whole county"})
        if created:
            HolidayPeriod.objects.bulk_create([
                HolidayPeriod(calendar=calendar, name=n, kind=k, first_day=f, last_day=last,
                              sort_order=i)
                for i, (n, k, f, last) in enumerate(TERM_DATES)
            ])
        return calendar

    def consultation(self, home, policy) -> None:
        calendar = self.calendar()
        index = ConsultationIndexPage.objects.filter(locale=self.english).first()
        if index is None:
            index = home.add_child(instance=ConsultationIndexPage(
                title="Consultations", slug="consultations", locale=self.english,
                intro="Tell us what you think before we change how travel help works."))
            index.save_revision().publish()
        if ConsultationPage.objects.filter(slug="walking-distances-under-8").exists():
            return
        today = timezone.localdate()
        periods = calendar.as_periods(range(today.year - 1, today.year + 3))
        public = _window_now_or_next(periods, today)
        pre = _pre_window(public.first_day, periods)
        draft = policy.get_latest_revision_as_object()
        for block in draft.sections:
            if block.value["heading"].startswith("Walking"):
                from wagtail.rich_text import RichText

                block.value["body"] = RichText(
                    "<p>Children under 8 walk up to 1.5 miles. Children aged 8 and over walk up "
                    "to 3 miles. We look at each child: if your child cannot walk this far "
                    "safely because of their needs, we will help.</p>")
        for block in draft.eligibility_rules:
            for band in block.value["walking_bands"]:
                if band["max_age"] < 8:
                    band["miles"] = Decimal("1.5")
        draft.change_note = "Proposed: under-8s walk up to 1.5 miles (for consultation)."
        proposed = draft.save_revision(user=self.officer)
        page = index.add_child(instance=ConsultationPage(
            title="Walking distances for children under 8", slug="walking-distances-under-8",
            locale=self.english, policy=policy, proposed_revision=proposed, calendar=calendar,
            summary="Today we help children under 8 to get to school when they live more than "
                    "2 miles away. We want to make that 1.5 miles. Tell us what you think.",
            pre_opens=pre.opens, pre_closes=pre.closes, opens=public.opens, closes=public.closes,
            questions=QUESTIONS, change_note="First version, agreed with the forum.",
        ))
        page.audiences.set(ConsultationAudience.objects.filter(
            name__in=["Parents and carers", "Young people", "Schools and colleges"]))
        page.save_revision().publish()
        self.log(f"Consultation: {public.first_day} to {public.last_day} "
                 f"({page.status_label}).")

    def closed_consultation(self, policy) -> ConsultationPage | None:
        """The earlier consultation on ``policy``: families' first views on how far young
        children walk, in the last term-time window (the calendar's holidays, and the year
        before's: ``EARLIER_TERM_DATES``) that ended at least a week before the open
        consultation's forum window, closed. Made once;
        None when it exists or there is no open demo consultation to come before."""
        if ConsultationPage.objects.filter(slug=EARLIER_SLUG).exists():
            return None
        later = ConsultationPage.objects.filter(slug="walking-distances-under-8").first()
        index = ConsultationIndexPage.objects.filter(locale=self.english).first()
        if later is None or index is None:
            return None
        calendar = later.calendar
        before = timezone.localtime(later.pre_opens).date() - dt.timedelta(days=7)
        start = before - dt.timedelta(days=240)
        periods = calendar.as_periods(range(start.year - 1, before.year + 1)) + [
            scheduling.Period(first, last, name, kind)
            for name, kind, first, last in EARLIER_TERM_DATES]
        public = [w for w in scheduling.suggest_windows(start, periods, count=30,
                                                        spacing_days=7)
                  if w.last_day <= before][-1]
        pre = _pre_window(public.first_day, periods)
        page = index.add_child(instance=ConsultationPage(
            title="How far young children walk to school: your first views",
            slug=EARLIER_SLUG, locale=self.english, policy=policy, calendar=calendar,
            summary="Before we change the walking distances, we want to hear from you. "
                    "Should children under 8 walk less than 2 miles before we help? Is 1.5 "
                    "miles right? What should we think about?",
            pre_opens=pre.opens, pre_closes=pre.closes, opens=public.opens,
            closes=public.closes, questions=EARLIER_QUESTIONS,
            change_note="First version, agreed with the forum.",
        ))
        page.audiences.set(ConsultationAudience.objects.filter(
            name__in=["Parents and carers", "Young people", "Schools and colleges"]))
        page.save_revision(user=self.officer).publish()
        self.log(f"Earlier consultation: {public.first_day} to {public.last_day} (closed).")
        return ConsultationPage.objects.get(pk=page.pk)
