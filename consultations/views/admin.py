"""Officers' consultation views in the Wagtail admin: responses, keyed-in responses, exports,
and calendar files."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from charter.permissions import require_officer
from consultations import calendar_files, selectors, services, windows
from consultations.forms import ResponseForm
from consultations.models import ConsultationPage, ConsultationResponse, SchoolCalendar
from consultations.scheduling import BANK_HOLIDAY, LONDON
from exports.views import export_page

IMPORT_PREVIEWS = "calendar_import_previews"
KEEP_PREVIEWS = 4


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
    """Every response as CSV: Export starts a file written in the background, and the
    officer watches it on its progress page, then downloads it (``exports``)."""
    require_officer(request)
    consultation = get_object_or_404(ConsultationPage, pk=page_id)
    return export_page(request, kind=selectors.RESPONSES_EXPORT, subject_id=consultation.pk)


def import_calendar(request, calendar_id):
    """Preview a CSV or ICS file of term dates; save only a clean file, and only on confirm.

    Each preview is kept in the session under its own token, which the confirm form
    carries back: with two previews open (two calendars, or two files), a confirm
    saves exactly the preview it was shown with, and only into that preview's calendar.
    """
    require_officer(request)
    calendar = get_object_or_404(SchoolCalendar, pk=calendar_id)
    if request.method == "POST" and request.POST.get("confirm"):
        return _confirm_import(request, calendar)
    result, filename, token, dropped = None, "", "", ()
    if request.method == "POST" and request.FILES.get("file"):
        upload = request.FILES["file"]
        filename = upload.name
        result = _read_upload(upload)
        if result.ok:
            result, dropped = _without_automatic(calendar, result)
        if result.ok:
            token = _keep_preview(request, calendar, result)
    elif request.method == "POST":
        result = calendar_files.ParseResult((), ("Choose a CSV or ICS file to import.",))
    return TemplateResponse(request, "consultations/admin/import_calendar.html", {
        "calendar": calendar, "result": result, "filename": filename, "token": token,
        "preview": calendar_files.preview(result) if result is not None else None,
        "dropped": dropped,
    }, status=400 if result is not None and not result.ok else 200)


def _read_upload(upload) -> calendar_files.ParseResult:
    data = upload.read(calendar_files.MAX_BYTES + 1)
    if upload.name.lower().endswith((".ics", ".ical")):
        return calendar_files.parse_ics(data)
    try:
        return calendar_files.parse_csv(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return calendar_files.ParseResult((), ("The file is not text saved as UTF-8. Save it "
                                               "as CSV (UTF-8).",))


def _without_automatic(calendar, result):
    """Leave out the file's bank holidays that the calendar adds by itself."""
    years = {p.first_day.year for p in result.periods if p.kind == BANK_HOLIDAY}
    automatic = calendar.bank_holidays(sorted(years)) if years else []
    kept, dropped = calendar_files.without_automatic(result.periods, automatic)
    if not kept:
        return calendar_files.ParseResult((), (
            "Every date in the file is a bank holiday this calendar already adds by itself: "
            "there is nothing else to save.",)), dropped
    return calendar_files.ParseResult(kept, ()), dropped


def _keep_preview(request, calendar, result) -> str:
    """Store a clean preview until it is confirmed, as plain rows; returns its token."""
    previews = request.session.get(IMPORT_PREVIEWS, {})
    token = secrets.token_urlsafe(16)
    previews[token] = {"calendar": calendar.pk,
                       "rows": calendar_files.to_rows(result.periods)}
    # Bound what a session holds: the oldest previews are forgotten first.
    for stale in list(previews)[:-KEEP_PREVIEWS]:
        del previews[stale]
    request.session[IMPORT_PREVIEWS] = previews
    return token


def _confirm_import(request, calendar):
    previews = request.session.get(IMPORT_PREVIEWS, {})
    stored = previews.get(request.POST.get("preview", ""))
    if stored is None or stored["calendar"] != calendar.pk:
        if stored is None:
            refusal = ("Nothing has been saved: the dates you confirmed are no longer waiting "
                       "(they were saved already, replaced by newer files, or your session "
                       "ended). Choose the file again to check and save it.")
        else:
            other = SchoolCalendar.objects.filter(pk=stored["calendar"]).first()
            refusal = ("Nothing has been saved: the dates you confirmed were read for "
                       f"another calendar ({other.name if other else 'one since deleted'}). "
                       f"Choose the file again to import it into {calendar.name}.")
        return TemplateResponse(request, "consultations/admin/import_calendar.html", {
            "calendar": calendar, "refusal": refusal}, status=409)
    count = services.calendar_import(calendar=calendar,
                                     periods=calendar_files.from_rows(stored["rows"]))
    del previews[request.POST["preview"]]
    request.session[IMPORT_PREVIEWS] = previews
    messages.success(request, f"{count} holiday periods saved to {calendar.name}.")
    for consultation, problems in windows.window_conflicts(calendar.consultations.all()):
        messages.warning(request, f"“{consultation.title}” no longer fits the "
                                  f"calendar: {' '.join(problems)}")
    return redirect("wagtailsnippets_consultations_schoolcalendar:edit", calendar.pk)


def export_calendar(request, calendar_id):
    """The calendar as ICS: its own periods and the bank holidays it adds by itself."""
    require_officer(request)
    calendar = get_object_or_404(SchoolCalendar, pk=calendar_id)
    body = calendar_files.to_ics(calendar.name, calendar.export_periods())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar.name}.ics"'
    return response


def _when(text: str):
    """A date or date-time typed in the editor ("2026-11-06 17:00" or "2026-11-06"),
    as an aware London time; None if empty or not a date."""
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).replace(tzinfo=LONDON)
        except ValueError:
            continue
    return None


def suggest_windows(request):
    """The next public windows that fit a calendar, for the consultation editor.

    GET ``calendar`` (id), ``pre_closes`` (when the forum's window closes, as typed in
    the editor) and ``page`` (the consultation, for a link back). With ``fragment=1``
    only the list is returned, with buttons the editor's script uses to fill the dates
    in; without it, a page that works with no script (opened in a new tab, so nothing
    typed in the editor is lost) shows the dates to type.
    """
    require_officer(request)
    calendars = list(SchoolCalendar.objects.order_by("name"))
    wanted = request.GET.get("calendar", "")
    calendar = next((c for c in calendars if str(c.pk) == wanted), None)
    typed = request.GET.get("pre_closes", "")[:40]
    pre_closes = _when(typed) if typed else None
    suggestions = [
        {"window": w, "term_days": days,
         "opens": w.opens.astimezone(LONDON).strftime("%Y-%m-%d %H:%M"),
         "closes": w.closes.astimezone(LONDON).strftime("%Y-%m-%d %H:%M")}
        for w, days in (selectors.window_suggestions(calendar=calendar, pre_closes=pre_closes)
                        if calendar else [])
    ]
    fragment = request.GET.get("fragment") == "1"
    page_id = request.GET.get("page", "")
    return TemplateResponse(
        request, "consultations/admin/window_suggestions.html" if fragment
        else "consultations/admin/suggest_windows.html", {
            "calendars": calendars, "calendar": calendar, "typed": typed,
            "typed_is_bad": bool(typed) and pre_closes is None, "pre_closes": pre_closes,
            "suggestions": suggestions, "fragment": fragment,
            "page_id": page_id if page_id.isdigit() else "",
        })
