"""Reads for co-production views, each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from wagtail.models import Page, TaskState

from charter.models import Disagreement, ForumComment, ForumReviewTaskState, PageVersion


def reviews_in_progress():
    """Drafts waiting for the forum, soonest deadline first, with comment counts."""
    return (
        ForumReviewTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state", "revision")
        .annotate(
            comment_count=Count("comments", distinct=True),
            unanswered_count=Count("comments", filter=Q(comments__answer__isnull=True),
                                   distinct=True),
        )
        .order_by("deadline", "started_at")
    )


def reviews_finished(limit: int = 20):
    return (
        ForumReviewTaskState.objects.exclude(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state", "decided_by")
        .order_by("-finished_at")[:limit]
    )


def attach_pages(reviews) -> list:
    """Give each review its page (one query for all of them)."""
    reviews = list(reviews)
    ids = {int(r.workflow_state.object_id) for r in reviews}
    pages = Page.objects.in_bulk(ids)
    for review in reviews:
        review.page = pages.get(int(review.workflow_state.object_id))
    return [r for r in reviews if r.page is not None]


def page_comments(page_id: int):
    return (
        ForumComment.objects.filter(page_id=page_id)
        .select_related("answer", "revision", "review", "author")
        .order_by("created_at", "pk")
    )


def page_disagreements(page_id: int, *, open_only: bool = False):
    qs = Disagreement.objects.filter(page_id=page_id)
    if open_only:
        qs = qs.filter(status=Disagreement.Status.OPEN)
    return qs.order_by("stated_at", "pk")


def page_versions(page_id: int):
    return PageVersion.objects.filter(page_id=page_id).order_by("-number")


# --- drafts as the forum reads them -------------------------------------------------


@dataclass(frozen=True)
class DraftSection:
    block_id: str
    heading: str
    template: str
    item: object


def draft_sections(page) -> tuple[dict, list[DraftSection]]:
    """The draft rendered as the public page would show it, split into commentable sections.

    Returns the page type's reading context (for the intro) and its sections.
    """
    from portal.selectors import faq_reading_view, policy_reading_view

    if hasattr(page, "sections") and hasattr(page, "in_short"):
        context = policy_reading_view(page)
        return context, [
            DraftSection(s.block_id, s.heading, "charter/forum/includes/policy_section.html", s)
            for s in context["sections"]
        ]
    if hasattr(page, "topics"):
        context = faq_reading_view(page)
        return context, [
            DraftSection(t.block_id, t.title, "charter/forum/includes/faq_topic.html", t)
            for t in context["topics"]
        ]
    return {}, [
        DraftSection(key, heading, "charter/forum/includes/plain_section.html", text)
        for key, heading, text in page.plain_text_sections()
    ]


def open_disagreements_with_pages():
    return list(
        Disagreement.objects.filter(status=Disagreement.Status.OPEN)
        .select_related("page").order_by("stated_at", "pk")
    )
