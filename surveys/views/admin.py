"""Officers' survey views in the Wagtail admin: invitation codes, moderation of written
answers, and the responses as CSV. Each view is for officers only; the admin itself already
requires a sign-in."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Max, Value, When
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charter.permissions import require_officer
from core.numbers import count
from exports.views import export_page
from surveys import invitation_files, no_more_emails, services, tasks
from surveys.exports import RESPONSES_EXPORT
from surveys.models import Audience, SurveyComment, SurveyMailing, SurveyPage, SurveyStatus
from surveys.selectors import (
    MAILING_STALLED_AFTER,
    asked_no_more,
    invitation_counts,
    mailing_languages,
    mailing_progress,
    mailing_stalled,
    mailings_recent,
    survey_of_record,
)

PENDING_INVITATIONS = "pending_invitations"
# What the session's last few checked lists were (no addresses), by their digest.
CHECKED_LISTS = "checked_invitation_lists"
CHECKS_REMEMBERED = 10
PREVIEW_LINES = 50
COMMENTS_PER_PAGE = 50
Moderation = SurveyComment.Moderation


def _survey(page_id: int) -> SurveyPage:
    """The survey whose answers, codes and comments these are: a Polish or Arabic copy's
    page id leads to the original, where every language's answers are kept."""
    return survey_of_record(get_object_or_404(SurveyPage, pk=page_id))


def _is_closed(survey: SurveyPage) -> bool:
    return survey.status in (SurveyStatus.CLOSED, SurveyStatus.RESULTS)


# --- invitations ------------------------------------------------------------------------


def _read_upload(upload) -> invitation_files.ParseResult:
    if upload is None:
        return invitation_files.ParseResult((), (_("Choose a CSV file of e-mail addresses."),))
    if upload.size > invitation_files.MAX_BYTES:
        # Refused before it is read: the size is known from the upload.
        return invitation_files.ParseResult((), (
            _("The file is larger than 1 MB. Split it into smaller files, or check it is the "
              "right file."),))
    return invitation_files.parse_bytes(upload.read(invitation_files.MAX_BYTES + 1),
                                        audiences=dict(Audience.choices),
                                        default=Audience.PARENTS)


def _remember_check(request, digest: str, **facts) -> None:
    """Note what a checked list was (its file's name, how many addresses, the survey, and
    once sent, its mailing), so a confirm naming it can be answered in words: the last
    ``CHECKS_REMEMBERED`` checks of the session, without their addresses."""
    checks = dict(request.session.get(CHECKED_LISTS) or {})
    checks[digest] = {**checks.pop(digest, {}), **facts}
    request.session[CHECKED_LISTS] = dict(list(checks.items())[-CHECKS_REMEMBERED:])


def _describe_check(check: dict) -> str:
    return ngettext("%(count)s address from %(file)s", "%(count)s addresses from %(file)s",
                    check.get("count", 0)) % {
        "count": count(check.get("count", 0)), "file": check.get("file") or _("the file")}


def _confirm_invitations(request, survey):
    """Send exactly the checked list the pressed button names (``checked``, its
    ``rows_digest``), or nothing with the reason: the session keeps one checked list, and
    another tab's upload replaces it."""
    pending = request.session.get(PENDING_INVITATIONS)
    checked = request.POST.get("checked", "")
    checks = request.session.get(CHECKED_LISTS) or {}
    pressed = checks.get(checked) if checked else None
    if pressed and pressed.get("mailing") and pressed.get("survey") == survey.pk:
        # The same button pressed again (Back, a second tab): that list has gone already.
        messages.info(request, _("This list (%(list)s) was already sent: here is how far it "
                                 "has got. Nobody gets a second code.")
                      % {"list": _describe_check(pressed)})
        return redirect("surveys_mailing", survey.pk, pressed["mailing"])
    if not pending or pending.get("survey") != survey.pk:
        messages.error(request, _("There is no checked file waiting to be sent. Upload the "
                                  "file again."))
        return redirect("surveys_invitations", survey.pk)
    if not checked or checked != pending.get("digest"):
        waiting = {"count": len(pending["rows"]), "file": pending.get("file", "")}
        if pressed:
            messages.error(request, _(
                "Nothing was sent. You pressed Send for %(pressed)s, but that list was "
                "replaced by another upload (%(waiting)s), perhaps in another tab. Check the "
                "file you mean to send again, then send it.") % {
                "pressed": _describe_check(pressed), "waiting": _describe_check(waiting)})
        else:
            messages.error(request, _(
                "Nothing was sent: the checked list you pressed Send for is no longer "
                "waiting (the one waiting now is %(waiting)s). Check the file you mean to "
                "send again, then send it.") % {"waiting": _describe_check(waiting)})
        return redirect("surveys_invitations", survey.pk)
    rows = [services.InvitationRow(email=row[0], audience=row[1],
                                   language=row[2] if len(row) > 2 else "en")
            for row in pending["rows"]]
    # Counted before sending, to say why they were left out (the send reads it again).
    asked_none = len(asked_no_more(survey.pk, [row.email for row in rows]))
    try:
        mailing, created = services.invitations_send(survey=survey, rows=rows,
                                                     user=request.user, key=checked)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys_invitations", survey.pk)
    request.session.pop(PENDING_INVITATIONS, None)
    if mailing is None:
        if asked_none:
            messages.info(request, _(
                "Nothing was sent: everyone in this list had been invited already or asked "
                "for no more e-mails about this survey."))
        else:
            messages.info(request, _("Every address in this list had been invited already: "
                                     "nobody gets a second code, and nothing was sent."))
        return redirect("surveys_invitations", survey.pk)
    _remember_check(request, checked, mailing=mailing.pk)
    if not created:
        # Pressed at the same moment as another press for this list (a second tab, a
        # request sent twice): that press sends it.
        messages.info(request, _("This list (%(list)s) was already sent: here is how far it "
                                 "has got. Nobody gets a second code.")
                      % {"list": _describe_check({"count": len(rows),
                                                  "file": pending.get("file", "")})})
        return redirect("surveys_mailing", survey.pk, mailing.pk)
    # The codes are stored; the e-mails go in the background while the officer watches.
    tasks.mailing_start(mailing)
    if asked_none:
        messages.info(request, _no_more_words(asked_none))
    skipped = len(rows) - mailing.total - asked_none
    if skipped > 0:
        messages.info(request, ngettext(
            "%(count)s address was already invited and will not get a second code.",
            "%(count)s addresses were already invited and will not get a second code.",
            skipped) % {"count": count(skipped)})
    return redirect("surveys_mailing", survey.pk, mailing.pk)


def _left_out(line, known: set[str], stopped: set[str]) -> str:
    """Why a line of a checked list gets nothing, in the officer's words ("" when it gets an
    invitation): the address asked for no more e-mails about this survey (``stopped``, as
    ``no_more_emails.normalised`` writes them), or was invited before (``known``)."""
    if line.email in known:
        return _("Left out: invited before")
    if no_more_emails.normalised(line.email) in stopped:
        return _("Left out: asked for no more e-mails about this survey")
    return ""


def _going_by_language(lines, known: set[str], stopped: set[str]) -> dict[str, int]:
    """How many of ``lines`` get an invitation in each language (those ``_left_out`` does
    not leave out), in the order the languages first appear."""
    counts: dict[str, int] = {}
    for line in lines:
        if not _left_out(line, known, stopped):
            counts[line.language] = counts.get(line.language, 0) + 1
    return counts


def _no_more_words(n: int) -> str:
    """Said of a list: how many of its addresses were left out because they asked for no
    more e-mails about the survey."""
    return ngettext(
        "%(count)s address asked for no more e-mails about this survey: it is left out and "
        "gets nothing.",
        "%(count)s addresses asked for no more e-mails about this survey: they are left out "
        "and get nothing.", n) % {"count": count(n)}


def _remind(request, survey):
    """Send the reminders the confirm form asked for, once: the same form again (its
    ``key``), or a second tab's, shows the reminder mailing already going."""
    try:
        mailing, created = services.invitations_remind(
            survey=survey, user=request.user, key=request.POST.get("key", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys_invitations", survey.pk)
    if mailing is None:
        messages.info(request, _("Nobody is due a reminder now: nothing was sent."))
        return redirect("surveys_invitations", survey.pk)
    if not created:
        messages.info(request, _(
            "These reminders were already asked for on %(moment)s: here is how far they have "
            "got. Nobody is reminded twice within 48 hours, so nothing more was sent.") % {
            "moment": date_format(timezone.localtime(mailing.requested_at),
                                  "j E Y, H:i")})
        return redirect("surveys_mailing", survey.pk, mailing.pk)
    tasks.mailing_start(mailing)
    return redirect("surveys_mailing", survey.pk, mailing.pk)


def invitations(request, page_id):
    """Upload addresses, check them, and only on confirm make and send the codes; remind
    everyone who has not used their code, again only on a second, confirming press.

    POST ``action``: ``upload`` (reads the file, keeps it in the session, shows the check
    step), ``confirm`` (sends the checked list its ``checked`` digest names, and only that:
    ``_confirm_invitations``), ``cancel``, ``remind`` (shows how many
    would be reminded, and who is not due one yet; sends nothing), ``remind-confirm`` (sends
    the reminders, once per confirm form: ``_remind``).
    """
    require_officer(request)
    survey = _survey(page_id)
    result, filename, already, confirm_reminder, checked = None, "", 0, False, ""
    asked_none, known, stopped = 0, set(), set()
    reminder = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "confirm":
            return _confirm_invitations(request, survey)
        if action == "remind-confirm":
            return _remind(request, survey)
        # Asking to remind shows how many would get one and waits for a second press: one
        # press never sends to everyone (a stray first button, an Enter key).
        confirm_reminder = action == "remind"
        if action == "cancel":
            request.session.pop(PENDING_INVITATIONS, None)
            messages.info(request, _("Nothing was sent."))
            return redirect("surveys_invitations", survey.pk)
        upload = request.FILES.get("file")
        filename = upload.name if upload else ""
        result = None if confirm_reminder else _read_upload(upload)
        if confirm_reminder:
            request.session.pop(PENDING_INVITATIONS, None)
            now = timezone.now()
            reminder = {"due": services.reminders_due(survey.pk, now=now).count(),
                        "recent": services.reminder_recent(survey.pk, now=now),
                        # The confirm form's idempotency key: see ``_remind``.
                        "key": uuid.uuid4().hex}
        elif result.ok:
            known = set(survey.invitations.exclude(email="").values_list("email", flat=True))
            already = sum(1 for line in result.lines if line.email in known)
            stopped = asked_no_more(
                survey.pk, [line.email for line in result.lines if line.email not in known])
            asked_none = len(stopped)
            rows = invitation_files.to_rows(result.lines)
            checked = invitation_files.rows_digest(survey.pk, rows)
            # Kept until the officer confirms; nothing is saved before then. The send
            # button names this list by its digest.
            request.session[PENDING_INVITATIONS] = {
                "survey": survey.pk, "rows": rows, "digest": checked, "file": filename}
            _remember_check(request, checked, survey=survey.pk, file=filename,
                            count=len(rows))
        else:
            request.session.pop(PENDING_INVITATIONS, None)
    audiences = dict(Audience.choices)
    context = {
        "survey": survey,
        "closed": _is_closed(survey),
        "confirm_reminder": confirm_reminder,
        "reminder": reminder,
        "counts": invitation_counts(survey),
        "last_reminder": survey.invitations.aggregate(at=Max("reminded_at"))["at"],
        "mailings": mailings_recent(survey),
        "result": result,
        "errors": result.translated(_, number=count) if result is not None else (),
        "filename": filename,
        "checked": checked,
        "already": already,
        "asked_none": _no_more_words(asked_none) if asked_none else "",
        "to_send": len(result.lines) - already - asked_none if result and result.ok else 0,
        # Each line shown with why it is left out, if it is: asked for no more e-mails
        # about this survey (a survey stop), or invited before.
        "preview": [(line, _left_out(line, known, stopped))
                    for line in result.lines[:PREVIEW_LINES]] if result and result.ok else (),
        "more": max(0, len(result.lines) - PREVIEW_LINES) if result and result.ok else 0,
        "by_audience": [_audience_count(k, n) for k, n in result.by_audience().items()]
        if result and result.ok else [],
        # Only the lines that get an invitation: the count the send button names.
        "by_language": [(_language_name(k), n) for k, n in _going_by_language(
            result.lines, known, stopped).items()] if result and result.ok else [],
        "audience_names": [value for value, _label in Audience.choices],
        "audiences": audiences,
        "language_names": {code: _language_name(code) for code in ("en", "pl", "ar")},
        "max_rows": count(invitation_files.MAX_ROWS),
    }
    status = 400 if result is not None and not result.ok else 200
    return TemplateResponse(request, "surveys/admin/invitations.html", context, status=status)


def _audience_count(audience: str, n: int) -> str:
    """How many of an audience, as the officer's language says it: "2,500 parents and
    carers", "2 500 rodziców i opiekunów" (each language's plural forms, ``ngettext``)."""
    numbers = {"n": count(n)}
    if audience == Audience.YOUNG_PEOPLE:
        return ngettext("%(n)s young person", "%(n)s young people", n) % numbers
    if audience == Audience.SCHOOLS:
        return ngettext("%(n)s school or college", "%(n)s schools and colleges", n) % numbers
    if audience == Audience.OPERATORS:
        return ngettext("%(n)s transport operator", "%(n)s transport operators", n) % numbers
    return ngettext("%(n)s parent or carer", "%(n)s parents and carers", n) % numbers


def _language_name(code: str) -> str:
    """A language's name in the officer's language ("Polish", "polski"), from Django's
    own list of languages."""
    return translation.get_language_info(code)["name_translated"]


def mailing(request, page_id, mailing_id):
    """How far a mailing has got: "n of N sent" with a progress bar.

    A small script asks for ``?format=json`` every few seconds and updates the bar; without
    JavaScript the page reloads itself every 5 seconds while sending (a ``<noscript>`` meta
    refresh), and the "check again" link does the same at once. "Start sending again" is
    offered only once nothing has been sent for ``MAILING_STALLED_AFTER``. A POST with
    ``action=restart`` queues the sending again after a failure (nothing already sent goes
    twice).
    """
    require_officer(request)
    survey = _survey(page_id)
    sending = get_object_or_404(SurveyMailing, pk=mailing_id, survey=survey)
    if request.method == "POST" and request.POST.get("action") == "restart":
        services.mailing_restart(mailing=sending, user=request.user)
        tasks.mailing_start(sending)
        messages.info(request, _("Sending started again. Nothing already sent goes twice."))
        return redirect("surveys_mailing", survey.pk, sending.pk)
    progress = mailing_progress(sending)
    if request.GET.get("format") == "json":
        return JsonResponse({key: progress[key] for key in (
            "sent", "total", "percent", "finished", "failure", "status", "summary")})
    stalled = (progress["status"] == "sending" and not progress["later_only"]
               and mailing_stalled(sending))
    return TemplateResponse(request, "surveys/admin/mailing.html", {
        "survey": survey, "mailing": sending, "progress": progress, "stalled": stalled,
        "by_language": [(_language_name(code), n)
                        for code, n in mailing_languages(sending).items()],
        "stalled_minutes": int(MAILING_STALLED_AFTER.total_seconds() // 60)})


# --- moderation -------------------------------------------------------------------------


def _form_values(comment: SurveyComment) -> dict:
    moderated = comment.moderation != Moderation.PENDING
    return {"decision": comment.moderation if moderated else "",
            "public_text": comment.public_text or comment.text,
            "reason": comment.moderation_reason, "errors": {}}


def _error_dict(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"decision": error.messages}


def comments(request, page_id):
    """Written answers, waiting ones first: approve, approve with words removed, or withhold.

    A refused decision is shown again with its messages beside the fields and the words the
    officer typed kept."""
    require_officer(request)
    survey = _survey(page_id)
    state = request.GET.get("state", "")
    if state not in Moderation.values:
        state = ""
    bound, status = None, 200
    if request.method == "POST":
        try:
            comment_id = uuid.UUID(request.POST.get("comment", ""))
        except ValueError:
            raise Http404("No such comment.") from None
        comment = get_object_or_404(SurveyComment, pk=comment_id, survey=survey)
        values = {"decision": request.POST.get("decision", ""),
                  "public_text": request.POST.get("public_text", ""),
                  "reason": request.POST.get("reason", "")}
        try:
            comment = services.comment_moderate(comment=comment, user=request.user, **values)
        except ValidationError as error:
            bound = {"comment": comment, **values, "errors": _error_dict(error)}
            status = 400
        else:
            taken_out = (comment.moderation == Moderation.REDACTED
                         and values["decision"] == Moderation.APPROVED)
            messages.success(request, " ".join([
                f"Comment {comment.pk}: {Moderation(comment.moderation).label.lower()}.",
                *(["Words removed earlier from this survey's write-up as personal details "
                   "were taken out of what is published."] if taken_out else []),
                "The decision is in the evidence log."]))
            return redirect(request.get_full_path())

    counts = dict(SurveyComment.objects.filter(survey=survey).values_list("moderation")
                  .annotate(n=Count("pk")).order_by())
    listed = (SurveyComment.objects.filter(survey=survey)
              .select_related("question", "moderated_by")
              .annotate(waiting=Case(When(moderation=Moderation.PENDING, then=Value(0)),
                                     default=Value(1), output_field=IntegerField()))
              .order_by("waiting", "pk"))
    if state:
        listed = listed.filter(moderation=state)
    page = Paginator(listed, COMMENTS_PER_PAGE).get_page(request.GET.get("p"))
    shown = list(page)
    if bound and bound["comment"].pk not in {c.pk for c in shown}:
        shown.insert(0, bound["comment"])
    for comment in shown:
        if bound and comment.pk == bound["comment"].pk:
            comment.form = {k: v for k, v in bound.items() if k != "comment"}
        else:
            comment.form = _form_values(comment)
    return TemplateResponse(request, "surveys/admin/comments.html", {
        "survey": survey,
        "comments": shown,
        "page": page,
        "state": state,
        "states": [(value, label, counts.get(value, 0)) for value, label in
                   Moderation.choices],
        "total": sum(counts.values()),
        "decisions": [(Moderation.APPROVED, "Approve as written"),
                      (Moderation.REDACTED, "Remove words, then publish"),
                      (Moderation.WITHHELD, "Do not publish")],
        "error_comment": bound["comment"].pk if bound else None,
    }, status=status)


# --- export -----------------------------------------------------------------------------


def responses_csv(request, page_id):
    """Every anonymous response as CSV: Export starts a file written in the background, and
    the officer watches it on its progress page, then downloads it (``exports``)."""
    require_officer(request)
    survey = _survey(page_id)
    return export_page(request, kind=RESPONSES_EXPORT, subject_id=survey.pk)
