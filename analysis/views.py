"""The officers' coding screens in the Wagtail admin: the written questions and their
frames, the coding screen (filters, search, bulk tagging, keyboard shortcuts, flags,
suggested codes), suggested themes, and the progress of a request for suggestions.

One implementation for a consultation's written answers and a survey's written comments:
each view is given the frame by the address (``consultation_id`` or ``survey_id``, and the
question) and reads what it codes from ``analysis.coded.coded(frame)``.

Officers and administrators only (``require_officer``); the admin itself requires a
sign-in. Every action is a form post that works without JavaScript and comes back to the
same filtered list; the page's script (``analysis/coding.js``) sends the same posts and
swaps in the answer the server sends back.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail.models import Locale

from analysis import selectors, services, tasks
from analysis.coded import coded
from analysis.forms import PAGE_SIZES, AnswerFilterForm
from analysis.models import CodingFrame, SuggestedCode, SuggestionRun, Theme, ThemeSuggestion
from charter.permissions import require_officer
from consultations.models import ConsultationPage, ConsultationResponse
from surveys.models import SurveyPage

KEYS = "1234567890"


def _frame(question_id: str, consultation_id: int | None = None,
           survey_id: int | None = None) -> CodingFrame:
    """The frame the address names: a survey's (``survey_id``) or a consultation's."""
    if survey_id is not None:
        return get_object_or_404(CodingFrame.objects.select_related("survey"),
                                 survey_id=survey_id, question_id=question_id)
    return get_object_or_404(CodingFrame.objects.select_related("consultation"),
                             consultation_id=consultation_id, question_id=question_id)


def _url(frame: CodingFrame, screen: str, *extra) -> str:
    """The address of one of the frame's screens ("code", "themes", "suggest", "run")."""
    kind = coded(frame)
    return reverse(kind.url_prefix + screen, args=[*kind.url_args(frame), *extra])


def _screen(frame: CodingFrame) -> dict:
    """What every coding template is given about the frame: ``coded`` (what it codes, and
    the words for it), its ``owner`` page and its screens' addresses (``urls``)."""
    kind = coded(frame)
    return {"frame": frame, "coded": kind, "owner": kind.owner(frame),
            "urls": {screen: _url(frame, screen) for screen in ("code", "themes", "suggest")}}


def _question(frame: CodingFrame) -> str:
    return coded(frame).questions(frame).get(frame.question_id, frame.question_id)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request, frame: CodingFrame, anchor: str = ""):
    """Back to the list the officer was on (its filters and page), never elsewhere."""
    here = _url(frame, "code")
    wanted = request.POST.get("next", "")
    if not (wanted.startswith(here) and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()})):
        wanted = here
    return redirect(wanted + (f"#{anchor}" if anchor else ""))


def _themes_keyed(themes: list[Theme]) -> list[tuple[str, Theme]]:
    return [(KEYS[i] if i < len(KEYS) else "", t) for i, t in enumerate(themes)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# --- the list of written questions ------------------------------------------------------


def index(request):
    """Every consultation's and survey's written questions, with their frames and how far
    coding has got; an officer starts a frame for a question here."""
    require_officer(request)
    consultations = (ConsultationPage.objects.filter(locale=Locale.get_default())
                     .order_by("-opens", "-pk"))
    if request.method == "POST":
        try:
            if request.POST.get("survey"):
                survey = get_object_or_404(SurveyPage, pk=request.POST.get("survey"))
                frame = services.survey_frame_start(
                    survey=survey, user=request.user, question_id=request.POST.get("question", ""))
            else:
                consultation = get_object_or_404(ConsultationPage,
                                                  pk=request.POST.get("consultation"))
                frame = services.frame_start(consultation=consultation, user=request.user,
                                             question_id=request.POST.get("question", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("analysis_index")
        return redirect(_url(frame, "themes"))
    return TemplateResponse(request, "analysis/coding_index.html", {
        "questions": selectors.frames_overview(consultations),
        "survey_questions": selectors.survey_frames_overview(
            SurveyPage.objects.filter(locale=Locale.get_default()).order_by("-year", "-pk")),
    })


# --- the coding screen ------------------------------------------------------------------


def _labelled(frame, rows):
    """Give each row the words the page shows for its respondent, channel and language."""
    labels = coded(frame).respondent_labels()
    channels = dict(ConsultationResponse.Channel.choices)
    for row in rows:
        row.respondent_label = labels.get(row.respondent_type, row.respondent_type)
        row.channel_label = channels.get(row.channel, row.channel)
        row.language_name = selectors.LANGUAGES[row.language][0]
    return rows


def _row_context(frame, themes, row, request, extra=None):
    return {**_screen(frame), "row": _labelled(frame, [row])[0],
            "keyed_themes": _themes_keyed(themes),
            "next": request.POST.get("next") or request.get_full_path(), **(extra or {})}


def _answer(frame, key):
    """The frame's answer (a response, or a survey frame's comment) posted as ``key``."""
    found = coded(frame).find(frame, [key or ""])
    if not found:
        raise Http404("No such answer.")
    return found[0]


def _theme(frame, pk, themes: list[Theme] | None = None) -> Theme:
    """The frame's current theme posted as ``pk`` (looked up in ``themes`` when the caller
    has read them already); 404 for any other."""
    try:
        pk = int(pk)
        if themes is not None:
            return next(t for t in themes if t.pk == pk)
        return Theme.objects.get(pk=pk, frame=frame)
    except (TypeError, ValueError, StopIteration, Theme.DoesNotExist):
        raise Http404("No such theme.") from None


def _session_logged() -> str:
    """What the coding screen says of where a decision is recorded: counted into the
    officer's coding session, whose one summary the evidence log gets when it closes (an
    hour after it began, at the next decision; after an hour without one, by the hourly
    task; or when the frame goes to the forum: ``services.coding_sessions_close``). A
    session takes decisions for ``SESSION_LENGTH`` (an hour) from the first, is idle an hour
    after the last, and the task runs at five past each hour: so within three hours of the
    first decision."""
    return _("Counted in your coding session: the evidence log records the session within "
             "three hours, or when the themes are sent to the forum.")


def _code_many(frame, answers, theme, user, add: bool) -> services.CodingChange:
    if frame.survey_id:
        return services.comments_code(frame=frame, comments=answers, theme=theme, user=user,
                                      add=add)
    return services.answers_code(frame=frame, responses=answers, theme=theme, user=user,
                                 add=add)


def _act(request, frame, themes):
    """Carry out one posted action; returns (message, the answer whose row changed or None,
    an error dict or None)."""
    kind = coded(frame)
    action = request.POST.get("action", "")
    user = request.user
    if action == "bulk":
        theme = _theme(frame, request.POST.get("theme"), themes)
        answers = kind.find(frame, request.POST.getlist("selected"))
        if not answers:
            return f"Select at least one {kind.one} first.", None, {"bulk": True}
        add = request.POST.get("direction", "add") != "remove"
        change = _code_many(frame, answers, theme, user, add)
        if add:
            return f"{_plural(change.added, kind.one)} coded to ‘{theme.name}’.", None, None
        return (f"{_plural(change.removed, kind.one)} had ‘{theme.name}’ taken off.", None,
                None)
    answer = _answer(frame, request.POST.get("answer"))
    name = f"{kind.one.capitalize()} {kind.written_one(frame, answer).reference}"
    if action == "code":
        chosen = [_theme(frame, pk, themes) for pk in request.POST.getlist("theme")]
        added, removed = services.answer_set_themes(frame=frame, answer=answer, themes=chosen,
                                                    user=user)
        return (f"{name}: {_plural(added, 'theme')} added, {removed} taken off.", answer,
                None)
    if action == "toggle":
        theme = _theme(frame, request.POST.get("theme"), themes)
        on = _code_many(frame, [answer], theme, user, True).added
        if not on:
            _code_many(frame, [answer], theme, user, False)
        return f"{name}: ‘{theme.name}’ {'added' if on else 'taken off'}.", answer, None
    if action in ("confirm", "reject"):
        suggestion = get_object_or_404(SuggestedCode.objects.select_related("theme"),
                                       pk=request.POST.get("suggestion") or 0,
                                       theme__frame=frame, **{kind.field: answer})
        services.suggestion_decide(suggestion=suggestion, accept=action == "confirm", user=user)
        done = "confirmed" if action == "confirm" else "rejected"
        return f"{name}: suggestion ‘{suggestion.theme.name}’ {done}.", answer, None
    if action == "flag":
        note = request.POST.get("note", "")
        try:
            services.flag_set(frame=frame, answer=answer, user=user, note=note)
        except ValidationError as error:
            return "", answer, {"flag": error.messages, "note": note}
        return f"{name} flagged for the forum.", answer, None
    if action == "unflag":
        flag = frame.flags.filter(**{kind.field: answer}, cleared_at__isnull=True).first()
        if flag:
            services.flag_clear(flag=flag, user=user)
        return f"{name}: flag cleared.", answer, None
    raise Http404("No such action.")


def code(request, question_id, consultation_id=None, survey_id=None):
    """The coding screen: one frame's written answers (or a survey's comments), filtered,
    searched and paged, each with its themes, suggestions (with confidence) and flag; bulk
    tagging of the selected answers; keyboard shortcuts where JavaScript runs."""
    require_officer(request)
    frame = _frame(question_id, consultation_id, survey_id)
    kind = coded(frame)
    themes = list(frame.themes.all())
    bound = None
    if request.method == "POST":
        try:
            message, answer, error = _act(request, frame, themes)
        except ValidationError as refused:
            message, answer, error = " ".join(refused.messages), None, {"refused": True}
        if _wants_json(request):
            body = {"message": message, "ok": error is None}
            if answer is not None:
                row = selectors.answer_row(frame, answer, themes)
                body["html"] = render_to_string("analysis/coding_answer.html", _row_context(
                    frame, themes, row, request, {"error": error}), request=request)
            return JsonResponse(body, status=200 if error is None else 400)
        if error is None:
            messages.success(request, f"{message} {_session_logged()}")
            return _back(request, frame, f"answer-{answer.pk}" if answer else "")
        if "flag" not in error:
            messages.error(request, message)
            return _back(request, frame)
        bound = {"answer": answer.pk, **error}
    questions = kind.questions(frame)
    form = AnswerFilterForm(request.GET or None, themes=themes, kind=kind, questions=questions,
                            current_question=frame.question_id)
    other = form.chosen_question() if request.GET else ""
    if other and other != frame.question_id:
        # Another of the owner's questions: its own screen, with the filters that apply there.
        kept = request.GET.copy()
        for name in ("question", "theme", "p"):
            kept.pop(name, None)
        target = CodingFrame(consultation_id=frame.consultation_id, survey_id=frame.survey_id,
                             question_id=other)
        return redirect(_url(target, "code") + (f"?{kept.urlencode()}" if kept else ""))
    filters = form.filters() if request.GET else selectors.AnswerFilters()
    overview = selectors.coding_overview(frame, themes, filters)
    form = AnswerFilterForm(request.GET or None, themes=themes, kind=kind, questions=questions,
                            current_question=frame.question_id,
                            respondent_types=overview.respondent_types)
    page = Paginator(overview.rows, form.page_size() if request.GET else PAGE_SIZES[0]
                     ).get_page(request.GET.get("p"))
    rows = _labelled(frame, selectors.fill_rows(frame, list(page), themes))
    kept = request.GET.copy()
    kept.pop("p", None)
    latest_run = frame.runs.filter(kind=SuggestionRun.Kind.CODES).first()
    return TemplateResponse(request, "analysis/coding.html", {
        **_screen(frame), "question": questions.get(frame.question_id, frame.question_id),
        "themes": themes, "keyed_themes": _themes_keyed(themes), "form": form,
        "filters": filters, "overview": overview, "page": page, "rows": rows,
        "query": kept.urlencode(), "next": request.get_full_path(), "bound": bound,
        "per_theme": [(key, t, overview.per_theme.get(t.pk, 0))
                      for key, t in _themes_keyed(themes)],
        "latest_run": latest_run,
        "latest_run_url": _url(frame, "run", latest_run.pk) if latest_run else "",
    }, status=400 if bound else 200)


# --- suggestions ------------------------------------------------------------------------


def suggest(request, question_id, consultation_id=None, survey_id=None):
    """Start a request for suggested codes or themes (a post), then show its progress."""
    require_officer(request)
    frame = _frame(question_id, consultation_id, survey_id)
    if request.method != "POST":
        return redirect(_url(frame, "code"))
    try:
        run = services.run_start(frame=frame, kind=request.POST.get("kind", ""),
                                 user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_url(frame, "code"))
    tasks.run_queue(run)
    return redirect(_url(frame, "run", run.pk))


def run(request, run_id, question_id, consultation_id=None, survey_id=None):
    """How far a request for suggestions has got: a progress bar that a small script keeps
    up to date (``?format=json``); without JavaScript, "check again" reloads the page."""
    require_officer(request)
    frame = _frame(question_id, consultation_id, survey_id)
    found = get_object_or_404(SuggestionRun, pk=run_id, frame=frame)
    progress = selectors.run_progress(found)
    if request.GET.get("format") == "json":
        return JsonResponse(progress)
    return TemplateResponse(request, "analysis/coding_run.html", {
        **_screen(frame), "question": _question(frame), "run": found, "progress": progress,
        "run_url": _url(frame, "run", found.pk)})


def themes(request, question_id, consultation_id=None, survey_id=None):
    """The frame's themes and the suggested themes from the uncoded answers, each with its
    three representative quotes: accept (as named or renamed), merge into a theme, or
    ignore; or add a theme by hand."""
    require_officer(request)
    frame = _frame(question_id, consultation_id, survey_id)
    errors, typed = {}, {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        typed = {"name": request.POST.get("name", ""),
                 "description": request.POST.get("description", ""),
                 "suggestion": request.POST.get("suggestion", ""),
                 "keep": bool(request.POST.get("keep")),
                 "keep_reason": request.POST.get("keep_reason", "")}
        try:
            if action == "add":
                theme = services.theme_add(frame=frame, name=typed["name"],
                                           description=typed["description"], user=request.user,
                                           keep=typed["keep"], keep_reason=typed["keep_reason"])
                done = f"Theme ‘{theme.name}’ added to the frame."
            elif action == "merge_theme":
                theme = _theme(frame, request.POST.get("from_theme"))
                into = _theme(frame, request.POST.get("theme"))
                moved = services.theme_merge(theme=theme, into=into, user=request.user)
                done = (f"‘{theme.name}’ merged into ‘{into.name}’: "
                        f"{moved} {coded(frame).one}(s) moved to it.")
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
                        description=typed["description"], keep=typed["keep"],
                        keep_reason=typed["keep_reason"])
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
            # Words the small-number check flagged: the form offers to keep them anyway.
            typed["asks_keep"] = hasattr(error, "error_dict") and any(
                e.code == services.THEME_WORDS for errs in error.error_dict.values()
                for e in errs)
        else:
            messages.success(request, f"{done} {_session_logged()}")
            if action in ("add", "accept") and theme.taken_out_again:
                messages.info(request, services.THEME_WORDS_TAKEN_OUT)
            return redirect(_url(frame, "themes"))
    waiting = list(frame.theme_suggestions.filter(status=ThemeSuggestion.Status.WAITING))
    texts = coded(frame).texts(frame, {pk for s in waiting for pk in s.quote_ids})
    for s in waiting:
        s.quotes = [(texts[str(pk)], selectors.LANGUAGES.get(s.language, ("", "ltr"))[1])
                    for pk in s.quote_ids if str(pk) in texts]
    latest_run = frame.runs.filter(kind=SuggestionRun.Kind.THEMES).first()
    return TemplateResponse(request, "analysis/coding_themes.html", {
        **_screen(frame), "question": _question(frame), "themes": list(frame.themes.all()),
        "waiting": waiting, "errors": errors, "typed": typed,
        "error_messages": [m for ms in errors.values() for m in ms],
        "decided": frame.theme_suggestions.exclude(status=ThemeSuggestion.Status.WAITING)
        .select_related("theme", "decided_by")[:20],
        "latest_run": latest_run,
        "latest_run_url": _url(frame, "run", latest_run.pk) if latest_run else "",
        "retired": Theme.all_objects.filter(frame=frame, retired_at__isnull=False)
        .select_related("retired_by", "merged_into").order_by("retired_at", "pk"),
    }, status=400 if errors else 200)
