"""Admin wiring for consultations."""

from django.contrib import messages
from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.models import SchoolCalendar
from consultations.services import window_conflicts
from consultations.views import admin as admin_views


@hooks.register("register_admin_urls")
def _consultation_admin_urls():
    return [
        path("consultations/<int:page_id>/responses/", admin_views.responses,
             name="consultations_responses"),
        path("consultations/<int:page_id>/responses/add/", admin_views.add_response,
             name="consultations_add_response"),
        path("consultations/<int:page_id>/responses.csv", admin_views.export_responses,
             name="consultations_export"),
        path("school-calendars/<int:calendar_id>/import/", admin_views.import_calendar,
             name="consultations_import_calendar"),
        path("school-calendars/<int:calendar_id>/calendar.ics", admin_views.export_calendar,
             name="consultations_export_calendar"),
        path("consultations/suggest-windows/", admin_views.suggest_windows,
             name="consultations_suggest_windows"),
    ]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def _warn_of_calendar_conflicts(request, instance):
    """Saving a calendar in its editor names, at once, every consultation it now conflicts
    with (as a file import does), one warning each, once per consultation in any language."""
    if not isinstance(instance, SchoolCalendar):
        return
    seen = set()
    for consultation, problems in window_conflicts(calendar=instance):
        if consultation.translation_key in seen:
            continue
        seen.add(consultation.translation_key)
        messages.warning(request, f"“{consultation.title}” no longer fits this calendar: "
                                  f"{' '.join(problems)}")


class SchoolCalendarViewSet(SnippetViewSet):
    model = SchoolCalendar
    icon = "date"
    menu_label = "School calendars"
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["name", "area"]


register_snippet(SchoolCalendarViewSet)
