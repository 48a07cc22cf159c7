"""Admin wiring for consultations."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from consultations.models import SchoolCalendar
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
    ]


class SchoolCalendarViewSet(SnippetViewSet):
    model = SchoolCalendar
    icon = "date"
    menu_label = "School calendars"
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["name", "area"]


register_snippet(SchoolCalendarViewSet)
