"""Admin wiring for the analysis: the officers' coding screens and their menu item."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from analysis import (
    urls,
    wagtail_hooks_writeup,  # noqa: F401 - registers the write-up's hooks
)
from charter.permissions import is_officer


@hooks.register("register_admin_urls")
def _analysis_admin_urls():
    return urls.urlpatterns


class WrittenAnswersMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer(request.user)


@hooks.register("register_admin_menu_item")
def _written_answers_menu_item():
    return WrittenAnswersMenuItem("Written answers", reverse("analysis_index"),
                                  icon_name="tag", order=160)
