"""Answering a survey, no log-in: a start page, one page per group of questions, a check
page and a thank-you page.

The answers so far live in the visitor's session under ``survey:<survey id>`` until they
are sent; they are written to the database only by ``services.survey_submit`` from the
check page. The session also holds a ``submission_key`` made at the start, so the final
form sent twice (a double click, a refresh, a retry after an error) stores one response.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from portal import closing
from portal.client_address import address_fingerprint
from portal.db_retry import DISCONNECTED, forget_broken_connection, store_retrying
from surveys import scales, selectors, services
from surveys.forms import StartForm, StepForm, answer_label, field_name, initial_for
from surveys.models.audiences import Audience
from surveys.models.responses import SurveyResponse
from surveys.models.status import SurveyStatus

logger = logging.getLogger(__name__)

# The session value once the answers are sent: the answers themselves are gone.
SUBMITTED = "submitted"


# Marks answers kept from a page sent after the browser lost its session (see respond_step).
KEPT_AFTER_LOST_SESSION = "kept_after_lost_session"


def _session_key(record) -> str:
    return f"survey:{record.pk}"


def _progress(request, record) -> dict | None:
    data = request.session.get(_session_key(record))
    return data if isinstance(data, dict) and not data.get(SUBMITTED) else None


def _sent(request, record) -> bool:
    """Whether this browser has already sent its answers to the survey."""
    data = request.session.get(_session_key(record))
    return isinstance(data, dict) and bool(data.get(SUBMITTED))


def _save_progress(request, record, data: dict) -> None:
    # Assigned whole, so the session notices nested changes.
    request.session[_session_key(record)] = data


def _keep_progress(request, record, data: dict) -> bool:
    """Keep a page's answers in the session now, while the page can still be given back.

    The session is otherwise written after the view has answered, where a database that is
    not answering turns into an error page and the page's answers are gone. Tried twice
    (the write is idempotent: the same session key). Returns False when the database is not
    answering; the session is then left as it was, so nothing later tries to write it.
    """
    _save_progress(request, record, data)
    try:
        store_retrying(request.session.save)
    except DISCONNECTED:
        forget_broken_connection()
        request.session.modified = False
        logger.exception("Database unavailable keeping a page of answers to survey %s",
                         record.pk)
        return False
    return True


def _url(survey, name: str, *args) -> str:
    return survey.url + survey.reverse_subpage(name, args=list(args) or None)


def _posted(request):
    # An empty POST is still a POST: its form must be checked, not shown blank.
    return request.POST if request.method == "POST" else None


def _returning(request) -> bool:
    """True when changing an answer from the check page, which is where to go back to."""
    return (request.POST.get("return") or request.GET.get("return")) == "check"


def _context(survey, record, **extra) -> dict:
    return {"page": survey, "self": survey, "record": record, "status": record.status,
            "status_label": record.status_label, **extra}


def _started_at(progress: dict | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(progress["started_at"]) if progress else None
    except (KeyError, TypeError, ValueError):
        return None


def _taking(record, progress: dict | None) -> bool:
    """True while the survey takes answers from this visitor: while it is open (to the end
    of its closing minute), and in the grace after it for answers started before the close
    (the start time is in the session, where the visitor cannot change it)."""
    verdict = services.answers_verdict(record, started_at=_started_at(progress))
    return verdict in (closing.Verdict.ON_TIME, closing.Verdict.LATE)


def _closed(request, survey, record, progress: dict | None = None):
    """The survey is not taking answers: say so, and when it opens or closed. Answers kept
    so far are shown back, read-only, with the other ways to give them to us."""
    context = _context(survey, record)
    if progress and progress.get("answers"):
        steps = selectors.survey_steps(record)
        context["pages"], _problems = _summary(survey, steps, progress)
        context["audience_label"] = _audience_label(progress.get("audience"))
    return TemplateResponse(request, "surveys/respond_closed.html", context)


# The invitation code ties answers to a person: never in an error report.
@sensitive_post_parameters("code")
@csrf_protect
def respond_start(request, survey):
    """Who are you answering as, and the invitation code. Starts (or updates) the answers
    kept in the session, then goes to the first page of questions (or back to the check
    page, when changing an answer from there).

    The code is only ever posted (typed, or moved into the form from the link's
    ``#code=`` fragment by ``surveys/js/invitation-code.js``; browsers never send a
    fragment), so no address the server sees holds it. An old link with ``?code=`` goes
    to this page without it, so the code does not stay in the address bar, the history or
    the next page's ``Referer``. With a code, the audience is the invitation's.
    """
    if "code" in request.GET:
        return redirect(_url(survey, "respond"))
    record = selectors.survey_of_record(survey)
    progress = _progress(request, record)
    if not _taking(record, progress):
        return _closed(request, survey, record, progress)
    steps = selectors.survey_steps(record)
    returning = _returning(request) and progress is not None
    initial = {}
    if progress:
        initial = {"audience": progress.get("audience"), "code": progress.get("code", "")}
    form = StartForm(_posted(request), survey=record, audiences=record.audiences.all(),
                     initial=initial)
    context = _context(survey, record, form=form, step_count=len(steps), returning=returning,
                       back_url=_url(survey, "respond_check") if returning else survey.url,
                       kept_after_lost_session=bool(progress
                                                    and progress.get(KEPT_AFTER_LOST_SESSION)))
    if request.method == "POST":
        if form.data.get("website"):
            # The hidden field was filled in: usually a robot, sometimes a browser's
            # autofill. Keep nothing, but a person gets the page back to send again.
            context["refused"] = "automated"
            return TemplateResponse(request, "surveys/respond_start.html", context, status=400)
        if form.is_valid():
            data = progress or {"submission_key": uuid.uuid4().hex, "answers": {},
                                "started_at": timezone.now().isoformat()}
            if not data.get("code_used"):
                data.update(audience=form.cleaned_data["audience"],
                            code=form.cleaned_data["code"])
            data.pop(KEPT_AFTER_LOST_SESSION, None)
            _save_progress(request, record, data)
            if returning or not steps:
                return redirect(_url(survey, "respond_check"))
            return redirect(_url(survey, "respond_step", 1))
    context["error_form"] = form if form.errors else None
    return TemplateResponse(request, "surveys/respond_start.html", context,
                            status=400 if form.errors else 200)


@csrf_protect
def respond_step(request, survey, step: int):
    """One page of questions, filled in from the answers kept so far.

    A page that does not exist is a 404; reaching a page before the start page goes to the
    start. A valid page is kept in the session and leads to the next page, or to the check
    page after the last one (or when changing an answer from it).
    """
    record = selectors.survey_of_record(survey)
    progress = _progress(request, record)
    steps = selectors.survey_steps(record)
    if not 1 <= step <= len(steps):
        raise Http404("This survey has no such page.")
    placements = steps[step - 1]
    first_number = 1 + sum(len(page) for page in steps[:step - 1])
    form = StepForm(_posted(request), placements=placements, first_number=first_number,
                    initial=initial_for(placements, (progress or {}).get("answers", {})))
    if not _taking(record, progress):
        if progress and request.method == "POST":
            progress = {**progress, "answers": {**progress["answers"], **_as_sent(form)}}
        return _closed(request, survey, record, progress)
    if progress is None and _sent(request, record) and request.method == "POST":
        # A page sent again (Back from the thank-you page) after the answers were stored:
        # say they were sent, never start a second response from it.
        return redirect(_url(survey, "thanks"))
    if progress is None:
        kept = _as_sent(form) if request.method == "POST" else {}
        if kept:
            # The browser lost its session (cookies cleared, or it expired) with this page's
            # answers on the way: keep them, and ask again who is answering. Earlier pages
            # were only in that session, so the start page says they need answering again.
            _save_progress(request, record, {"submission_key": uuid.uuid4().hex,
                                             "answers": kept,
                                             "started_at": timezone.now().isoformat(),
                                             KEPT_AFTER_LOST_SESSION: True})
        return redirect(_url(survey, "respond"))
    returning = _returning(request)
    if request.method == "POST" and form.is_valid():
        answers = {k: v for k, v in progress["answers"].items()
                   if k not in {str(p.question_id) for p in placements}}
        answers.update(form.answers())
        progress["answers"] = answers
        kept = _keep_progress(request, record, progress)
        if kept and (returning or step == len(steps)):
            return redirect(_url(survey, "respond_check"))
        if kept:
            return redirect(_url(survey, "respond_step", step + 1))
    else:
        kept = True
    back = _url(survey, "respond_step", step - 1) if step > 1 else _url(survey, "respond")
    context = _context(survey, record, form=form, step=step, step_count=len(steps),
                       returning=returning,
                       back_url=_url(survey, "respond_check") if returning else back,
                       error_form=form if form.errors else None,
                       server_error=None if kept else "database",
                       action=_url(survey, "respond_step", step))
    status = 503 if not kept else 400 if form.errors else 200
    return TemplateResponse(request, "surveys/respond_step.html", context, status=status)


def _summary(survey, steps, progress) -> tuple[list[dict], list[dict]]:
    """The check page's rows, page by page, and the problems that stop the answers going.

    Each page's kept answers are checked again with its form, so a required question
    skipped by jumping ahead is found here, with a link to the page that asks it.
    """
    pages, problems = [], []
    first_number = 1
    for number, placements in enumerate(steps, start=1):
        change = _url(survey, "respond_step", number) + "?return=check"
        # Bound to the kept answers, as if sent again: the same checks as the page itself.
        form = StepForm(initial_for(placements, progress["answers"]), placements=placements,
                        first_number=first_number)
        first_number += len(placements)
        form.is_valid()
        rows = []
        for placement in placements:
            question = placement.question
            name = field_name(question.pk)
            value = progress["answers"].get(str(question.pk))
            errors = form.errors.get(name)
            rows.append({"placement": placement, "question": question,
                         "answer": answer_label(question, value),
                         "change_url": f"{change}#group-{name}", "error": errors[0] if errors
                         else ""})
            if errors:
                # Each message names its question already (number and topic).
                problems.append({"message": errors[0], "url": f"{change}#group-{name}"})
        pages.append({"number": number, "rows": rows, "change_url": change})
    return pages, problems


@sensitive_variables("progress")
@csrf_protect
def respond_check(request, survey):
    """Every answer on one page with a Change link to its page; sending it stores the
    response (``services.survey_submit``) and clears the answers from the session.

    A failure on our side keeps everything: the answers are logged whole and the page is
    shown again with a message (status 500), and sending again cannot make a double.

    An invitation code is used first, in a transaction of its own
    (``services.invitation_code_use``), and the answers are stored in another; the session
    notes the code as used, so answers that could not be stored can be sent again. The
    audience is then the invitation's, whatever the session held before.
    """
    record = selectors.survey_of_record(survey)
    if request.method == "POST" and _sent(request, record):
        # The same answers sent again after they were stored: one response is enough.
        return redirect(_url(survey, "thanks"))
    progress = _progress(request, record)
    if not _taking(record, progress):
        return _closed(request, survey, record, progress)
    if progress is None:
        return redirect(_url(survey, "respond"))
    steps = selectors.survey_steps(record)
    pages, problems = _summary(survey, steps, progress)
    context = _context(survey, record, pages=pages, progress=progress,
                       audience_label=_audience_label(progress.get("audience")),
                       start_url=_url(survey, "respond") + "?return=check",
                       back_url=_url(survey, "respond_step", len(steps)) if steps
                       else _url(survey, "respond"),
                       action=_url(survey, "respond_check"))
    if request.method != "POST":
        return TemplateResponse(request, "surveys/respond_check.html", context)
    if problems:
        context["problems"] = problems
        return TemplateResponse(request, "surveys/respond_check.html", context, status=400)
    address = address_fingerprint(request)
    if services.rate_limited(survey=record, address=address):
        context["refused"] = "rate_limited"
        return TemplateResponse(request, "surveys/respond_check.html", context, status=429)
    answers, comments = _split(steps, progress["answers"])
    used_now = False
    try:
        if progress.get("code") and not progress.get("code_used"):
            audience = store_retrying(services.invitation_code_use, survey=record,
                                      code=progress["code"])
            progress.update(audience=audience, code_used=True)
            _save_progress(request, record, progress)
            used_now = True
        _response, _created = store_retrying(
            services.survey_submit,
            survey=record, audience=progress.get("audience", ""), answers=answers,
            comments=comments, submission_key=progress["submission_key"],
            code_used=bool(progress.get("code_used")), started_at=_started_at(progress),
            address=address, language=translation.get_language() or "")
    except services.SurveyNotOpen:
        _code_back(request, record, progress, used_now)
        return _closed(request, survey, record, progress)
    except services.InvitationCodeError as error:
        if SurveyResponse.objects.filter(submission_key=progress["submission_key"]).exists():
            # A double click: the first request stored the answers and used the code.
            return _finished(request, survey, record)
        context["problems"] = [{"message": m, "url": context["start_url"]}
                               for m in error.messages]
        return TemplateResponse(request, "surveys/respond_check.html", context, status=400)
    except ValidationError as error:
        _code_back(request, record, progress, used_now)
        context["problems"] = [{"message": m, "url": ""} for m in error.messages]
        return TemplateResponse(request, "surveys/respond_check.html", context, status=400)
    except DISCONNECTED:
        # Tried twice: the database is not answering. The answers stay in the session and
        # on the page; sending again later cannot store them twice (same key), and a code
        # already used stays marked used in the session, so it is not asked for again.
        forget_broken_connection()
        logger.exception("Database unavailable storing a response to survey %s", record.pk)
        context["server_error"] = "database"
        return TemplateResponse(request, "surveys/respond_check.html", context, status=503)
    except Exception:
        # Never lose answers to our fault: log them whole (never with the invitation code,
        # which would tie them to a person), and give the page back to send again.
        logger.exception("Could not store a response to survey %s: %r", record.pk, {
            "audience": progress.get("audience"), "answers": progress["answers"],
            "submission_key": progress["submission_key"]})
        _code_back(request, record, progress, used_now)
        context["server_error"] = "other"
        return TemplateResponse(request, "surveys/respond_check.html", context, status=500)
    return _finished(request, survey, record)


def _code_back(request, record, progress: dict, used_now: bool) -> None:
    """Answers refused after their code was used in this request: give the code back, so
    it can be used for the answers sent again from anywhere. If that fails, the session
    still says the code was used by this browser, and sending again from here works."""
    if not used_now:
        return
    try:
        services.invitation_code_release(survey=record, code=progress.get("code", ""))
    except Exception:
        logger.exception("Could not give back a code to survey %s", record.pk)
        return
    progress["code_used"] = False
    _save_progress(request, record, progress)


def _finished(request, survey, record):
    _save_progress(request, record, {SUBMITTED: True})
    return redirect(_url(survey, "thanks"))


def _as_sent(form) -> dict:
    """A page's answers as posted, valid or not, keyed like the session's, to show back."""
    if form.is_valid():
        return form.answers()
    out = {}
    for placement in form.placements:
        name = field_name(placement.question_id)
        value = form.data.getlist(name) if placement.question.kind == scales.MULTIPLE \
            else form.data.get(name)
        if value not in (None, "", []):
            # Scale answers are kept as numbers, as a valid page keeps them.
            if scales.is_scale(placement.question.kind) and str(value).isdigit():
                value = int(value)
            out[str(placement.question_id)] = value
    return out


def _audience_label(value) -> str:
    try:
        return Audience(value).label
    except ValueError:
        return ""


def _split(steps, kept: dict) -> tuple[dict, dict]:
    """Kept answers split the way the service takes them: choices and scales, then text."""
    answers, comments = {}, {}
    for placements in steps:
        for placement in placements:
            key = str(placement.question_id)
            if key not in kept:
                continue
            if placement.question.kind == scales.FREE_TEXT:
                comments[placement.question_id] = kept[key]
            else:
                answers[placement.question_id] = kept[key]
    return answers, comments


def thanks(request, survey):
    """Thank you, the answers are anonymous, and what happens next.

    Shown to whoever has just sent their answers; anyone else sees the thank-you page while
    the survey is open, and the closed message once it is not.
    """
    record = selectors.survey_of_record(survey)
    sent = _sent(request, record)
    if not sent and record.status != SurveyStatus.OPEN:
        return _closed(request, survey, record)
    return TemplateResponse(request, "surveys/thanks.html", _context(survey, record, sent=sent))


@csrf_exempt  # RFC 8058: a mail program's one-click unsubscribe posts with no page or token
@never_cache
def stop_emails(request, token):
    """An invitation's "no more e-mails" link. GET: what it does, with a button (mail
    scanners follow links, and must not stop anyone's e-mails). POST, from the page or a mail
    program's one-click "Unsubscribe": the invitation's address is deleted, so no reminder
    goes; its code still works. Said plainly when done before, on a GET too (no button
    then); a link altered or cut short does not work (400)."""
    invitation_id = services.invitation_from_stop_token(token)
    if invitation_id is None:
        return TemplateResponse(request, "surveys/stop_emails.html", {"broken": True},
                                status=400)
    if request.method == "POST":
        stopped = services.invitation_stop(invitation_id=invitation_id)
        return TemplateResponse(request, "surveys/stop_emails.html",
                                {"done": True, "already": not stopped})
    if selectors.invitation_address_gone(invitation_id):
        # Opened again after the stop (or after the addresses were deleted): it is done,
        # and nothing is offered again.
        return TemplateResponse(request, "surveys/stop_emails.html",
                                {"done": True, "already": True})
    return TemplateResponse(request, "surveys/stop_emails.html", {})
