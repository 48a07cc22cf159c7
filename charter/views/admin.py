"""Officers' co-production views inside the Wagtail admin: reviews, answers, disagreements,
and Wagtail's own page views narrowed for co-produced pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.views.pages.unpublish import UnpublishView
from wagtail.models import Page
from wagtail.utils.timestamps import render_timestamp

from charter import deadlines as deadline_rules
from charter import record, selectors, services
from charter.forms import AnswerForm, DeadlineForm, PositionForm, RemoveTextForm, ResolveForm
from charter.hooks import publish_refusal
from charter.models import Disagreement, EvidenceEntry, ForumComment, ForumReviewTaskState
from charter.permissions import require_officer


def reviews(request, *, bound_form=None, bound_review_id=None):
    """The officers' list of forum reviews. ``bound_form`` is a refused deadline form for
    review ``bound_review_id``: shown again with its errors and what was typed."""
    require_officer(request)
    in_progress = selectors.attach_pages(selectors.reviews_in_progress())
    for review in in_progress:
        review.deadline_form = (
            bound_form if bound_form is not None and review.pk == bound_review_id
            else DeadlineForm(initial={"deadline": review.deadline}))
        # One form per review on the page: ids must not repeat.
        review.deadline_form.auto_id = f"deadline-{review.pk}-%s"
    error_rows = []
    if bound_form is not None:
        error_rows = [(error, f"#deadline-{bound_review_id}-{name}")
                      for name, errors in bound_form.errors.items() for error in errors
                      if name != "__all__"]
        error_rows += [(error, f"#deadline-{bound_review_id}-deadline")
                       for error in bound_form.non_field_errors()]
    return TemplateResponse(request, "charter/admin/reviews.html", {
        "in_progress": in_progress,
        "finished": selectors.attach_pages(selectors.reviews_finished()),
        "error_rows": error_rows,
        "min_school_days": deadline_rules.MIN_SCHOOL_DAYS_LEFT,
    })


def page_comments(request, page_id, *, bound_forms=None):
    require_officer(request)
    page = get_object_or_404(Page, pk=page_id).specific
    bound_forms = bound_forms or {}
    comments = list(selectors.page_comments(page.pk))
    earlier = selectors.earlier_wordings([c.pk for c in comments])
    decided = selectors.decided_reviews([c.review_id for c in comments])
    for comment in comments:
        comment.earlier_wordings = earlier.get(comment.pk, [])
        answer = getattr(comment, "answer", None) if comment.is_answered else None
        comment.answer_locked = bool(answer) and comment.review_id in decided
        # A first answer after the decision is taken, and shown as given after it.
        comment.decided_unanswered = not answer and comment.review_id in decided
        comment.answer_form = bound_forms.get(("comment", comment.pk)) or AnswerForm(
            initial={"disposition": answer.disposition, "reason": answer.reason} if answer else None
        )
        # One form per comment on the page: ids must not repeat, or labels point elsewhere.
        comment.answer_form.auto_id = f"comment-{comment.pk}-%s"
    disagreements = list(selectors.page_disagreements(page.pk))
    for d in disagreements:
        d.position_form = bound_forms.get(("position", d.pk)) or PositionForm(
            initial={"position": d.council_position}
        )
    return TemplateResponse(request, "charter/admin/page_comments.html", {
        "page": page,
        "comments": comments,
        "unanswered": sum(1 for c in comments if not c.is_answered),
        "disagreements": disagreements,
        # The forum's notes to the council: personal details typed there can be removed too.
        "decision_notes": [r for r in selectors.page_reviews(page.pk) if r.decision_note],
        "resolve_form": ResolveForm(),
    })


@require_POST
def answer_comment(request, comment_id):
    require_officer(request)
    comment = get_object_or_404(ForumComment.objects.select_related("review", "page"),
                                pk=comment_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.comment_answer(comment=comment, officer=request.user,
                                    disposition=form.cleaned_data["disposition"],
                                    reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        messages.error(request, "The answer was not saved: see the comment below.")
        response = page_comments(request, comment.page_id,
                                 bound_forms={("comment", comment.pk): form})
        response.status_code = 400
        return response
    messages.success(request, "Answer saved. The forum can read it now.")
    return redirect(reverse("charter_page_comments", args=[comment.page_id])
                    + f"#comment-{comment.pk}")


@require_POST
def review_deadline(request, review_id):
    """Move a review's deadline. Refused (the date or the reason) comes back as the list of
    reviews with an error summary, the errors beside the fields and what was typed kept."""
    require_officer(request)
    review = get_object_or_404(ForumReviewTaskState, pk=review_id)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.review_set_deadline(review=review, deadline=form.cleaned_data["deadline"],
                                         reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Deadline changed. The forum has been told, and the "
                                        "change is in the evidence log."))
            return redirect("charter_reviews")
    messages.error(request, _("The deadline was not changed: see the errors below."))
    response = reviews(request, bound_form=form, bound_review_id=review.pk)
    response.status_code = 400
    return response


@require_POST
def disagreement(request, disagreement_id):
    require_officer(request)
    item = get_object_or_404(Disagreement, pk=disagreement_id)
    target = reverse("charter_page_comments", args=[item.page_id]) + f"#disagreement-{item.pk}"
    if request.POST.get("action") == "resolve":
        form = ResolveForm(request.POST)
        if form.is_valid():
            services.disagreement_mark_resolved(disagreement=item, user=request.user,
                                                note=form.cleaned_data["note"])
            messages.success(request, "Marked resolved for the council. It closes when the "
                                      "forum marks it resolved too.")
        return redirect(target)
    form = PositionForm(request.POST)
    if form.is_valid():
        services.disagreement_set_position(disagreement=item, user=request.user,
                                           position=form.cleaned_data["position"])
        messages.success(request, "The council's position is saved.")
        return redirect(target)
    messages.error(request, "Write the council's position before you save it.")
    response = page_comments(request, item.page_id, bound_forms={("position", item.pk): form})
    response.status_code = 400
    return response


def _page_id_of(item) -> int | None:
    """The page a removable record belongs to (a forum decision reaches it through its
    workflow)."""
    if isinstance(item, ForumReviewTaskState):
        return int(item.workflow_state.object_id)
    if hasattr(item, "comment"):
        return item.comment.page_id
    return item.page_id


def remove_text(request, kind, record_id):
    """Remove the personal details of one forum comment, answer, disagreement or forum
    decision note (or a record another app registered), after the officer confirms with a
    reason (GET asks, POST removes); for a record whose app offers it (a representative's
    comment on a coding frame or a write-up), only the words the officer chose.

    Goes through ``record.text_remove`` like ``manage.py remove_evidence_text``: the text
    goes from the record, its history and beside the log; the log still verifies and the
    removal is its own entry; the forum and the board read "Removed on DATE: reason", the
    public pages "Removed on DATE: personal details" (``record.removed_on``).
    """
    require_officer(request)
    item = record.removable_record(kind, record_id)
    if item is None:
        raise Http404
    elsewhere = record.REMOVABLE_ELSEWHERE.get(kind)
    back = (elsewhere["back"](item) if elsewhere
            else reverse("charter_page_comments", args=[_page_id_of(item)]))
    form = RemoveTextForm(request.POST or None,
                          staff_only=bool(elsewhere and elsewhere.get("readers")),
                          words=bool(elsewhere and elsewhere.get("words")))
    if request.method == "POST" and form.is_valid():
        try:
            entry = record.text_remove(record=item, officer=request.user,
                                       reason=form.cleaned_data["reason"],
                                       words=form.phrases())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if elsewhere and elsewhere.get("readers"):
                messages.success(request, _(
                    "Personal details removed. %(readers)s The removal is entry "
                    "%(sequence)s of the evidence log.") % {
                        "readers": elsewhere["readers"], "sequence": entry.sequence})
            else:
                messages.success(request, _(
                    "Personal details removed. The public pages now show the date and "
                    "“personal details”; the forum and the board read your reason. The removal "
                    "is entry %(sequence)s of the evidence log.") % {
                        "sequence": entry.sequence})
            return redirect(back)
    return TemplateResponse(request, "charter/admin/confirm_remove_text.html", {
        "item": item, "kind": kind, "form": form, "back": back,
        "what": elsewhere["label"] if elsewhere else REMOVABLE_LABELS[kind],
        "readers": elsewhere.get("readers") if elsewhere else None,
        # Another app's record: the texts kept beside the log are what goes.
        "kept": record.kept_texts(item) if elsewhere else None,
        "shown": elsewhere["shown"](item) if elsewhere and elsewhere.get("shown") else None,
    }, status=400 if form.errors else 200)


def removals(request):
    """Every removal of personal details, newest first, with the reason typed for it while
    that is kept beside the log, and the action that takes only the reason away
    (``remove_reason``). Officers only; fifty a page."""
    require_officer(request)
    listed = Paginator(record.removals_listed(), 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "charter/admin/removals.html", {"removals": listed})


def remove_reason(request, sequence):
    """Take away only the reason typed for the removal that is entry ``sequence`` of the log
    (the reason itself names someone), after the officer confirms (GET asks, POST removes):
    ``record.removal_reason_remove``. Officers only."""
    require_officer(request)
    entry = get_object_or_404(EvidenceEntry, sequence=sequence,
                              kind=EvidenceEntry.Kind.TEXT_REMOVED)
    rows = record.removals_listed(entry=entry)
    if not rows:  # an entry that took a reason away is not a removal to act on
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            logged = record.removal_reason_remove(entry=entry, officer=request.user)
        except ValidationError:
            error = _("No reason is kept for this removal any more: there is nothing to "
                      "remove.")
        else:
            messages.success(request, _(
                "The reason was removed. The removal is kept, and reads “personal "
                "details”; taking the reason away is entry %(sequence)s of the evidence "
                "log.") % {"sequence": logged.sequence})
            return redirect("charter_removals")
    return TemplateResponse(request, "charter/admin/confirm_remove_reason.html", {
        "row": rows[0], "error": error}, status=400 if error else 200)


REMOVABLE_LABELS = {
    "comment": gettext_lazy("the forum comment"),
    "answer-to": gettext_lazy("the council's answer"),
    "disagreement": gettext_lazy("the disagreement's positions"),
    "decision": gettext_lazy("the forum decision's note"),
}


# --- Wagtail's page views for co-produced pages ---------------------------------------


def _in_forum_review(page) -> bool:
    return bool(page.pk and page.workflow_in_progress)


class CoProducedCreateView(CreateView):
    """Wagtail's create view without autosave: an autosave racing "Save draft" on a new
    page made two pages with one slug (a server error). The officer saves explicitly."""

    def post(self, request, *args, **kwargs):
        if self.expects_json_response:
            return self.json_error_response(
                "autosave_off", _("Autosave is off for pages written with the forum: "
                                  "press Save draft."))
        return super().post(request, *args, **kwargs)

    def publish_action(self):
        # Wagtail's create view saves a new page live before its "before_publish_page" hook
        # can refuse: a new page written with the forum is saved as a draft instead (also for
        # "Go live at", which only a publish schedules) and the officer is told why.
        messages.warning(self.request, PUBLISH_REFUSED)
        return self.save_action()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        menu = context.get("action_menu")
        if menu is not None:
            menu.menu_items = [item for item in menu.menu_items if item.name != "action-publish"]
            if menu.default_item is not None and menu.default_item.name == "action-publish":
                menu.default_item = menu.menu_items.pop(0) if menu.menu_items else None
        return context


class CoProducedEditView(EditView):
    """Wagtail's edit view for a co-produced page.

    While the forum reviews the page, autosave is off and refused: the draft the forum
    reads changes only when the officer presses Save draft (each autosave was a new
    revision, so representatives read half-typed words and their decisions were refused
    as "changed"). Pressing Publish saves a draft and says how publishing works here.
    """

    def post(self, request, *args, **kwargs):
        if self.expects_json_response and _in_forum_review(self.page):
            return self.json_error_response(
                "in_forum_review", _("The forum is reviewing this page, so it is saved only "
                                     "when you press Save draft."))
        return super().post(request, *args, **kwargs)

    def save_action(self):
        if self.request.POST.get("action-publish"):
            messages.warning(self.request, PUBLISH_REFUSED)
        return super().save_action()

    def publish_action(self):
        # A page app's publish guard (``charter.hooks.publish_refusal``) refuses before
        # Wagtail saves anything: the words are kept as a draft and the officer told why.
        reason = publish_refusal(self.page)
        if reason:
            # A guard's reason may link to where the officer can act (its ``__html__``).
            messages.error(self.request, conditional_escape(reason))
            return super().save_action()
        return super().publish_action()

    def submit_action(self):
        # Sending a page to the forum whose publishing a page app's guard would refuse (a
        # survey's results before the forum agreed its write-up) is stopped here, where the
        # officer can act: the words are kept as a draft and the officer told why. The forum
        # is never asked to agree a page that could not then be published.
        reason = publish_refusal(self.page)
        if reason:
            # A guard's reason may link to where the officer can act (its ``__html__``).
            messages.error(self.request, conditional_escape(reason))
            return super().save_action()
        return super().submit_action()

    def restart_workflow_action(self):
        reason = publish_refusal(self.page)
        if reason:
            # A guard's reason may link to where the officer can act (its ``__html__``).
            messages.error(self.request, conditional_escape(reason))
            return super().save_action()
        return super().restart_workflow_action()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if _in_forum_review(self.page):
            context["autosave_enabled"] = False
        return context


class CoProducedRevertView(RevisionsRevertView):
    """Wagtail's "revert to an earlier revision" for a co-produced page: the earlier words
    become the newest draft, for the forum. A Publish posted onto the form saves that draft
    (the officer cannot publish; ``permissions``) and says so in the portal's words, not
    only Wagtail's "replaced with version". A revision with no user (made by the system,
    e.g. the demo or an import) is not said to be "by None"."""

    def save_action(self):
        if self.request.POST.get("action-publish"):
            messages.warning(self.request, PUBLISH_REFUSED)
        return super().save_action()

    def get_warning_message(self):
        if self.previous_revision.user is not None:
            return super().get_warning_message()
        return format_html(
            _("You are viewing a previous version of this page from <b>{}</b>, saved by the "
              "system."), render_timestamp(self.previous_revision.created_at))


PUBLISH_REFUSED = gettext_lazy(
    "Saved as a draft, not published: this page is written with the forum, so it is "
    "published when the forum agrees. Use \"Submit to Co-production\" to send it."
)


class WithdrawView(UnpublishView):
    """Unpublishing a co-produced page: administrators only (see ``permissions``), with a
    reason that goes into the evidence log and onto the board."""

    template_name = "charter/admin/confirm_withdraw.html"

    def post(self, request, *args, **kwargs):
        try:
            with services.withdrawal(user=request.user, reason=request.POST.get("reason", "")):
                return super().post(request, *args, **kwargs)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            context = self.get_context_data(reason_error=error.messages[0])
            return self.render_to_response(context, status=400)
