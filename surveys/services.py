"""Writes for surveys: responses, invitations, moderation, and the events the evidence log
keeps. Keyword-only arguments; each write that touches several rows is one transaction."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables
from wagtail.models import Locale

from charter.models import EvidenceEntry
from charter.permissions import is_officer
from charter.services import evidence_append
from core import polish
from core.sanitise import clean_text
from outbox import services as outbox
from outbox.messages import PortalEmailMessage, automatic_message
from portal import closing
from portal.client_address import count_stored, stored_this_hour
from surveys import no_more_emails, reminders, scales, selectors, statistics
from surveys.hooks import comment_moderated, words_removed
from surveys.models.audiences import Audience
from surveys.models.invitations import (
    SurveyInvitation,
    SurveyStoppedAddress,
    SurveyUsedCode,
    code_hash,
    new_code,
)
from surveys.models.mailings import SurveyMailing
from surveys.models.questions import SurveyQuestion
from surveys.models.responses import (
    SurveyAnswer,
    SurveyComment,
    SurveyResponse,
    SurveyResponseCount,
    SurveyResultsShown,
)
from surveys.models.settings import survey_settings
from surveys.models.status import SurveyStatus
from surveys.results import figures_now, results_public

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from surveys.models.pages import SurveyPage

logger = logging.getLogger(__name__)
Kind = EvidenceEntry.Kind


class SurveyNotOpen(ValidationError):
    pass


class InvitationCodeError(ValidationError):
    pass


def _subject(survey) -> str:
    return f"page:{survey.pk}"


def _logged_for_survey(kind: str, survey) -> bool:
    """True once an event of ``kind`` is in the log for ``survey`` in any language: its
    English page and its Polish and Arabic translations are one survey (one
    ``translation_key``), which opens, closes and publishes its results once, as a
    consultation does (``consultations.services._logged_for_consultation``). Entries about
    a page since deleted still count, by their subject. One query."""
    return EvidenceEntry.objects.filter(
        Q(page__translation_key=survey.translation_key) | Q(subject=_subject(survey)),
        kind=kind).exists()


def _closed(survey) -> bool:
    return survey.status in (SurveyStatus.CLOSED, SurveyStatus.RESULTS)


# --- responding -------------------------------------------------------------------


def normalise_code(code: str) -> str:
    return "".join((code or "").split()).upper().replace("-", "")


def _code_is_used(survey: SurveyPage, code: str) -> bool:
    return SurveyUsedCode.objects.filter(code_hash=code_hash(survey.pk, code)).exists()


def invitation_check(*, survey: SurveyPage, code: str) -> SurveyInvitation:
    """The unused invitation with this code, or a clear message why it cannot be used
    (``InvitationCodeError``, code "unknown" or "used")."""
    code = normalise_code(code)
    invitation = SurveyInvitation.objects.filter(survey=survey, code=code).first() if code \
        else None
    if invitation is None:
        raise InvitationCodeError(_("We do not recognise that code. Check it against your "
                                    "invitation: it has 8 letters and numbers."), code="unknown")
    if _code_is_used(survey, code):
        raise InvitationCodeError(_("That code has already been used to answer this survey. "
                                    "Each code can be used once."), code="used")
    return invitation


@sensitive_variables("code")
def invitation_code_use(*, survey: SurveyPage, code: str) -> str:
    """Record that an invitation's code has been used, in a transaction of its own, and
    return the audience the answers count under (the invitation's: the person answering
    cannot choose another).

    Call it outside any transaction, before ``survey_submit`` stores the answers: the
    two writes then have different transaction ids and share no key, time or sequence,
    so no join links a code (or its address) to answers. Only the code's hash is written,
    never to the invitation itself. A code used already (here or by a request that got
    there first) raises ``InvitationCodeError`` with code "used"; the store's key is the
    hash, so a code cannot be used twice even by two requests at the same moment.
    """
    invitation = invitation_check(survey=survey, code=code)
    try:
        with transaction.atomic():
            SurveyUsedCode.objects.create(code_hash=code_hash(survey.pk, invitation.code),
                                          survey=survey)
    except IntegrityError:
        raise InvitationCodeError(_("That code has already been used to answer this "
                                    "survey. Each code can be used once."),
                                  code="used") from None
    return invitation.audience


@sensitive_variables("code")
def invitation_code_release(*, survey: SurveyPage, code: str) -> None:
    """Give a code back when the answers it was used for could not be stored, so the
    person can send them again (from another device too). Its own transaction."""
    with transaction.atomic():
        SurveyUsedCode.objects.filter(code_hash=code_hash(survey.pk, normalise_code(code))
                                      ).delete()


@transaction.atomic
def used_codes_reorder(*, survey: SurveyPage) -> int:
    """Rewrite a survey's used-code rows in the order of their hashes, in one transaction,
    so neither their place on disk (``ctid``) nor their transaction ids (``xmin``) keep
    the order the codes were used in (which could be lined up with the order the answers
    arrived). Run by the nightly job; returns the rows rewritten."""
    hashes = sorted(SurveyUsedCode.objects.filter(survey=survey)
                    .values_list("code_hash", flat=True))
    SurveyUsedCode.objects.filter(survey=survey).delete()
    SurveyUsedCode.objects.bulk_create(
        [SurveyUsedCode(code_hash=h, survey=survey) for h in hashes], batch_size=1000)
    return len(hashes)


def _checked_answers(survey: SurveyPage, answers: dict, comments: dict):
    """Refuse any answer outside its question's options, and any skipped required question."""
    placements = {p.question_id: p for p in survey.placements.select_related("question")}
    rows, texts = [], []
    for question_id, value in answers.items():
        placement = placements.get(int(question_id))
        if placement is None:
            raise ValidationError(f"Question {question_id} is not in this survey.")
        question = placement.question
        allowed = {v for v, _label in question.options()}
        values = value if isinstance(value, list | tuple) else [value]
        if question.kind != scales.MULTIPLE and len(values) != 1:
            raise ValidationError(f"Question {question_id} takes one answer.")
        for item in values:
            if item not in allowed:
                raise ValidationError(f"{item!r} is not an answer to question {question_id}.")
            if scales.is_scale(question.kind):
                rows.append((question, int(item), ""))
            else:
                rows.append((question, None, str(item)))
    for question_id, text in comments.items():
        placement = placements.get(int(question_id))
        if placement is None or placement.question.kind != scales.FREE_TEXT:
            raise ValidationError(f"Question {question_id} does not take a written answer.")
        text = clean_text(text or "").strip()
        if len(text) > scales.FREE_TEXT_MAX_CHARACTERS:
            raise ValidationError(f"The answer to question {question_id} is too long.")
        if text:
            texts.append((placement.question, text))
    answered = {q.pk for q, _v, _t in rows} | {q.pk for q, _t in texts}
    missing = [p.question_id for p in placements.values() if p.required and
               p.question_id not in answered]
    if missing:
        raise ValidationError(f"Required questions not answered: {missing}.")
    return rows, texts


def rate_limited(*, survey: SurveyPage, address: str, now: dt.datetime | None = None) -> bool:
    """True when ``address`` (a fingerprint from ``portal.client_address``) has already sent
    this hour's allowance of responses to surveys anyone with the link may answer (Settings >
    Survey settings). Invitation-only surveys are limited by their codes instead.

    Only stored responses count, never attempts; the count is in the database, so it holds
    across app servers. The allowance is in the tens, so a school or office answering from
    one connection is not stopped.
    """
    if survey.requires_code:
        return False
    now = now or timezone.now()
    stored = stored_this_hour(SurveyResponseCount, address=address, now=now)
    return stored >= survey_settings().responses_per_hour


def answers_verdict(survey: SurveyPage, *, started_at: dt.datetime | None = None,
                    now: dt.datetime | None = None) -> closing.Verdict:
    """Whether answers sent now are taken: on time, late (inside the grace after the close,
    from answers started before it), or not (``portal.closing``). ``started_at`` comes
    from the session, never from the form."""
    now = now or timezone.now()
    # The setting is read only after the close, so pages of an open form cost no query.
    after_close = now >= closing.close_moment(survey.closes)
    grace = dt.timedelta(minutes=survey_settings().late_grace_minutes if after_close
                         else closing.DEFAULT_GRACE_MINUTES)
    return closing.verdict(now=now, opens=survey.opens, closes=survey.closes,
                           form_opened_at=started_at, grace=grace)


@sensitive_variables("code")
def survey_submit(
    *,
    survey: SurveyPage,
    audience: str,
    answers: dict,
    comments: dict | None = None,
    submission_key: str | None = None,
    code: str = "",
    code_used: bool = False,
    started_at: dt.datetime | None = None,
    address: str = "",
    language: str = "",
) -> tuple[SurveyResponse, bool]:
    """Store one anonymous response in one transaction. A repeated ``submission_key``
    returns the first one, so a retry or a second click never stores twice.

    ``answers`` maps question ids to a value (a list for multiple choice); ``comments``
    maps free-text question ids to the text. For a survey that takes invited answers
    only, ``code_used`` says the visitor's code was used already, by
    ``invitation_code_use`` in its own transaction (the caller keeps that in the
    session, never the code with the answers); ``audience`` is then the invitation's.
    Answers are taken until the end of the closing minute, and for the grace after it
    when they were started before the close (``started_at``); those are marked ``late``.
    ``address`` (a fingerprint) is counted for the flood limit once the response is stored.
    Nothing stored here has a time of day or a sequence. ``language`` is the language code
    of the page the written answers were typed on ("pl" for /pl/), kept with each so the
    results page can mark them in their own language ("" when not known).

    A ``code`` not yet used is used here, the same way, in a transaction before the
    answers' (and given back if they cannot be stored); the audience is then the
    invitation's. The answering pages use the code themselves, to note it in the session.
    """
    if submission_key:
        existing = SurveyResponse.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    verdict = answers_verdict(survey, started_at=started_at)
    if verdict in (closing.Verdict.NOT_YET, closing.Verdict.CLOSED):
        raise SurveyNotOpen(_("This survey is not open."))
    if audience not in Audience.values:
        raise ValidationError(_("Say who you are answering as."))
    if survey.requires_code and not code_used and not normalise_code(code):
        raise InvitationCodeError(_("Enter the code from your invitation."), code="missing")
    rows, texts = _checked_answers(survey, answers, comments or {})
    if normalise_code(code) and not code_used:
        audience = invitation_code_use(survey=survey, code=code)
        try:
            return survey_submit(survey=survey, audience=audience, answers=answers,
                                 comments=comments, submission_key=submission_key,
                                 code_used=True, started_at=started_at, address=address,
                                 language=language)
        except BaseException:
            invitation_code_release(survey=survey, code=code)
            raise
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey, audience=audience, submitted_on=timezone.localdate(),
                submission_key=submission_key or None,
                late=verdict == closing.Verdict.LATE)
            SurveyAnswer.objects.bulk_create([
                SurveyAnswer(response=response, survey=survey, question=q, value_int=v,
                             value_text=t) for q, v, t in rows])
            SurveyComment.objects.bulk_create([
                SurveyComment(response=response, survey=survey, question=q, text=t,
                              language=language[:12])
                for q, t in texts])
    except IntegrityError:
        # The same answers sent twice at the same moment: the first stands.
        if submission_key:
            existing = SurveyResponse.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing, False
        raise
    if address and not survey.requires_code:
        # Counted after, in a transaction of its own, so the count (a hash of the
        # address, by the hour) never shares a transaction id with the answers.
        with transaction.atomic():
            count_stored(SurveyResponseCount, address=address, now=timezone.now())
    return response, True


# --- the question bank ----------------------------------------------------------------


@transaction.atomic
def question_reword(*, question: SurveyQuestion, **fields) -> SurveyQuestion:
    """Change a question. Once it has answers, the change makes a new question that replaces
    it, and the old one is retired: its answers stay with the words they answered."""
    if not question.has_answers():
        for name, value in fields.items():
            setattr(question, name, value)
        question.full_clean()
        question.save()
        return question
    original = SurveyQuestion.objects.get(pk=question.pk)
    new = SurveyQuestion(
        kind=original.kind, wording=original.wording, short_name=original.short_name,
        help_text=original.help_text, choices=original.choices,
        charter_statement=original.charter_statement, replaces=original)
    for name, value in fields.items():
        setattr(new, name, value)
    new.full_clean()
    new.save()
    SurveyQuestion.objects.filter(pk=original.pk).update(retired=True)
    return new


# --- invitations ----------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationRow:
    email: str
    audience: str
    language: str = "en"


#: ``Content-Language`` of an invitation, by its language code.
CONTENT_LANGUAGE = {"en": "en-GB", "pl": "pl", "ar": "ar"}


@dataclass(frozen=True)
class InvitationCopy:
    """What an invitation in one language links to: the survey's address and answering
    address (the survey's copy in that language when it has a live translation, else the
    English page's), its title there, and whether the survey is in English for this reader
    (``in_english``: no translation, so the e-mail says so)."""

    page_url: str
    respond_url: str
    title: str
    in_english: bool


def _respond_links(survey: SurveyPage, language: str = "en") -> InvitationCopy:
    """The survey's addresses for invitations in ``language``, worked out once per language
    for a whole mailing (a query or two)."""
    page, in_english = survey, False
    if language != "en":
        locale = Locale.objects.filter(language_code=language).first()
        translated = survey.get_translation_or_none(locale) if locale else None
        if translated is not None and translated.live and translated.alias_of_id is None:
            page = translated.specific
        else:
            in_english = True
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    page_url = base + page.url
    respond_url = page_url.rstrip("/") + "/" + page.reverse_subpage("respond").lstrip("/")
    return InvitationCopy(page_url, respond_url, page.title, in_english)


def _closing_day(survey: SurveyPage, language: str) -> str:
    """The survey's closing day as the invitation's sentence needs it after "closes on":
    "Tuesday 12 January 2027"; in Polish with its preposition and the weekday in lower case
    ("we wtorek 12 stycznia 2027", ``core.polish``); in Arabic "الثلاثاء 12 يناير 2027"."""
    closes = timezone.localtime(survey.closes)
    if language == "en":
        return f"{closes:%A} {closes.day} {closes:%B %Y}"
    if language == "pl":
        return f"{polish.on_weekday(closes.weekday())} {formats.date_format(closes, 'j E Y')}"
    return formats.date_format(closes, "l j E Y")


def _invitation_email(survey: SurveyPage, invitation: SurveyInvitation, *, reminder: bool,
                      links: dict[str, InvitationCopy]) -> PortalEmailMessage:
    """One invitation (or reminder) in the invitation's language (``invitation.language``,
    from the invitation file: English when none): subject, words and ``Content-Language``,
    linking to the survey's copy in that language, or to the English survey with a line
    saying it is in English and its title marked "(in English)" in the subject. ``links``
    keeps each language's ``InvitationCopy`` for the mailing. Plain text only."""
    language = invitation.language if invitation.language in CONTENT_LANGUAGE else "en"
    if language not in links:
        links[language] = _respond_links(survey, language)
    copy = links[language]
    with translation.override(language):
        # An untranslated survey's title is the English words: the subject says so, as the
        # body does.
        title = (f"{copy.title} {gettext('(in English)')}" if copy.in_english
                 else copy.title)
        subject = (gettext("Reminder: %(title)s") % {"title": title} if reminder
                   else title)
        intro = (gettext("A reminder: we would like to know what you think of home to "
                         "school travel help. The survey is anonymous.") if reminder else
                 gettext("We would like to know what you think of home to school travel "
                         "help. The survey is anonymous."))
        lines = [intro]
        if copy.in_english:
            lines.append(gettext("The survey is in English: it has not been translated yet."))
        # The code goes after "#": browsers never send that part, so it is in no address
        # our server or its logs see (surveys/static/surveys/invitation-code.js fills it in).
        lines += ["",
                  gettext("Answer here: %(link)s") % {
                      "link": f"{copy.respond_url}#code={invitation.code}"},
                  gettext("Or go to %(link)s and enter your code: %(code)s") % {
                      "link": copy.page_url, "code": invitation.code},
                  "",
                  gettext("The survey closes on %(day)s. Your code can be used once. We "
                          "delete your email address when the survey closes.") % {
                      "day": _closing_day(survey, language)}]
        stop_url = _stop_url(invitation, language)
        lines += ["", gettext("To get no more e-mails about this survey (your code still "
                              "works): %(link)s") % {"link": stop_url}]
    body = "\n".join(lines) + "\n"
    # A mailing to many (RFC 2076 Precedence: bulk, so out-of-office replies stay away), with
    # the mail program's own "Unsubscribe" button working in one click (RFC 2369, RFC 8058).
    # From the portal by name, as its other e-mails are ("SEND travel portal <...>").
    return automatic_message(subject=" ".join(subject.split()), body=body,
                             to=[invitation.email], language=CONTENT_LANGUAGE[language],
                             headers={"Precedence": "bulk",
                                      "List-Unsubscribe": f"<{stop_url}>",
                                      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})


_STOP_SALT = "surveys.stop-emails"


def stop_token(invitation_id: int) -> str:
    """The token of an invitation's "no more e-mails" link: its id, signed (it never
    expires; the address it stops is deleted when the survey closes anyway)."""
    return signing.Signer(salt=_STOP_SALT).sign(str(invitation_id))


def invitation_from_stop_token(token: str) -> int | None:
    """The invitation a "no more e-mails" link names, or None for a link altered or cut
    short."""
    try:
        return int(signing.Signer(salt=_STOP_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def _stop_url(invitation: SurveyInvitation, language: str) -> str:
    """The invitation's "no more e-mails" address in ``language`` ("en", "pl", "ar"):
    English at the site's own unprefixed address."""
    with translation.override(settings.LANGUAGE_CODE if language == "en" else language):
        path = reverse("survey_stop_emails", kwargs={"token": stop_token(invitation.pk)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@transaction.atomic
def invitation_stop(*, invitation_id: int, now: dt.datetime | None = None) -> bool:
    """The invitation's "no more e-mails": keep that its address asked for no more e-mails
    about the survey (``SurveyStoppedAddress``, a keyed digest, never the address), then
    delete the address from the invitation (the only one holding it: an address is invited
    to a survey once), so nothing more is sent to it: no reminder, and no later list invites
    it again (``invitations_send``, ``mailing_send``). Its code still works. Returns whether
    an address was deleted (False: already gone). Three queries, one when already gone."""
    invitation = (SurveyInvitation.objects.select_for_update().filter(pk=invitation_id)
                  .exclude(email="").only("pk", "survey_id", "email").first())
    if invitation is None:
        return False
    SurveyStoppedAddress.objects.get_or_create(
        survey_id=invitation.survey_id,
        address_digest=no_more_emails.digest(invitation.survey_id, invitation.email),
        defaults={"stopped_at": now or timezone.now()})
    SurveyInvitation.objects.filter(pk=invitation.pk).update(email="")
    return True


def _unique_codes(invitations: list[SurveyInvitation]) -> None:
    """Give any invitation whose code is taken (already stored, or earlier in this batch) a
    fresh one: one query a round, and a second round is rare."""
    while True:
        taken = set(SurveyInvitation.objects.filter(
            code__in=[i.code for i in invitations]).values_list("code", flat=True))
        seen: set[str] = set()
        clashes = 0
        for invitation in invitations:
            if invitation.code in taken or invitation.code in seen:
                invitation.code = new_code()
                clashes += 1
            seen.add(invitation.code)
        if not clashes:
            return


def invitations_create(*, survey: SurveyPage, rows: list[InvitationRow],
                       user) -> SurveyMailing | None:
    """``invitations_send`` for a list with no key: the mailing made, or ``None`` when every
    address had been invited already."""
    return invitations_send(survey=survey, rows=rows, user=user)[0]


def _list_key(key: str) -> str:
    """What a mailing keeps of the checked list it sends (``request_key``): a keyed digest
    of the list's digest, so the database holds no plain hash of a list of addresses."""
    return "list:" + salted_hmac("surveys.invitation-list", key,
                                 algorithm="sha256").hexdigest()[:58]


@transaction.atomic
def invitations_send(*, survey: SurveyPage, rows: list[InvitationRow], user,
                     key: str = "") -> tuple[SurveyMailing | None, bool]:
    """One code per address not yet invited to the survey, stored with the mailing that will
    send them; returns ``(mailing, created)``. A fixed number of queries for any number of
    rows (bulk inserts, in batches the database allows); the e-mails go in the background
    (``surveys.tasks.mailing_start``), so 20,000 addresses take no longer to confirm than 20.

    Once only, however the confirm is sent: ``key`` names the checked list (its digest,
    ``invitation_files.rows_digest``), and a mailing keeps it (``request_key``, unique), so
    the same list confirmed again (Back and press again, a second tab, presses at the same
    moment on PostgreSQL or SQLite) returns the mailing the first confirm made, ``created``
    False, and stores nothing. An address is invited to a survey once, across every list:
    the database refuses a second invitation to it (a unique constraint on the survey and
    the address, kept until the address is deleted at close), so two different lists sent
    at once still give each address one code. An address that asked for no more e-mails
    about the survey (``selectors.asked_no_more``) is left out, whichever list carries it.
    When no address is new, no mailing is made and nothing is logged: ``(None, False)``.

    Errors: ``PermissionDenied`` for anyone but an officer; ``ValidationError`` once the
    survey has closed.
    """
    if not is_officer(user):
        raise PermissionDenied
    if survey.status in (SurveyStatus.CLOSED, SurveyStatus.RESULTS):
        raise ValidationError("This survey has closed: no more invitations.")
    request_key = _list_key(key) if key else ""
    # The invited first, then who asked for no more: a "no more e-mails" committing between
    # the two reads is seen by one of them (it keeps the digest and drops the address at once).
    known = _invited(survey)
    known |= selectors.asked_no_more(survey.pk, {no_more_emails.normalised(row.email)
                                                 for row in rows} - known)
    new = []
    for row in rows:
        email = no_more_emails.normalised(row.email)
        if email in known:
            continue
        known.add(email)
        new.append(SurveyInvitation(survey=survey, email=email, audience=row.audience,
                                    language=row.language or "en", code=new_code()))
    if not new:
        # The list sent before (nothing in it is new now), or a list of people all invited.
        return _list_mailing(survey, request_key), False
    try:
        with transaction.atomic():
            mailing = SurveyMailing.objects.create(
                survey=survey, kind=SurveyMailing.Kind.INVITATIONS, total=len(new),
                requested_by=user, request_key=request_key)
    except IntegrityError:
        # The same list confirmed at the same moment: the other confirm made it (PostgreSQL
        # waits here for it to commit).
        return SurveyMailing.objects.get(request_key=request_key), False
    stored = _invitations_store(survey, mailing, new)
    if not stored:
        # Another list, sent at the same moment, invited every one of these addresses.
        mailing.delete()
        return None, False
    if stored != mailing.total:
        SurveyMailing.objects.filter(pk=mailing.pk).update(total=stored)
        mailing.total = stored
    evidence_append(kind=Kind.SURVEY_INVITATIONS_SENT, subject=_subject(survey), page=survey,
                    payload={"survey": survey.pk, "invitations": stored})
    return mailing, True


def _list_mailing(survey: SurveyPage, request_key: str) -> SurveyMailing | None:
    """The mailing already made for the list ``request_key`` names (what this transaction
    can see: a confirm at the same moment may not have committed yet). One query, none
    without a key."""
    if not request_key:
        return None
    return SurveyMailing.objects.filter(survey=survey, request_key=request_key).first()


def _invited(survey: SurveyPage) -> set[str]:
    """The addresses invited to ``survey`` so far, as this transaction sees them. One
    query."""
    return set(SurveyInvitation.objects.filter(survey=survey).exclude(email="")
               .values_list("email", flat=True))


def _invitations_store(survey: SurveyPage, mailing: SurveyMailing,
                       new: list[SurveyInvitation]) -> int:
    """Insert ``new`` for ``mailing``, skipping any address another mailing has just invited
    (the database's unique constraint); returns how many were stored. An invitation left
    out only because its code clashed with one stored meanwhile gets a fresh code and goes
    in again. The inserts (in batches the database allows) and two queries a round, and a
    second round is rare."""
    for _round in range(5):
        for invitation in new:
            invitation.mailing = mailing
        _unique_codes(new)
        for invitation in new:  # bulk_create does not call save(), which sets it
            invitation.code_hash = code_hash(survey.pk, invitation.code)
        SurveyInvitation.objects.bulk_create(new, ignore_conflicts=True)
        mine = set(mailing.invitations.values_list("email", flat=True))
        left = [i for i in new if i.email not in mine]
        if not left:
            return len(mine)
        taken = set(SurveyInvitation.objects.filter(
            survey=survey, email__in=[i.email for i in left]).values_list("email", flat=True))
        new = [i for i in left if i.email not in taken]
        if not new:
            return len(mine)
        for invitation in new:
            invitation.code = new_code()
    return mailing.invitations.count()


def reminders_due(survey_id: int, *, now: dt.datetime):
    """The invitations a reminder asked for at ``now`` would go to (a queryset): code not
    used, address still held, and due by ``reminders.reminder_due`` (invited, and last
    reminded, at least ``reminders.REMINDER_GAP`` ago)."""
    cutoff = reminders.due_before(now)
    return (unused_invitations(survey_id).exclude(email="")
            .filter(sent_at__isnull=False, sent_at__lte=cutoff)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=cutoff))
            .filter(Q(reminder_requested_at__isnull=True)
                    | Q(reminder_requested_at__lte=cutoff)))


def reminder_recent(survey_id: int, *, now: dt.datetime) -> SurveyMailing | None:
    """The survey's latest reminder mailing asked for within ``reminders.REMINDER_GAP`` of
    ``now``, if any."""
    return (SurveyMailing.objects.filter(
        survey_id=survey_id, kind=SurveyMailing.Kind.REMINDERS,
        requested_at__gt=reminders.due_before(now)).order_by("-requested_at", "-pk").first())


@transaction.atomic
def invitations_remind(*, survey: SurveyPage, user, key: str = "",
                       now: dt.datetime | None = None) -> tuple[SurveyMailing | None, bool]:
    """Ask for a reminder to everyone due one (``reminders_due``); returns ``(mailing,
    created)``. The reminders go in the background; a code used before its reminder goes
    gets none.

    Idempotent: ``key`` is the confirm form's own key, so the same form sent again returns
    the mailing it made (``created`` False). A second confirm from another form finds
    nobody due (each reminded person is marked at once, by a single UPDATE whose condition
    a concurrent one re-checks) and returns the recent reminder mailing, or ``None`` when
    there is none, without making another. Errors: ``PermissionDenied`` for anyone but an
    officer, ``ValidationError`` once the survey is not open."""
    if not is_officer(user):
        raise PermissionDenied
    key = (key or "")[:64]
    if key:
        existing = SurveyMailing.objects.filter(survey=survey, request_key=key).first()
        if existing:
            return existing, False
    if not survey.is_open:
        raise ValidationError("Reminders go only while the survey is open.")
    now = now or timezone.now()
    due = reminders_due(survey.pk, now=now)
    if not due.exists():
        return reminder_recent(survey.pk, now=now), False
    try:
        with transaction.atomic():
            mailing = SurveyMailing.objects.create(
                survey=survey, kind=SurveyMailing.Kind.REMINDERS, requested_by=user,
                request_key=key)
    except IntegrityError:
        # The same form sent twice at once: the other request made it.
        return SurveyMailing.objects.get(request_key=key), False
    total = reminders_due(survey.pk, now=now).update(reminder=mailing,
                                                      reminder_requested_at=now)
    SurveyMailing.objects.filter(pk=mailing.pk).update(total=total)
    mailing.total = total
    return mailing, True


def unused_invitations(survey_id: int):
    """A survey's invitations whose code has not been used (a queryset: one query)."""
    used = SurveyUsedCode.objects.filter(survey_id=survey_id).values("code_hash")
    return SurveyInvitation.objects.filter(survey_id=survey_id).exclude(code_hash__in=used)


def _mailing_recipients(mailing: SurveyMailing) -> list[SurveyInvitation]:
    if mailing.kind == SurveyMailing.Kind.INVITATIONS:
        invitations = mailing.invitations.all()
    else:
        invitations = unused_invitations(mailing.survey_id)
        invitations = (invitations.filter(pk__lte=mailing.up_to_invitation)
                       if mailing.up_to_invitation is not None
                       else invitations.filter(reminder=mailing))
    # Everything the message needs, read with the rest: no query per invitation (the
    # mailing's own key too: Django reads it for each row of ``mailing.invitations``).
    return list(invitations.exclude(email="")
                .only("pk", "code", "email", "language", "mailing_id").order_by("pk"))


def mailing_send(*, mailing_id: int) -> int:
    """Send what a mailing has not sent yet; return how many went in this run.

    Safe to run again at any point (it is a task's body): each message is recorded in the
    outbox before it goes, and a message already recorded is skipped. A survey that has
    closed (or, for reminders, is no longer open) gets nothing more. Not in a transaction,
    by design: each chunk's record is committed before its messages go.
    """
    mailing = SurveyMailing.objects.select_related("survey").get(pk=mailing_id)
    survey = mailing.survey
    reminder = mailing.kind == SurveyMailing.Kind.REMINDERS
    if (not survey.is_open) if reminder else _closed(survey):
        SurveyMailing.objects.filter(pk=mailing.pk).update(
            finished_at=timezone.now(), failure="The survey closed before everything was sent.")
        return 0
    links: dict[str, InvitationCopy] = {"en": _respond_links(survey)}
    stamp = "reminded_at" if reminder else "sent_at"
    recipients = _mailing_recipients(mailing)
    # Someone who asked for no more e-mails about the survey after this mailing was made (or
    # an address invited twice before that was refused): their address goes, nothing is sent.
    stopped = selectors.asked_no_more(survey.pk, {i.email for i in recipients})
    if stopped:
        SurveyInvitation.objects.filter(
            pk__in=[i.pk for i in recipients
                    if no_more_emails.normalised(i.email) in stopped]).update(email="")
        recipients = [i for i in recipients
                      if no_more_emails.normalised(i.email) not in stopped]

    def stamp_sent(keys: list[str]) -> None:
        SurveyInvitation.objects.filter(pk__in=[int(k.split(":")[1]) for k in keys]).update(
            **{stamp: timezone.now()})

    delivery = outbox.send_once(
        kind=mailing.email_kind, about=mailing, on_sent=stamp_sent,
        outgoing=(outbox.Outgoing(f"invitation:{i.pk}",
                                  _invitation_email(survey, i, reminder=reminder, links=links))
                  for i in recipients))
    counts = outbox.delivery_counts(kind=mailing.email_kind, about=mailing)
    if counts.sending or counts.waiting or counts.deferred:
        # Another run holds some (a worker still sending, or killed), or the recipients'
        # mail servers deferred some: not finished until they go or are given up. The
        # ten-minute job (``mailings_to_resume``) sends those whose time has come.
        SurveyMailing.objects.filter(pk=mailing.pk).update(failure="")
        logger.info("Survey mailing %s: %s sent, %s held by another run, %s deferred",
                    mailing.pk, len(delivery.sent), counts.sending + counts.waiting,
                    counts.deferred)
        return len(delivery.sent)
    SurveyMailing.objects.filter(pk=mailing.pk).update(finished_at=timezone.now(), failure="")
    logger.info("Survey mailing %s: %s sent, %s already sent", mailing.pk,
                len(delivery.sent), delivery.skipped)
    return len(delivery.sent)


def mailings_to_resume(*, now: dt.datetime | None = None) -> list[int]:
    """The mailings left unfinished with messages no run is sending: asked for longer ago
    than ``outbox.CLAIM_LEASE``, not finished (stopped after its retries, or its worker
    killed, or waiting for messages the recipients' mail servers deferred), and holding no
    claim taken within the lease (a worker still sending holds fresh claims; a killed
    worker's have expired). A mailing whose only messages left are deferred to a later time
    (none due yet, nothing waiting, every message on record, no failure) is left until one
    is due. The periodic job
    (``surveys.tasks.resume_survey_mailings``) sends what is left of each, once per
    message (``mailing_send``). One query, and one for each unfinished mailing."""
    now = now or timezone.now()
    pending = SurveyMailing.objects.filter(finished_at__isnull=True,
                                           requested_at__lt=now - outbox.CLAIM_LEASE)
    resume = []
    for mailing in pending.order_by("pk"):
        counts = outbox.delivery_counts(kind=mailing.email_kind, about=mailing, now=now)
        if counts.sending:
            continue
        recorded = (counts.sent + counts.unconfirmed + counts.refused + counts.deferred
                    + counts.waiting)
        only_later = (counts.deferred and not counts.deferred_due and not counts.waiting
                      and not mailing.failure and recorded >= mailing.total)
        if not only_later:
            resume.append(mailing.pk)
    return resume


def mailing_failed(*, mailing_id: int, reason: str) -> None:
    """Record that a mailing's task gave up, so the officer sees it and can try again."""
    SurveyMailing.objects.filter(pk=mailing_id).update(failure=reason[:500] or "Unknown error.")


def mailing_reopen(*, mailing_id: int) -> SurveyMailing | None:
    """Mark a mailing unfinished again, so its sending goes on (``mailing_send``), after an
    officer released one of its messages the mail server never confirmed
    (``outbox.services.unconfirmed_release``): what was sent stays sent. Returns the mailing
    (None once deleted). Two queries."""
    SurveyMailing.objects.filter(pk=mailing_id).update(finished_at=None, failure="")
    return SurveyMailing.objects.filter(pk=mailing_id).first()


def mailing_titles(rows) -> dict[int, str]:
    """The survey each outbox row of a mailing was sent for, by row id (its title). One
    query."""
    titles = dict(SurveyMailing.objects.filter(pk__in={row.object_id for row in rows})
                  .values_list("pk", "survey__title"))
    return {row.pk: titles.get(row.object_id) or "" for row in rows}


def mailing_restart(*, mailing: SurveyMailing, user) -> None:
    """Clear a mailing's failure before it is queued again (what was sent stays sent)."""
    if not is_officer(user):
        raise PermissionDenied
    SurveyMailing.objects.filter(pk=mailing.pk).update(failure="", finished_at=None)


# --- moderation -------------------------------------------------------------------------


#: The reason logged when approving a comment took out words already removed from the
#: survey's write-up and the officer gave none (an approval as written needs none).
WORDS_REMOVED_BEFORE = ("Words removed earlier from this survey's write-up as personal "
                        "details were taken out again.")


@transaction.atomic
def comment_moderate(*, comment: SurveyComment, user, decision: str, reason: str = "",
                     public_text: str = "") -> SurveyComment:
    """An officer approves a written answer, approves it with words removed, or withholds it.

    Removing words or withholding needs a reason. Every decision is logged: the public log
    holds the decision; the officer's reason, which often repeats the personal detail it
    removes ("Names a child and his school"), is kept beside the entry as a text (the public
    copy holds its salted hash, the board reads it). Entries made before this held the
    reason in the payload: the log is append-only, so they stay as they are.
    Words removed from the survey's write-up as personal details (``hooks.words_removed``)
    are taken out of the words approved: the comment is then "Approved with words removed",
    with ``WORDS_REMOVED_BEFORE`` as its reason when the officer gave none.
    """
    if not is_officer(user):
        raise PermissionDenied
    Moderation = SurveyComment.Moderation
    if decision not in (Moderation.APPROVED, Moderation.REDACTED, Moderation.WITHHELD):
        raise ValidationError({"decision": "Choose approve, remove words, or do not publish."})
    reason = clean_text(reason).strip()
    public_text = clean_text(public_text).strip()
    errors = {}
    if decision != Moderation.APPROVED and len(reason) < 5:
        errors["reason"] = "Say why, so the board can see it was fair."
    if decision == Moderation.REDACTED:
        if not public_text:
            errors["public_text"] = "Give the words to publish."
        elif public_text == comment.text:
            errors["public_text"] = "Nothing was removed: approve it as written instead."
    if errors:
        raise ValidationError(errors)
    public_text = {Moderation.APPROVED: comment.text, Moderation.REDACTED: public_text,
                   Moderation.WITHHELD: ""}[decision]
    # Words removed from the survey's write-up as personal details after this comment was
    # written stay removed when it is approved, as written or in other words.
    public_text, taken = words_removed(comment.survey, public_text)
    if taken:
        decision = Moderation.REDACTED
        reason = reason or WORDS_REMOVED_BEFORE
    comment.moderation = decision
    comment.public_text = public_text
    comment.moderation_reason = reason
    comment.moderated_by = user
    comment.moderated_at = timezone.now()
    comment.save()
    evidence_append(kind=Kind.SURVEY_COMMENT_MODERATED, subject=_subject(comment.survey),
                    page=comment.survey,
                    payload={"survey": comment.survey_id, "comment": str(comment.pk),
                             "decision": decision},
                    # A comment's key is not a number: the texts' record is its survey.
                    texts={"reason": reason} if reason else None,
                    source=comment.survey if reason else None)
    # The apps built on surveys take a comment no longer cleared out of what they quote
    # (the analysis's working draft, which the forum reads).
    comment_moderated(comment)
    return comment


@transaction.atomic
def comments_words_remove(*, survey, remove: Callable[[str], tuple[str, int]], reason: str,
                          user, now: dt.datetime | None = None) -> list[SurveyComment]:
    """Take chosen personal details out of the words approved for the public of every
    comment of ``survey`` (an officer's "Remove chosen words" on the survey's write-up, so
    a draft written again, and the public results, quote those comments without them).
    ``remove(text) -> (text without the details, how many were taken out)`` is the caller's
    rule (``analysis.writeup.remove_phrases``). Each comment changed is "Approved with
    words removed" from then on, with ``reason`` as its moderation reason: the caller's
    fixed words naming its removal, never the officer's typed reason (which may hold the
    details; it lives only beside the removal's entry, review bk15h F5). Not logged one by
    one: the caller's removal entry says the comments' words changed, without their keys
    or number, which would tell the public which comments held the words (review bk15h,
    F8). Comments not yet moderated, or not published, keep their words: nothing of theirs
    is shown. Returns the comments changed. Raises ``PermissionDenied`` for anyone but an
    officer, ``ValidationError`` without a reason."""
    if not is_officer(user):
        raise PermissionDenied
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason the words are removed."})
    Moderation = SurveyComment.Moderation
    now = now or timezone.now()
    changed = []
    for comment in (SurveyComment.objects.select_for_update()
                    .filter(survey=survey, moderation__in=(Moderation.APPROVED,
                                                           Moderation.REDACTED))
                    .order_by("pk")):
        words = comment.public_text or (comment.text if comment.moderation
                                        == Moderation.APPROVED else "")
        kept, found = remove(words)
        if not found:
            continue
        comment.moderation, comment.public_text = Moderation.REDACTED, kept
        comment.moderation_reason, comment.moderated_by, comment.moderated_at = reason, user, now
        comment.save(update_fields=["moderation", "public_text", "moderation_reason",
                                    "moderated_by", "moderated_at"])
        changed.append(comment)
    if changed:
        comment_moderated(changed[0])
    return changed


# --- the record -----------------------------------------------------------------------


@transaction.atomic
def survey_events_record(surveys: QuerySet[SurveyPage], *, now=None) -> int:
    """Log each of ``surveys`` (run over every survey) opening and closing once, delete
    invitation addresses at close, and rewrite the used codes of surveys open (or just
    closed) in hash order. A survey and its translations (not aliases, which are skipped)
    open and close once for all their languages (``_logged_for_survey``), logged on the
    English page where it is live.

    Run daily (``manage.py record_survey_events``); running it again changes nothing.
    """
    now = now or timezone.now()
    count = 0
    default = Locale.get_default().pk
    live = surveys.live().filter(opens__lte=now, alias_of__isnull=True)
    # The English page first, so the record is about it whenever it is live.
    for survey in sorted(live, key=lambda page: (page.locale_id != default, page.pk)):
        subject = _subject(survey)
        if not _logged_for_survey(Kind.SURVEY_OPENED, survey):
            evidence_append(kind=Kind.SURVEY_OPENED, subject=subject, page=survey,
                            payload={"survey": survey.pk, "year": survey.year,
                                     "at": survey.opens})
            count += 1
        if survey.closes <= now and not _logged_for_survey(Kind.SURVEY_CLOSED, survey):
            evidence_append(kind=Kind.SURVEY_CLOSED, subject=subject, page=survey,
                            payload={"survey": survey.pk, "year": survey.year,
                                     "at": survey.closes,
                                     "responses": survey.responses.count()})
            count += 1
        # Used codes lose the order they were used in (it could be lined up with the order
        # answers arrived in); a closed survey gets its last rewrite the night it closes.
        if survey.closes > now - dt.timedelta(days=2):
            used_codes_reorder(survey=survey)
        if survey.closes <= now:
            deleted = (SurveyInvitation.objects.filter(survey=survey).exclude(email="")
                       .update(email=""))
            # No more invitations once it has closed: who asked for none is not kept either.
            SurveyStoppedAddress.objects.filter(survey=survey).delete()
            if deleted:
                evidence_append(kind=Kind.SURVEY_ADDRESSES_DELETED, subject=subject,
                                page=survey, payload={"survey": survey.pk,
                                                      "addresses": deleted})
                count += 1
    return count


def survey_events_daily(surveys: QuerySet[SurveyPage], *, now=None) -> list[str]:
    """The daily job (``manage.py record_survey_events`` and ``surveys.tasks``, over every
    survey): record openings, closings and deleted addresses, and name each evidence entry it added
    ("Survey opened: Travel survey 2026 (page:12)."). Running it again adds nothing."""
    before = (EvidenceEntry.objects.order_by("-sequence").values_list("sequence", flat=True)
              .first() or 0)
    survey_events_record(surveys, now=now)
    lines = []
    for entry in EvidenceEntry.objects.filter(sequence__gt=before).select_related("page"):
        title = entry.page.title if entry.page_id and entry.page else entry.subject
        lines.append(f"{entry.get_kind_display()}: {title} ({entry.subject}).")
    return lines


def survey_published(*, survey: SurveyPage, revision) -> None:
    """Log what a version of a survey agreed with the forum adds to the record. Its results
    are published once for every language (``_logged_for_survey``: whichever copy's publish
    brings them first), with the responses of the survey of record, which every language's
    answers count towards; an action's status is logged from the survey of record only (a
    translation's copies of its actions are the same actions)."""
    subject = _subject(survey)
    revision_id = revision.pk if revision else None
    of_record = selectors.survey_of_record(survey)
    if not survey.results_published:
        evidence_append(kind=Kind.SURVEY_REVIEWED, subject=subject, page=survey, payload={
            "survey": survey.pk, "year": survey.year, "revision": revision_id,
            "questions": [p.question_id for p in survey.placements.all()]})
    elif not _logged_for_survey(Kind.SURVEY_RESULTS_PUBLISHED, survey):
        # The summary is typed words (it may name someone, and a later version may correct
        # it): beside the entry, where the board reads it; the public log holds its salted
        # hash. Entries written before held it in the payload and stay as they are.
        evidence_append(kind=Kind.SURVEY_RESULTS_PUBLISHED, subject=subject, page=survey,
                        payload={"survey": survey.pk, "year": survey.year,
                                 "revision": revision_id,
                                 "responses": of_record.responses.count()},
                        texts={"summary": survey.results_summary}
                        if survey.results_summary.strip() else None,
                        source=survey)
    if of_record.pk != survey.pk:
        return
    last_status: dict[int, str] = {}
    for payload in EvidenceEntry.objects.filter(
            kind=Kind.SURVEY_ACTION_UPDATED, subject=subject).values_list("payload_json",
                                                                          flat=True):
        data = json.loads(payload)
        last_status[data["action"]] = data["status"]
    for action in survey.actions.all():
        if last_status.get(action.pk) != action.status:
            # What will be done and who owns it are typed (an owner is often a person's
            # name): beside the entry, hashed in the public log; entries written before
            # held them in the payload and stay as they are.
            evidence_append(kind=Kind.SURVEY_ACTION_UPDATED, subject=subject, page=survey,
                            payload={"survey": survey.pk, "action": action.pk,
                                     "status": action.status,
                                     "was": last_status.get(action.pk)},
                            texts={name: words for name, words in (
                                ("text", action.action), ("owner", action.owner))
                                if words.strip()} or None,
                            source=action)


@transaction.atomic
def results_shown_keep(*, survey: SurveyPage, now: dt.datetime | None = None) -> bool:
    """Keep the figures the public is given now for ``survey`` (the survey of record) as a
    round (``SurveyResultsShown``), just before a response is deleted: the public page is
    then held against it (``surveys.results.public_results``), so the deletion cannot move
    a published figure by 1 to 9. Nothing is kept while the results are not public, or when
    the figures shown are the last round's already. Returns whether a round was kept."""
    if not results_public(survey, now=now):
        return False
    minimum = survey_settings().minimum_responses
    rounds = list(SurveyResultsShown.objects.filter(survey=survey).order_by("pk"))
    figures, kept = statistics.figures_to_show([r.figures for r in rounds],
                                               figures_now(survey), minimum=minimum)
    if kept or (rounds and rounds[-1].figures == figures):
        return False
    SurveyResultsShown.objects.create(survey=survey, figures=figures,
                                      shown_at=now or timezone.now())
    return True
