"""Which consultations' windows their school calendar no longer allows.

Its own module because the editor panels of consultation pages and school calendars show
it, and those panels are imported by the page and calendar classes: so it imports neither,
only the scheduling rule and the consultation settings, and reads the calendars' periods
through the consultations it is given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from consultations import scheduling
from consultations.models.settings import consultation_settings

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from consultations.models.pages import ConsultationPage


def window_conflicts(consultations: QuerySet[ConsultationPage], *, now=None
                     ) -> list[tuple[ConsultationPage, list[str]]]:
    """Those of ``consultations`` (scheduled or open, not aliases) whose windows the calendar
    no longer allows, each with its problems in words.

    The caller narrows ``consultations`` (one page, one calendar's ``consultations``), so an
    editor panel about one consultation or one calendar does not check them all. The
    calendars' periods are read in one query, however many consultations there are.
    """
    now = now or timezone.now()
    minimum = consultation_settings().minimum_term_days
    consultations = list(consultations.filter(closes__gt=now, alias_of__isnull=True)
                         .select_related("calendar").prefetch_related("calendar__periods")
                         .order_by("opens"))
    found = []
    for consultation in consultations:
        own = [period.as_period() for period in consultation.calendar.periods.all()]
        periods = own + consultation.calendar.bank_holidays(
            range(consultation.pre_opens.year, consultation.closes.year + 1))
        public = scheduling.check_window(
            scheduling.Window(consultation.opens, consultation.closes), periods,
            minimum_term_days=minimum)
        pre = scheduling.check_window(
            scheduling.Window(consultation.pre_opens, consultation.pre_closes), periods,
            minimum_term_days=1)
        problems = scheduling.window_problems(public, reason=consultation.override_reason)
        if pre.touches and consultation.pre_closes > now:
            problems += [f"Forum pre-consultation: {p}" for p in pre.problems()]
        if problems:
            found.append((consultation, problems))
    return found
