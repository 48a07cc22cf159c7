"""Responding to a consultation (no log-in), and reading the proposed policy."""

from __future__ import annotations

import logging
import uuid

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_protect

from charter.record import response_receipt
from consultations import selectors, services
from consultations.forms import ResponseForm
from consultations.models import Status

logger = logging.getLogger(__name__)


def _client_address(request) -> str:
    # Behind the load balancer the first forwarded address is the visitor's.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "unknown")


def _sections(consultation) -> list[tuple[str, str]]:
    revision = consultation.proposed_revision
    if revision is None:
        return []
    draft = revision.as_object()
    return [(key, heading) for key, heading, _ in draft.plain_text_sections()]


@csrf_protect
def respond(request, consultation):
    status = consultation.status
    context = {"page": consultation, "self": consultation, "status": status,
               "status_label": consultation.status_label}
    if status != Status.OPEN:
        return TemplateResponse(request, "consultations/respond_closed.html", context)
    form = ResponseForm(request.POST or None, questions=consultation.questions,
                        sections=_sections(consultation),
                        initial={"submission_key": uuid.uuid4().hex})
    if request.method == "POST":
        if form.data.get("website"):
            # A robot filled in the hidden field. Say nothing useful; store nothing.
            return TemplateResponse(request, "consultations/respond_refused.html", {
                **context, "reason": "We could not accept this response."}, status=400)
        if services.rate_limited(_client_address(request)):
            return TemplateResponse(request, "consultations/respond_refused.html", {
                **context, "reason": "Too many responses have come from your internet "
                                     "connection in the last hour. Please try again later, or "
                                     "call us and we will take your answers by phone."},
                status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                response, _created = services.response_submit(
                    consultation=consultation, respondent_type=data["respondent_type"],
                    answers=form.answers(), about_section=data.get("about_section") or "",
                    contact_consent=data["contact_consent"], contact_name=data["contact_name"],
                    contact_email=data["contact_email"], contact_phone=data["contact_phone"],
                    submission_key=data.get("submission_key") or None,
                )
            except services.ConsultationNotOpen:
                return TemplateResponse(request, "consultations/respond_closed.html", context)
            except Exception:
                # Never lose what someone wrote to our fault: log it whole, and give the form
                # back filled in so they can send it again (its key stops a double).
                logger.exception("Could not store a response to %s: %r", consultation.pk,
                                 dict(request.POST.lists()))
                context.update(form=form, server_error=True)
                return TemplateResponse(request, "consultations/respond.html", context,
                                        status=500)
            return redirect(consultation.url + consultation.reverse_subpage(
                "thanks", args=[response.reference]))
    context.update(form=form, error_form=form if form.errors else None)
    return TemplateResponse(request, "consultations/respond.html", context,
                            status=400 if form.errors else 200)


def thanks(request, consultation, reference):
    response = selectors.response_by_reference(consultation, reference)
    if response is None:
        raise Http404
    return TemplateResponse(request, "consultations/thanks.html", {
        "page": consultation, "self": consultation, "reference": response.reference,
        "receipt": response_receipt(page_id=consultation.pk, reference=response.reference,
                                    answers=response.answers)})


def proposed(request, consultation):
    found = selectors.proposed_draft(consultation)
    if found is None:
        raise Http404("This consultation has no proposed draft.")
    return TemplateResponse(request, "consultations/proposed.html", {
        "page": consultation, "self": consultation, **found})


@csrf_protect
def respond_by_id(request, page_id):
    """Where the response form is sent. A plain URL rather than the page's own, so a busy
    consultation skips the page tree lookups on every response (the form itself is shown at
    the consultation's address)."""
    from consultations.models import ConsultationPage

    try:
        consultation = ConsultationPage.objects.live().get(pk=page_id, alias_of__isnull=True)
    except ConsultationPage.DoesNotExist as error:
        raise Http404 from error
    return respond(request, consultation)
