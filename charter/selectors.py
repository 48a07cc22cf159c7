"""Reads for co-production views, each a fixed number of queries."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db.models import Count, Q
from wagtail.models import Page, TaskState

from charter.models import (
    CommentAnswer,
    Disagreement,
    EvidenceEntry,
    EvidenceText,
    ForumComment,
    ForumReviewTaskState,
    PageVersion,
    TranslationVersion,
)


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


def earlier_wordings(comment_ids: list[int]) -> dict[int, list]:
    """Each comment's earlier saved versions (django-simple-history), newest first, in one query."""
    found: dict[int, list] = {}
    history = (ForumComment.history.filter(id__in=comment_ids)
               .order_by("id", "-history_date", "-history_id"))
    for row in history:
        found.setdefault(row.id, []).append(row)
    # The newest history row is the comment as it stands; only the ones before it are earlier.
    return {pk: rows[1:] for pk, rows in found.items() if len(rows) > 1}


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
    from charter.versions import CommentRef, version_carrying

    published = [(v.revision_id, v.number) for v in versions]
    refs = []
    rows = (
        ForumComment.objects.filter(page_id=page_id, answer__isnull=False)
        .values_list("pk", "block_id", "revision_id", "body", "answer__disposition",
                     "answer__reason", "answer__resolved_by_revision_id")
        .order_by("pk")
    )
    bodies = {}
    for pk, block_id, revision_id, body, disposition, reason, resolved in rows:
        changed = version_carrying(resolved or revision_id, published)
        refs.append(CommentRef(pk, block_id, disposition, reason, changed))
        bodies[pk] = body
    return refs, bodies


def sections_of(revision) -> list:
    """Everything a reader of this revision sees, as ``SectionText`` in page order: the
    title, the short summary, the page's own fields (dates, audiences...) and each section,
    with emphasis, lists and link targets written out. Pages and documents linked to are
    looked up in at most two queries."""
    return page_sections(revision.as_object())


def page_sections(page) -> list:
    """``sections_of`` for a page object (a revision's or a live page)."""
    from charter.versions import SectionText

    if hasattr(page, "comparable_sections"):
        rows = page.comparable_sections()
    else:
        rows = ([("intro", "In short", page.plain_text_intro())]
                if hasattr(page, "plain_text_intro") else []) + page.plain_text_sections()
    return resolved_sections([SectionText(key, str(heading), text or "")
                              for key, heading, text in rows])


def resolved_sections(sections: list) -> list:
    """Sections with ``[[page:ID]]`` and ``[[document:ID]]`` replaced by where the link goes
    (the page's address, the document's title). Two queries at most."""
    from dataclasses import replace

    from wagtail.documents import get_document_model

    from charter.versions import link_refs, resolve_links

    page_ids, document_ids = link_refs(s.text for s in sections)
    if not page_ids and not document_ids:
        return sections
    pages = {pk: (p.get_url() or p.title) for pk, p in Page.objects.in_bulk(page_ids).items()}
    documents = {pk: d.title for pk, d in
                 get_document_model().objects.in_bulk(document_ids).items()}
    return [replace(s, text=resolve_links(s.text, pages, documents)) for s in sections]


def translation_standing(page, versions) -> dict | None:
    """For a published translation: the agreed version it translates and whether the
    default-language page has moved on since. ``versions`` are the source page's versions,
    newest first. None when nothing records what it translates. One query."""
    if not versions:
        return None
    recorded = (TranslationVersion.objects.filter(page_id=page.pk)
                .filter(Q(revision_id=page.live_revision_id) if page.live_revision_id else Q())
                .select_related("source_version").order_by("-revision_id").first())
    if recorded is None:
        return None
    latest = versions[0]
    translates = recorded.source_version
    return {"version": translates, "latest": latest,
            "behind": translates.number < latest.number}


def translated_revisions(translation_page_id: int, from_number: int,
                         to_number: int) -> tuple | None:
    """The translation's own published revisions of two agreed versions (the latest
    translation of each), or None if either version was never translated. One query."""
    rows = (TranslationVersion.objects.filter(
        page_id=translation_page_id, source_version__number__in=[from_number, to_number])
        .select_related("revision", "source_version").order_by("-revision_id"))
    found: dict[int, object] = {}
    for row in rows:
        found.setdefault(row.source_version.number, row.revision)
    if from_number not in found or to_number not in found:
        return None
    return found[from_number], found[to_number]


def compare(page_id: int, from_number: int, to_number: int, *,
            translation_page_id: int | None = None) -> dict | None:
    """Two versions side by side: each section's word changes and the comments behind them.

    With ``translation_page_id`` (a translated page of ``page_id``) the sections compared
    are that translation's text of each version, never the default language's; if either
    version was not translated the result has no sections and ``translated`` False, so the
    page can say so and offer the default-language comparison. ``translated`` is None for
    a default-language comparison.
    """
    from charter.versions import annotate, diff_versions

    versions = list(PageVersion.objects.filter(page_id=page_id).select_related("revision")
                    .order_by("number"))
    by_number = {v.number: v for v in versions}
    old, new = by_number.get(from_number), by_number.get(to_number)
    if old is None or new is None or from_number >= to_number:
        return None
    between = [v for v in versions if from_number < v.number <= to_number]
    old_revision, new_revision, translated = old.revision, new.revision, None
    if translation_page_id is not None:
        pair = translated_revisions(translation_page_id, from_number, to_number)
        translated = pair is not None
        if pair is None:
            return {"versions": versions, "old": old, "new": new, "between": between,
                    "sections": [], "changed_count": 0, "translated": False}
        old_revision, new_revision = pair
    diffs = diff_versions(sections_of(old_revision), sections_of(new_revision))
    refs, bodies = comment_refs(page_id, versions)
    annotated = annotate(diffs, refs, from_version=from_number, to_version=to_number)
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
        "translated": translated,
    }


# --- the governance board -------------------------------------------------------------


def coproduced_page_types() -> list:
    from wagtail.models import get_page_models

    return [m for m in get_page_models() if getattr(m, "coproduced", False)]


def coproduced_pages():
    """Every co-produced page in the default language (translations share its record)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale

    types = ContentType.objects.get_for_models(*coproduced_page_types()).values()
    return (
        Page.objects.filter(content_type__in=types, alias_of__isnull=True,
                            locale=Locale.get_default())
        .order_by("title")
    )


def board_summary() -> list[dict]:
    """One row per co-produced page, in a fixed number of queries."""
    from django.db.models import Max

    pages = list(coproduced_pages())
    ids = [p.pk for p in pages]
    versions = {
        row["page_id"]: row for row in PageVersion.objects.filter(page_id__in=ids)
        .values("page_id").annotate(count=Count("id"), latest=Max("number"))
    }
    reading = dict(
        PageVersion.objects.filter(page_id__in=ids).order_by("page_id", "number")
        .values_list("page_id", "reading_age")
    )  # the last (newest) per page wins
    comments = {
        row["page_id"]: row for row in ForumComment.objects.filter(page_id__in=ids)
        .values("page_id").annotate(made=Count("id"), answered=Count("answer"))
    }
    disagreements: dict[int, dict[str, int]] = {}
    for row in (Disagreement.objects.filter(page_id__in=ids).values("page_id", "status")
                .annotate(n=Count("id"))):
        disagreements.setdefault(row["page_id"], {})[row["status"]] = row["n"]
    return [
        {
            "page": page,
            "versions": versions.get(page.pk, {}).get("count", 0),
            "reading_age": reading.get(page.pk),
            "comments_made": comments.get(page.pk, {}).get("made", 0),
            "comments_answered": comments.get(page.pk, {}).get("answered", 0),
            "open_disagreements": disagreements.get(page.pk, {}).get("open", 0),
            "resolved_disagreements": disagreements.get(page.pk, {}).get("resolved", 0),
        }
        for page in pages
    ]


def page_reviews(page_id: int):
    return (
        ForumReviewTaskState.objects.filter(workflow_state__object_id=str(page_id))
        .select_related("revision").order_by("started_at")
    )


def board_page(page, *, comments_page: int | None = None, per_page: int = 50) -> dict:
    """Everything the board reads about one page, in a fixed number of queries.

    The figures cover every comment; the comments themselves are all listed
    (``comments_page=None``, for exports) or one page of ``per_page`` at a time.
    """
    from django.core.paginator import Paginator

    from charter import governance

    versions = list(PageVersion.objects.filter(page_id=page.pk).order_by("number"))
    refs, _bodies = comment_refs(page.pk, versions)
    changed_in = {ref.comment_id: ref.changed_in_version for ref in refs}
    labels = dict(CommentAnswer.Disposition.choices)
    figures = list(
        ForumComment.objects.filter(page_id=page.pk)
        .values_list("created_at", "answer__answered_at", "answer__disposition",
                     "answer__answered_late")
    )
    all_comments = page_comments(page.pk)
    paginator = None
    if comments_page is None:
        comments = list(all_comments)
    else:
        paginator = Paginator(all_comments, per_page)
        comments_page_obj = paginator.get_page(comments_page)
        comments = list(comments_page_obj.object_list)
    for comment in comments:
        comment.changed_in_version = changed_in.get(comment.pk)
    reviews = list(page_reviews(page.pk))
    decided = [r for r in reviews if r.decision]
    return {
        "page": page,
        "versions": versions,
        "comments": comments,
        "comments_page": comments_page_obj if paginator else None,
        "comment_count": len(figures),
        "comments_answered": sum(1 for f in figures if f[1] is not None),
        "median_days_to_answer": governance.median_days_to_answer((f[0], f[1]) for f in figures),
        "dispositions": governance.disposition_counts(
            labels.get(f[2]) if f[2] else None for f in figures),
        "answered_late": sum(1 for f in figures if f[3]),
        "reviews": reviews,
        "reviews_on_time": sum(1 for r in decided if not r.decided_late),
        "reviews_late": sum(1 for r in decided if r.decided_late),
        "disagreements": list(page_disagreements(page.pk)),
        "outside_forum": outside_forum_events(page=page),
    }


def decided_reviews(review_ids) -> set[int]:
    """Of these forum reviews, the ones that have finished (decided, or ended any other way):
    the council's answers to their comments are locked. One query."""
    ids = {pk for pk in review_ids if pk is not None}
    if not ids:
        return set()
    return set(
        ForumReviewTaskState.objects.filter(pk__in=ids)
        .filter(~Q(decision="") | ~Q(status=ForumReviewTaskState.STATUS_IN_PROGRESS))
        .values_list("pk", flat=True)
    )


OUTSIDE_FORUM_KINDS = ("page_unpublished", "review_deadline_changed", "translation_published")


def outside_forum_events(*, page=None, limit: int = 50) -> list[dict]:
    """What was done to co-produced pages outside the forum's review (taken off the site,
    a review deadline moved, a translation published), newest first, for the board.

    ``page`` narrows it to one page and its translations. Two queries.
    """
    entries = EvidenceEntry.objects.filter(kind__in=OUTSIDE_FORUM_KINDS)
    if page is not None:
        ids = list(Page.objects.filter(translation_key=page.translation_key)
                   .values_list("pk", flat=True))
        entries = entries.filter(page_id__in=ids)
    labels = dict(EvidenceEntry.Kind.choices)
    rows = []
    for entry in entries.order_by("-sequence")[:limit]:
        payload = json.loads(entry.payload_json)
        rows.append({"sequence": entry.sequence, "when": entry.recorded_at,
                     "what": labels.get(entry.kind, entry.kind), "kind": entry.kind,
                     "title": payload.get("title", ""), "by": payload.get("by") or "",
                     "reason": payload.get("reason", ""), "from": payload.get("from"),
                     "to": payload.get("to"), "locale": payload.get("locale", "")})
    return rows


def meetings_overview(cadence_days: int, today) -> dict:
    from charter import governance
    from charter.models import CoproductionMeeting, MeetingAction

    meetings = list(CoproductionMeeting.objects.order_by("-date").prefetch_related("attendees"))
    actions = [
        governance.ActionItem(a.action, a.owner, a.due_date, a.done)
        for a in MeetingAction.objects.all()
    ]
    return {
        "meetings": meetings,
        "cadence_days": cadence_days,
        "gaps": governance.cadence_gaps([m.date for m in meetings], cadence_days, today=today),
        "overdue_actions": governance.overdue_actions(actions, today),
    }


# --- receipts -------------------------------------------------------------------

# The entries a person can hold a receipt for: what they wrote or answered themselves.
RECEIPT_KINDS = {EvidenceEntry.Kind.COMMENT_MADE, EvidenceEntry.Kind.COMMENT_EDITED,
                 EvidenceEntry.Kind.COMMENT_ANSWERED, EvidenceEntry.Kind.RESPONSE_RECEIVED}


def receipts_for(user) -> list[dict]:
    """The receipts of one person, newest first: an entry for each of their forum comments
    (and each edit) and each of their answers. Four queries whatever the number."""
    comments = {c.pk: c for c in ForumComment.objects.filter(author=user).select_related("page")}
    answers = {a.pk: a for a in CommentAnswer.objects.filter(answered_by=user)
               .select_related("comment__page")}
    found = []
    for source, records, field in (("charter.forumcomment", comments, "body"),
                                   ("charter.commentanswer", answers, "reason")):
        if not records:
            continue
        for text in (EvidenceText.objects.filter(source_model=source, source_pk__in=records,
                                                 field=field).select_related("entry")):
            item = records[text.source_pk]
            comment = item if source == "charter.forumcomment" else item.comment
            found.append({"entry": text.entry, "comment": comment,
                          "what": "answer" if source == "charter.commentanswer" else
                          ("edit" if text.entry.kind == EvidenceEntry.Kind.COMMENT_EDITED
                           else "comment")})
    return sorted(found, key=lambda r: r["entry"].sequence, reverse=True)
