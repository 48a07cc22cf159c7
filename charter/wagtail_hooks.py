"""Admin wiring for co-production: nothing co-produced is published around the forum.

Every Wagtail admin route that could change a published co-produced page is narrowed
here or in ``charter.permissions.CoProducedPagePermissionTester``: the page's own views
(edit, create, unpublish) through a page viewset, Wagtail's buttons and per-page checks
through the permission tester, and actions on a parent page (which reach its
co-produced children) through the ``before_*`` hooks below. See the README's decision
table for what each role may do.
"""

from functools import reduce
from operator import or_

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import Resolver404, path, resolve, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from charter import services
from charter.coproduction import coproduction_workflow
from charter.forms import (
    AnswerForm,
    CommentForm,
    DecisionForm,
    MeetingForm,
    PositionForm,
    ResolveForm,
)
from charter.hooks import publish_refusal
from charter.models import (
    CharterPage,
    CoproductionMeeting,
    ForumComment,
    ForumReviewTaskState,
    WorkingAgreementPage,
)
from charter.models.meetings import MEETING_KEPT
from charter.permissions import coproduced_content_types, is_officer, pages_on_record
from charter.selectors import coproduced_page_types
from charter.views import admin as admin_views
from charter.views import translations as translation_views
from core.resend import RESEND_FORM_HOOK, ResendSpec


def _is_coproduced(page) -> bool:
    return bool(getattr(page.specific_deferred, "coproduced", False)) and (
        coproduction_workflow() is not None
    )


# Neither offered on a co-produced page: publishing is the forum's (the workflow's), and a
# translation of an agreed version stays one (charter.views.translations).
NOT_OFFERED = frozenset({"action-publish", "localize-convert-to-alias"})


@hooks.register("construct_page_action_menu")
def _hide_direct_publish(menu_items, request, context):
    page = context.get("page")
    if page is not None and _is_coproduced(page):
        menu_items[:] = [item for item in menu_items if item.name not in NOT_OFFERED]


@hooks.register("before_publish_page")
def _refuse_direct_publish(request, page):
    if not _is_coproduced(page):
        return None
    messages.warning(request, admin_views.PUBLISH_REFUSED)
    return redirect("wagtailadmin_pages:edit", page.pk)


# --- wagtail-localize: a translation of an agreed version stays a translation -------------


@hooks.register("register_admin_urls", order=-1)
def _translations_stay_translations():
    """Before wagtail-localize's own addresses (``order=-1``), so these answer first."""
    return [
        path("localize/page/<int:page_id>/convert_to_alias/",
             translation_views.convert_to_alias, name="charter_convert_to_alias"),
        path("localize/translate/<int:translation_id>/disable/",
             translation_views.stop_translation, name="charter_stop_translation"),
        path("localize/submit/page/<int:page_id>/",
             translation_views.submit_page_translation, name="charter_submit_page_translation"),
    ]


# Before wagtail-localize's hook, which would answer first with its own editor.
hooks.register("before_edit_page", translation_views.editor_without_ways_around, order=-1)


# --- one viewset for each co-produced page type -----------------------------------------


class CoProducedPageViewSet(PageViewSet):
    """Wagtail's page views, with the edit, create, unpublish and revert views narrowed."""

    edit_view_class = admin_views.CoProducedEditView
    add_view_class = admin_views.CoProducedCreateView
    unpublish_view_class = admin_views.WithdrawView
    revisions_revert_view_class = admin_views.CoProducedRevertView
    # Leave the explorer's listings of parent pages as they are.
    parent_models = ()


@hooks.register("register_admin_viewset")
def _coproduced_page_viewsets():
    return [CoProducedPageViewSet(name=f"coproduced_{model._meta.label_lower}".replace(".", "_"),
                                  model=model)
            for model in coproduced_page_types()]


# --- actions on a page that reach co-produced pages beneath it ---------------------------


def _with_descendants(pages):
    return Page.objects.filter(reduce(or_, [Q(path__startswith=p.path) for p in pages]))


def _refuse(request, message, fallback_page):
    messages.error(request, message)
    return redirect(request.GET.get("next") or reverse("wagtailadmin_explore",
                                                       args=[fallback_page.get_parent().pk]))


KEPT_ON_RECORD = gettext_lazy(
    "This would delete pages written with the forum (%(titles)s). They are part of the "
    "co-production record, so they are kept; an administrator can take a page off the site, "
    "with a reason.")
ADDRESS_KEPT = gettext_lazy(
    "This would move pages written with the forum (%(titles)s) to a new address. Their address "
    "is part of the record, so they stay where they are.")


def _titles(pages) -> str:
    return ", ".join(p.title for p in pages[:3]) + ("…" if len(pages) > 3 else "")


@hooks.register("before_delete_page")
def _keep_pages_on_record(request, page):
    kept = list(pages_on_record(page.get_descendants(inclusive=True)))
    if kept:
        return _refuse(request, KEPT_ON_RECORD % {"titles": _titles(kept)}, page)
    return None


@hooks.register("before_move_page")
def _keep_addresses_on_record(request, page_to_move, destination):
    if page_to_move.get_parent().pk == destination.pk:
        return None
    moved = list(pages_on_record(page_to_move.get_descendants(inclusive=True)))
    if moved:
        return _refuse(request, ADDRESS_KEPT % {"titles": _titles(moved)}, page_to_move)
    return None


ALIAS_REFUSED = gettext_lazy(
    "Pages written with the forum cannot be copied as an alias: an alias is a live copy at a "
    "new address that the forum never agreed. Copy without \"Alias\" to start a draft.")


def _live_coproduced(pages):
    return pages.filter(live=True, content_type__in=coproduced_content_types())


@hooks.register("before_copy_page")
def _copies_start_as_drafts(request, page):
    # A co-produced page's own copy form has no "Publish copied page" and no "Alias"
    # (DraftCopyForm); this catches a form sent anyway, and copying a parent page with its
    # co-produced subpages.
    if request.method != "POST":
        return None
    if request.POST.get("alias"):
        copied = (page.get_descendants(inclusive=True) if request.POST.get("copy_subpages")
                  else Page.objects.filter(pk=page.pk))
        if copied.filter(content_type__in=coproduced_content_types()).exists():
            messages.error(request, ALIAS_REFUSED)
            return redirect("wagtailadmin_pages:copy", page.pk)
    if not (request.POST.get("publish_copies") and request.POST.get("copy_subpages")):
        return None
    if _live_coproduced(page.get_descendants()).exists():
        messages.error(request, _("Copies of pages written with the forum start as drafts: "
                                  "untick \"Publish copies\" and copy again."))
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


WITHDRAW_ONE_BY_ONE = gettext_lazy(
    "Pages written with the forum come off the site one at a time, from each page's own "
    "Unpublish, with the reason (administrators only).")


@hooks.register("before_unpublish_page")
def _withdraw_one_by_one(request, page):
    if (request.POST.get("include_descendants")
            and _live_coproduced(page.get_descendants()).exists()):
        messages.error(request, WITHDRAW_ONE_BY_ONE)
        return redirect("wagtailadmin_pages:unpublish", page.pk)
    return None


@hooks.register("before_bulk_action")
def _refuse_bulk_actions_around_the_forum(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if not pages:
        return None
    message = None
    if action_type == "publish" and any(_is_coproduced(page) for page in pages):
        message = _("Co-produced pages are published when the forum agrees, not from a bulk "
                    "action.")
    elif action_type == "publish":
        published = _with_descendants(pages) if request.POST.get("include_descendants") \
            else Page.objects.filter(pk__in=[p.pk for p in pages])
        message = next(filter(None, (publish_refusal(page.get_latest_revision_as_object())
                                     for page in published.specific())), None)
    elif action_type == "unpublish":
        everything = _with_descendants(pages) if request.POST.get("include_descendants") \
            else Page.objects.filter(pk__in=[p.pk for p in pages])
        if _live_coproduced(everything).exists():
            message = WITHDRAW_ONE_BY_ONE
    elif action_type == "delete":
        kept = list(pages_on_record(_with_descendants(pages)))
        if kept:
            message = KEPT_ON_RECORD % {"titles": _titles(kept)}
    elif action_type == "move":
        moved = list(pages_on_record(_with_descendants(pages)))
        if moved:
            message = ADDRESS_KEPT % {"titles": _titles(moved)}
    if message:
        messages.error(request, conditional_escape(message))
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


@hooks.register("after_edit_page")
def _resolve_comments_with_this_revision(request, page):
    """The officer ticked the comments that the revision they just saved resolves.

    Only on an explicit save: an autosave (a JSON request) is not the officer saying the
    change is made, and may hold half of it.
    """
    ids = request.POST.getlist("resolves_comment")
    if not ids or not is_officer(request.user) or not request.accepts("text/html"):
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
        path("forum-reviews/remove/<slug:kind>/<int:record_id>/", admin_views.remove_text,
             name="charter_remove_text"),
        path("forum-reviews/removals/", admin_views.removals, name="charter_removals"),
        path("forum-reviews/removals/<int:sequence>/remove-reason/", admin_views.remove_reason,
             name="charter_remove_reason"),
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
    return format_html('<link rel="stylesheet" href="{}">', static("charter/admin.css"))


class MeetingPermissionPolicy(ModelPermissionPolicy):
    """Meetings are never deleted, by anyone: their actions are on the board."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "delete"])


register_permission_policy(CoproductionMeeting, MeetingPermissionPolicy(CoproductionMeeting))


class CoproductionMeetingViewSet(SnippetViewSet):
    model = CoproductionMeeting
    icon = "date"
    menu_label = "Meetings"
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["title", "date"]
    ordering = ["-date"]
    # The model's panels, and a reason for removing an action or attendee (``MeetingForm``).
    edit_handler = ObjectList(
        [*CoproductionMeeting.panels, FieldPanel("removal_reason")],
        base_form_class=MeetingForm)


register_snippet(CoproductionMeetingViewSet)


@hooks.register("before_delete_snippet")
def _keep_meetings(request, instances):
    if any(isinstance(instance, CoproductionMeeting) for instance in instances):
        messages.error(request, MEETING_KEPT)
        return redirect(CoproductionMeeting.snippet_viewset.get_url_name("list"))
    return None


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def _log_meeting(request, instance):
    if isinstance(instance, CoproductionMeeting):
        services.meeting_record(meeting=instance, user=request.user,
                                removed=getattr(instance, "removed_rows", None),
                                reason=getattr(instance, "removal_reason", ""))


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
