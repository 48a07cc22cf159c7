"""Reads for co-production views, each a fixed number of queries.

The record's models are imported from their own modules, never from the ``charter.models``
package, and no page class is: the page classes read their record through this module
(``charter.coproduction``, ``charter.panels``), so it loads while ``charter.models`` is
still defining them."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db.models import Count, Q
from wagtail.models import Page, Site, TaskState

from charter import governance, review_checks, versions
from charter.calendars import calendar_choices, calendar_closed_periods
from charter.deadlines import closed_days, england_bank_holidays
from charter.hooks import forum_draft, log_texts_removed
from charter.models.comments import CommentAnswer, ForumComment
from charter.models.disagreements import Disagreement
from charter.models.evidence import EvidenceEntry, EvidenceText
from charter.models.meetings import CoproductionMeeting
from charter.models.reviews import ForumReviewTaskState
from charter.models.settings import CoproductionSettings
from charter.models.versions import PageVersion, TranslationVersion
from charter.permissions import FORUM_GROUP
from charter.versions import (
    UNCHANGED,
    CommentRef,
    SectionText,
    annotate,
    diff_versions,
    link_refs,
    resolve_links,
    version_carrying,
)

# --- the school calendar the forum's deadlines count in ---------------------------------


@dataclass(frozen=True)
class DeadlineCalendar:
    """The calendar review deadlines count school days in: its key and name, and whether it
    was chosen in the co-production settings (False when none was chosen and the first
    calendar on offer is used). ``key`` is empty when there is no school calendar at all:
    then only weekends and England's bank holidays are skipped."""

    key: str
    name: str
    chosen: bool


def coproduction_settings() -> CoproductionSettings | None:
    site = Site.objects.filter(is_default_site=True).first()
    return CoproductionSettings.for_site(site) if site else None


def deadline_calendar(settings: CoproductionSettings | None = None) -> DeadlineCalendar:
    """The calendar named in the co-production settings (``settings``, else the default
    site's); if none is named (or it has been deleted), the first calendar on offer; if
    there is none, bank holidays only."""
    choices = calendar_choices()
    names = dict(choices)
    settings = settings or coproduction_settings()
    key = settings.deadline_calendar if settings else ""
    if key in names:
        return DeadlineCalendar(key, names[key], True)
    if choices:
        return DeadlineCalendar(choices[0][0], choices[0][1], False)
    return DeadlineCalendar("", "", False)


def deadline_closed_days(years: Iterable[int], calendar: DeadlineCalendar | None = None
                         ) -> frozenset[dt.date]:
    """The dates in ``years`` on which no school day is counted for review deadlines: the
    deadline calendar's closed periods (the consultation blackout's source), or England's
    bank holidays when there is no calendar."""
    years = sorted(set(years))
    calendar = calendar or deadline_calendar()
    periods = calendar_closed_periods(calendar.key, years) if calendar.key else None
    if periods is None:
        return frozenset(england_bank_holidays(years))
    return closed_days(periods)


def agreements_needed(settings: CoproductionSettings | None = None) -> int:
    """How many different forum representatives must agree a draft (the setting in
    ``settings``, else the default site's; 1 if there is none)."""
    settings = settings or coproduction_settings()
    return max(1, settings.agreements_needed) if settings else 1


def forum_members() -> list:
    """Active forum representatives who have an e-mail address."""
    group = Group.objects.filter(name=FORUM_GROUP).first()
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True).exclude(email=""))


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
    """One commentable section of a draft: its block id, heading, the template that shows
    it in the forum's draft page, and what that template reads (``item``)."""

    block_id: str
    heading: str
    template: str
    item: object


def draft_sections(page) -> tuple[dict, list[DraftSection]]:
    """The draft rendered as the public page would show it, split into commentable sections.

    Returns the page type's reading context (for the intro) and its sections. The page app
    that renders a page type's sections answers the ``register_forum_draft`` hook (see
    ``charter/hooks.py``); any other page shows its ``plain_text_sections()``.
    """
    found = forum_draft(page)
    if found is not None:
        context, sections = found
        return context, [DraftSection(*section) for section in sections]
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
    published = [(v.revision_id, v.number) for v in versions]
    refs = []
    rows = (
        ForumComment.objects.filter(page_id=page_id, answer__isnull=False)
        .values_list("pk", "block_id", "revision_id", "body", "answer__disposition",
                     "answer__reason", "answer__resolved_by_revision_id",
                     "answer__answered_at", "review__finished_at", "review__decision",
                     "review__status")
        .order_by("pk")
    )
    bodies = {}
    for (pk, block_id, revision_id, body, disposition, reason, resolved, answered_at,
         finished_at, decision, status) in rows:
        changed = version_carrying(resolved or revision_id, published)
        decided = bool(decision) or (status is not None
                                     and status != ForumReviewTaskState.STATUS_IN_PROGRESS)
        after = (finished_at if decided and finished_at and answered_at > finished_at
                 else None)
        refs.append(CommentRef(pk, block_id, disposition, reason, changed, answered_at, after))
        bodies[pk] = body
    return refs, bodies


def sections_of(revision, *, from_content: bool = False) -> list:
    """Everything a reader of this revision sees, as ``SectionText`` in page order: the
    title, the short summary, the page's own fields (dates, audiences...) and each section,
    with emphasis, lists and link targets written out. Pages and documents linked to are
    looked up in at most two queries.

    ``from_content`` builds the page from the revision's stored content alone and leaves
    link targets as stored (no query per revision, for lists of versions whose words are
    compared); the page's place in the tree and its admin comments are then left out."""
    from django.contrib.contenttypes.models import ContentType

    if from_content:
        model = ContentType.objects.get_for_id(revision.content_type_id).model_class()
        return page_sections(model.from_serializable_data(revision.content, check_fks=False),
                             resolve=False)
    return page_sections(revision.as_object())


def page_sections(page, *, resolve: bool = True) -> list:
    """``sections_of`` for a page object (a revision's or a live page); ``resolve`` False
    leaves ``[[page:ID]]`` link references unresolved (no queries)."""
    if hasattr(page, "comparable_sections"):
        rows = page.comparable_sections()
    else:
        rows = ([("intro", "In short", page.plain_text_intro())]
                if hasattr(page, "plain_text_intro") else []) + page.plain_text_sections()
    sections = [SectionText(key, str(heading), text or "") for key, heading, text in rows]
    return resolved_sections(sections) if resolve else sections


def resolved_sections(sections: list) -> list:
    """Sections with ``[[page:ID]]`` and ``[[document:ID]]`` replaced by where the link goes
    (the page's address, the document's title). Two queries at most."""
    from dataclasses import replace

    from wagtail.documents import get_document_model


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


def _sections_once(revision, known: dict | None) -> list:
    """``sections_of(revision)``, kept in ``known`` (revision pk -> sections) when given, so
    a page comparing the same revisions several ways builds each one once."""
    if known is None:
        return sections_of(revision)
    if revision.pk not in known:
        known[revision.pk] = sections_of(revision)
    return known[revision.pk]


def draft_changes(old_revision, new_revision, *, known: dict | None = None) -> dict:
    """What a draft changes, for the forum: the public comparison (``versions.diff_versions``
    over ``sections_of``) between two revisions of one page, e.g. the live version and the
    draft, or the draft a representative opened and the one saved since.

    Returns ``sections`` (a row with its ``diff`` for each section that changed, in page
    order), ``changed_count`` and ``changed_headings``. ``old_revision`` None (a page never
    published) counts every section as new. ``known`` (revision pk -> sections) holds the
    sections already built for this request, and is filled with those built here.
    """
    old = _sections_once(old_revision, known) if old_revision is not None else []
    diffs = diff_versions(old, _sections_once(new_revision, known))
    changed = [d for d in diffs if d.status != UNCHANGED]
    return {
        "sections": [{"diff": d} for d in changed],
        "changed_count": len(changed),
        "changed_headings": [_heading_now(d) for d in changed],
        # The same, each with whether it is the interface's label for a field (said in the
        # reader's language) or a heading the page's authors wrote (said in the page's).
        "changed_rows": [{"heading": _heading_now(d), "label": d.heading_is_label}
                         for d in changed],
        "label_headings": {_heading_now(d) for d in changed if d.heading_is_label},
    }


def _heading_now(diff) -> str:
    return ("".join(p.text for p in diff.heading if p.op != "delete")
            or "".join(p.text for p in diff.heading))


def draft_warnings(page, latest, *, live_revision=None, known: dict | None = None) -> dict:
    """What the officer is warned of before sending a draft, and the forum sees: forum
    comments whose resolving words the draft takes out (``undone``: the comments), and
    sections whose words go back to an earlier published version's (``put_back``: their
    headings), i.e. a draft based on an older revision than the live one.

    ``page`` is the page (live or not), ``latest`` its latest revision (or the draft a
    finished review decided on), ``live_revision`` the live one if the caller has it (or
    the version a finished review is compared with); only versions older than it count as
    earlier, ``known`` the sections already built (see
    ``draft_changes``). A few queries per resolved comment; a page has few.
    """
    if latest is None:
        return {"undone": [], "put_back": []}
    sections = _sections_once(latest, known)
    draft = {s.block_id: s.text for s in sections}
    headings = {s.block_id: s.heading for s in sections}
    resolved = list(
        # Only words that answered comments by this draft's time: a finished review's
        # record is not warned of resolutions made after it.
        ForumComment.objects.filter(page_id=page.pk, answer__resolved_by_revision__isnull=False,
                                    answer__resolved_by_revision_id__lte=latest.pk)
        .select_related("answer__resolved_by_revision").order_by("pk"))
    resolutions = []
    for comment in resolved:
        change = comment.answer.resolved_by_revision
        before = page.revisions.filter(pk__lt=change.pk).order_by("-pk").first()
        old = {s.block_id: s.text for s in sections_of(before)} if before else {}
        new = {s.block_id: s.text for s in sections_of(change)}
        block = comment.block_id or "intro"
        added = [p.text for p in versions.diff_words(old.get(block, ""), new.get(block, ""))
                 if p.op == versions.INSERT]
        resolutions.append((comment, block, added))
    undone = review_checks.resolutions_undone(resolutions, draft)
    put_back: list[str] = []
    if live_revision is None and page.live:
        live_revision = page.live_revision
    if live_revision is not None:
        # Only versions older than the one compared with, never the draft itself: for a
        # finished review the draft is the version its decision published, and it would
        # "put back" its own words.
        earlier = [v.revision for v in PageVersion.objects.filter(
                       page_id=page.pk, revision_id__lt=live_revision.pk)
                   .exclude(revision_id=latest.pk).select_related("revision")
                   .order_by("-number")[:5] if v.revision_id]
        live = {s.block_id: s.text for s in _sections_once(live_revision, known)}
        put_back = [headings.get(b, b) for b in review_checks.sections_put_back(
            live, draft, [{s.block_id: s.text for s in sections_of(r)} for r in earlier])]
    return {"undone": undone, "put_back": put_back}


_LETTERS = re.compile(r"[^\W\d_]")


def still_english(translated: list, english: list) -> tuple[set[str], set[str]]:
    """Which of a translation's sections still hold the English page's words: (block ids
    whose heading, block ids whose text) read word for word as the same section of the
    English version it translates (``SectionText`` lists), letters and all. That is what
    wagtail-localize publishes for a string nobody has translated yet (a sync published
    before the translators reached it). No query."""
    by_id = {s.block_id: s for s in english}
    headings, texts = set(), set()
    for section in translated:
        source = by_id.get(section.block_id)
        if source is None:
            continue
        if section.heading.strip() == source.heading.strip() and _LETTERS.search(
                section.heading):
            headings.add(section.block_id)
        if section.text.strip() == source.text.strip() and _LETTERS.search(section.text):
            texts.add(section.block_id)
    return headings, texts


def compare(page_id: int, from_number: int, to_number: int, *,
            translation_page_id: int | None = None) -> dict | None:
    """Two versions side by side: each section's word changes and the comments behind them.

    With ``translation_page_id`` (a translated page of ``page_id``) the sections compared
    are that translation's text of each version, never the default language's; if either
    version was not translated the result has no sections and ``translated`` False, so the
    page can say so and offer the default-language comparison. ``translated`` is None for
    a default-language comparison.
    """
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
    # On a translation: which sections' words (and headings) are still the English page's,
    # as a sync publishes them before anyone translates them.
    left_old = left_new = ((), ())
    # Read from the revisions' stored content: no query, links left as stored on both sides.
    if translated:
        left_old = still_english(sections_of(old_revision, from_content=True),
                                 sections_of(old.revision, from_content=True))
        left_new = still_english(sections_of(new_revision, from_content=True),
                                 sections_of(new.revision, from_content=True))
    refs, bodies = comment_refs(page_id, versions)
    annotated = annotate(diffs, refs, from_version=from_number, to_version=to_number)
    rows = [
        {"diff": item.diff,
         "english_new": item.diff.block_id in left_new[1],
         "english_old": item.diff.block_id in left_old[1],
         "heading_english_new": item.diff.block_id in left_new[0],
         "heading_english_old": item.diff.block_id in left_old[0],
         "comments": [{"body": bodies[c.comment_id], "disposition": c.disposition,
                       "reason": c.reason, "answered_at": c.answered_at,
                       "after_decision": c.after_decision} for c in item.comments]}
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


    versions = list(PageVersion.objects.filter(page_id=page.pk).select_related("revision")
                    .order_by("number"))
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
    earlier = earlier_wordings([c.pk for c in comments])
    for comment in comments:
        comment.changed_in_version = changed_in.get(comment.pk)
        comment.earlier_wordings = earlier.get(comment.pk, [])
    reviews = list(page_reviews(page.pk))
    disagreements = list(page_disagreements(page.pk))
    states = disagreement_histories([d.pk for d in disagreements])
    for d in disagreements:
        d.states = states.get(d.pk, [])
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
        "disagreements": disagreements,
        "undone": undone_changes_for([page.pk], {page.pk: versions}).get(page.pk, []),
        "outside_forum": outside_forum_events(page=page),
    }


def review_revision(review: ForumReviewTaskState, page):
    """The draft a forum review is about (a ``Revision``, or None for a page without one).

    While the review is open: the page's latest revision, the draft as the forum reads it
    now. Once it has finished: the draft the forum decided on, the latest revision saved
    before the review finished, never a draft saved after it (a revert and a resubmit
    make a new review of their own). Falls back to the revision the review was sent with.
    """
    if review_is_open(review):
        return page.get_latest_revision()
    if review.finished_at is None:
        return review.revision or page.get_latest_revision()
    decided = (page.revisions.filter(created_at__lte=review.finished_at)
               .order_by("-created_at", "-pk").first())
    return decided or review.revision


def review_is_open(review: ForumReviewTaskState) -> bool:
    """True while the forum can still act on ``review``: in progress and not yet decided."""
    return review.status == TaskState.STATUS_IN_PROGRESS and not review.decision


def review_baseline(review: ForumReviewTaskState, page, revision):
    """The revision a review's draft is compared with on the forum's draft page (a
    ``Revision``, or None when the public had no version to compare with).

    While the review is open: the version the public reads now. Once it has finished: the
    version the public read when it finished, never the decided draft itself (which, once
    agreed and published, is what the public reads now, so comparing with the live version
    would say "0 sections changed"). From the numbered versions (``PageVersion``).
    """
    if review_is_open(review) or review.finished_at is None:
        return page.live_revision if page.live else None
    before = (PageVersion.objects.filter(page_id=page.pk, published_at__lte=review.finished_at)
              .select_related("revision").order_by("-number"))
    if revision is not None:
        before = before.exclude(revision_id=revision.pk)
    version = before.first()
    return version.revision if version else None


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

    Each row: ``when``, ``what`` (the kind's label), ``kind``, ``title``, ``by``,
    ``reason``, a moved deadline's ``from`` and ``to``, ``locale``, and for a translation
    the number of the default-language version it translates (``source_version``, or None).
    ``page`` narrows it to one page and its translations. Two queries.
    """
    entries = EvidenceEntry.objects.filter(kind__in=OUTSIDE_FORUM_KINDS)
    if page is not None:
        ids = list(Page.objects.filter(translation_key=page.translation_key)
                   .values_list("pk", flat=True))
        entries = entries.filter(page_id__in=ids)
    labels = dict(EvidenceEntry.Kind.choices)
    entries = list(entries.order_by("-sequence")[:limit])
    payloads = {entry.pk: json.loads(entry.payload_json) for entry in entries}
    reasons = typed_texts(entries, payloads, "reason")
    rows = []
    for entry in entries:
        payload = payloads[entry.pk]
        rows.append({"sequence": entry.sequence, "when": entry.recorded_at,
                     "what": labels.get(entry.kind, entry.kind), "kind": entry.kind,
                     "title": payload.get("title", ""), "by": payload.get("by") or "",
                     "reason": reasons.get(entry.pk, ""), "from": payload.get("from"),
                     "to": payload.get("to"), "locale": payload.get("locale", ""),
                     "source_version": payload.get("source_version")})
    return rows


def meetings_overview(cadence_days: int, today) -> dict:
    """The board's view of meetings: held ones (newest first) with their attendees and
    actions, planned ones (dated after ``today``: not counted as held), the gaps in the
    cadence between held meetings, and actions past their due date. Four queries."""
    meetings = list(CoproductionMeeting.objects.order_by("-date", "-pk")
                    .prefetch_related("attendees", "actions"))
    held = [m for m in meetings if governance.is_held(m.date, today)]
    actions = [
        governance.ActionItem(a.action, a.owner, a.due_date, a.done)
        for m in meetings for a in m.actions.all()
    ]
    return {
        "meetings": held,
        "planned_meetings": sorted((m for m in meetings if not governance.is_held(m.date, today)),
                                   key=lambda m: m.date),
        "cadence_days": cadence_days,
        "gaps": governance.cadence_gaps([m.date for m in held], cadence_days, today=today),
        "overdue_actions": governance.overdue_actions(actions, today),
    }


def meeting_removals(limit: int = 50) -> list[dict]:
    """Actions and attendees removed from meeting records, newest first, for the board:
    ``when``, ``by`` (username), ``reason``, the meeting's ``title`` and ``date``, and
    ``removed`` (each row as it stood: see ``charter.forms.meeting_row_text``). One query."""
    rows = []
    for entry in (EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.MEETING_ROWS_REMOVED)
                  .order_by("-sequence")[:limit]):
        payload = json.loads(entry.payload_json)
        rows.append({"sequence": entry.sequence, "when": entry.recorded_at,
                     "by": payload.get("by") or "", "reason": payload.get("reason", ""),
                     "title": payload.get("title", ""),
                     "date": dt.date.fromisoformat(payload["date"]) if payload.get("date")
                     else None,
                     "removed": payload.get("removed", [])})
    return rows


def board_meetings() -> list:
    """Every governance board meeting, newest first (one query)."""
    return list(CoproductionMeeting.objects.filter(kind=CoproductionMeeting.Kind.BOARD)
                .order_by("-date", "-pk"))


# --- what the board reads beyond the counts -------------------------------------------


ACCEPTED = ("accepted", "partly")


def undone_changes_for(page_ids, versions_by_page: dict[int, list] | None = None) -> dict:
    """Per page, the changes the council accepted for a forum comment that a later version
    took back (``charter.governance.undone_changes``), with the comment. Three queries
    (versions with their revisions, accepted comments, and nothing per page)."""
    page_ids = list(page_ids)
    if versions_by_page is None:
        versions_by_page = {}
        for v in (PageVersion.objects.filter(page_id__in=page_ids).select_related("revision")
                  .order_by("page_id", "number")):
            versions_by_page.setdefault(v.page_id, []).append(v)
    comments: dict[int, list] = {}
    for c in (ForumComment.objects.filter(page_id__in=page_ids,
                                          answer__disposition__in=ACCEPTED)
              .exclude(block_id="").select_related("answer")):
        comments.setdefault(c.page_id, []).append(c)
    found: dict[int, list] = {}
    for page_id, page_comments_ in comments.items():
        versions = versions_by_page.get(page_id, [])
        if len(versions) < 2:
            continue
        published = [(v.revision_id, v.number) for v in versions]
        carried = []
        by_id = {c.pk: c for c in page_comments_}
        for c in page_comments_:
            number = version_carrying(c.answer.resolved_by_revision_id or c.revision_id,
                                      published)
            if number:
                carried.append(governance.CarriedChange(c.pk, c.block_id, number))
        if not carried:
            continue
        texts = {v.number: {s.block_id: s.text for s in sections_of(v.revision, from_content=True)}
                 for v in versions}
        for undone in governance.undone_changes(texts, carried):
            found.setdefault(page_id, []).append({"undone": undone,
                                                  "comment": by_id[undone.comment_id]})
    return found


def disagreement_histories(ids) -> dict[int, list]:
    """Each disagreement's saved states (django-simple-history), oldest first, one query:
    how the two positions moved until it was resolved."""
    found: dict[int, list] = {}
    for row in (Disagreement.history.filter(id__in=list(ids))
                .order_by("id", "history_date", "history_id")):
        found.setdefault(row.id, []).append(row)
    return found


def _window(period):
    """A ``governance.Period`` of days as aware datetimes [from, to) in local time."""
    import datetime as dt

    from django.utils import timezone

    def start_of(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    after = start_of(period.after + dt.timedelta(days=1)) if period.after else None
    return after, start_of(period.until + dt.timedelta(days=1))


def _in(field: str, window) -> Q:
    after, before = window
    q = Q(**{f"{field}__lt": before})
    return q & Q(**{f"{field}__gte": after}) if after else q


CONSULTATION_KINDS = (
    "preconsultation_opened", "preconsultation_closed", "consultation_opened",
    "consultation_closed", "consultation_override", "analysis_reviewed", "outcome_published",
    "contacts_anonymised", "survey_reviewed", "survey_opened", "survey_closed",
    "survey_invitations_sent", "survey_addresses_deleted", "survey_results_published",
    "survey_action_updated", "coding_frame_sent", "coding_frame_agreed", "analysis_sent",
    "analysis_agreed", "analysis_coded", "analysis_reopened", "analysis_small_numbers_kept",
    "coding_frame_taken_back", "quote_consent_withdrawn", "response_erased",
)


def board_pack(period, today) -> dict:
    """Everything the board reads for one meeting's pack: for every co-produced page, the
    versions published, forum reviews begun or decided (with the forum's decision and its
    note to the council), comments made or answered (with earlier wordings), disagreements
    stated or resolved (with their history) and accepted changes a later version undid, in
    ``period`` (a ``governance.Period``); the meetings held in it with their agenda, notes,
    decisions, attendees and actions; planned meetings; and the consultations' and surveys'
    events from the evidence log. A fixed number of queries however long the record.
    """
    window = _window(period)
    pages = list(coproduced_pages())
    ids = [p.pk for p in pages]
    rows = {p.pk: {"page": p, "versions": [], "reviews": [], "comments": [],
                   "disagreements": [], "undone": []} for p in pages}

    all_versions: dict[int, list] = {}
    for v in (PageVersion.objects.filter(page_id__in=ids).select_related("revision")
              .order_by("page_id", "number")):
        all_versions.setdefault(v.page_id, []).append(v)
        if period.covers(_local_day(v.published_at)):
            rows[v.page_id]["versions"].append(v)

    for review in (ForumReviewTaskState.objects
                   .filter(workflow_state__object_id__in=[str(i) for i in ids])
                   .filter(_in("started_at", window) | _in("finished_at", window))
                   .select_related("workflow_state", "revision").order_by("started_at")):
        rows[int(review.workflow_state.object_id)]["reviews"].append(review)

    comments = list(
        ForumComment.objects.filter(page_id__in=ids)
        .filter(_in("created_at", window) | _in("answer__answered_at", window))
        .select_related("answer").order_by("created_at", "pk"))
    earlier = earlier_wordings([c.pk for c in comments])
    for c in comments:
        c.earlier_wordings = earlier.get(c.pk, [])
        rows[c.page_id]["comments"].append(c)

    disagreements = list(
        Disagreement.objects.filter(page_id__in=ids)
        .filter(_in("stated_at", window) | _in("forum_resolved_at", window)
                | _in("council_resolved_at", window)).order_by("stated_at", "pk"))
    history = disagreement_histories([d.pk for d in disagreements])
    for d in disagreements:
        d.states = history.get(d.pk, [])
        rows[d.page_id]["disagreements"].append(d)

    for page_id, undone in undone_changes_for(ids, all_versions).items():
        numbers = {v.number: v for v in all_versions.get(page_id, [])}
        for item in undone:
            version = numbers.get(item["undone"].undone_in)
            if version and period.covers(_local_day(version.published_at)):
                rows[page_id]["undone"].append(item)

    meetings = list(CoproductionMeeting.objects.filter(date__lte=period.until)
                    .filter(**({"date__gt": period.after} if period.after else {}))
                    .order_by("date", "pk").prefetch_related("attendees", "actions"))
    held = [m for m in meetings if governance.is_held(m.date, today)]
    events = list(EvidenceEntry.objects.filter(kind__in=CONSULTATION_KINDS)
                  .filter(_in("recorded_at", window)).select_related("page")
                  .order_by("sequence"))
    labels = dict(EvidenceEntry.Kind.choices)
    summaries = event_summaries(events)
    responses = list(EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.RESPONSE_RECEIVED)
                     .filter(_in("recorded_at", window)).values("page_id", "page__title")
                     .annotate(n=Count("id")).order_by("page__title"))
    return {
        "period": period,
        "pages": list(rows.values()),
        "meetings": held,
        "planned_meetings": [m for m in meetings if not governance.is_held(m.date, today)],
        # An event may carry its own one-line "summary" (a coding session's counts).
        "consultation_events": [{"entry": e, "what": labels.get(e.kind, e.kind),
                                 "title": e.page.title if e.page_id and e.page else "",
                                 "summary": summaries.get(e.pk, "")}
                                for e in events],
        "responses": responses,
        "outside_forum": [e for e in outside_forum_events(limit=500)
                          if period.covers(_local_day(e["when"]))],
    }


def event_summaries(entries) -> dict[int, str]:
    """The one-line summary of each of ``entries`` that has one, by entry id: kept beside
    the entry as its "summary" text (a coding session's counts, a survey's published
    results summary: the board reads it; the public copy of the log holds only its salted
    hash), or, for entries written before it left the payload, the payload's own
    "summary". A removed text gives its removal notice. One query when any entry keeps its
    summary beside it, none otherwise."""
    found, beside = {}, []
    for e in entries:
        summary = json.loads(e.payload_json).get("summary")
        if isinstance(summary, str):
            found[e.pk] = summary
        elif isinstance(summary, dict) or (e.kind == EvidenceEntry.Kind.ANSWERS_CODED
                                           and summary is None):
            beside.append(e.pk)
    if beside:
        for text in EvidenceText.objects.filter(entry_id__in=beside, field="summary"):
            found[text.entry_id] = (text.text if text.removed_at is None else
                                    _removed_notice(text))
    return without_words_removed_later(entries, found)


def typed_texts(entries, payloads: dict[int, dict], name: str) -> dict[int, str]:
    """The words of each of ``entries`` named ``name`` (a typed reason), by entry id, for
    the readers allowed them (the board, the forum's notices): kept beside the entry as a
    text (the public copy of the log holds only its salted hash), or, for entries written
    before such words left the payload, the payload's own words (the log is append-only:
    they stay as they were). ``payloads``: each entry's payload, by id, already read. A
    removed text gives its removal notice. One query when any entry keeps the text beside
    it, none otherwise."""
    found, beside = {}, []
    for e in entries:
        value = payloads[e.pk].get(name)
        if isinstance(value, str):
            found[e.pk] = value
        elif isinstance(value, dict):
            beside.append(e.pk)
    if beside:
        for text in EvidenceText.objects.filter(entry_id__in=beside, field=name):
            found[text.entry_id] = (text.text if text.removed_at is None else
                                    _removed_notice(text))
    return without_words_removed_later(entries, found)


def without_words_removed_later(entries, found: dict[int, str]) -> dict[int, str]:
    """``found`` (texts kept beside ``entries``, by entry id) with the words removed as
    personal details since they were written, by the app of the page each entry is about
    (``hooks.log_texts_removed``: a name inside an earlier moderation reason, review bk15i
    F4), each replaced by the removal mark the other pages show. The page apps' queries
    when any entry has a text, none otherwise."""
    if not found:
        return found
    pages = {e.pk: e.page_id for e in entries if e.pk in found}
    markers = log_texts_removed(set(pages.values()))
    if not markers:
        return found
    shown = dict(found)
    for pk, text in found.items():
        marker = markers.get(pages.get(pk))
        if marker is not None and text:
            shown[pk] = marker[0](text)[0]
    return shown


def _removed_notice(text) -> str:
    """What a reader sees of a removed text (``record.removal_notice``'s words; the record
    module imports the models, which import these selectors)."""
    when = _local_day(text.removed_at)
    return f"Removed on {when.day} {when:%B %Y}: {text.removed_reason}"


def _local_day(moment):
    from django.utils import timezone

    return timezone.localdate(moment)


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
