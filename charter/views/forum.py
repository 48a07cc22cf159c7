"""The forum area (/forum/; /pl/forum/ and /ar/forum/ in Polish and Arabic): drafts
waiting for the forum, comments, decisions.

Plain pages on the public site's design, for a representative on a phone with
twenty minutes to spare. Never cached (the page cache serves anonymous users only).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import TaskState

from charter import hooks as charter_hooks
from charter import review_checks, selectors, services, versions
from charter.forms import CommentForm, DecisionForm, PositionForm, ResolveForm
from charter.models import (
    CoproductionSettings,
    Disagreement,
    ForumComment,
    ForumReviewTaskState,
)
from charter.permissions import can_use_forum_area, is_forum_rep, role_required, take_kept_form
from core.form_messages import error_summary
from core.sanitise import for_editing

forum_member_required = role_required(can_use_forum_area)

#: What a representative reads when agreeing would publish a page that a page app's publish
#: guard holds back (``charter.hooks.publish_refusal``): nothing is recorded.
NOT_READY_TO_AGREE = gettext_lazy(
    "This draft cannot be agreed yet, so your decision has not been recorded. Publishing it "
    "waits on another step with the forum first (for a survey’s results: agreeing "
    "“What people told us” about its comments). You can still comment or ask for "
    "changes. The draft stays in your list of drafts to review: agree it there once that "
    "step is done.")


def _draft_page(request, review_id, **_kwargs) -> str:
    return reverse("forum_draft", args=[review_id])


def _same_page(request, *_args, **_kwargs) -> str:
    return request.path


# A form sent after the session ended is kept, and put back on the page that shows it once
# the representative has signed in again (charter.permissions.role_required).
forum_form_to_draft = role_required(can_use_forum_area, form_page=_draft_page)
forum_form_on_page = role_required(can_use_forum_area, form_page=_same_page)


def _first(values: dict[str, list[str]]) -> dict[str, str]:
    return {name: items[0] if items else "" for name, items in values.items()}


def _kept_notice(request) -> None:
    messages.info(request, _("You were signed out before your form was sent, so it has not "
                             "been sent yet. What you wrote is back in the form below: check it "
                             "and send it."))


def _new_comment_form(block_id: str = "") -> CommentForm:
    return CommentForm(initial={"block_id": block_id, "submission_key": uuid.uuid4().hex})


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@forum_member_required
def home(request):
    reviews = selectors.attach_pages(selectors.reviews_in_progress())
    return TemplateResponse(request, "charter/forum/home.html", {
        "reviews": reviews,
        "finished": selectors.attach_pages(selectors.reviews_finished(limit=10)),
        "open_disagreements": selectors.open_disagreements_with_pages(),
        "is_forum_rep": is_forum_rep(request.user),
        "today": timezone.localdate(),
    })


def _changes_context(review, live_page, revision, page, known: dict) -> dict:
    """The draft against the version the public reads (the public comparison; for a
    finished review, the version the public read before it: ``selectors.review_baseline``),
    the sections that really changed, and whether the council's "what changed" note leaves
    any of them out."""
    if revision is None:
        return {}
    live = selectors.review_baseline(review, live_page, revision)
    # Each revision's sections are built once: the draft's from the page already loaded.
    known.setdefault(revision.pk, selectors.page_sections(page))
    changes = selectors.draft_changes(live, revision, known=known)
    note = getattr(page, "change_note", "") or ""
    warnings = (selectors.draft_warnings(live_page, revision, live_revision=live, known=known)
                if live is not None or not live_page.live else {"undone": [], "put_back": []})
    return {
        "undone_comments": warnings["undone"],
        "put_back_sections": warnings["put_back"],
        "live_changes": changes,
        "never_published": live is None,
        "note_leaves_out": review_checks.sections_missing_from_note(
            note, changes["changed_headings"]) if live is not None else [],
    }


def _draft_context(request, review, *, comment_form=None, comment_block="", decision_form=None,
                   changed_since=None, built: dict | None = None):
    """Everything the forum's draft page shows. ``built`` (revision pk -> sections) lets
    the caller reuse the sections built here for further comparisons."""
    live_page = review.workflow_state.content_object
    # An open review shows the latest draft; a finished one, the draft the forum decided on.
    revision = selectors.review_revision(review, live_page)
    page = revision.as_object() if revision else live_page.specific
    intro, sections = selectors.draft_sections(page)
    comments = list(selectors.page_comments(page.pk).filter(review=review))
    by_block: dict[str, list[ForumComment]] = {}
    for comment in comments:
        by_block.setdefault(comment.block_id, []).append(comment)
    known = {s.block_id for s in sections}
    if comment_block not in known:
        comment_block = ""
        if comment_form is not None and comment_form.data.get("block_id"):
            # A comment on a section that has gone is offered back on the whole draft.
            errors = comment_form.non_field_errors()
            comment_form = CommentForm(data={**comment_form.data.dict(), "block_id": ""})
            comment_form.is_valid()
            comment_form.add_error(None, errors)
    section_rows = [
        {
            "section": s,
            "comments": by_block.get(s.block_id, []),
            "form": comment_form if comment_block == s.block_id and comment_form
            else _new_comment_form(s.block_id),
            "open": comment_block == s.block_id,
            # A field's own section (the checker's rules): its heading is the interface's
            # label and its words may be in the reader's language.
            "label": versions.heading_is_label(s.block_id),
        }
        for s in sections
    ]
    decision_form = decision_form or DecisionForm(
        initial={"seen_revision": revision.pk if revision else None},
        sections=[(s.block_id, s.heading) for s in sections],
    )
    unanswered = sum(1 for c in comments if not c.is_answered)
    settings = CoproductionSettings.for_request(request)
    return {
        **_changes_context(review, live_page, revision, page, {} if built is None else built),
        "changed_since": changed_since,
        "unanswered_count": unanswered,
        "deadline_calendar": selectors.deadline_calendar(settings),
        "agreements_needed": selectors.agreements_needed(settings),
        "agreements": list(review.agreements.select_related("representative")
                           .order_by("agreed_at")),
        "review": review,
        "draft": page,
        "draft_revision": revision,
        "intro": intro,
        "section_rows": section_rows,
        "page_comments": by_block.get("", []),
        "page_form": comment_form if comment_block == "" and comment_form
        else _new_comment_form(""),
        "page_form_open": comment_form is not None and comment_block == "",
        # Comments on sections this draft no longer has stay visible, marked as removed.
        "removed_section_comments": [c for c in comments if c.block_id and c.block_id not in known],
        "decision_form": decision_form,
        "in_progress": review.status == TaskState.STATUS_IN_PROGRESS,
        "is_forum_rep": is_forum_rep(request.user),
        "draft_links": charter_hooks.forum_draft_links(live_page, request.user),
        # Said before the representative starts typing: a page app holds this draft back.
        "not_ready": review.status == TaskState.STATUS_IN_PROGRESS
        and charter_hooks.publish_refusal(page) is not None,
    }


def _get_review(review_id: int) -> ForumReviewTaskState:
    return get_object_or_404(
        ForumReviewTaskState.objects.select_related("workflow_state", "revision"), pk=review_id
    )


@forum_member_required
def draft(request, review_id):
    review = _get_review(review_id)
    extra = {}
    if is_forum_rep(request.user):
        kept = take_kept_form(request, reverse("forum_comment", args=[review.pk]))
        if kept is not None:
            data = _first(kept)
            extra.update(comment_form=CommentForm(initial=data),
                         comment_block=data.get("block_id", ""))
        kept = take_kept_form(request, reverse("forum_decide", args=[review.pk]))
        if kept is not None:
            page = review.workflow_state.content_object.get_latest_revision_as_object()
            extra["decision_form"] = DecisionForm(initial=_first(kept),
                                                  sections=page.review_sections())
        if extra:
            _kept_notice(request)
    built: dict = {}
    context = _draft_context(request, review, built=built, **extra)
    latest = context["draft_revision"]
    previous = services.review_mark_read(review=review, user=request.user, revision=latest)
    # Only an open review's draft can change under the representative; a finished review
    # shows the draft decided on, whatever they looked at before.
    if (selectors.review_is_open(review) and previous is not None
            and previous.revision is not None and latest is not None
            and not services.draft_unchanged_since(
                page=review.workflow_state.content_object,
                seen_revision_id=previous.revision_id, latest=latest)):
        context["since_last_read"] = {"read_at": previous.read_at,
                                      **selectors.draft_changes(previous.revision, latest,
                                                                known=built)}
    return TemplateResponse(request, "charter/forum/draft.html", context)


def _comment_error_context(context) -> None:
    """The error summary for a comment sent from the draft page, linking to the form the
    comment is shown in (its section's, or the whole draft's)."""
    prefix, shown = "page", context["page_form"]
    for row in context["section_rows"]:
        if row["open"] and row["form"].is_bound:
            prefix, shown = row["section"].block_id, row["form"]
    context["error_form"] = shown
    context["error_rows"] = error_summary(shown, {"body": f"body-{prefix}",
                                                  "quote": f"quote-{prefix}"})


@require_POST
@forum_form_to_draft
def comment(request, review_id):
    review = _get_review(review_id)
    if not is_forum_rep(request.user):
        raise PermissionDenied
    form = CommentForm(request.POST)
    block_id = request.POST.get("block_id", "")
    if form.is_valid():
        # Only the section ids and headings are needed, not the draft rendered for reading.
        headings = dict(
            review.workflow_state.content_object.get_latest_revision_as_object().review_sections()
        )
        block_id = form.cleaned_data["block_id"]
        if block_id and block_id not in headings:
            form.add_error(None, _("That section is no longer in the draft. Comment on the "
                                   "page as a whole, or on a section that is there now."))
        else:
            try:
                made = services.comment_submit(
                    review=review, author=request.user, body=form.cleaned_data["body"],
                    quote=form.cleaned_data["quote"], block_id=block_id,
                    section_heading=headings.get(block_id, ""),
                    submission_key=form.cleaned_data["submission_key"] or None,
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Your comment is sent. The council will answer it."))
                return redirect(reverse("forum_draft", args=[review.pk]) + f"#comment-{made.pk}")
    context = _draft_context(request, review, comment_form=form, comment_block=block_id)
    _comment_error_context(context)
    return TemplateResponse(request, "charter/forum/draft.html", context, status=400)


@forum_form_on_page
def comment_edit(request, comment_id):
    item = get_object_or_404(ForumComment.objects.select_related("answer", "page"), pk=comment_id)
    if item.author_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.comment_edit(comment=item, user=request.user,
                                      body=form.cleaned_data["body"],
                                      quote=form.cleaned_data["quote"])
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Your comment is changed. The earlier wording is "
                                            "kept in its history."))
                return redirect(reverse("forum_draft", args=[item.review_id])
                                + f"#comment-{item.pk}")
        status = 400
    else:
        initial = {"body": for_editing(item.body), "quote": item.quote,
                   "block_id": item.block_id}
        kept = take_kept_form(request, request.path)
        if kept is not None:
            initial.update({k: v for k, v in _first(kept).items() if k in ("body", "quote")})
            _kept_notice(request)
        form = CommentForm(initial=initial)
        status = 200
    return TemplateResponse(request, "charter/forum/comment_edit.html", {
        "comment": item, "form": form,
        "error_rows": error_summary(form, {"body": "body", "quote": "quote"})
        if form.is_bound else [],
    }, status=status)


@require_POST
@forum_form_to_draft
def decide(request, review_id):
    review = _get_review(review_id)
    if not is_forum_rep(request.user):
        raise PermissionDenied
    live_page = review.workflow_state.content_object
    latest = live_page.get_latest_revision()
    page = latest.as_object() if latest else live_page.specific
    form = DecisionForm(request.POST, sections=page.review_sections())
    changed_since = None
    if form.is_valid():
        try:
            decided = services.review_decide(
                review=review, user=request.user, decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"], disagreements=form.disagreements(),
                seen_revision_id=form.cleaned_data["seen_revision"],
            )
        except ValidationError as error:
            if error.code == services.PUBLISH_REFUSED:
                # The guard's reason is written for the officer (what to do in the admin):
                # the representative is told plainly that the page cannot be agreed yet, and
                # what they typed comes back in the form (nothing typed is lost).
                messages.warning(request, NOT_READY_TO_AGREE)
                context = _draft_context(request, review, decision_form=form)
                context["typed_kept"] = True
                return TemplateResponse(request, "charter/forum/draft.html", context)
            if error.code == services.DRAFT_CHANGED and latest is not None:
                # The page that comes back carries the draft as it is now, shows what
                # changed since the one the representative opened, and keeps what they
                # typed: pressing the button again decides on the words now shown.
                opened = live_page.revisions.filter(pk=form.cleaned_data["seen_revision"]).first()
                changed_since = selectors.draft_changes(opened, latest) if opened else None
                form = DecisionForm({**request.POST.dict(), "seen_revision": latest.pk},
                                    sections=page.review_sections())
                form.is_valid()
            _errors_to_form(form, error)
        else:
            if not decided.decision:
                messages.success(request, _(
                    "Your agreement is recorded. The draft is agreed, and published, when "
                    "%(needed)s representatives have agreed it: everyone in the forum can "
                    "see that yours is waiting.") % {"needed": selectors.agreements_needed()})
                return redirect("forum_draft", review.pk)
            decision = ForumReviewTaskState.Decision(decided.decision)
            messages.success(request, _("Recorded: %(decision)s. Every forum representative "
                                        "is e-mailed the decision.")
                             % {"decision": str(decision.label).lower()})
            return redirect("forum_home")
    context = _draft_context(request, review, decision_form=form, changed_since=changed_since)
    context["error_form"] = form
    first_choice = form.fields["decision"].choices[0][0]
    context["error_rows"] = error_summary(form, {"decision": f"decision-{first_choice}"})
    if changed_since is not None:
        for row in context["error_rows"]:
            row["href"] = row["href"] or "#changed-since"
    return TemplateResponse(request, "charter/forum/draft.html", context, status=400)


@forum_form_on_page
def disagreement(request, disagreement_id):
    item = get_object_or_404(Disagreement, pk=disagreement_id)
    position_form = PositionForm(initial={"position": item.forum_position})
    resolve_form = ResolveForm()
    status = 200
    kept = take_kept_form(request, request.path) if request.method == "GET" else None
    if kept is not None and is_forum_rep(request.user):
        data = _first(kept)
        if data.get("action") == "resolve":
            resolve_form = ResolveForm(initial={"note": data.get("note", "")})
        else:
            position_form = PositionForm(initial={"position": data.get("position", "")})
        _kept_notice(request)
    error_form = None
    if request.method == "POST":
        if not is_forum_rep(request.user):
            raise PermissionDenied
        if request.POST.get("action") == "resolve":
            resolve_form = error_form = ResolveForm(request.POST)
            if resolve_form.is_valid():
                services.disagreement_mark_resolved(disagreement=item, user=request.user,
                                                    note=resolve_form.cleaned_data["note"])
                messages.success(request, _("Marked resolved for the forum. It closes when the "
                                            "council marks it resolved too."))
                return redirect("forum_disagreement", item.pk)
        else:
            position_form = error_form = PositionForm(request.POST)
            if position_form.is_valid():
                services.disagreement_set_position(disagreement=item, user=request.user,
                                                   position=position_form.cleaned_data["position"])
                messages.success(request, _("The forum's position is saved."))
                return redirect("forum_disagreement", item.pk)
        status = 400
    return TemplateResponse(request, "charter/forum/disagreement.html", {
        "disagreement": item, "disagreement_page": item.page, "position_form": position_form,
        "resolve_form": resolve_form, "is_forum_rep": is_forum_rep(request.user),
        "error_form": error_form,
        "error_rows": error_summary(error_form, {"position": "position", "note": "resolve-note"})
        if error_form is not None else [],
    }, status=status)
