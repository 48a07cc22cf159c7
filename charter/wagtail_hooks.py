"""Admin wiring for co-production: nothing co-produced is published around the forum."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, path, resolve, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from charter import services
from charter.coproduction import coproduction_workflow
from charter.forms import AnswerForm, CommentForm, DecisionForm, PositionForm, ResolveForm
from charter.models import CoproductionMeeting, ForumComment, ForumReviewTaskState
from charter.permissions import is_officer
from charter.views import admin as admin_views
from portal.forms import RESEND_FORM_HOOK, ResendSpec


def _is_coproduced(page) -> bool:
    return bool(getattr(page.specific_deferred, "coproduced", False)) and (
        coproduction_workflow() is not None
    )


@hooks.register("construct_page_action_menu")
def _hide_direct_publish(menu_items, request, context):
    page = context.get("page")
    if page is not None and _is_coproduced(page):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish_page")
def _refuse_direct_publish(request, page):
    if not _is_coproduced(page):
        return None
    messages.warning(
        request,
        "Saved as a draft, not published: this page is written with the forum, so it is "
        "published when the forum agrees. Use \"Submit to Co-production\" to send it.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def _refuse_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type == "publish" and any(_is_coproduced(page) for page in objects):
        messages.error(request, "Co-produced pages are published when the forum agrees, "
                                "not from a bulk action.")
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


@hooks.register("after_edit_page")
def _resolve_comments_with_this_revision(request, page):
    """The officer ticked the comments that the revision they just saved resolves."""
    ids = request.POST.getlist("resolves_comment")
    if not ids or not is_officer(request.user):
        return None
    revision = page.get_latest_revision()
    comments = ForumComment.objects.filter(page=page, pk__in=ids).select_related("answer", "page")
    count = services.comments_resolve(comments=comments, revision=revision,
                                      officer=request.user)
    if count:
        messages.success(request, f"{count} forum comment(s) marked as resolved by this revision.")
    return None


@hooks.register("register_admin_urls")
def _charter_admin_urls():
    return [
        path("forum-reviews/", admin_views.reviews, name="charter_reviews"),
        path("forum-reviews/page/<int:page_id>/", admin_views.page_comments,
             name="charter_page_comments"),
        path("forum-reviews/comment/<int:comment_id>/answer/", admin_views.answer_comment,
             name="charter_answer_comment"),
        path("forum-reviews/review/<int:review_id>/deadline/", admin_views.review_deadline,
             name="charter_review_deadline"),
        path("forum-reviews/disagreement/<int:disagreement_id>/", admin_views.disagreement,
             name="charter_disagreement"),
    ]


class ForumReviewsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer(request.user)


@hooks.register("register_admin_menu_item")
def _forum_reviews_menu_item():
    return ForumReviewsMenuItem("Forum reviews", reverse("charter_reviews"), icon_name="group",
                                order=150)


@hooks.register("insert_global_admin_css")
def _charter_admin_css():
    return format_html('<style>{}</style>',
                       ".charter-quote{border-inline-start:4px solid #b1b4b6;padding-inline-start:"
                       ".75rem;margin:.5rem 0;font-style:italic}")


class CoproductionMeetingViewSet(SnippetViewSet):
    model = CoproductionMeeting
    icon = "date"
    menu_label = "Meetings"
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["title", "date"]
    ordering = ["-date"]


register_snippet(CoproductionMeetingViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def _log_meeting(request, instance):
    if isinstance(instance, CoproductionMeeting):
        services.meeting_record(meeting=instance)


class OverdueReviewsPanel(Component):
    name = "overdue_reviews"
    order = 90
    template_name = "charter/admin/overdue_reviews_dashboard.html"

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context=None):
        return {"pages": self.pages}


@hooks.register("construct_homepage_panels")
def _overdue_reviews(request, panels):
    from django.utils import timezone

    from charter.models import CharterPage, WorkingAgreementPage

    today = timezone.localdate()
    pages = [
        *CharterPage.objects.filter(review_date__lt=today, alias_of__isnull=True),
        *WorkingAgreementPage.objects.filter(review_date__lt=today, alias_of__isnull=True),
    ]
    if pages and is_officer(request.user):
        panels.append(OverdueReviewsPanel(pages))


# --- forum and officers' forms refused for their security token -------------------------


@hooks.register(RESEND_FORM_HOOK)
def _describe_refused_forum_form(request):
    """The forum's forms (comment, change, decision, position, resolution) and the officers'
    answers, so the page that offers them again labels each field."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    name, kwargs = match.url_name, match.kwargs
    resolving = request.POST.get("action") == "resolve"
    if name in ("forum_comment", "forum_comment_edit"):
        return ResendSpec(form=CommentForm(), title=_("Your comment"))
    if name == "forum_decide":
        review = ForumReviewTaskState.objects.filter(pk=kwargs["review_id"]).first()
        sections = ()
        if review is not None:
            page = review.workflow_state.content_object.get_latest_revision_as_object()
            sections = page.review_sections()
        return ResendSpec(form=DecisionForm(sections=sections))
    if name in ("forum_disagreement", "charter_disagreement"):
        return ResendSpec(form=ResolveForm() if resolving else PositionForm())
    if name == "charter_answer_comment":
        return ResendSpec(form=AnswerForm())
    return None
