"""Officers' consultation views in the Wagtail admin: responses, keyed-in responses, exports,
and calendar files."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from charter.permissions import require_officer
from consultations import calendar_files, selectors, services
from consultations.forms import ResponseForm
from consultations.models import ConsultationPage, ConsultationResponse, SchoolCalendar
from portal.csv_export import streamed_csv


def responses(request, page_id):
    require_officer(request)
    consultation = get_object_or_404(ConsultationPage, pk=page_id)
    search = request.GET.get("q", "")[:200]
    return TemplateResponse(request, "consultations/admin/responses.html", {
        "consultation": consultation,
        "summaries": selectors.question_summaries(consultation, search=search),
        "counts": selectors.response_counts(consultation),
        "search": search,
    })


def add_response(request, page_id):
    """Key in a response that came by paper, phone or email."""
    require_officer(request)
    consultation = selectors.consultation_of_record(
        get_object_or_404(ConsultationPage, pk=page_id))
    # A new key for each blank form, kept through corrections: the same form sent twice
    # (a double click, Back then Save) stores one response.
    form = ResponseForm(request.POST or None, questions=consultation.questions,
                        initial={"submission_key": uuid.uuid4().hex})
    channels = [c for c in ConsultationResponse.Channel.choices
                if c[0] != ConsultationResponse.Channel.ONLINE]
    channel = request.POST.get("channel", "")
    channel_error = ""
    if request.method == "POST":
        if channel not in dict(channels):
            channel_error = "Say how this response came in."
        if form.is_valid() and not channel_error:
            data = form.cleaned_data
            response, created = services.response_submit(
                consultation=consultation, respondent_type=data["respondent_type"],
                answers=form.answers(), contact_consent=data["contact_consent"],
                contact_name=data["contact_name"], contact_email=data["contact_email"],
                contact_phone=data["contact_phone"], channel=channel, entered_by=request.user,
                submission_key=data.get("submission_key") or None,
            )
            if created:
                messages.success(request, f"Response {response.reference} saved.")
            else:
                messages.warning(request, f"This form was already saved as response "
                                          f"{response.reference}: it has not been saved again.")
            return redirect("consultations_add_response", consultation.pk)
    return TemplateResponse(request, "consultations/admin/add_response.html", {
        "consultation": consultation, "form": form, "channels": channels,
        "channel": channel, "channel_error": channel_error,
    }, status=400 if request.method == "POST" else 200)


def export_responses(request, page_id):
    """Every response as CSV, streamed: memory stays flat however many there are."""
    require_officer(request)
    consultation = get_object_or_404(ConsultationPage, pk=page_id)
    return streamed_csv(selectors.export_rows(consultation),
                        filename=f"{consultation.slug}-responses.csv")


def import_calendar(request, calendar_id):
    """Preview a CSV or ICS file of term dates; save only a clean file, and only on confirm."""
    require_officer(request)
    calendar = get_object_or_404(SchoolCalendar, pk=calendar_id)
    result, filename = None, ""
    if request.method == "POST" and request.POST.get("confirm") and "pending_dates" in (
            request.session):
        pending = request.session.pop("pending_dates")
        parsed = calendar_files.parse_csv(pending["csv"])
        if parsed.ok:
            count = services.calendar_import(calendar=calendar, periods=list(parsed.periods))
            messages.success(request, f"{count} holiday periods saved to {calendar.name}.")
            conflicts = services.window_conflicts(calendar=calendar)
            for consultation, problems in conflicts:
                messages.warning(request, f"“{consultation.title}” no longer fits the "
                                          f"calendar: {' '.join(problems)}")
            return redirect("wagtailsnippets_consultations_schoolcalendar:edit", calendar.pk)
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES["file"]
        filename = upload.name
        data = upload.read(calendar_files.MAX_BYTES + 1)
        if filename.lower().endswith((".ics", ".ical")):
            result = calendar_files.parse_ics(data)
        else:
            try:
                result = calendar_files.parse_csv(data.decode("utf-8-sig"))
            except UnicodeDecodeError:
                result = calendar_files.ParseResult((), ("The file is not text saved as "
                                                         "UTF-8. Save it as CSV (UTF-8).",))
        if result.ok:
            # Kept until the officer confirms, as CSV (plain, and parsed again on confirm).
            request.session["pending_dates"] = {
                "calendar": calendar.pk, "csv": calendar_files.to_csv(list(result.periods))}
    elif request.method == "POST" and not request.POST.get("confirm"):
        result = calendar_files.ParseResult((), ("Choose a CSV or ICS file to import.",))
    return TemplateResponse(request, "consultations/admin/import_calendar.html", {
        "calendar": calendar, "result": result, "filename": filename,
    }, status=400 if result is not None and not result.ok else 200)


def export_calendar(request, calendar_id):
    require_officer(request)
    calendar = get_object_or_404(SchoolCalendar, pk=calendar_id)
    body = calendar_files.to_ics(calendar.name, [p.as_period() for p in calendar.periods.all()])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar.name}.ics"'
    return response
