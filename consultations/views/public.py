"""Responding to a consultation (no log-in), and reading the proposed policy.

Nothing typed is lost: every way a response can fail to be stored (closed, refused as
automated or as a flood, a database that dropped the connection, a form sent twice) shows
the answers back with a plain explanation and the other ways to respond. Responses sent
from any language's copy count towards the original consultation.

The consultation page's routes call these views with the page, so this module imports no
page class (``consultations/views/short_address.py`` finds a page by its id).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from charter.record import response_receipt
from consultations import selectors, services
from consultations.forms import ResponseForm
from consultations.models.status import Status
from portal import closing
from portal.client_address import address_fingerprint
from portal.db_retry import DISCONNECTED, forget_broken_connection, store_retrying

logger = logging.getLogger(__name__)
# A respondent's contact details: never in a log line or an error report.
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")

OPENED_SALT = "consultations.respond.opened"


def _sections(consultation) -> list[tuple[str, str]]:
    revision = consultation.proposed_revision
    if revision is None:
        return []
    draft = revision.as_object()
    return [(key, heading) for key, heading, _ in draft.plain_text_sections()]


def _opened_token(now: dt.datetime) -> str:
    """A signed note of when the form was shown: the grace after the close needs a time the
    sender cannot make up."""
    return signing.dumps(now.timestamp(), salt=OPENED_SALT)


def _opened_at(token: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(float(signing.loads(token or "", salt=OPENED_SALT)),
                                         tz=dt.UTC)
    except (signing.BadSignature, TypeError, ValueError, OverflowError):
        return None


def _kept(request, record, *, fresh: bool = False) -> dict:
    """This visitor's form key for ``record``, kept in the session until they ask for a new
    form: Back then Send again carries the same key, and the service stores it once.
    ``sent`` is the reference of the response stored with the key, once there is one."""
    name = f"consultation:{record.pk}"
    kept = request.session.get(name)
    if fresh or not isinstance(kept, dict) or not kept.get("key"):
        kept = {"key": uuid.uuid4().hex, "sent": ""}
        request.session[name] = kept
    return kept


def _mark_sent(request, record, key: str, reference: str) -> None:
    request.session[f"consultation:{record.pk}"] = {"key": key, "sent": reference}


def _thanks_url(consultation, reference: str) -> str:
    return consultation.url + consultation.reverse_subpage("thanks", args=[reference])


def _render(request, template, context, status=200):
    return TemplateResponse(request, f"consultations/{template}", context, status=status)


def _answers_for_the_log(post) -> dict:
    """Everything a respondent sent, for the log, with their contact details hidden."""
    return {key: ["(hidden)"] if key in CONTACT_FIELDS else values
            for key, values in post.lists()}


@sensitive_post_parameters(*CONTACT_FIELDS)
@sensitive_variables("cleaned", "data")
@csrf_protect
def respond(request, consultation):
    """The response form (GET), and sending it (POST).

    ``consultation`` is the page the reader reached, in their language; the response is
    stored against the original (``selectors.consultation_of_record``).
    """
    record = selectors.consultation_of_record(consultation)
    now = timezone.now()
    status = record.status_at(now)
    context = {"page": consultation, "self": consultation, "record": record, "status": status,
               "status_label": Status(status).label}
    sections = _sections(record)
    wording = consultation.questions if consultation.pk != record.pk else None
    if request.method != "POST":
        if status != Status.OPEN:
            return _render(request, "respond_closed.html", context)
        kept = _kept(request, record, fresh=bool(request.GET.get("new")))
        form = ResponseForm(questions=record.questions, sections=sections, wording=wording,
                            initial={"submission_key": kept["key"],
                                     "opened": _opened_token(now)})
        context.update(form=form, already_sent=kept.get("sent", ""))
        return _render(request, "respond.html", context)

    data = request.POST.copy()
    opened_at = _opened_at(data.get("opened"))
    if opened_at is None:
        data["opened"] = _opened_token(now)
    form = ResponseForm(data, questions=record.questions, sections=sections, wording=wording)
    context["form"] = form
    key = data.get("submission_key") or None

    earlier = selectors.response_by_key(key)
    if earlier is not None:
        return _sent_before(request, consultation, record, form, earlier, context)

    verdict = services.response_verdict(record, form_opened_at=opened_at)
    if verdict in (closing.Verdict.NOT_YET, closing.Verdict.CLOSED):
        context["answers"] = form.answers_as_sent()
        return _render(request, "respond_closed.html", context)
    if data.get("website"):
        # The hidden field was filled in: usually a robot, sometimes a browser's autofill.
        # Store nothing, but a person gets their answers back and can send them again.
        data["website"] = ""
        context.update(refused="automated", form=ResponseForm(
            data, questions=record.questions, sections=sections, wording=wording))
        return _render(request, "respond.html", context, status=400)
    if not form.is_valid():
        context["error_form"] = form
        return _render(request, "respond.html", context, status=400)
    address = address_fingerprint(request)
    if services.rate_limited(address=address):
        context["refused"] = "rate_limited"
        return _render(request, "respond.html", context, status=429)
    cleaned = form.cleaned_data
    try:
        response, _created = store_retrying(
            services.response_submit,
            consultation=record, respondent_type=cleaned["respondent_type"],
            answers=form.answers(), about_section=cleaned.get("about_section") or "",
            contact_consent=cleaned["contact_consent"], contact_name=cleaned["contact_name"],
            contact_email=cleaned["contact_email"], contact_phone=cleaned["contact_phone"],
            submission_key=key, form_opened_at=opened_at, address=address,
        )
    except services.ConsultationNotOpen:
        context["answers"] = form.answers_as_sent()
        return _render(request, "respond_closed.html", context)
    except DISCONNECTED:
        # Tried twice: the database is not answering. The answers go back, with the same
        # key, so sending them again later cannot store them twice.
        forget_broken_connection()
        logger.exception("Database unavailable storing a response to %s", record.pk)
        context["server_error"] = "database"
        return _render(request, "respond.html", context, status=503)
    except Exception:
        # Never lose what someone wrote to our fault: log the answers (not the contact
        # details), and give the form back filled in so they can send it again (its key
        # stops a double).
        logger.exception("Could not store a response to %s: %r", record.pk,
                         _answers_for_the_log(request.POST))
        context["server_error"] = "other"
        return _render(request, "respond.html", context, status=500)
    if key:
        _mark_sent(request, record, key, response.reference)
    return redirect(_thanks_url(consultation, response.reference))


def _sent_before(request, consultation, record, form, earlier, context):
    """A form whose key was already used: Back then Send again, or a refresh.

    The same answers: say so and give the reference (nothing is stored again). Changed
    answers: show them back with a new key, so the person can send them as a second
    response if they mean to.
    """
    same = (form.is_valid() and form.answers() == earlier.answers
            and form.cleaned_data["respondent_type"] == earlier.respondent_type)
    if same:
        return _render(request, "thanks.html", {**context, "reference": earlier.reference,
                                                "already": True})
    kept = _kept(request, record, fresh=True)
    data = form.data.copy()
    data["submission_key"] = kept["key"]
    fresh = ResponseForm(data, questions=record.questions, sections=_sections(record),
                         wording=consultation.questions if consultation.pk != record.pk
                         else None)
    context.update(form=fresh, already_sent=earlier.reference, changed_since=True,
                   error_form=fresh if fresh.errors else None)
    return _render(request, "respond.html", context)


def thanks(request, consultation, reference):
    record = selectors.consultation_of_record(consultation)
    response = selectors.response_by_reference(record, reference)
    if response is None:
        raise Http404
    return _render(request, "thanks.html", {
        "page": consultation, "self": consultation, "record": record,
        "reference": response.reference, "late": response.late,
        "receipt": response_receipt(page_id=record.pk, reference=response.reference,
                                    answers=response.answers)})


def proposed(request, consultation):
    found = selectors.proposed_draft(consultation)
    if found is None:
        raise Http404("This consultation has no proposed draft.")
    return TemplateResponse(request, "consultations/proposed.html", {
        "page": consultation, "self": consultation, **found})
