"""Writes for co-production. Each one that changes the record also appends to the evidence log.

Keyword-only arguments, one transaction each: a failure part-way leaves
neither the record nor the log changed.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from charter import deadlines as deadline_rules
from charter import selectors, versions
from charter.deadlines import add_school_days
from charter.hooks import publish_refusal
from charter.models import (
    CommentAnswer,
    Disagreement,
    DraftReading,
    EvidenceCheckpoint,
    EvidenceEntry,
    ForumComment,
    ForumReviewTaskState,
    PageVersion,
    ReviewAgreement,
    TranslationVersion,
)
from charter.models.comments import COMMENT_MAX_CHARACTERS, QUOTE_MAX_CHARACTERS
from charter.permissions import (
    is_administrator,
    is_forum_rep,
    is_officer,
    is_translation,
)
from charter.record import checkpoint_soon, evidence_append, evidence_logged, evidence_verify
from core.sanitise import clean_text, visible_length

logger = logging.getLogger(__name__)


# --- evidence log -------------------------------------------------------------
# The log's own services live in charter.record; they are named here too because every
# page app appends through ``charter.services``.
__all__ = ["evidence_append", "evidence_logged", "evidence_verify"]


def _page_subject(page) -> str:
    return f"page:{page.pk}"


# --- forum review ---------------------------------------------------------------


def review_deadline(start: dt.date, school_days: int) -> dt.date:
    """The day a review sent on ``start`` is due: ``school_days`` school days later, counted
    in the forum's deadline calendar (``selectors.deadline_calendar``): weekends, bank
    holidays and the calendar's holidays, half terms and closure days are not counted."""
    # Two years ahead covers any review length an officer can set (a summer holiday included).
    closed = selectors.deadline_closed_days(range(start.year, start.year + 3))
    return add_school_days(start, school_days, closed)


forum_members = selectors.forum_members


@transaction.atomic
def review_open(*, task_state, user=None) -> ForumReviewTaskState:
    """A draft has entered forum review: set its deadline and log it. The log's entry is what
    tells the forum (``notices`` e-mails each representative as they chose)."""
    state = task_state.specific
    task = state.task.specific
    state.deadline = review_deadline(timezone.localdate(), task.school_days)
    state.save(update_fields=["deadline"])
    page = state.workflow_state.content_object
    evidence_append(
        kind=EvidenceEntry.Kind.REVIEW_OPENED, subject=_page_subject(page), page=page,
        payload={"review": state.pk, "revision": state.revision_id, "title": page.title,
                 "deadline": state.deadline},
    )
    return state


@transaction.atomic
def review_set_deadline(
    *, review: ForumReviewTaskState, deadline: dt.date, user, reason: str = ""
) -> ForumReviewTaskState:
    """An officer and the forum agree a different deadline for one review.

    The reason must say something (``deadlines.reason_is_enough``: a few words). The new
    date may not come before the day the review began nor before today, and a deadline
    brought forward must still leave the forum ``deadlines.MIN_SCHOOL_DAYS_LEFT`` school days
    (else "answered late" could be set at will; ``deadlines.deadline_change_problem``).
    The change is logged with the old and new dates, who and why; the forum is told from
    that entry (``notices``) and the board shows it.
    Raises ``PermissionDenied`` for anyone but an officer, ``ValidationError`` (keyed by
    field, ``deadline`` or ``reason``) otherwise.
    """
    if not is_officer(user):
        raise PermissionDenied
    review = ForumReviewTaskState.objects.select_for_update().get(pk=review.pk)
    _require_in_progress(review)
    reason = clean_text(reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = REASON_MISSING
    elif not deadline_rules.reason_is_enough(reason):
        errors["reason"] = REASON_TOO_SHORT
    problem = deadline_problem(review=review, deadline=deadline)
    if problem:
        errors["deadline"] = problem
    if errors:
        raise ValidationError(errors)
    previous = review.deadline
    if deadline == previous:
        return review
    review.deadline = deadline
    review.save(update_fields=["deadline"])
    page = review.workflow_state.content_object
    # The reason is typed words (perhaps naming a family's circumstances): beside the entry,
    # where the board and the forum's notice read it; the public log holds its salted hash.
    # Entries written before held it in the payload and stay as they are (append-only).
    evidence_append(
        kind=EvidenceEntry.Kind.REVIEW_DEADLINE_CHANGED, subject=_page_subject(page), page=page,
        payload={"review": review.pk, "from": previous, "to": deadline,
                 "by": user.get_username(), "title": page.title},
        texts={"reason": reason}, source=review,
    )
    return review


REASON_MISSING = "Say why the deadline is changing: the forum and the board read it."
REASON_TOO_SHORT = (f"Say why the deadline is changing in a few words (at least "
                    f"{deadline_rules.MIN_REASON_WORDS} real words): the forum and the board "
                    f"read it.")


def deadline_problem(*, review: ForumReviewTaskState, deadline: dt.date) -> str | None:
    """Why ``review``'s deadline may not move to ``deadline`` (a sentence for the officer),
    or None when it may. The rules: ``deadlines.deadline_change_problem``."""
    started = timezone.localdate(review.started_at)
    today = timezone.localdate()
    closed = selectors.deadline_closed_days(range(today.year, today.year + 3))
    problem = deadline_rules.deadline_change_problem(
        new=deadline, current=review.deadline, started=started, today=today, closed=closed)
    if problem == deadline_rules.BEFORE_START:
        return f"The deadline cannot be before the review began ({started:%-d %B %Y})."
    if problem == deadline_rules.IN_THE_PAST:
        return f"The deadline cannot be in the past (today is {today:%-d %B %Y})."
    if problem == deadline_rules.TOO_SOON:
        earliest = deadline_rules.earliest_new_deadline(today, closed)
        return (f"A deadline brought forward must leave the forum at least "
                f"{deadline_rules.MIN_SCHOOL_DAYS_LEFT} school days: the earliest is "
                f"{earliest:%A %-d %B %Y}.")
    if problem == deadline_rules.NOT_A_SCHOOL_DAY:
        instead = deadline_rules.next_school_day(deadline, closed)
        return (f"{deadline:%A %-d %B %Y} is not a school day (a weekend, bank holiday or "
                f"school holiday): the forum counts school days. The next one is "
                f"{instead:%A %-d %B %Y}.")
    return None


def _require_in_progress(review: ForumReviewTaskState) -> None:
    if review.status != ForumReviewTaskState.STATUS_IN_PROGRESS:
        raise ValidationError("This review has finished; the draft is no longer open for comment.")


DRAFT_CHANGED = "draft_changed"
PUBLISH_REFUSED = "publish_refused"


@transaction.atomic
def review_decide(
    *,
    review: ForumReviewTaskState,
    user,
    decision: str,
    note: str = "",
    disagreements: list[dict] | None = None,
    seen_revision_id: int | None = None,
) -> ForumReviewTaskState:
    """The forum's decision on a draft. Agreeing publishes it (the workflow's last step).

    ``disagreements`` (topic, forum_position, block_id, section_heading) are
    required for "agreed with a stated disagreement". ``seen_revision_id`` is
    the draft the representative read: if an officer has saved a newer one
    since, the decision is refused (``ValidationError`` with code ``draft_changed``)
    so nobody agrees to words they have not seen.

    When the co-production settings need more than one representative to agree
    (``agreements_needed``), an agreement is recorded as waiting (a ``ReviewAgreement``;
    the review stays open, ``decision`` empty) until that many different representatives
    have agreed the same words; the last of them records the forum's decision, with every
    disagreement the earlier ones stated. Sending a draft back takes one representative.
    Every forum representative is e-mailed the decision from its log entry (``notices``),
    at once or in their daily e-mail, as each chose.
    """
    if not is_forum_rep(user):
        raise PermissionDenied
    review = ForumReviewTaskState.objects.select_for_update().get(pk=review.pk)
    _require_in_progress(review)
    page = review.workflow_state.content_object
    latest = page.get_latest_revision()
    if seen_revision_id is not None and latest and not draft_unchanged_since(
        page=page, seen_revision_id=seen_revision_id, latest=latest
    ):
        raise ValidationError(
            _("The draft has changed since you opened it. Read what changed, then decide."),
            code=DRAFT_CHANGED,
        )
    Decision = ForumReviewTaskState.Decision
    if decision not in Decision.values:
        raise ValidationError("Choose what the forum decided.")
    if decision != Decision.CHANGES_REQUESTED and latest is not None:
        # Agreeing publishes the draft: a page app's publish guard refuses first, before any
        # agreement is recorded, so the forum is told what is missing (nothing half-done).
        reason = publish_refusal(latest.as_object())
        if reason:
            raise ValidationError(reason, code=PUBLISH_REFUSED)
    disagreements = list(disagreements or [])
    if decision == Decision.AGREED_WITH_DISAGREEMENT and not disagreements:
        raise ValidationError("Say what the forum disagrees with.")
    note = clean_text(note).strip()
    if decision == Decision.CHANGES_REQUESTED and not note:
        raise ValidationError("Say what the forum wants changed.")
    if decision != Decision.CHANGES_REQUESTED:
        earlier = _agreements_to(review=review, page=page, latest=latest, besides=user)
        if len(earlier) + 1 < selectors.agreements_needed():
            return _agreement_wait(review=review, page=page, latest=latest, user=user,
                                   decision=decision, note=note, disagreements=disagreements)
        for agreement in earlier:
            disagreements.extend(agreement.disagreements)
        if disagreements:
            decision = Decision.AGREED_WITH_DISAGREEMENT
    stated = [
        disagreement_state(page=page, review=review, user=user, **d) for d in disagreements
    ]
    review.decision = decision
    review.decided_by = user
    review.decision_note = note
    review.decided_late = bool(review.deadline and timezone.localdate() > review.deadline)
    review.save(update_fields=["decision", "decided_by", "decision_note", "decided_late"])
    evidence_append(
        kind=EvidenceEntry.Kind.REVIEW_DECIDED, subject=_page_subject(page), page=page,
        payload={"review": review.pk, "decision": decision,
                 "revision": latest.pk if latest else None, "late": review.decided_late,
                 "disagreements": [d.pk for d in stated],
                 "agreed_by": sorted({a.representative.get_username()
                                      for a in review.agreements.select_related("representative")
                                      } | {user.get_username()})
                 if decision != Decision.CHANGES_REQUESTED else [user.get_username()]},
        texts={"note": review.decision_note}, source=review,
    )
    checkpoint_soon(EvidenceCheckpoint.Reason.DECISION)
    if decision == Decision.CHANGES_REQUESTED:
        review.reject(user=user, comment=review.decision_note)
    else:
        review.approve(user=user, comment=review.decision_note, update=False)
        # The forum may not publish pages itself: the workflow, not the representative,
        # publishes the draft it agreed (the evidence log records who agreed).
        review.workflow_state.update(user=None)
    return review


def _agreements_to(*, review, page, latest, besides) -> list[ReviewAgreement]:
    """Other representatives' waiting agreements to the words the draft has now (an
    agreement to words since changed no longer counts)."""
    return [
        a for a in review.agreements.exclude(representative=besides)
        if latest is None or (a.revision_id is not None and draft_unchanged_since(
            page=page, seen_revision_id=a.revision_id, latest=latest))
    ]


def _agreement_wait(*, review, page, latest, user, decision, note, disagreements
                    ) -> ForumReviewTaskState:
    agreement, _created = ReviewAgreement.objects.update_or_create(
        review=review, representative=user,
        defaults={"revision": latest, "decision": decision, "note": note,
                  "disagreements": disagreements},
    )
    evidence_append(
        kind=EvidenceEntry.Kind.REVIEW_AGREEMENT_PENDING, subject=_page_subject(page), page=page,
        payload={"review": review.pk, "decision": decision, "by": user.get_username(),
                 "revision": latest.pk if latest else None,
                 "needed": selectors.agreements_needed()},
        texts={"note": note}, source=agreement,
    )
    return review


def review_mark_read(*, review: ForumReviewTaskState, user, revision):
    """Remember the draft a representative has just been shown, and return the one they
    were shown before (a ``DraftReading``, or None the first time): the page shows them
    what changed since. Only representatives' readings are kept."""
    if not is_forum_rep(user) or revision is None:
        return None
    previous = (DraftReading.objects.filter(review=review, representative=user)
                .select_related("revision").first())
    DraftReading.objects.update_or_create(
        review=review, representative=user,
        defaults={"revision": revision, "read_at": timezone.now()})
    return previous


def draft_unchanged_since(*, page, seen_revision_id: int, latest) -> bool:
    """True when the page's latest revision says what revision ``seen_revision_id`` said.

    A save with no change makes a new revision; it must not void what the forum read.
    """
    if latest.pk == seen_revision_id:
        return True
    seen = page.revisions.filter(pk=seen_revision_id).only("content").first()
    return seen is not None and versions.same_content(seen.content, latest.content)


# --- comments -------------------------------------------------------------------


def _clean_comment(body: str, quote: str) -> tuple[str, str]:
    # Stored as typed; turned into HTML only when shown (core.sanitise.rich_html).
    body = clean_text(body).strip()
    quote = clean_text(quote).strip()
    length = visible_length(body)
    if length == 0:
        raise ValidationError({"body": _("Write your comment before you send it.")})
    if length > COMMENT_MAX_CHARACTERS:
        raise ValidationError({"body": _(
            "Your comment must be %(limit)s characters or fewer. It has %(length)s: shorten "
            "it, or split it into two comments.") % {
                "limit": number_format(COMMENT_MAX_CHARACTERS, force_grouping=True),
                "length": number_format(length, force_grouping=True)}})
    if len(quote) > QUOTE_MAX_CHARACTERS:
        raise ValidationError({"quote": _("The words you quote must be %(limit)s characters or "
                                          "fewer.") % {"limit": QUOTE_MAX_CHARACTERS}})
    return body, quote


@transaction.atomic
def comment_submit(
    *,
    review: ForumReviewTaskState,
    author,
    body: str,
    block_id: str = "",
    section_heading: str = "",
    quote: str = "",
    submission_key: str | None = None,
) -> ForumComment:
    """A forum representative comments on a section of a draft in review.

    A repeated ``submission_key`` (a double-clicked submit) returns the first
    comment instead of making a second.
    """
    if not is_forum_rep(author):
        raise PermissionDenied
    if submission_key:
        existing = ForumComment.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    _require_in_progress(review)
    body, quote = _clean_comment(body, quote)
    page = review.workflow_state.content_object
    revision = page.get_latest_revision()
    try:
        with transaction.atomic():
            comment = ForumComment.objects.create(
                page=page, revision=revision, review=review, block_id=block_id,
                section_heading=section_heading[:200], quote=quote, body=body, author=author,
                submission_key=submission_key or None,
            )
    except IntegrityError:
        return ForumComment.objects.get(submission_key=submission_key)
    evidence_append(
        kind=EvidenceEntry.Kind.COMMENT_MADE, subject=_page_subject(page), page=page,
        payload={"comment": comment.pk, "revision": revision.pk, "block": block_id,
                 "section": comment.section_heading},
        texts={"quote": quote, "body": body}, source=comment,
    )
    return comment


@transaction.atomic
def comment_edit(*, comment: ForumComment, user, body: str, quote: str = "") -> ForumComment:
    """The author may change a comment until the council answers it; every edit is kept."""
    comment = ForumComment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id != user.pk:
        raise PermissionDenied
    if comment.is_answered:
        raise ValidationError("The council has answered this comment, so it can no longer change.")
    body, quote = _clean_comment(body, quote)
    comment.body, comment.quote = body, quote
    comment.save(update_fields=["body", "quote", "updated_at"])
    evidence_append(
        kind=EvidenceEntry.Kind.COMMENT_EDITED, subject=_page_subject(comment.page),
        page=comment.page, payload={"comment": comment.pk},
        texts={"quote": quote, "body": body}, source=comment,
    )
    return comment


@transaction.atomic
def comment_answer(
    *, comment: ForumComment, officer, disposition: str, reason: str = ""
) -> CommentAnswer:
    """The council's answer. A reason is required unless the comment was accepted.

    An answer after the review's deadline is recorded as late, not refused. Once the forum
    has decided, an answer can no longer change (``answer_locked``); a first answer is still
    taken (every comment is answered), logged with ``after_decision`` and shown everywhere
    with its date as given after the decision (``ForumComment.answered_after_decision``);
    the forum is e-mailed from the log entry, as for every answer (``notices``).
    """
    if not is_officer(officer):
        raise PermissionDenied
    if disposition not in CommentAnswer.Disposition.values:
        raise ValidationError({"disposition": "Choose how the council has answered this comment."})
    reason = clean_text(reason or "").strip()
    if disposition != CommentAnswer.Disposition.ACCEPTED and not reason:
        raise ValidationError({"reason": "Give the reason: it is required unless the comment "
                                         "is accepted in full."})
    locked = answer_locked(comment)
    if comment.is_answered and locked:
        raise ValidationError("The forum has decided on this draft, so the council's answer "
                              "can no longer change. Answer again on the next draft.")
    now = timezone.now()
    deadline = comment.review.deadline if comment.review_id else None
    late = bool(deadline and timezone.localdate(now) > deadline)
    answer, _ = CommentAnswer.objects.update_or_create(
        comment=comment,
        defaults={"disposition": disposition, "reason": reason, "answered_by": officer,
                  "answered_at": now, "answered_late": late},
    )
    evidence_append(
        kind=EvidenceEntry.Kind.COMMENT_ANSWERED, subject=_page_subject(comment.page),
        page=comment.page,
        payload={"comment": comment.pk, "disposition": disposition, "late": late,
                 # A first answer after the forum decided: the forum did not read it before
                 # deciding. Shown as such everywhere; the forum is e-mailed from this entry.
                 "after_decision": locked},
        texts={"reason": reason}, source=answer,
    )
    return answer


def answer_locked(comment: ForumComment) -> bool:
    """An answer is locked once the review it belongs to has finished: the forum decided
    on the answers as they stood, and the public comparison shows those answers."""
    return comment.review_id in selectors.decided_reviews([comment.review_id])


@transaction.atomic
def comments_resolve(*, comments, revision, officer) -> int:
    """Mark answered comments as resolved by the revision that made their change.

    Once only: a comment already resolved by an earlier revision keeps that revision
    (a later save of the same form, or an autosave, does not log it again).
    """
    if not is_officer(officer):
        raise PermissionDenied
    count = 0
    for comment in comments:
        answer = getattr(comment, "answer", None)
        if answer is None or answer.resolved_by_revision_id is not None:
            continue
        answer.resolved_by_revision = revision
        answer.save(update_fields=["resolved_by_revision"])
        evidence_append(
            kind=EvidenceEntry.Kind.COMMENT_RESOLVED, subject=_page_subject(comment.page),
            page=comment.page, payload={"comment": comment.pk, "revision": revision.pk},
        )
        count += 1
    return count


# --- disagreements ----------------------------------------------------------------


@transaction.atomic
def disagreement_state(
    *, page, user, topic: str, forum_position: str, review=None, block_id: str = "",
    section_heading: str = "",
) -> Disagreement:
    if not is_forum_rep(user):
        raise PermissionDenied
    topic, forum_position = clean_text(topic).strip(), clean_text(forum_position).strip()
    if not topic or not forum_position:
        raise ValidationError("A disagreement needs a topic and the forum's position.")
    disagreement = Disagreement.objects.create(
        page=page, review=review, block_id=block_id, section_heading=section_heading[:200],
        topic=topic[:200], forum_position=forum_position, stated_by=user,
    )
    evidence_append(
        kind=EvidenceEntry.Kind.DISAGREEMENT_STATED, subject=_page_subject(page), page=page,
        payload={"disagreement": disagreement.pk, "section": section_heading},
        texts={"topic": disagreement.topic, "forum_position": forum_position},
        source=disagreement,
    )
    return disagreement


@transaction.atomic
def disagreement_set_position(*, disagreement: Disagreement, user, position: str) -> Disagreement:
    """Each side writes its own position: officers the council's, the forum the forum's."""
    position = clean_text(position or "").strip()
    if not position:
        raise ValidationError("Write the position before you save it.")
    if is_officer(user):
        disagreement.council_position = position
        field = "council_position"
    elif is_forum_rep(user):
        disagreement.forum_position = position
        field = "forum_position"
    else:
        raise PermissionDenied
    disagreement.save(update_fields=[field])
    evidence_append(
        kind=EvidenceEntry.Kind.DISAGREEMENT_UPDATED, subject=_page_subject(disagreement.page),
        page=disagreement.page,
        payload={"disagreement": disagreement.pk, "side": field},
        texts={"position": position}, source=disagreement,
    )
    return disagreement


@transaction.atomic
def disagreement_mark_resolved(*, disagreement: Disagreement, user, note: str = "") -> Disagreement:
    """One side marks the disagreement resolved; it closes when both have."""
    disagreement = Disagreement.objects.select_for_update().get(pk=disagreement.pk)
    now = timezone.now()
    if is_officer(user):
        disagreement.council_resolved_at = disagreement.council_resolved_at or now
    elif is_forum_rep(user):
        disagreement.forum_resolved_at = disagreement.forum_resolved_at or now
    else:
        raise PermissionDenied
    if clean_text(note).strip():
        disagreement.resolution_note = clean_text(note).strip()
    both = disagreement.council_resolved_at and disagreement.forum_resolved_at
    if both:
        disagreement.status = Disagreement.Status.RESOLVED
    disagreement.save()
    evidence_append(
        kind=(EvidenceEntry.Kind.DISAGREEMENT_RESOLVED if both
              else EvidenceEntry.Kind.DISAGREEMENT_UPDATED),
        subject=_page_subject(disagreement.page), page=disagreement.page,
        payload={"disagreement": disagreement.pk, "marked_by": "council" if is_officer(user)
                 else "forum", "resolved": bool(both)},
        texts={"note": disagreement.resolution_note}, source=disagreement,
    )
    return disagreement


# --- versions ---------------------------------------------------------------------


@transaction.atomic
def version_record(*, page, revision, reading_age: float | None = None) -> PageVersion | None:
    """Number a newly published revision and log it. Publishing the same revision again
    (a retried workflow, a scheduled publish) does not make a new version."""
    if revision is None:
        return None
    existing = PageVersion.objects.filter(revision=revision).first()
    if existing is not None:
        return existing
    last = (
        PageVersion.objects.select_for_update().filter(page=page).order_by("-number").first()
    )
    specific = revision.as_object()
    version = PageVersion.objects.create(
        page_id=page.pk, number=(last.number + 1) if last else 1, revision=revision,
        published_at=page.last_published_at or timezone.now(),
        change_note=getattr(specific, "change_note", "") or "", reading_age=reading_age,
    )
    evidence_append(
        kind=EvidenceEntry.Kind.VERSION_PUBLISHED, subject=_page_subject(page), page=page,
        payload={"version": version.number, "revision": revision.pk,
                 "change_note": version.change_note, "reading_age": reading_age,
                 "title": page.title},
    )
    checkpoint_soon(EvidenceCheckpoint.Reason.PUBLISH)
    return version


# --- meetings ---------------------------------------------------------------------


def meeting_record(*, meeting, user=None, removed: list[dict] | None = None,
                   reason: str = "") -> EvidenceEntry:
    """Log a meeting as it now stands (each save of the record is logged).

    ``removed`` (the rows an edit took out: ``charter.forms.meeting_row_text`` dicts) are
    logged first, in an entry of their own (``MEETING_ROWS_REMOVED``) naming who removed
    them (``user``) and ``reason``, so a removal is never only a shorter snapshot. Their
    history stays in django-simple-history. Returns the snapshot's entry.
    Raises ``ValidationError`` when rows were removed without a reason that says something.
    """
    if removed:
        reason = clean_text(reason or "").strip()
        if not deadline_rules.reason_is_enough(reason):
            raise ValidationError({"removal_reason": "Say why the rows are removed."})
        evidence_append(
            kind=EvidenceEntry.Kind.MEETING_ROWS_REMOVED, subject=f"meeting:{meeting.pk}",
            payload={"meeting": meeting.pk, "date": meeting.date, "title": meeting.title,
                     "removed": removed, "reason": reason,
                     "by": user.get_username() if user is not None else ""},
        )
    return evidence_append(
        kind=EvidenceEntry.Kind.MEETING_RECORDED, subject=f"meeting:{meeting.pk}",
        payload={
            "meeting": meeting.pk, "date": meeting.date, "title": meeting.title,
            "attendees": [f"{a.role}, {a.organisation}" for a in meeting.attendees.all()],
            "decisions": meeting.decisions,
            "actions": [{"action": a.action, "owner": a.owner, "due": a.due_date, "done": a.done}
                        for a in meeting.actions.all()],
        },
    )


# --- actions outside the forum ------------------------------------------------------

_withdrawal: contextvars.ContextVar[tuple | None] = contextvars.ContextVar(
    "coproduction_withdrawal", default=None)


@contextmanager
def withdrawal(*, user, reason: str):
    """Within this block, pages unpublished are logged as withdrawn by ``user`` for ``reason``.

    Wagtail's unpublish sends ``page_unpublished`` once for each page it takes down (the page,
    its translations, its aliases); ``page_unpublished_record`` reads who and why from here.
    Only administrators may withdraw a co-produced page (``PermissionDenied`` otherwise).
    """
    if not is_administrator(user):
        raise PermissionDenied
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the page must come off the site now."})
    token = _withdrawal.set((user.get_username(), reason))
    try:
        yield
    finally:
        _withdrawal.reset(token)


def page_unpublished_record(*, page) -> EvidenceEntry:
    """Log a co-produced page taken off the site by any route other than the forum.

    Inside ``withdrawal`` it names the administrator and their reason; otherwise (an
    expiry date reached, code) it says so, so no unpublish goes unrecorded.
    """
    who, reason = _withdrawal.get() or (None, "")
    payload = {"title": page.title, "url_path": page.url_path, "by": who,
               "locale": page.locale.language_code}
    if who is None:
        # The portal's own words, not typed: they stay in the payload.
        payload["reason"] = ("Its expiry date was reached." if page.expired
                             else "Unpublished without a reason.")
        return evidence_append(kind=EvidenceEntry.Kind.PAGE_UNPUBLISHED,
                               subject=_page_subject(page), page=page, payload=payload)
    # The administrator's typed reason is kept beside the entry (the board reads it; the
    # public log holds its salted hash). Entries written before held it in the payload and
    # stay as they are (append-only).
    return evidence_append(kind=EvidenceEntry.Kind.PAGE_UNPUBLISHED,
                           subject=_page_subject(page), page=page, payload=payload,
                           texts={"reason": reason}, source=page)


def source_page_of(page):
    """The default-language page a translation was made from (None for a page in the default
    language, or one with no source)."""
    if not is_translation(page):
        return None
    return (Page.objects.filter(translation_key=page.translation_key,
                                locale=Locale.get_default()).first())


def translation_version_record(*, page, revision):
    """Record which agreed version of its source a just-published translation translates.

    The version whose revision says what wagtail-localize last took for translation
    (its ``TranslationSource`` snapshot, compared as content, not ids); without a
    wagtail-localize source (a copy made by hand), the latest agreed version.
    Publishing the same revision again changes nothing. None for a default-language page.
    """
    if revision is None or page.alias_of_id is not None:
        return None
    source = source_page_of(page)
    if source is None:
        return None
    agreed = list(PageVersion.objects.filter(page_id=source.pk).select_related("revision")
                    .order_by("-number"))
    if not agreed:
        return None
    chosen = agreed[0]
    snapshot = TranslationSource.objects.filter(
        object_id=source.translation_key, locale_id=source.locale_id).first()
    if snapshot is not None:
        content = json.loads(snapshot.content_json)
        chosen = next((v for v in agreed if versions.same_content(v.revision.content, content)),
                      chosen)
    found, _ = TranslationVersion.objects.get_or_create(
        revision=revision, defaults={"page_id": page.pk, "source_version": chosen})
    return found


def translation_published_record(*, page, revision) -> EvidenceEntry | None:
    """Log a translation published outside the workflow: who, when, and which agreed
    version of the default-language page it translates. An alias (the untranslated copy
    wagtail-localize keeps in each language, republished by Wagtail whenever its source is)
    is not a translation anyone made, and is not logged as one."""
    if not is_translation(page) or page.alias_of_id is not None:
        return None
    source = (page.get_translations(inclusive=False)
              .filter(locale=Locale.get_default()).first())
    recorded = (TranslationVersion.objects.filter(revision=revision)
                .select_related("source_version").first() if revision else None)
    version = recorded.source_version if recorded else (
        PageVersion.objects.filter(page_id=source.pk).order_by("-number").first()
        if source else None)
    return evidence_append(
        kind=EvidenceEntry.Kind.TRANSLATION_PUBLISHED, subject=_page_subject(page), page=page,
        payload={"title": page.title, "locale": page.locale.language_code,
                 "revision": revision.pk if revision else None,
                 "by": revision.user.get_username() if revision and revision.user else None,
                 "source_page": source.pk if source else None,
                 "source_version": version.number if version else None},
    )
