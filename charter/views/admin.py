"""Officers' co-production views inside the Wagtail admin: reviews, answers, disagreements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.models import Page

from charter import selectors, services
from charter.forms import AnswerForm, DeadlineForm, PositionForm, ResolveForm
from charter.models import Disagreement, ForumComment, ForumReviewTaskState
from charter.permissions import require_officer


def reviews(request):
    require_officer(request)
    return TemplateResponse(request, "charter/admin/reviews.html", {
        "in_progress": selectors.attach_pages(selectors.reviews_in_progress()),
        "finished": selectors.attach_pages(selectors.reviews_finished()),
        "deadline_form": DeadlineForm(),
    })


def page_comments(request, page_id, *, bound_forms=None):
    require_officer(request)
    page = get_object_or_404(Page, pk=page_id).specific
    bound_forms = bound_forms or {}
    comments = list(selectors.page_comments(page.pk))
    earlier = selectors.earlier_wordings([c.pk for c in comments])
    for comment in comments:
        comment.earlier_wordings = earlier.get(comment.pk, [])
        answer = getattr(comment, "answer", None) if comment.is_answered else None
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
    require_officer(request)
    review = get_object_or_404(ForumReviewTaskState, pk=review_id)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        services.review_set_deadline(review=review, deadline=form.cleaned_data["deadline"],
                                     user=request.user)
        messages.success(request, "Deadline changed.")
    else:
        messages.error(request, "Give the deadline as a date, for example 12/01/2027.")
    return redirect("charter_reviews")


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
