"""The officers' coding screens in the Wagtail admin: the written questions and their
frames, the coding screen (filters, search, bulk tagging, keyboard shortcuts, flags,
suggested codes), suggested themes, and the progress of a request for suggestions.

Officers and administrators only (``require_officer``); the admin itself requires a
sign-in. Every action is a form post that works without JavaScript and comes back to the
same filtered list; the page's script (``analysis/coding.js``) sends the same posts and
swaps in the answer the server sends back.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Locale

from analysis import selectors, services, tasks, writeup_selectors
from analysis.forms import RESPONDENT_LABELS, AnswerFilterForm
from analysis.models import CodingFrame, SuggestedCode, SuggestionRun, Theme, ThemeSuggestion
from charter.permissions import require_officer
from consultations.models import ConsultationPage, ConsultationResponse
from surveys.models import SurveyComment, SurveyPage

ANSWERS_PER_PAGE = 25
KEYS = "1234567890"


def _frame(consultation_id: int, question_id: str) -> CodingFrame:
    return get_object_or_404(CodingFrame.objects.select_related("consultation"),
                             consultation_id=consultation_id, question_id=question_id)


def _question(frame: CodingFrame) -> str:
    for block in frame.consultation.questions:
        if block.id == frame.question_id:
            return block.value["question"]
    return ""


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request, frame: CodingFrame, anchor: str = ""):
    """Back to the list the officer was on (its filters and page), never elsewhere."""
    here = reverse("analysis_code", args=[frame.consultation_id, frame.question_id])
    wanted = request.POST.get("next", "")
    if not (wanted.startswith(here) and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()})):
        wanted = here
    return redirect(wanted + (f"#{anchor}" if anchor else ""))


def _themes_keyed(themes: list[Theme]) -> list[tuple[str, Theme]]:
    return [(KEYS[i] if i < len(KEYS) else "", t) for i, t in enumerate(themes)]


# --- the list of written questions ------------------------------------------------------


def index(request):
    """Every consultation's written questions, with their frames and how far coding has got;
    an officer starts a frame for a question here."""
    require_officer(request)
    consultations = (ConsultationPage.objects.filter(locale=Locale.get_default())
                     .order_by("-opens", "-pk"))
    if request.method == "POST" and not request.POST.get("survey"):
        consultation = get_object_or_404(ConsultationPage, pk=request.POST.get("consultation"))
        try:
            frame = services.frame_start(consultation=consultation,
                                         question_id=request.POST.get("question", ""),
                                         user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("analysis_index")
        return redirect("analysis_themes", frame.consultation_id, frame.question_id)
    if request.method == "POST" and request.POST.get("survey"):
        survey = get_object_or_404(SurveyPage, pk=request.POST.get("survey"))
        try:
            frame = services.survey_frame_start(survey=survey, user=request.user,
                                                question_id=request.POST.get("question", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("analysis_index")
        return redirect("analysis_survey_code", frame.survey_id, frame.question_id)
    return TemplateResponse(request, "analysis/coding_index.html", {
        "questions": selectors.frames_overview(consultations),
        "survey_questions": selectors.survey_frames_overview(
            SurveyPage.objects.filter(locale=Locale.get_default()).order_by("-year", "-pk")),
    })


# --- the coding screen ------------------------------------------------------------------


def _labelled(rows):
    """Give each row the words the page shows for its respondent, channel and language."""
    channels = dict(ConsultationResponse.Channel.choices)
    for row in rows:
        row.respondent_label = str(RESPONDENT_LABELS.get(row.respondent_type,
                                                         row.respondent_type))
        row.channel_label = channels.get(row.channel, row.channel)
        row.language_name = selectors.LANGUAGES[row.language][0]
    return rows


def _row_context(frame, themes, row, request, extra=None):
    return {"frame": frame, "row": _labelled([row])[0], "keyed_themes": _themes_keyed(themes),
            "next": request.POST.get("next") or request.get_full_path(), **(extra or {})}


def _response(frame, pk) -> ConsultationResponse:
    try:
        return ConsultationResponse.objects.get(pk=int(pk), consultation_id=frame.consultation_id)
    except (TypeError, ValueError, ConsultationResponse.DoesNotExist):
        raise Http404("No such answer.") from None


def _theme(frame, pk) -> Theme:
    try:
        return Theme.objects.get(pk=int(pk), frame=frame)
    except (TypeError, ValueError, Theme.DoesNotExist):
        raise Http404("No such theme.") from None


def _act(request, frame, themes):
    """Carry out one posted action; returns (message, the response whose row changed or
    None, an error dict or None)."""
    action = request.POST.get("action", "")
    user = request.user
    if action == "bulk":
        theme = _theme(frame, request.POST.get("theme"))
        ids = request.POST.getlist("selected")
        if not ids:
            return "Select at least one answer first.", None, {"bulk": True}
        responses = list(ConsultationResponse.objects.filter(
            pk__in=[i for i in ids if i.isdigit()], consultation_id=frame.consultation_id))
        add = request.POST.get("direction", "add") != "remove"
        change = services.answers_code(frame=frame, responses=responses, theme=theme,
                                       user=user, add=add)
        n = change.added if add else change.removed
        verb = f"coded to ‘{theme.name}’" if add else f"had ‘{theme.name}’ taken off"
        return f"{n} answer{'s' if n != 1 else ''} {verb}.", None, None
    response = _response(frame, request.POST.get("response"))
    if action == "code":
        chosen = [_theme(frame, pk) for pk in request.POST.getlist("theme")]
        added, removed = services.answer_set_themes(frame=frame, response=response,
                                                    themes=chosen, user=user)
        return (f"Answer {response.reference}: {added} theme{'s' if added != 1 else ''} added, "
                f"{removed} taken off."), response, None
    if action == "toggle":
        theme = _theme(frame, request.POST.get("theme"))
        on = services.answers_code(frame=frame, responses=[response], theme=theme, user=user,
                                   add=True).added
        if not on:
            services.answers_code(frame=frame, responses=[response], theme=theme, user=user,
                                  add=False)
        return (f"Answer {response.reference}: ‘{theme.name}’ {'added' if on else 'taken off'}.",
                response, None)
    if action in ("confirm", "reject"):
        suggestion = get_object_or_404(SuggestedCode.objects.select_related("theme"),
                                       pk=request.POST.get("suggestion") or 0,
                                       response=response, theme__frame=frame)
        services.suggestion_decide(suggestion=suggestion, accept=action == "confirm", user=user)
        done = "confirmed" if action == "confirm" else "rejected"
        return (f"Answer {response.reference}: suggestion ‘{suggestion.theme.name}’ {done}.",
                response, None)
    if action == "flag":
        note = request.POST.get("note", "")
        try:
            services.flag_set(frame=frame, response=response, user=user, note=note)
        except ValidationError as error:
            return "", response, {"flag": error.messages, "note": note}
        return f"Answer {response.reference} flagged for the forum.", response, None
    if action == "unflag":
        flag = frame.flags.filter(response=response, cleared_at__isnull=True).first()
        if flag:
            services.flag_clear(flag=flag, user=user)
        return f"Answer {response.reference}: flag cleared.", response, None
    raise Http404("No such action.")


def code(request, consultation_id, question_id):
    """The coding screen: one frame's written answers, filtered, searched and paged, each
    with its themes, suggestions (with confidence) and flag; bulk tagging of the selected
    answers; keyboard shortcuts where JavaScript runs."""
    require_officer(request)
    frame = _frame(consultation_id, question_id)
    themes = list(frame.themes.all())
    bound = None
    if request.method == "POST":
        try:
            message, response, error = _act(request, frame, themes)
        except ValidationError as refused:
            message, response, error = " ".join(refused.messages), None, {"refused": True}
        if _wants_json(request):
            body = {"message": message, "ok": error is None}
            if response is not None:
                row = selectors.answer_row(frame, response, themes)
                body["html"] = render_to_string("analysis/coding_answer.html", _row_context(
                    frame, themes, row, request, {"error": error}), request=request)
            return JsonResponse(body, status=200 if error is None else 400)
        if error is None:
            messages.success(request, message + " Recorded in the evidence log.")
            return _back(request, frame, f"answer-{response.pk}" if response else "")
        if "flag" not in error:
            messages.error(request, message)
            return _back(request, frame)
        bound = {"response": response.pk, **error}
    form = AnswerFilterForm(request.GET or None, themes=themes)
    filters = form.filters() if request.GET else selectors.AnswerFilters()
    overview = selectors.coding_overview(frame, themes, filters)
    form = AnswerFilterForm(request.GET or None, themes=themes,
                            respondent_types=overview.respondent_types)
    page = Paginator(overview.rows, ANSWERS_PER_PAGE).get_page(request.GET.get("p"))
    rows = _labelled(selectors.fill_rows(frame, list(page), themes))
    kept = request.GET.copy()
    kept.pop("p", None)
    return TemplateResponse(request, "analysis/coding.html", {
        "frame": frame, "question": _question(frame), "themes": themes,
        "keyed_themes": _themes_keyed(themes), "form": form, "filters": filters,
        "overview": overview, "page": page, "rows": rows, "query": kept.urlencode(),
        "next": request.get_full_path(), "bound": bound,
        "per_theme": [(key, t, overview.per_theme.get(t.pk, 0))
                      for key, t in _themes_keyed(themes)],
        "latest_run": frame.runs.filter(kind=SuggestionRun.Kind.CODES).first(),
    }, status=400 if bound else 200)


# --- suggestions ------------------------------------------------------------------------


def suggest(request, consultation_id, question_id):
    """Start a request for suggested codes or themes (a post), then show its progress."""
    require_officer(request)
    frame = _frame(consultation_id, question_id)
    if request.method != "POST":
        return redirect("analysis_code", frame.consultation_id, frame.question_id)
    try:
        run = services.run_start(frame=frame, kind=request.POST.get("kind", ""),
                                 user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("analysis_code", frame.consultation_id, frame.question_id)
    tasks.run_queue(run)
    return redirect("analysis_run", frame.consultation_id, frame.question_id, run.pk)


def run(request, consultation_id, question_id, run_id):
    """How far a request for suggestions has got: a progress bar that a small script keeps
    up to date (``?format=json``); without JavaScript, "check again" reloads the page."""
    require_officer(request)
    frame = _frame(consultation_id, question_id)
    found = get_object_or_404(SuggestionRun, pk=run_id, frame=frame)
    progress = selectors.run_progress(found)
    if request.GET.get("format") == "json":
        return JsonResponse(progress)
    return TemplateResponse(request, "analysis/coding_run.html", {
        "frame": frame, "question": _question(frame), "run": found, "progress": progress})


def themes(request, consultation_id, question_id):
    """The frame's themes and the suggested themes from the uncoded answers, each with its
    three representative quotes: accept (as named or renamed), merge into a theme, or
    ignore; or add a theme by hand."""
    require_officer(request)
    frame = _frame(consultation_id, question_id)
    errors, typed = {}, {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        typed = {"name": request.POST.get("name", ""),
                 "description": request.POST.get("description", ""),
                 "suggestion": request.POST.get("suggestion", "")}
        try:
            if action == "add":
                theme = services.theme_add(frame=frame, name=typed["name"],
                                           description=typed["description"], user=request.user)
                done = f"Theme ‘{theme.name}’ added to the frame."
            elif action == "merge_theme":
                theme = _theme(frame, request.POST.get("from_theme"))
                into = _theme(frame, request.POST.get("theme"))
                moved = services.theme_merge(theme=theme, into=into, user=request.user)
                done = (f"‘{theme.name}’ merged into ‘{into.name}’: {moved} answer(s) moved "
                        "to it.")
            elif action == "delete_theme":
                theme = _theme(frame, request.POST.get("from_theme"))
                services.theme_delete(theme=theme, user=request.user)
                done = f"Theme ‘{theme.name}’ taken out of the frame."
            else:
                suggestion = get_object_or_404(ThemeSuggestion, pk=typed["suggestion"] or 0,
                                               frame=frame)
                if action == "accept":
                    theme = services.theme_suggestion_accept(
                        suggestion=suggestion, user=request.user, name=typed["name"],
                        description=typed["description"])
                    done = f"Theme ‘{theme.name}’ added to the frame."
                elif action == "merge":
                    theme = services.theme_suggestion_merge(
                        suggestion=suggestion, theme=_theme(frame, request.POST.get("theme")),
                        user=request.user)
                    done = f"‘{suggestion.name}’ merged into ‘{theme.name}’."
                elif action == "ignore":
                    services.theme_suggestion_ignore(suggestion=suggestion, user=request.user)
                    done = f"‘{suggestion.name}’ ignored."
                else:
                    raise Http404("No such action.")
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {
                "__all__": error.messages}
        else:
            messages.success(request, done + " Recorded in the evidence log.")
            return redirect("analysis_themes", frame.consultation_id, frame.question_id)
    waiting = list(frame.theme_suggestions.filter(status=ThemeSuggestion.Status.WAITING))
    wanted = {pk for s in waiting for pk in s.quote_ids}
    texts = {pk: (answers.get(frame.question_id) or "") for pk, answers in
             ConsultationResponse.objects.filter(pk__in=wanted).values_list("pk", "answers")}
    for s in waiting:
        s.quotes = [(texts.get(pk, ""), selectors.LANGUAGES.get(s.language, ("", "ltr"))[1])
                    for pk in s.quote_ids if pk in texts]
    return TemplateResponse(request, "analysis/coding_themes.html", {
        "frame": frame, "question": _question(frame), "themes": list(frame.themes.all()),
        "waiting": waiting, "errors": errors, "typed": typed,
        "error_messages": [m for ms in errors.values() for m in ms],
        "decided": frame.theme_suggestions.exclude(status=ThemeSuggestion.Status.WAITING)
        .select_related("theme", "decided_by")[:20],
        "latest_run": frame.runs.filter(kind=SuggestionRun.Kind.THEMES).first(),
        "retired": Theme.all_objects.filter(frame=frame, retired_at__isnull=False)
        .select_related("retired_by", "merged_into").order_by("retired_at", "pk"),
    }, status=400 if errors else 200)


# --- a survey's written comments ------------------------------------------------------------


def survey_code(request, survey_id, question_id):
    """A survey's written comments to one question, for coding into the frame's themes:
    filter by theme (or not coded yet) and search; tick comments and add a theme to them or
    take it off, a form post each (no script needed). Officers and administrators only."""
    require_officer(request)
    frame = get_object_or_404(CodingFrame.objects.select_related("survey"),
                              survey_id=survey_id, question_id=question_id)
    themes = list(frame.themes.all())
    if request.method == "POST":
        theme = _theme(frame, request.POST.get("theme"))
        wanted = []
        for key in request.POST.getlist("selected"):
            try:
                wanted.append(uuid.UUID(key))
            except ValueError:
                continue
        comments = list(SurveyComment.objects.filter(pk__in=wanted, survey_id=frame.survey_id,
                                                     question_id=frame.question_id))
        if not comments:
            messages.error(request, "Select at least one comment first.")
        else:
            add = request.POST.get("direction") != "remove"
            change = services.comments_code(frame=frame, comments=comments, theme=theme,
                                            user=request.user, add=add)
            messages.success(request, (
                f"{change.added} comment(s) coded to ‘{theme.name}’." if add else
                f"‘{theme.name}’ taken off {change.removed} comment(s).")
                + " Recorded in the evidence log's summary of your coding.")
        return redirect(request.get_full_path())
    chosen, search = request.GET.get("theme", ""), request.GET.get("q", "").strip()
    rows = selectors.survey_rows(frame, theme=chosen, search=search)
    return TemplateResponse(request, "analysis/coding_survey.html", {
        "frame": frame, "themes": themes, "rows": rows, "chosen": chosen, "search": search,
        "question": writeup_selectors.question_text(frame),
        "coded": sum(1 for r in rows if r["themes"]) if not (chosen or search) else None,
    })
