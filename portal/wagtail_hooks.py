from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from charter.hooks import (
    FORUM_DRAFT_HOOK,
    GLOSSARY_TERMS_HOOK,
    READABILITY_PANEL_HOOK,
    READING_AGE_HOOK,
)
from portal import views
from portal.models import GlossaryTerm, ReadingScore
from portal.panels import readability_panel_context
from portal.permissions import can_see_scheduled_jobs
from portal.selectors import faq_reading_view, live_glossary_rows, policy_reading_view
from portal.services import reading_score_record


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


hooks.register(READABILITY_PANEL_HOOK, readability_panel_context)


@hooks.register(FORUM_DRAFT_HOOK)
def _forum_draft(page):
    """Policies and the FAQ as their public pages show them, split into the sections the
    forum comments on (``charter.selectors.draft_sections``)."""
    if hasattr(page, "sections") and hasattr(page, "in_short"):
        context = policy_reading_view(page)
        # A policy may add sections that are data rather than text (its eligibility rules):
        # the forum reads and comments on them as plain text.
        extra = page.extra_review_sections() if hasattr(page, "extra_review_sections") else []
        return context, [(s.block_id, s.heading, "charter/forum/includes/policy_section.html", s)
                         for s in context["sections"]] + [
            (key, heading, "charter/forum/includes/plain_section.html", text)
            for key, heading, text in extra]
    if hasattr(page, "topics"):
        context = faq_reading_view(page)
        return context, [(t.block_id, t.title, "charter/forum/includes/faq_topic.html", t)
                         for t in context["topics"]]
    return None


@hooks.register(READING_AGE_HOOK)
def _reading_age(revision) -> float | None:
    """The reading age ``portal.services`` keeps for a published revision, kept now if the
    engine asks before ``portal``'s own ``page_published`` receiver has run (receivers run
    in the order the apps load, and the engine loads first)."""
    score = ReadingScore.objects.filter(revision=revision).only("reading_age").first()
    if score is None and revision is not None:
        score = reading_score_record(page=revision.content_object, revision=revision)
    return score.reading_age if score else None


@hooks.register(GLOSSARY_TERMS_HOOK)
def _glossary_terms(locale_ids) -> list[tuple]:
    """The jargon buster's live terms, for the engine's search index of untranslated copies
    (``charter.search``)."""
    return live_glossary_rows(locale_ids)


@hooks.register("register_admin_urls")
def _readability_urls():
    return [
        path("portal/readability/<int:page_id>/", views.readability_check,
             name="portal_readability_edit"),
        path("portal/readability/<str:app_label>/<str:model_name>/<int:parent_id>/",
             views.readability_check, name="portal_readability_add"),
        path("scheduled-jobs/", views.scheduled_jobs, name="portal_scheduled_jobs"),
    ]


class ScheduledJobsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_scheduled_jobs(request.user)


@hooks.register("register_reports_menu_item")
def _scheduled_jobs_menu_item():
    return ScheduledJobsMenuItem(_("Scheduled jobs"), reverse("portal_scheduled_jobs"),
                                 icon_name="time", order=900)


@hooks.register("insert_editor_js")
def _readability_js():
    return format_html('<script src="{}" defer></script>',
                       static("portal/js/readability-panel.js"))


@hooks.register("insert_editor_css")
def _readability_css():
    return format_html('<link rel="stylesheet" href="{}">',
                       static("portal/css/readability-panel.css"))
