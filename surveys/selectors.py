"""Reads for the public survey pages and the home page, each a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale

from core.numbers import count
from outbox import selectors as outbox_selectors
from outbox import services as outbox
from outbox.models import SentEmail
from portal.hooks import JobAttention
from surveys import no_more_emails, scales, statistics
from surveys.models.actions import SurveyAction
from surveys.models.audiences import SurveyAudience
from surveys.models.invitations import SurveyInvitation, SurveyStoppedAddress, SurveyUsedCode
from surveys.models.mailings import SurveyMailing
from surveys.models.placements import SurveyPlacement, group_by_step
from surveys.models.responses import (
    SurveyAnswer,
    SurveyComment,
    SurveyResponse,
    SurveyResultsShown,
)
from surveys.results import figures_now_of

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from surveys.models.pages import SurveyPage

# What a list of surveys shows: enough for the title, status, dates and both URLs.
LISTING_FIELDS = ("id", "title", "year", "intro", "opens", "closes", "results_published",
                  "url_path", "path", "depth", "locale_id", "slug", "alias_of_id")


def _live(surveys: QuerySet[SurveyPage]) -> QuerySet[SurveyPage]:
    return surveys.live().public().only(*LISTING_FIELDS)


def surveys_for_index(surveys: QuerySet[SurveyPage]) -> list[SurveyPage]:
    """The live public surveys of ``surveys`` (the index page gives its children), newest
    year first (one query).

    Each page's ``status`` and ``status_label`` come from its dates, so they cost nothing.
    """
    return list(_live(surveys).order_by("-year", "-opens", "-id"))


def open_surveys(surveys: QuerySet[SurveyPage], locale_id: int) -> list[SurveyPage]:
    """Those of ``surveys`` taking answers now in a language, soonest closing first (one
    query)."""
    now = timezone.now()
    # Open until the end of the closing minute (portal.closing).
    return list(_live(surveys).filter(locale_id=locale_id, opens__lte=now,
                                      closes__gt=now - dt.timedelta(minutes=1))
                .order_by("closes", "id"))


def survey_of_record(survey: SurveyPage) -> SurveyPage:
    """The survey that answers and invitation codes belong to.

    A reader in another language answers an alias or a translation of the survey; their
    answers and codes belong with the original, or one year's results would be split by
    language and a code sent in English would be unknown on the Polish page.
    """
    pages = type(survey).objects
    if survey.alias_of_id:
        original = pages.filter(pk=survey.alias_of_id).first()
        return original or survey
    default = Locale.get_default()
    if survey.locale_id == default.pk:
        return survey
    original = pages.filter(translation_key=survey.translation_key,
                            locale=default, alias_of__isnull=True).first()
    return original or survey


def survey_steps(survey: SurveyPage) -> list[list[SurveyPlacement]]:
    """The survey's questions grouped into its pages, in order, questions loaded (one query).

    The same grouping as ``SurveyPage.steps()``, without a query per question.
    """
    return group_by_step(SurveyPlacement.objects.filter(page=survey).select_related("question")
                         .order_by("step", "sort_order", "pk"))


# --- the officers' panels -------------------------------------------------------------


def responses_answering(question) -> int:
    """How many responses answered a question (a multiple choice counts once per response)."""
    if not question.pk:
        return 0
    return (question.answers.order_by().values("response_id")
            .union(question.comments.order_by().values("response_id")).count())


def invitation_counts(survey) -> dict[str, int]:
    """Invited, codes used, and addresses still held, in one query."""
    # A code's use is only in the used-code store (by its hash), never on the invitation.
    used = Q(code_hash__in=SurveyUsedCode.objects.filter(survey_id=survey.pk)
             .values("code_hash"))
    # Aliases must not be field names, so they carry a prefix until returned.
    counts = survey.invitations.aggregate(
        n_invited=Count("pk"), n_used=Count("pk", filter=used),
        n_held=Count("pk", filter=~Q(email="")),
        n_waiting=Count("pk", filter=~used & ~Q(email="")))
    return {key.removeprefix("n_"): value or 0 for key, value in counts.items()}


def invitation_address_gone(invitation_id: int) -> bool:
    """Whether invitation ``invitation_id`` holds no address now (its "no more e-mails" was
    done, or the survey's addresses were deleted; or there is no such invitation): nothing
    more can be sent to it. One query."""
    return not SurveyInvitation.objects.filter(pk=invitation_id).exclude(email="").exists()


def asked_no_more(survey_id: int, emails) -> set[str]:
    """Those of ``emails`` (as ``no_more_emails.normalised`` writes them) that asked for no
    more e-mails about survey ``survey_id`` (``SurveyStoppedAddress``): never invited to it
    again, and sent nothing more. One query, none for no addresses."""
    emails = list(emails)
    if not emails:
        return set()
    kept = set(SurveyStoppedAddress.objects.filter(survey_id=survey_id)
               .values_list("address_digest", flat=True))
    return no_more_emails.asked(survey_id, emails, kept)


def mailing_languages(mailing: SurveyMailing) -> dict[str, int]:
    """How many of a mailing's invitations are in each language ("en", "pl", "ar"), most
    first (for reminders: of the invitations it may remind). One query."""
    invitations = mailing.invitations.all()
    if mailing.kind == SurveyMailing.Kind.REMINDERS:
        invitations = (mailing.survey.invitations.filter(pk__lte=mailing.up_to_invitation)
                       if mailing.up_to_invitation is not None
                       else mailing.reminded.all()).exclude(email="")
    rows = (invitations.values("language").annotate(n=Count("pk"))
            .order_by("-n", "language"))
    return {row["language"] or "en": row["n"] for row in rows}


def mailing_progress(mailing: SurveyMailing, *, now: dt.datetime | None = None) -> dict:
    """How far a mailing has got (one query): ``sent`` of ``total``, ``percent``,
    ``finished``, ``failure``, ``status`` ("sending", "finished" or "stopped"), ``waiting``
    (messages a stopped worker had reserved, to be retried: ``outbox.DeliveryCounts``),
    ``deferred`` (messages the recipients' mail servers deferred, tried again later),
    ``later_only`` (nothing left but those) and ``summary``, a sentence for the officer,
    naming no address."""
    counts = outbox.delivery_counts(kind=mailing.email_kind, about=mailing, now=now)
    sent, waiting = counts.sent, counts.waiting
    total = max(mailing.total, sent)
    finished = mailing.finished_at is not None
    reminders = mailing.kind == SurveyMailing.Kind.REMINDERS
    numbers = {"sent": count(sent), "total": count(total)}
    # Said in the officer's admin language; the English forms do not vary with the count.
    summary = (ngettext("%(sent)s of %(total)s reminders sent.",
                        "%(sent)s of %(total)s reminders sent.", total) if reminders
               else ngettext("%(sent)s of %(total)s invitations sent.",
                             "%(sent)s of %(total)s invitations sent.", total)) % numbers
    if mailing.failure and not finished:
        status = "stopped"
    elif finished:
        status = "finished"
        unsent = total - sent - counts.refused
        others = {"n": count(unsent)}
        if unsent > 0 and reminders:
            summary += " " + ngettext(
                "The other %(n)s had used their code (or their address was deleted) before "
                "their reminder was due, so got none.",
                "The other %(n)s had used their code (or their address was deleted) before "
                "their reminder was due, so got none.", unsent) % others
        elif unsent > 0:
            # Their invitation may or may not have arrived, and it is not stamped as sent,
            # so no reminder will go to them either (``services.reminders_due``).
            summary += " " + ngettext(
                "%(n)s could not be confirmed as sent (the connection to the mail server was "
                "lost while it was going): it may not have arrived. It is not sent again, and "
                "no reminder goes to it.",
                "%(n)s could not be confirmed as sent (the connection to the mail server was "
                "lost while they were going): they may not have arrived. They are not sent "
                "again, and no reminder goes to them.", unsent) % others
    else:
        status = "sending"
    summary += "".join(" " + line for line in _refusals(counts))
    if waiting:
        summary += " " + ngettext(
            "%(n)s waiting to be retried: the sending stopped after reserving it, and it goes "
            "when it starts again, never twice.",
            "%(n)s waiting to be retried: the sending stopped after reserving them, and they "
            "go when it starts again, never twice.", waiting) % {"n": count(waiting)}
    return {"sent": sent, "total": total, "percent": round(100 * sent / total) if total else 100,
            "finished": finished, "failure": "" if finished else mailing.failure,
            "status": status, "waiting": waiting, "deferred": counts.deferred,
            # Nothing left but messages deferred to a later try: not a lost task.
            "later_only": bool(counts.deferred) and not (counts.sending or waiting) and
            sent + counts.refused + counts.unconfirmed + counts.deferred >= total,
            "summary": summary}


def _refusals(counts: outbox.DeliveryCounts) -> list[str]:
    """The sentences saying what the mail servers refused or deferred, each kind with its
    own plain reason: the outbox's words (``outbox.selectors.refusal_lines``), which the
    notices on Reports > Scheduled jobs use too."""
    deferred = outbox_selectors.deferral_line(counts)
    return outbox_selectors.refusal_lines(counts) + ([deferred] if deferred else [])


#: A mailing with nothing sent for this long may have lost its task: only then does the
#: progress page offer to start it again (a worker sends hundreds a minute). No shorter than
#: the outbox's lease, so starting again also sends what a killed worker had reserved.
MAILING_STALLED_AFTER = outbox.CLAIM_LEASE


def mailing_stalled(mailing: SurveyMailing, *, now: dt.datetime | None = None) -> bool:
    """True when a mailing still sending has sent nothing for ``MAILING_STALLED_AFTER``
    (counted from its last message taken by the mail server, or from when it was asked
    for). One query."""
    if mailing.finished_at is not None:
        return False
    now = now or timezone.now()
    last = SentEmail.objects.filter(
        kind=mailing.email_kind, object_id=mailing.pk,
        content_type=ContentType.objects.get_for_model(mailing),
        sent_at__isnull=False).order_by("-sent_at").values_list("sent_at", flat=True).first()
    return now - max(filter(None, (last, mailing.requested_at))) >= MAILING_STALLED_AFTER


@dataclass(frozen=True)
class MailingsAttention:
    """Where survey invitation and reminder sendings stand, for the scheduled-jobs page (no
    address): ``stuck``, the sendings not finished that need a person (stopped by an error,
    or nothing sent for ``MAILING_STALLED_AFTER`` while messages wait: a worker killed, a
    task lost), out of ``unfinished``; in those, ``not_sent`` messages still to go (waiting,
    never reached, or deferred) and of them ``deferred`` (the recipients' mail servers said
    "not now": tried again later by themselves); ``failed``, messages of any sending that
    will not be sent again (refused for good, given up, or handed to the mail server that
    never confirmed them)."""

    unfinished: int
    stuck: int
    not_sent: int
    deferred: int
    failed: int


def mailings_attention(*, now: dt.datetime | None = None) -> MailingsAttention:
    """``MailingsAttention`` at ``now``. Three queries, however many sendings."""
    now = now or timezone.now()
    unfinished = list(SurveyMailing.objects.filter(finished_at__isnull=True)
                      .only("pk", "kind", "total", "failure", "requested_at"))
    kinds = [f"survey_{kind}" for kind in SurveyMailing.Kind.values]
    rows = SentEmail.objects.filter(content_type=ContentType.objects.get_for_model(SurveyMailing),
                                    kind__in=kinds)
    held = Q(sent_at__isnull=True, attempted_at__isnull=True, refused_at__isnull=True,
             retry_at__isnull=True)
    deferred = Q(sent_at__isnull=True, attempted_at__isnull=True, refused_at__isnull=True,
                 retry_at__isnull=False)
    unconfirmed = Q(sent_at__isnull=True, attempted_at__isnull=False, refused_at__isnull=True)
    fresh = Q(claimed_at__gte=now - outbox.CLAIM_LEASE)
    per_mailing = {row["object_id"]: row for row in (
        rows.filter(object_id__in=[m.pk for m in unfinished]).values("object_id").annotate(
            sent=Count("pk", filter=Q(sent_at__isnull=False)),
            sending=Count("pk", filter=held & fresh),
            deferred=Count("pk", filter=deferred),
            done=Count("pk", filter=Q(refused_at__isnull=False) | unconfirmed),
            last_sent=Max("sent_at")).order_by())} if unfinished else {}
    stuck = not_sent = deferred_n = 0
    for mailing in unfinished:
        counts = per_mailing.get(mailing.pk, {})
        left = max(0, mailing.total - counts.get("sent", 0) - counts.get("done", 0))
        not_sent += left
        deferred_n += counts.get("deferred", 0)
        later_only = left and left == counts.get("deferred", 0)
        quiet = now - max(filter(None, (counts.get("last_sent"), mailing.requested_at))) \
            >= MAILING_STALLED_AFTER
        if mailing.failure or (left and not counts.get("sending") and not later_only
                               and quiet):
            stuck += 1
    failed = rows.filter(Q(refused_at__isnull=False) | (
        unconfirmed & Q(attempted_at__lt=now - outbox.CLAIM_LEASE))).count()
    return MailingsAttention(unfinished=len(unfinished), stuck=stuck, not_sent=not_sent,
                             deferred=deferred_n, failed=failed)


def mailings_job_attention(*, now: dt.datetime | None = None) -> JobAttention:
    """``mailings_attention`` as the scheduled-jobs page says it, in the reader's language,
    beside the job that finishes the sendings (``surveys.tasks.resume_survey_mailings``):
    counts, and a warning when some sending needs a person. Three queries."""
    found = mailings_attention(now=now)
    minutes = int(MAILING_STALLED_AFTER.total_seconds() // 60)
    warning = ngettext(
        "%(n)s survey sending could not finish: it stopped with an error, or has sent nothing "
        "for %(minutes)s minutes while e-mails wait. Open it from the survey's Invitation "
        "codes page to see why, and start it again there.",
        "%(n)s survey sendings could not finish: each stopped with an error, or has sent "
        "nothing for %(minutes)s minutes while e-mails wait. Open each from its survey's "
        "Invitation codes page to see why, and start it again there.",
        found.stuck) % {"n": count(found.stuck), "minutes": minutes} if found.stuck else ""
    return JobAttention(
        task="surveys.tasks.resume_survey_mailings",
        heading=gettext("Survey invitations and reminders not finished"),
        about=gettext("Sendings of survey invitations and reminders still going, or stopped. "
                      "No address is shown here."),
        facts=((gettext("Sendings not finished"), count(found.unfinished)),
               (gettext("Of them, needing attention"), count(found.stuck)),
               (gettext("E-mails not sent yet"), count(found.not_sent)),
               (gettext("Of them, deferred by the recipients' mail servers and tried again "
                        "by themselves"), count(found.deferred)),
               (gettext("Not sent again, in any sending (refused for good, given up, or "
                        "never confirmed by the mail server)"), count(found.failed))),
        warning=warning)


def mailings_recent(survey, *, limit: int = 5) -> list[dict]:
    """The survey's latest mailings, newest first, each with its count sent (two queries)."""
    mailings = list(SurveyMailing.objects.filter(survey=survey)[:limit])
    sent = dict(SentEmail.objects.filter(
        content_type=ContentType.objects.get_for_model(SurveyMailing),
        object_id__in=[m.pk for m in mailings], sent_at__isnull=False)
        .values_list("object_id").annotate(n=Count("pk")).values_list("object_id", "n"))
    return [{"mailing": m, "sent": sent.get(m.pk, 0), "total": max(m.total, sent.get(m.pk, 0)),
             "finished": m.finished_at is not None, "stopped": bool(m.failure) and
             m.finished_at is None} for m in mailings]


# --- the governance board ---------------------------------------------------------------


def board_surveys(surveys: QuerySet[SurveyPage], *, minimum: int) -> list[dict]:
    """Every year's survey of ``surveys`` (all the surveys) for the board, newest first:
    responses, response rate, the first satisfaction question's headline share, comments
    waiting, and actions done.

    A fixed number of queries however many years (one more when any year's results are
    published, and up to five more when a response was deleted after publication). A
    share resting on fewer than ``minimum`` answers is left out (``headline`` is None,
    ``held_back`` set), as in public.

    A year whose results are published gives the figures its public results page gives
    (``statistics.figures_to_show`` over the rounds kept, ``SurveyResultsShown``), not
    those counted now: a response deleted at its writer's request after publication moves
    no figure here by 1 to ``minimum`` - 1, so the board's copy beside the public page
    cannot tell what that person answered. A figure the public page holds back because it
    moved by a few is held here too (``held_changed``, or ``rate_held`` for the table of
    who answered).
    """

    surveys = list(
        surveys.filter(alias_of__isnull=True, locale=Locale.get_default())
        .only(*LISTING_FIELDS, "live").order_by("-year", "-opens"))
    ids = [s.pk for s in surveys]
    # A response rate counts only the audiences whose size is known.
    sizes = {(page_id, audience): population for page_id, audience, population in
             SurveyAudience.objects.filter(page_id__in=ids, population__isnull=False)
             .values_list("page_id", "audience", "population")}
    responses: dict[int, int] = defaultdict(int)
    counted: dict[int, int] = defaultdict(int)
    for survey_id, audience, n in (SurveyResponse.objects.filter(survey_id__in=ids)
                                   .values("survey_id", "audience").annotate(n=Count("pk"))
                                   .values_list("survey_id", "audience", "n")):
        responses[survey_id] += n
        if (survey_id, audience) in sizes:
            counted[survey_id] += n
    populations: dict[int, int] = defaultdict(int)
    for (page_id, _audience), population in sizes.items():
        populations[page_id] += population
    headline_question: dict[int, SurveyPlacement] = {}
    for placement in (SurveyPlacement.objects.filter(page_id__in=ids,
                                                     question__kind=scales.SATISFACTION)
                      .select_related("question").order_by("page_id", "step", "sort_order")):
        headline_question.setdefault(placement.page_id, placement)
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for survey_id, question_id, value, n in (
            SurveyAnswer.objects.filter(
                survey_id__in=ids,
                question_id__in={p.question_id for p in headline_question.values()})
            .values("survey_id", "question_id", "value_int").annotate(n=Count("pk"))
            .values_list("survey_id", "question_id", "value_int", "n")):
        placement = headline_question.get(survey_id)
        if placement and placement.question_id == question_id and value is not None:
            counts[survey_id][value] = n
    pending = dict(SurveyComment.objects.filter(survey_id__in=ids,
                                                moderation=SurveyComment.Moderation.PENDING)
                   .values("survey_id").annotate(n=Count("pk")).values_list("survey_id", "n"))
    actions: dict[int, dict[str, int]] = defaultdict(dict)
    for page_id, status, n in (SurveyAction.objects.filter(page_id__in=ids)
                               .values("page_id", "status").annotate(n=Count("pk"))
                               .values_list("page_id", "status", "n")):
        actions[page_id][status] = n
    shown = _published_figures([s.pk for s in surveys if s.results_published],
                               minimum=minimum)
    rows = []
    for survey in surveys:
        placement = headline_question.get(survey.pk)
        held_changed = rate_held = False
        figures = shown.get(survey.pk)
        if figures is not None:  # the figures its public page gives, not today's
            held = set(figures.get("held", ()))
            responses[survey.pk] = figures.get("total", 0)
            counted[survey.pk] = sum(n for audience, n in figures.get("audiences", {}).items()
                                     if (survey.pk, audience) in sizes)
            rate_held = "audiences" in held
            if placement:
                counts[survey.pk] = {
                    value: n for value, n in figures.get("counts", {}).get(
                        str(placement.question_id), []) if value is not None}
                held_changed = f"question:{placement.question_id}" in held
        answered = sum(counts[survey.pk].values())
        held_back = bool(placement) and (statistics.suppressed(answered, minimum)
                                         or held_changed)
        rows.append({
            "survey": survey,
            "responses": responses[survey.pk],
            "rate": None if rate_held else statistics.ResponseRate(
                "", counted[survey.pk], populations.get(survey.pk)).percent,
            "rate_held": rate_held,
            "question": placement.question if placement else None,
            "headline": (statistics.top_two_share(counts[survey.pk])
                         if placement and answered and not held_back else None),
            "held_back": held_back,
            "held_changed": held_changed,
            "pending_comments": pending.get(survey.pk, 0),
            "actions_done": actions[survey.pk].get(SurveyAction.Status.DONE, 0),
            "actions": sum(actions[survey.pk].values()),
        })
    return rows


def _published_figures(survey_ids: list[int], *, minimum: int) -> dict[int, dict]:
    """Survey id -> the figures its public results page gives (``statistics.figures_to_show``
    over its ``SurveyResultsShown`` rounds), for each of ``survey_ids`` (surveys with
    published results) that kept a round; a survey with none gives the figures counted
    now, as its public page does, and is left out. One query, and up to five more
    (``results.figures_now_of``) when any kept a round; none without ids."""
    if not survey_ids:
        return {}
    rounds: dict[int, list[dict]] = defaultdict(list)
    for survey_id, figures in (SurveyResultsShown.objects.filter(survey_id__in=survey_ids)
                               .order_by("pk").values_list("survey_id", "figures")):
        rounds[survey_id].append(figures)
    if not rounds:
        return {}
    return {pk: statistics.figures_to_show(rounds[pk], now, minimum=minimum)[0]
            for pk, now in figures_now_of(list(rounds)).items()}


def released_invitations_not_going(releases: list) -> dict[int, str]:
    """Why each released survey invitation or reminder (keyed ``invitation:<id>``) will never
    go, by release (or unconfirmed row) id: the survey has closed, the person asked for no
    more e-mails about it (their address was deleted), the invitation is gone, or (a
    reminder) they have used their code. One still to go is left out. One query; never an
    address."""
    def invitation_id(release) -> int | None:
        kind, _sep, pk = release.recipient_key.partition(":")
        return int(pk) if kind == "invitation" and pk.isdigit() else None

    used = SurveyUsedCode.objects.filter(survey_id=OuterRef("survey_id"),
                                         code_hash=OuterRef("code_hash"))
    rows = {pk: (email, closes, code_used) for pk, email, closes, code_used in (
        SurveyInvitation.objects.filter(pk__in={invitation_id(r) for r in releases})
        .annotate(code_used=Exists(used))
        .values_list("pk", "email", "survey__closes", "code_used"))}
    now = timezone.now()
    found = {}
    for release in releases:
        row = rows.get(invitation_id(release))
        if row is None:
            found[release.pk] = gettext("the invitation was deleted.")
        elif row[1] <= now:
            found[release.pk] = gettext("the survey has closed.")
        elif not row[0]:
            found[release.pk] = gettext(
                "the person asked for no more e-mails about this survey.")
        elif release.kind == f"survey_{SurveyMailing.Kind.REMINDERS}" and row[2]:
            found[release.pk] = gettext("the person has already used their code.")
    return found
