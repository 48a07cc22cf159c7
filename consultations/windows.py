"""Which consultations' windows their school calendar no longer allows.

Its own module because the editor panels of consultation pages and school calendars show
it, and those panels are imported by the page and calendar classes: so it imports neither,
only the scheduling rule and the consultation settings, and reads the calendars' periods
through the consultations it is given."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from consultations import scheduling
from consultations.models.settings import consultation_settings

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from consultations.models.pages import ConsultationPage


@dataclass(frozen=True)
class WindowConflict:
    """A consultation its calendar no longer allows, with the rule's findings: ``public``
    (its public window's check), ``holidays_waived`` (a written reason excuses the holidays
    it touches) and ``forum`` (the forum's pre-consultation window's check, when that window
    is still to come and touches a holiday; else None). Notices word these for each reader's
    language; ``problems`` gives the admin's English words."""

    consultation: ConsultationPage
    public: scheduling.WindowCheck
    holidays_waived: bool
    forum: scheduling.WindowCheck | None

    def problems(self) -> list[str]:
        """What is wrong, in the admin's words (``WindowCheck.problems``)."""
        problems = self.public.problems(holidays_waived=self.holidays_waived)
        if self.forum is not None:
            problems += [f"Forum pre-consultation: {p}" for p in self.forum.problems()]
        return problems


def window_conflict_checks(consultations: QuerySet[ConsultationPage], *, now=None
                           ) -> list[WindowConflict]:
    """Those of ``consultations`` (scheduled or open, not aliases) whose windows the calendar
    no longer allows, as ``WindowConflict``s, in the order they open.

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
        conflict = WindowConflict(
            consultation=consultation, public=public,
            holidays_waived=scheduling.reason_waives_holidays(consultation.override_reason),
            forum=pre if pre.touches and consultation.pre_closes > now else None)
        if conflict.problems():
            found.append(conflict)
    return found


def window_conflicts(consultations: QuerySet[ConsultationPage], *, now=None
                     ) -> list[tuple[ConsultationPage, list[str]]]:
    """``window_conflict_checks`` as (consultation, its problems in the admin's words)."""
    return [(c.consultation, c.problems())
            for c in window_conflict_checks(consultations, now=now)]
