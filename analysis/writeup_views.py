"""The forum area's pages for the analysis (``/forum/analysis/``, in every language): the
coding frame's review, the analysis page with the "What people told us" write-up (of a
consultation, or of a survey's comments: ``KINDS``), and the officers' exports.

Officers write and send; forum representatives see what was sent to them, comment and
agree (``analysis.writeup_permissions``). Thin views: the writes are in
``analysis.writeup_services``, the reads in ``analysis.writeup_selectors``. A form sent with
a mistake comes back with the words typed in it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis import writeup_selectors as reads
from analysis import writeup_services as writes
from analysis.models import CodingFrame, WriteUp
from analysis.services import THEME_WORDS, THEME_WORDS_TAKEN_OUT
from analysis.writeup_forms import (
    CommentForm,
    ConsentForm,
    ConsentWithdrawnForm,
    FrameCommentForm,
    PhrasesRemovalForm,
    RedactionForm,
    ResponseEraseForm,
    ThemeForm,
    WriteUpForm,
)
from analysis.writeup_permissions import can_export, can_review, can_see_analysis, can_see_frame
from charter.permissions import (
    can_use_forum_area,
    is_forum_rep,
    is_officer,
    role_required,
    take_kept_form,
)
from consultations.models import ConsultationPage, ConsultationResponse
from core.form_messages import error_summary
from surveys.models import SurveyComment, SurveyPage
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES


def _frame_page_path(request, frame_id, **_kwargs) -> str:
    return reverse("analysis_frame", args=[frame_id])


@dataclass(frozen=True)
class Analysed:
    """Where one kind of page's analysis lives: the page model and the prefix of its
    screens' URL names (``analysis_page`` and ``analysis_write_up_send`` for a
    consultation, ``analysis_survey_page``... for a survey's comments). The same views and
    template serve both; a survey has no consent to record or details to remove (its
    comments are quoted only in the words an officer approved for the public)."""

    model: type
    prefix: str
    quotes_by_consent: bool

    def url_name(self, screen: str) -> str:
        return f"{self.prefix}{screen}"

    def url(self, screen: str, page_id) -> str:
        return reverse(self.url_name(screen), args=[page_id])


KINDS = {"consultation": Analysed(ConsultationPage, "analysis_", quotes_by_consent=True),
         "survey": Analysed(SurveyPage, "analysis_survey_", quotes_by_consent=False)}
SCREENS = ("page", "write_up_generate", "write_up_edit", "write_up_send", "write_up_take_back",
           "write_up_comment", "write_up_agree", "write_up_reopen", "write_up_refresh",
           "write_up_remove_details")


def _analysis_page_path(request, page_id, kind="consultation", **_kwargs) -> str:
    return KINDS[kind].url("page", page_id)


forum_area = role_required(can_use_forum_area)
frame_form = role_required(can_use_forum_area, form_page=_frame_page_path)
analysis_form = role_required(can_use_forum_area, form_page=_analysis_page_path)


def _officer_only(user) -> None:
    if not is_officer(user):
        raise PermissionDenied


def _kept(request, url_name: str, key, prefix: str) -> dict | None:
    """What the person sent to ``url_name`` before their session ended (kept by
    ``role_required``), as a form's initial values without its prefix; None if nothing."""
    kept = take_kept_form(request, reverse(url_name, args=[key]))
    if kept is None:
        return None
    messages.info(request, _("You were signed out before your form was sent, so it has not "
                             "been sent yet. What you wrote is back in the form below: check it "
                             "and send it."))
    return {name.removeprefix(prefix + "-"): values[0] if values else ""
            for name, values in kept.items()}


def _put_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _words_kept(request, words: str, back: str) -> TemplateResponse:
    """A representative's typed words that could not be sent, because the review ended
    while they wrote (another representative agreed, the council took it back): shown
    back with a plain explanation, never lost (409)."""
    return TemplateResponse(request, "analysis/words_kept.html",
                            {"words": words, "back": back}, status=409)


# --- the list --------------------------------------------------------------------------------


def _analysis_url(page) -> str:
    return KINDS[reads.analysed_field(page)].url("page", page.pk)


@forum_area
def home(request):
    """Officers: every frame and every analysis (consultations' and surveys' comments').
    Representatives: those sent to the forum."""
    officer = is_officer(request.user)
    frames = (CodingFrame.objects.select_related("consultation", "survey").order_by("-pk")
              if officer else reads.frames_with_forum())
    write_ups = (WriteUp.objects.select_related("consultation", "survey").order_by("-pk")
                 if officer else reads.write_ups_with_forum())
    pages = {w.page for w in write_ups}
    if officer:  # also those with a frame and no write-up yet
        pages |= {f.page for f in frames}
    statuses = {w.page.pk: reads.review_status(w) for w in write_ups}
    analyses = [{"page": p, "url": _analysis_url(p), "status": statuses.get(p.pk)}
                for p in sorted(pages, key=lambda p: -p.pk)]
    return TemplateResponse(request, "analysis/forum_home.html", {
        "frames": frames, "analyses": analyses, "is_officer": officer,
    })


# --- the frame -------------------------------------------------------------------------------


def _frame(request, frame_id) -> CodingFrame:
    # A consultation's frame or a survey's comments' frame: the same review.
    frame = get_object_or_404(CodingFrame.objects.select_related("consultation", "survey"),
                              pk=frame_id)
    if not can_see_frame(request.user, frame):
        raise Http404
    return frame


def _frame_page(request, frame, *, theme_form=None, editing=None, comment_form=None,
                status=200):
    officer = is_officer(request.user)
    themes = list(frame.themes.prefetch_related("examples"))
    if editing is None and request.GET.get("edit", "").isdigit():
        editing = next((t for t in themes if t.pk == int(request.GET["edit"])), None)
    if theme_form is None and officer and frame.status == CodingFrame.Status.DRAFT:
        initial = {}
        if editing is not None:
            initial = {"name": editing.name, "description": editing.description,
                       "examples": "\n".join(e.text for e in editing.examples.all())}
        theme_form = ThemeForm(initial=initial)
    for theme in themes:
        # Words the small-number check flagged that an officer kept, and why (the forum
        # sees that they were kept).
        theme.kept_words = [{**k, "on": parse_datetime(k.get("at") or "")}
                            for k in (theme.kept("name"), theme.kept("description")) if k]
    reviewing = can_review(request.user, frame)
    if comment_form is None and reviewing:
        comment_form = FrameCommentForm(frame=frame)
    errors = error_summary(theme_form) if theme_form is not None and theme_form.is_bound else []
    if comment_form is not None and comment_form.is_bound:
        errors += error_summary(comment_form, {"proposal": "id_proposal-proposal_0"})
    return TemplateResponse(request, "analysis/forum_frame.html", {
        "frame": frame, "themes": themes, "question": reads.question_text(frame),
        "comments": reads.forum_comments_shown(frame.comments.select_related("theme"),
                                               officer=officer),
        "steps": frame.review_steps.all(), "is_officer": officer, "reviewing": reviewing,
        "last_sent": reads.last_sent(frame) if reviewing else None,
        "theme_form": theme_form, "editing": editing, "comment_form": comment_form,
        "error_rows": errors, "flagged": reads.flags_shown(frame),
    }, status=status)


@forum_area
def frame(request, frame_id):
    frame = _frame(request, frame_id)
    forms = {}
    if is_officer(request.user) and frame.status == CodingFrame.Status.DRAFT:
        kept = _kept(request, "analysis_frame_theme", frame.pk, ThemeForm.prefix)
        if kept is not None:
            forms["theme_form"] = ThemeForm(initial=kept)
    if can_review(request.user, frame):
        kept = _kept(request, "analysis_frame_comment", frame.pk, FrameCommentForm.prefix)
        if kept is not None:
            forms["comment_form"] = FrameCommentForm(initial=kept, frame=frame)
    return _frame_page(request, frame, **forms)


@require_POST
@frame_form
def frame_theme(request, frame_id):
    """Add a theme (or change the one named by ``theme_id``) on a draft frame."""
    _officer_only(request.user)
    frame = _frame(request, frame_id)
    editing = None
    if request.POST.get("theme_id", "").isdigit():
        editing = get_object_or_404(frame.themes, pk=int(request.POST["theme_id"]))
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            saved = writes.theme_save(frame=frame, user=request.user, theme=editing,
                                      name=form.cleaned_data["name"],
                                      description=form.cleaned_data["description"],
                                      examples=form.example_lines(),
                                      keep=form.cleaned_data["keep"],
                                      keep_reason=form.cleaned_data["keep_reason"])
        except ValidationError as error:
            _put_errors(form, error)
            # Words the small-number check flagged: the form offers to keep them anyway.
            form.asks_keep = flagged_words(error)
        else:
            messages.success(request, _("The theme is saved."))
            if saved.taken_out_again:
                messages.info(request, THEME_WORDS_TAKEN_OUT)
            return redirect("analysis_frame", frame.pk)
    return _frame_page(request, frame, theme_form=form, editing=editing, status=400)


def flagged_words(error: ValidationError) -> bool:
    """Whether ``error`` refuses theme words the small-number check flagged
    (``services.THEME_WORDS``): then the officer may keep them anyway, with a reason."""
    return hasattr(error, "error_dict") and any(
        e.code == THEME_WORDS for errors in error.error_dict.values() for e in errors)


def _frame_step(request, frame_id, step, done: str):
    frame = _frame(request, frame_id)
    try:
        step(frame=frame, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("analysis_frame", frame.pk)


@require_POST
@forum_area
def frame_send(request, frame_id):
    _officer_only(request.user)
    return _frame_step(request, frame_id, writes.frame_send,
                       _("The frame is with the forum now."))


@require_POST
@forum_area
def frame_take_back(request, frame_id):
    _officer_only(request.user)
    return _frame_step(request, frame_id, writes.frame_take_back,
                       _("The frame is a draft again: change it, then send it again."))


def _frame_words_kept(request, frame_id):
    """The proposal typed, shown back, when the frame is no longer with the forum; None if
    nothing was typed or the person is not a representative."""
    words = request.POST.get(f"{FrameCommentForm.prefix}-text", "")
    frame = CodingFrame.objects.filter(pk=frame_id).first()
    if frame is None or not words.strip() or not is_forum_rep(request.user) or can_review(
            request.user, frame):
        return None
    back = (reverse("analysis_frame", args=[frame.pk]) if can_see_frame(request.user, frame)
            else reverse("analysis_home"))
    return _words_kept(request, words, back)


def _sent(request) -> int | None:
    """The sending a representative's page showed (the form's "sent": ``reads.last_sent``
    when the page was made), or None when the form carries none."""
    try:
        return int(request.POST["sent"])
    except (KeyError, ValueError):
        return None


def _another_sending(request, reviewed) -> bool:
    """Whether the representative's page showed an earlier sending of ``reviewed`` (a frame
    or a write-up) than its last: it was taken back, changed and sent again since. A form
    without the sending it showed (the field taken out) counts as earlier: what was read is
    not known (review r15q, F5)."""
    sent = _sent(request)
    return sent is None or sent != reads.last_sent(reviewed)


def _version_changed(form):
    """``form`` (bound to the words typed) shown back with only the reason nothing was
    agreed (``writes.VERSION_CHANGED_AGREE``), not its own field errors."""
    form.is_valid()
    form.errors.clear()
    form.add_error(None, writes.VERSION_CHANGED_AGREE)
    return form


@require_POST
@frame_form
def frame_agree(request, frame_id):
    """The forum agrees the frame; a proposal typed in the form is sent with the agreement
    first (or the page comes back with it when it is not complete)."""
    kept = _frame_words_kept(request, frame_id)
    if kept is not None:
        return kept
    frame = _frame(request, frame_id)
    if can_review(request.user, frame) and _another_sending(request, frame):
        # Taken back and sent again since the page was read: nothing is agreed or sent; the
        # page comes back as it is now, with the proposal typed still in its form.
        form = _version_changed(FrameCommentForm(request.POST, frame=frame))
        return _frame_page(request, frame, comment_form=form, status=409)
    sent = ""
    if can_review(request.user, frame) and request.POST.get(
            f"{FrameCommentForm.prefix}-text", "").strip():
        form = FrameCommentForm(request.POST, frame=frame)
        if not form.is_valid():
            form.add_error(None, _("Nothing was agreed yet: finish your proposal, or empty "
                                   "it, then press “Agree the themes” again."))
            return _frame_page(request, frame, comment_form=form, status=400)
        try:
            writes.frame_comment(frame=frame, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
            return _frame_page(request, frame, comment_form=form, status=400)
        sent = _("Your proposal is sent to the council.") + " "
    try:
        writes.frame_agree(frame=frame, user=request.user, sent=_sent(request))
    except ValidationError as error:
        messages.error(request, sent + " ".join(error.messages))
    else:
        messages.success(request, sent + _("You agreed the frame. Coding against it now "
                                           "counts."))
    return redirect("analysis_frame", frame.pk)


@require_POST
@frame_form
def frame_comment(request, frame_id):
    kept = _frame_words_kept(request, frame_id)
    if kept is not None:
        return kept
    frame = _frame(request, frame_id)
    if not can_review(request.user, frame):
        raise PermissionDenied
    form = FrameCommentForm(request.POST, frame=frame)
    if form.is_valid():
        try:
            writes.frame_comment(frame=frame, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("Your proposal is sent to the council."))
            return redirect("analysis_frame", frame.pk)
    return _frame_page(request, frame, comment_form=form, status=400)


# --- the analysis and the write-up -----------------------------------------------------------
#
# One set of views for a consultation's analysis and a survey's comments' analysis: ``kind``
# (from the URL) names which (``KINDS``), ``page_id`` the page.


def _analysed(request, page_id, kind):
    """The page (consultation or survey) and its write-up, or 404 for someone who may not
    see the analysis yet (``can_see_analysis``)."""
    page = get_object_or_404(KINDS[kind].model, pk=page_id)
    write_up = reads.write_up_of(page)
    if not can_see_analysis(request.user, write_up):
        raise Http404
    return page, write_up


def _analysis_page(request, page, write_up, kind, *, forms=None, status=200):
    officer = is_officer(request.user)
    analysed = KINDS[kind]
    forms = forms or {}
    frames = reads.frames_of(page)
    analyses = [reads.frame_analysis(f) for f in frames]
    status_now = write_up.status if write_up is not None else None
    new_round = write_up is not None and reads.review_status(write_up) == reads.NEW_ROUND
    # A representative reads a write-up sent back for a new round as the forum agreed it:
    # the council's new draft reaches them only when it is sent.
    showing_agreed = status_now == WriteUp.Status.AGREED or (new_round and not officer)
    agreed = write_up.agreed if showing_agreed else {}
    if showing_agreed:
        # The agreed pages show the counts the forum agreed, not today's coding.
        tables = {t["frame"]: t for t in agreed.get("counts", [])}
        for a in analyses:
            a.agreed_table = tables.get(a.frame.pk)
    findings = list(write_up.findings.select_related("theme")) if write_up else []
    shown_text = write_up.text if write_up else ""
    # Words removed as personal details read as a notice until written again.
    text_removed_on = (write_up.words_removed_on
                       if write_up is not None and not shown_text.strip() else None)
    shown_findings = findings
    if showing_agreed and agreed:
        # The version the forum agreed, as the public reads it now: quotes of answers no
        # longer cleared are taken out of every agreed view.
        public = reads.agreed_for_public(write_up)
        shown_text = public.get("text", "")
        text_removed_on = public.get("removed_on")
        shown_findings = [reads.AgreedFinding(f["text"], reads.AgreedTheme(
            f["theme"], f["code"], f["name"], f.get("description", "")),
            reads.AgreedWriteUp(shown_text, text_removed_on), f["withdrawn"],
            f.get("removed_on")) for f in public.get("findings", [])]
    kept = write_up.agreed if new_round else {}
    changes = (reads.coding_changes(write_up)
               if status_now == WriteUp.Status.AGREED else None)
    stale = (reads.counts_changes(write_up)
             if status_now == WriteUp.Status.WITH_FORUM or (
                 status_now == WriteUp.Status.DRAFT and officer) else None)
    if not officer and (status_now == WriteUp.Status.WITH_FORUM or changes is not None):
        # A representative is shown counts made live from the coding only as the public
        # would be given them, held against every table shown before (to the forum or the
        # public), and kept as shown: never today's counts themselves, which they could set
        # beside the published table or an earlier view and subtract.
        shown = writes.forum_counts_shown(write_up=write_up)
        tables = {t["frame"]: t for t in shown}
        for a in analyses:
            a.forum_table = tables.get(a.frame.pk)
        changes = reads.forum_changes(changes, agreed.get("counts", []), shown)
        stale = reads.forum_changes(stale, writes.sent_counts(write_up), shown)
    for a in analyses:
        # Answers not coded yet are said plainly, to the officer before sending and to the
        # forum reading what was sent, against the figures this reader is shown.
        if getattr(a, "forum_table", None):
            a.not_counted = reads.not_counted(
                a.frame, a.forum_table.get("base"),
                kept=bool(a.forum_table.get("not_updated")),
                minimum=a.forum_table.get("minimum") or DEFAULT_MINIMUM_RESPONSES)
        elif not showing_agreed:
            a.not_counted = reads.not_counted(
                a.frame, None if a.table.base.hidden else a.table.base.count)
        else:
            a.not_counted = None
        # Each theme's count as this reader is shown it ("Nobody raised this theme").
        shown_counts = {t["theme"]: t["count"] for t in (
            getattr(a, "forum_table", None) or {}).get("themes", [])}
        for v in a.themes:
            v.shown_count = (shown_counts.get(v.theme.pk) if getattr(a, "forum_table", None)
                             else v.total.count)
    context = {
        "agreed": agreed, "agreed_at": parse_datetime(agreed.get("at") or "") if agreed else None,
        "changes": changes, "stale": stale,
        "new_round": new_round,
        "new_round_agreed_at": parse_datetime(kept.get("at") or "") if kept else None,
        "shown_text": shown_text, "shown_findings": shown_findings,
        "text_removed_on": text_removed_on,
        # Live theme names, quotes and coded counts are the council's working copy: a
        # representative reading an agreed version sees only what the forum agreed.
        "live_themes": officer or not showing_agreed,
        "page": page, "kind": kind, "write_up": write_up, "analyses": analyses,
        "findings": findings, "is_officer": officer,
        "urls": {screen: analysed.url(screen, page.pk) for screen in SCREENS},
        "quotes_by_consent": analysed.quotes_by_consent,
        "all_agreed": bool(frames) and all(f.status == CodingFrame.Status.AGREED
                                           for f in frames),
        "reviewing": can_review(request.user, write_up),
        "comments": reads.forum_comments_shown(write_up.comments.all() if write_up else [],
                                               officer=officer),
        "steps": write_up.review_steps.all() if write_up else [],
        "last_sent": reads.last_sent(write_up) if write_up else None,
        "uncoded": sum(a.not_counted["uncoded"] for a in analyses if a.not_counted),
    }
    if officer:
        if analysed.quotes_by_consent:
            context["consent_form"] = forms.get("consent") or ConsentForm()
            context["withdrawn_form"] = forms.get("withdrawn") or ConsentWithdrawnForm()
            context["erase_form"] = forms.get("erase") or ResponseEraseForm()
        elif kind == "survey":
            context["erase_form"] = forms.get("erase") or ResponseEraseForm(kind=kind)
            context["redaction_form"] = forms.get("redact")
        if write_up is not None:
            context["removal_form"] = forms.get("remove") or PhrasesRemovalForm(
                flagged=reads.flagged_phrases(write_up))
        if write_up and write_up.status == WriteUp.Status.DRAFT:
            context["write_up_form"] = forms.get("writeup") or WriteUpForm(
                initial={"text": write_up.text, "revision": write_up.revision},
                findings=findings, text_withdrawn=write_up.text_withdrawn_deleted)
            context["recount_flags"] = reads.recount_flags(write_up, findings)
            context["public_figures"] = reads.public_figures(write_up)
    if context["reviewing"]:
        context["comment_form"] = forms.get("comment") or CommentForm()
    context["error_rows"] = [row for form in forms.values() for row in error_summary(form)]
    return TemplateResponse(request, "analysis/writeup.html", context, status=status)


@forum_area
def analysis(request, page_id, kind):
    """The analysis of a consultation's, or a survey's comments', written answers and its
    "What people told us" write-up."""
    page, write_up = _analysed(request, page_id, kind)
    analysed = KINDS[kind]
    forms = {}
    if is_officer(request.user):
        if analysed.quotes_by_consent:
            kept = _kept(request, "analysis_consent", page.pk, ConsentForm.prefix)
            if kept is not None:
                forms["consent"] = ConsentForm(initial=kept)
        if write_up is not None and write_up.status == WriteUp.Status.DRAFT:
            kept = _kept(request, analysed.url_name("write_up_edit"), page.pk,
                         WriteUpForm.prefix)
            if kept is not None:
                forms["writeup"] = WriteUpForm(
                    initial=kept, findings=list(write_up.findings.select_related("theme")),
                    text_withdrawn=write_up.text_withdrawn_deleted)
    if can_review(request.user, write_up):
        kept = _kept(request, analysed.url_name("write_up_comment"), page.pk,
                     CommentForm.prefix)
        if kept is not None:
            forms["comment"] = CommentForm(initial=kept)
    return _analysis_page(request, page, write_up, kind, forms=forms)


def _back(page, kind):
    return redirect(KINDS[kind].url("page", page.pk))


def round_step(view):
    """A step of a round with the forum (send, agree, comment, send back...), answered on
    POST. Its address opened in the browser (a bookmark, a link kept from a round since sent
    back) goes to the write-up as it is now, 302, for whoever may see the analysis, rather
    than an error page: the round it named may be over."""

    @wraps(view)
    def step(request, page_id, kind):
        if request.method in ("GET", "HEAD"):
            page, _write_up = _analysed(request, page_id, kind)
            return redirect(KINDS[kind].url("page", page.pk) + "#write-up")
        if request.method != "POST":
            return HttpResponseNotAllowed(["GET", "POST"])
        return view(request, page_id, kind)

    return step


def _write_up_step(request, page_id, kind, step, done: str):
    page, write_up = _analysed(request, page_id, kind)
    if write_up is None:
        raise Http404
    try:
        step(write_up=write_up, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _back(page, kind)


@forum_area
@round_step
def write_up_generate(request, page_id, kind):
    _officer_only(request.user)
    page, write_up = _analysed(request, page_id, kind)
    if write_up is not None and write_up.generated_at and not request.POST.get(
            f"{WriteUpForm.prefix}-replace"):
        # A draft is written already (a page opened before it was): its words are replaced
        # only from the draft's own form, where the officer ticks that they may be.
        messages.error(request, _("A draft is written already, and nothing was replaced. "
                                  "To write it again from the themes, tick “Replace my words "
                                  "with a new draft from the themes” below it."))
        return _back(page, kind)
    try:
        writes.write_up_generate(user=request.user, **{reads.analysed_field(page): page})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft is written from the confirmed themes. Read it "
                                    "and put it in your own words."))
    return _back(page, kind)


@analysis_form
@round_step
def write_up_edit(request, page_id, kind):
    _officer_only(request.user)
    page, write_up = _analysed(request, page_id, kind)
    if write_up is None:
        raise Http404
    findings = list(write_up.findings.select_related("theme"))
    form = WriteUpForm(request.POST, findings=findings,
                       text_withdrawn=write_up.text_withdrawn_deleted)
    if not form.is_valid():
        return _analysis_page(request, page, write_up, kind, forms={"writeup": form},
                              status=400)
    then = form.cleaned_data["then"]
    if then == "redraft":
        return _redraft(request, page, write_up, kind, form)
    try:
        saved = writes.write_up_edit(write_up=write_up, user=request.user,
                                     text=form.cleaned_data["text"], findings=form.findings(),
                                     checked=form.cleaned_data["checked"],
                                     reason=form.cleaned_data["reason"],
                                     revision=form.cleaned_data["revision"])
    except ValidationError as error:
        if getattr(error, "code", None) == writes.STALE_FORM:
            return _stale_form(request, page, kind, form, error)
        _put_errors(form, error)
        return _analysis_page(request, page, write_up, kind, forms={"writeup": form},
                              status=400)
    again = saved.taken_out_again
    if again["details"]:
        messages.info(request, _("Words removed from this write-up as personal details were "
                                 "in what you saved, and were taken out again: they read "
                                 "“[personal details removed]”."))
    if again["quotes"]:
        messages.info(request, _("Quotes of an answer that was deleted were in what you "
                                 "saved, and were taken out again."))
    if then in ("send", "refresh"):
        # The words are saved; then the step the button names.
        step, done = ((writes.write_up_send, _("Your words are saved, and the analysis and "
                                               "the draft are with the forum now."))
                      if then == "send" else
                      (writes.write_up_refresh_counts,
                       _("Your words are saved and the counts are refreshed. Check the numbers "
                         "in the sentences listed above the draft, then send it.")))
        try:
            step(write_up=write_up, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join([str(_("Your words are saved.")),
                                              *error.messages]))
        else:
            messages.success(request, done)
        return _back(page, kind)
    messages.success(request, _("The draft is saved."))
    return _back(page, kind)


def _stale_form(request, page, kind, form, error: ValidationError) -> TemplateResponse:
    """The draft changed after the officer opened the form (``writeup_services.STALE_FORM``):
    nothing was saved; what they typed is shown back, with why, never lost (409). Words
    removed from the draft as personal details (perhaps just now, from another page) are
    not shown back: they read "[personal details removed]", and the page says so (review
    bk15h, F6)."""
    typed = form.typed()
    words, removed = reads.removed_from_write_up_texts(
        reads.write_up_of(page), [w for _label, w in typed])
    return TemplateResponse(request, "analysis/writeup_stale_form.html", {
        "page": page, "why": " ".join(error.messages),
        "typed": [(label, w) for (label, _w), w in zip(typed, words, strict=True)],
        "removed": _("Words removed from this write-up as personal details are not shown "
                     "here: they read “[personal details removed]”.") if removed else "",
        "back": KINDS[kind].url("page", page.pk) + "#write-up"}, status=409)


def _redraft(request, page, write_up, kind, form):
    """Write the draft again from the themes, over the words in the form only when the
    officer ticked that they may be replaced; otherwise the page again with their words."""
    if not form.cleaned_data["replace"]:
        form.add_error("replace", _("Your words are not saved yet and nothing was replaced. "
                                    "Writing the draft again replaces the introduction and "
                                    "every finding: tick this box to do so, or press “Save "
                                    "the draft” to keep your words."))
        return _analysis_page(request, page, write_up, kind, forms={"writeup": form},
                              status=400)
    try:
        writes.write_up_generate(user=request.user, **{reads.analysed_field(page): page})
    except ValidationError as error:
        _put_errors(form, error)
        return _analysis_page(request, page, write_up, kind, forms={"writeup": form},
                              status=400)
    messages.success(request, _("The draft is written again from the confirmed themes. Read "
                                "it and put it in your own words."))
    return _back(page, kind)


@forum_area
@round_step
def write_up_send(request, page_id, kind):
    _officer_only(request.user)
    return _write_up_step(request, page_id, kind, writes.write_up_send,
                          _("The analysis and the draft are with the forum now."))


@forum_area
@round_step
def write_up_reopen(request, page_id, kind):
    """Coding changed since the forum agreed the write-up: a new round with the forum."""
    _officer_only(request.user)
    return _write_up_step(request, page_id, kind, writes.write_up_reopen,
                          _("A new round has started: write the draft again from the themes "
                            "and send it to the forum. The public keeps the agreed version "
                            "until the forum agrees the new one."))


@forum_area
@round_step
def write_up_refresh(request, page_id, kind):
    """Take a draft's counts again from the confirmed coding, keeping the officer's words."""
    _officer_only(request.user)
    return _write_up_step(request, page_id, kind, writes.write_up_refresh_counts,
                          _("The counts are refreshed and your words are kept. Check the "
                            "numbers in the sentences listed above the draft, then send it."))


@forum_area
@round_step
def write_up_take_back(request, page_id, kind):
    _officer_only(request.user)
    return _write_up_step(request, page_id, kind, writes.write_up_take_back,
                          _("The write-up is a draft again."))


def _comment_words_kept(request, page_id, kind):
    """The comment typed, shown back, when the write-up is no longer with the forum; None if
    nothing was typed or the person is not a representative."""
    words = request.POST.get(f"{CommentForm.prefix}-text", "")
    page = get_object_or_404(KINDS[kind].model, pk=page_id)
    write_up = reads.write_up_of(page)
    if not words.strip() or not is_forum_rep(request.user) or can_review(request.user,
                                                                         write_up):
        return None
    back = (KINDS[kind].url("page", page.pk) if can_see_analysis(request.user, write_up)
            else reverse("analysis_home"))
    return _words_kept(request, words, back)


@analysis_form
@round_step
def write_up_agree(request, page_id, kind):
    """The forum agrees the analysis; a comment typed in the form is sent first."""
    kept = _comment_words_kept(request, page_id, kind)
    if kept is not None:
        return kept
    page, write_up = _analysed(request, page_id, kind)
    if write_up is None:
        raise Http404
    if can_review(request.user, write_up) and _another_sending(request, write_up):
        return _analysis_page(request, page, write_up, kind,
                              forms={"comment": _version_changed(CommentForm(request.POST))},
                              status=409)
    sent = ""
    words = request.POST.get(f"{CommentForm.prefix}-text", "")
    if words.strip() and can_review(request.user, write_up):
        writes.write_up_comment(write_up=write_up, user=request.user, text=words)
        sent = _("Your comment is sent to the council.") + " "
    done = (_("You agreed the analysis. The council may publish the results.")
            if kind == "survey" else
            _("You agreed the analysis. The council may publish the outcome."))
    try:
        writes.write_up_agree(write_up=write_up, user=request.user, sent=_sent(request))
    except ValidationError as error:
        messages.error(request, sent + " ".join(error.messages))
    else:
        messages.success(request, sent + done)
    return _back(page, kind)


@analysis_form
@round_step
def write_up_comment(request, page_id, kind):
    kept = _comment_words_kept(request, page_id, kind)
    if kept is not None:
        return kept
    page, write_up = _analysed(request, page_id, kind)
    if not can_review(request.user, write_up):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            writes.write_up_comment(write_up=write_up, user=request.user,
                                    text=form.cleaned_data["text"])
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _("Your comment is sent to the council."))
            return _back(page, kind)
    return _analysis_page(request, page, write_up, kind, forms={"comment": form}, status=400)


@require_POST
@analysis_form
def write_up_remove_details(request, page_id, kind):
    """Remove chosen personal details (typed, or picked from the flagged phrases) from every
    copy of the write-up and its themes, with a reason. Every word of it: the charter's
    removal route, linked beside the form."""
    _officer_only(request.user)
    page, write_up = _analysed(request, page_id, kind)
    if write_up is None:
        raise Http404
    form = PhrasesRemovalForm(request.POST, flagged=reads.flagged_phrases(write_up))
    if form.is_valid():
        try:
            entry = writes.write_up_phrases_remove(write_up=write_up, user=request.user,
                                                   phrases=form.phrases(),
                                                   reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _put_errors(form, error)
        else:
            messages.success(request, _(
                "Those words are removed from every copy of the write-up and its themes: "
                "each now reads “[personal details removed]”. The removal is entry "
                "%(sequence)s of the evidence log.") % {"sequence": entry.sequence})
            return _back(page, kind)
    return _analysis_page(request, page, write_up, kind, forms={"remove": form},
                          status=400)


@require_POST
@analysis_form
def redact(request, page_id, kind="consultation"):
    """Remove personal details from one quoted answer of a consultation, with a reason."""
    _officer_only(request.user)
    consultation, write_up = _analysed(request, page_id, kind)
    form = RedactionForm(request.POST)
    if form.is_valid():
        frame = get_object_or_404(CodingFrame, pk=form.cleaned_data["frame"],
                                  consultation=consultation)
        response = get_object_or_404(ConsultationResponse, pk=form.cleaned_data["response"],
                                     consultation=consultation)
        try:
            writes.redaction_add(response=response, question_id=frame.question_id,
                                 words=form.cleaned_data["words"],
                                 reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as error:
            _put_errors(form, error)
        else:
            # Only the forms the matching knows go (``writeup.redact``): the officer reads
            # the quote on the page and removes any other form it still shows.
            messages.success(request, _(
                "Those words are removed wherever this answer is quoted. If the quote below "
                "still shows another form of them (a name with another ending, say), remove "
                "that form too."))
            return _back(consultation, kind)
    return _analysis_page(request, consultation, write_up, kind, forms={"redact": form},
                          status=400)


def _response_named(consultation, form):
    """The response to ``consultation`` whose reference the valid ``form`` names, or None
    with the error on the form's reference field."""
    reference = form.cleaned_data["reference"].strip().upper()
    response = ConsultationResponse.objects.filter(consultation=consultation,
                                                   reference=reference).first()
    if response is None:
        form.add_error("reference", _("No response to this consultation has that reference."))
    return response


def _comment_named(survey, form):
    """The comment of ``survey`` whose key (its first 8 characters, ``short_id``, as the
    officer's screens show it) the valid ``form`` names, or None with the error on the
    form's reference field."""
    key = form.cleaned_data["reference"].strip().lower()
    found = (list(SurveyComment.objects.filter(survey=survey, pk__startswith=key)[:2])
             if len(key) == 8 and all(c in "0123456789abcdef" for c in key) else [])
    if len(found) != 1:
        form.add_error("reference", _("No comment on this survey has that key."))
        return None
    return found[0]


@require_POST
@analysis_form
def consent(request, page_id, kind="consultation"):
    """Record that a respondent (named by their response's reference) agreed to be quoted."""
    _officer_only(request.user)
    consultation, write_up = _analysed(request, page_id, kind)
    form = ConsentForm(request.POST)
    if form.is_valid():
        response = _response_named(consultation, form)
        if response is not None:
            writes.consent_record(response=response, user=request.user,
                                  how=form.cleaned_data["how"])
            messages.success(request, _("Recorded: this respondent's words may be quoted."))
            return _back(consultation, kind)
    return _analysis_page(request, consultation, write_up, kind, forms={"consent": form},
                          status=400)


@require_POST
@analysis_form
def consent_withdrawn(request, page_id, kind="consultation"):
    """Record that a respondent (named by their response's reference) withdrew their consent
    to be quoted: their quotes are withdrawn wherever the write-up is shown."""
    _officer_only(request.user)
    consultation, write_up = _analysed(request, page_id, kind)
    form = ConsentWithdrawnForm(request.POST)
    if form.is_valid():
        response = _response_named(consultation, form)
        if response is not None:
            try:
                writes.consent_withdraw(response=response, user=request.user,
                                        how=form.cleaned_data["how"])
            except ValidationError as error:
                _put_errors(form, error)
            else:
                messages.success(request, _("Recorded: this respondent's words are no longer "
                                            "quoted, and their quotes are taken out of the "
                                            "write-up wherever it is shown."))
                return _back(consultation, kind)
    return _analysis_page(request, consultation, write_up, kind, forms={"withdrawn": form},
                          status=400)


@require_POST
@analysis_form
def response_erase(request, page_id, kind="consultation"):
    """Delete a response at the respondent's request, with its coding and every quote of it:
    a consultation's named by its reference (``writeup_services.response_erase``), a
    survey's by the key of one of its comments (``writeup_services.survey_response_erase``).
    """
    _officer_only(request.user)
    consultation, write_up = _analysed(request, page_id, kind)
    form = ResponseEraseForm(request.POST, kind=kind)
    if form.is_valid():
        response = (_comment_named(consultation, form) if kind == "survey"
                    else _response_named(consultation, form))
        if response is not None:
            try:
                if kind == "survey":
                    entry = writes.survey_response_erase(comment=response, user=request.user,
                                                         how=form.cleaned_data["how"])
                else:
                    entry = writes.response_erase(response=response, user=request.user,
                                                  how=form.cleaned_data["how"])
            except ValidationError as error:
                _put_errors(form, error)
            else:
                messages.success(request, _(
                    "The response is deleted, with its coding, and its words are no longer "
                    "quoted anywhere. The deletion is entry %(sequence)s of the evidence log, "
                    "without its words.") % {"sequence": entry.sequence})
                return _back(consultation, kind)
    return _analysis_page(request, consultation, write_up, kind, forms={"erase": form},
                          status=400)


# --- exports ---------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose ``write`` hands back the line (Django's streaming CSV)."""

    def write(self, value):
        return value


def _export_frame(request, frame_id) -> CodingFrame:
    if not can_export(request.user):
        raise PermissionDenied
    return get_object_or_404(CodingFrame.objects.select_related("consultation", "survey"),
                             pk=frame_id)


def _filename(frame: CodingFrame, what: str) -> str:
    page = frame.consultation or frame.survey
    return f"{slugify(page.title)[:50] or 'analysis'}-{what}.csv"


@forum_area
def coded_csv(request, frame_id):
    """Every written answer to the frame's question with its confirmed themes, streamed."""
    frame = _export_frame(request, frame_id)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse((writer.writerow(row) for row in reads.coded_rows(frame)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(frame, "coded")}"'
    response["Cache-Control"] = "no-store"
    return response


@forum_area
def themes_csv(request, frame_id):
    """The theme table (counts, shares, intervals; hidden counts stay hidden)."""
    frame = _export_frame(request, frame_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(frame, "themes")}"'
    response["Cache-Control"] = "no-store"
    csv.writer(response).writerows(reads.theme_rows(frame))
    return response
