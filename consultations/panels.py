"""Editor panels for consultations and school calendars."""

import datetime as dt

from django.urls import reverse
from wagtail.admin.panels import Panel


class ConsultationStatusPanel(Panel):
    """Where the consultation is, any calendar conflict, and links to its responses."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/status_panel.html"

        def get_context_data(self, parent_context=None):
            from consultations.services import window_conflicts

            context = super().get_context_data(parent_context)
            page = self.instance
            if page.pk:
                problems = next((p for _, p in window_conflicts(pk=page.pk)), [])
                context.update(
                    responses_url=reverse("consultations_responses", args=[page.pk]),
                    add_url=reverse("consultations_add_response", args=[page.pk]),
                    export_url=reverse("consultations_export", args=[page.pk]),
                    response_count=page.responses.count(),
                    problems=problems,
                    status_label=page.status_label if page.opens and page.closes else "",
                )
            return context


class CalendarFilesPanel(Panel):
    """Import and export links, the bank holidays the calendar adds by itself, and the
    consultations its saved dates conflict with."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/calendar_files_panel.html"

        def get_context_data(self, parent_context=None):
            from consultations.services import window_conflicts

            context = super().get_context_data(parent_context)
            calendar = self.instance
            if calendar.pk:
                context.update(
                    import_url=reverse("consultations_import_calendar", args=[calendar.pk]),
                    export_url=reverse("consultations_export_calendar", args=[calendar.pk]),
                    conflicts=window_conflicts(calendar=calendar),
                )
            today = dt.date.today()
            context["include_bank_holidays"] = calendar.include_bank_holidays
            context["bank_holidays"] = [
                b for b in calendar.bank_holidays(range(today.year, today.year + 2))
                if b.first_day >= today]
            return context
