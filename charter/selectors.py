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


# --- versions and why they changed ---------------------------------------------------


def comment_refs(page_id: int, versions) -> list:
    """Answered comments on a page as plain values, each with the version that carried it.

    A comment resolved by a revision counts in the first version published from
    that revision or a later one; an answered comment not tied to a revision
    counts in the first version published from the draft it was made on or a
    later one (the version the council answered it for).
    """
    from bisect import bisect_left

    from charter.versions import CommentRef

    by_revision = sorted((v.revision_id, v.number) for v in versions)
    revision_ids = [r for r, _ in by_revision]

    def version_from(revision_id: int) -> int | None:
        i = bisect_left(revision_ids, revision_id)
        return by_revision[i][1] if i < len(by_revision) else None

    refs = []
    rows = (
        ForumComment.objects.filter(page_id=page_id, answer__isnull=False)
        .values_list("pk", "block_id", "revision_id", "body", "answer__disposition",
                     "answer__reason", "answer__resolved_by_revision_id")
        .order_by("pk")
    )
    bodies = {}
    for pk, block_id, revision_id, body, disposition, reason, resolved in rows:
        changed = version_from(resolved or revision_id)
        refs.append(CommentRef(pk, block_id, disposition, reason, changed))
        bodies[pk] = body
    return refs, bodies


def sections_of(revision) -> list:
    from charter.versions import SectionText

    page = revision.as_object()
    texts = [SectionText("intro", "In short", page.plain_text_intro())] if hasattr(
        page, "plain_text_intro") else []
    return texts + [SectionText(key, heading, text)
                    for key, heading, text in page.plain_text_sections()]


def compare(page_id: int, from_number: int, to_number: int) -> dict | None:
    """Two versions side by side: each section's word changes and the comments behind them."""
    from charter.versions import annotate, diff_versions

    versions = list(PageVersion.objects.filter(page_id=page_id).select_related("revision")
                    .order_by("number"))
    by_number = {v.number: v for v in versions}
    old, new = by_number.get(from_number), by_number.get(to_number)
    if old is None or new is None or from_number >= to_number:
        return None
    diffs = diff_versions(sections_of(old.revision), sections_of(new.revision))
    refs, bodies = comment_refs(page_id, versions)
    annotated = annotate(diffs, refs, from_version=from_number, to_version=to_number)
    between = [v for v in versions if from_number < v.number <= to_number]
    rows = [
        {"diff": item.diff,
         "comments": [{"body": bodies[c.comment_id], "disposition": c.disposition,
                       "reason": c.reason} for c in item.comments]}
        for item in annotated
    ]
    return {
        "versions": versions,
        "old": old,
        "new": new,
        "between": between,
        "sections": rows,
        "changed_count": sum(1 for s in annotated if s.diff.status != "unchanged"),
    }
