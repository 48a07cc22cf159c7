"""Editor panels for consultations and school calendars."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import Panel

from consultations import scheduling, windows
from consultations.models.settings import consultation_settings
from consultations.scheduling import LONDON


class ConsultationStatusPanel(Panel):
    """Where the consultation is, how many term-time working days its public window has,
    any calendar conflict, warnings about a draft's dates, and links to its responses."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            if page.pk:
                problems = next((p for _, p in windows.window_conflicts(
                    type(page).objects.filter(pk=page.pk))), [])
                context.update(
                    responses_url=reverse("consultations_responses", args=[page.pk]),
                    add_url=reverse("consultations_add_response", args=[page.pk]),
                    export_url=reverse("consultations_export", args=[page.pk]),
                    response_count=page.responses.count(),
                    problems=problems,
                    status_label=page.status_label if page.opens and page.closes else "",
                )
            if page.calendar_id and page.opens and page.closes and page.closes > page.opens:
                window = scheduling.Window(page.opens, page.closes)
                periods = page.calendar.as_periods(range(page.opens.year, page.closes.year + 1))
                context.update(
                    term_days=scheduling.term_days_between(window.first_day, window.last_day,
                                                           periods),
                    minimum_term_days=consultation_settings().minimum_term_days,
                    draft_warnings=scheduling.draft_warnings(
                        now=timezone.now(), published=page.live, opens=page.opens,
                        closes=page.closes),
                )
            return context


class WindowSuggestionsPanel(Panel):
    """A "Suggest windows that fit" button beside the public window's dates: works before
    anything is refused, and fills the dates in with one click (``suggest_windows.js``;
    without the script, the link opens the suggestions in a new tab)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/window_suggestions_panel.html"

        @property
        def media(self):
            return forms.Media(js=["consultations/js/suggest_windows.js"])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            url = reverse("consultations_suggest_windows")
            query = {"calendar": page.calendar_id or "", "page": page.pk or ""}
            if page.pre_closes:
                query["pre_closes"] = f"{page.pre_closes.astimezone(LONDON):%Y-%m-%d %H:%M}"
            context.update(url=url, link=f"{url}?{urlencode(query)}")
            return context


class CalendarFilesPanel(Panel):
    """Import and export links, the bank holidays the calendar adds by itself, and the
    consultations its saved dates conflict with."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/calendar_files_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            calendar = self.instance
            if calendar.pk:
                context.update(
                    import_url=reverse("consultations_import_calendar", args=[calendar.pk]),
                    export_url=reverse("consultations_export_calendar", args=[calendar.pk]),
                    conflicts=windows.window_conflicts(calendar.consultations.all()),
                )
            today = timezone.localdate()
            context["include_bank_holidays"] = calendar.include_bank_holidays
            context["bank_holidays"] = [
                b for b in calendar.bank_holidays(range(today.year, today.year + 2))
                if b.first_day >= today]
            return context
