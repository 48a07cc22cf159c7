from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import views
from portal.models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Jargon buster"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["term", "stands_for", "locale", "live"]
    search_fields = ["term", "stands_for", "aliases", "explanation"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)


@hooks.register("register_admin_urls")
def _readability_urls():
    return [
        path("portal/readability/<int:page_id>/", views.readability_check,
             name="portal_readability_edit"),
        path("portal/readability/<str:app_label>/<str:model_name>/<int:parent_id>/",
             views.readability_check, name="portal_readability_add"),
    ]


@hooks.register("insert_editor_js")
def _readability_js():
    return format_html('<script src="{}" defer></script>',
                       static("portal/js/readability-panel.js"))


@hooks.register("insert_editor_css")
def _readability_css():
    return format_html('<link rel="stylesheet" href="{}">',
                       static("portal/css/readability-panel.css"))
