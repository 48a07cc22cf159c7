from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
