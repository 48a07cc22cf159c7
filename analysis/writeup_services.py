"""Writes for the frame's review by the forum, quotes and the write-up, each in one
transaction. Keyword-only arguments; a refused step raises ``ValidationError`` with a plain
message (or ``PermissionDenied`` for the wrong role).

The frame and the write-up each move draft -> with the forum -> agreed. Officers change
them only as drafts (taking one back from the forum makes it a draft again, on record);
forum representatives comment and agree only while it is with the forum. Sending and
agreeing go in the evidence log (the themes' names and descriptions; the write-up's words
only as texts kept beside the log, whose salted hashes the public copy holds, see
``_write_up_logged``).

A write-up reports on a consultation's written answers or on a survey's comments: the same
functions, rules and log entries for both (``write_up_generate(consultation=…)`` or
``write_up_generate(survey=…)``).
"""

from __future__ import annotations

import json
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis import selectors, writeup, writeup_selectors
from analysis.models import (
    Coding,
    CodingFrame,
    CodingSession,
    Finding,
    Flag,
    FrameComment,
    QuoteConsent,
    Redaction,
    ReviewStep,
    Theme,
    ThemeExample,
    ThemeSuggestion,
    WriteUp,
    WriteUpComment,
)
from analysis.services import (
    coding_sessions_close,
    new_theme_code,
    theme_small_numbers_message,
    theme_words_check,
    theme_words_keep,
)
from analysis.small_numbers import figures_near, small_numbers
from charter.chain import canonical_json
from charter.models import EvidenceEntry, EvidenceText
from charter.permissions import is_forum_rep, is_officer
from charter.record import evidence_append, removal_notice, removed_pointer
from consultations.models.responses import ConsultationResponse
from core.cache import purge_page_cache
from surveys import services as survey_services
from surveys.models import SurveyComment, SurveyResponse
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES

Status = CodingFrame.Status
Action = ReviewStep.Action

#: Evidence log kinds for the analysis (stored as given; see the README).
FRAME_SENT = "coding_frame_sent"
FRAME_AGREED = "coding_frame_agreed"
FRAME_TAKEN_BACK = "coding_frame_taken_back"
QUOTE_CONSENT_WITHDRAWN = "quote_consent_withdrawn"
RESPONSE_ERASED = "response_erased"
WRITE_UP_SENT = "analysis_sent"
WRITE_UP_AGREED = writeup_selectors.WRITE_UP_AGREED
WRITE_UP_REOPENED = "analysis_reopened"
SMALL_NUMBERS_KEPT = "analysis_small_numbers_kept"

#: The code of the ``ValidationError`` raised for a sentence giving a number under the minimum.
SMALL_NUMBERS = "small_numbers"
#: The fewest characters of a reason for keeping such a sentence (as moderation's reasons).
KEPT_REASON_MINIMUM = 5

#: The code of the ``ValidationError`` raised when coding changed since a draft took its counts.
COUNTS_CHANGED = "counts_changed"
#: The code of the ``ValidationError`` raised when a representative agrees from a page that
#: showed an earlier sending (``frame_agree``, ``write_up_agree``).
VERSION_CHANGED = "version_changed"
VERSION_CHANGED_AGREE = gettext_lazy(
    "The council took this back and sent it again after you opened the page, so what you "
    "read is not what the forum would agree. Nothing was agreed. Read it again as it is now, "
    "then agree.")
COUNTS_CHANGED_SEND = gettext_lazy(
    "Coding has changed since this draft’s counts were taken, so it cannot be sent: the forum "
    "would agree counts that are no longer true. Press “Refresh the counts” (your words are "
    "kept), check the numbers in the sentences it points to, then send it.")
COUNTS_CHANGED_AGREE = gettext_lazy(
    "Coding has changed since the council sent this draft, so its counts are no longer true "
    "and it cannot be agreed yet. Nothing has been recorded. The council will refresh the "
    "counts and send it again; you can still comment.")


def _officer(user) -> None:
    if not is_officer(user):
        raise PermissionDenied(_("Only officers do this."))


def _rep(user) -> None:
    if not is_forum_rep(user):
        raise PermissionDenied(_("Only forum representatives do this."))


def _subject(frame_or_write_up) -> str:
    # A survey's comments' frame and write-up are recorded against the survey page.
    return f"page:{frame_or_write_up.consultation_id or frame_or_write_up.survey_id}"


def _lock(model, obj):
    return model.objects.select_for_update().get(pk=obj.pk)


# --- the frame -------------------------------------------------------------------------------


@transaction.atomic
def theme_save(*, frame: CodingFrame, user, name: str, description: str, examples: list[str],
               theme: Theme | None = None, code: str = "", keep: bool = False,
               keep_reason: str = "", now=None) -> Theme:
    """Add a theme to a draft frame, or change one of its themes: name, plain description
    and example quotes (blank ones dropped). Raises ``ValidationError`` when the frame is
    not a draft, the name is blank or already taken in the frame, or the name or
    description gives a number under the minimum (``services.theme_words_check``) and the
    officer did not tick ``keep`` with a ``keep_reason`` (a false alarm: then the words are
    kept as typed and the decision recorded, ``services.theme_words_keep``). Words removed
    as personal details from the write-up (``WriteUp.removed_words``) are taken out of the
    name, description and examples again, as the draft editor takes them out; the theme
    returned says how many passages (``taken_out_again``)."""
    _officer(user)
    frame = _lock(CodingFrame, frame)
    if frame.status != Status.DRAFT:
        raise ValidationError(_("Take the frame back from the forum before changing it."))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the theme a name.")})
    # Words removed as personal details, typed or saved back from a page opened before,
    # go again (as in the draft editor); the officer is told (``taken_out_again``). A
    # refusal below shows the form back as typed.
    (name, description, *examples), again = writeup_selectors.removed_from_theme_words(
        frame, [name, description.strip(), *examples])
    taken = frame.themes.filter(name__iexact=name)
    if theme is not None:
        taken = taken.exclude(pk=theme.pk)
    if taken.exists():
        raise ValidationError({"name": _("The frame already has a theme with this name.")})
    if theme is not None and theme.frame_id != frame.pk:
        raise ValidationError(_("This theme is not the frame's."))
    flagged = theme_words_check(name=name, description=description, theme=theme, keep=keep,
                                reason=keep_reason)
    if theme is None:
        theme = Theme.objects.create(frame=frame, code=code or new_theme_code(frame), name=name,
                                     description=description,
                                     sort_order=frame.themes.count())
    else:
        theme.name, theme.description = name, description
        theme.save(update_fields=["name", "description"])
        theme.examples.all().delete()
    theme_words_keep(theme=theme, flagged=flagged, reason=keep_reason, user=user, now=now)
    ThemeExample.objects.bulk_create([ThemeExample(theme=theme, text=e.strip(), sort_order=i)
                                      for i, e in enumerate(examples) if e.strip()])
    theme.taken_out_again = again
    return theme


def _move(reviewed, status: str, *, user, action: str, at) -> ReviewStep:
    """Move a frame or a write-up (``reviewed``, locked) to ``status`` and keep the step
    (who, what, when): the one state change both reviews make."""
    reviewed.status = status
    reviewed.save(update_fields=["status"])
    owner = {"write_up": reviewed} if isinstance(reviewed, WriteUp) else {"frame": reviewed}
    return ReviewStep.objects.create(**owner, action=action, by=user, at=at)


def _same_sending(reviewed, sent: int | None) -> None:
    """Raise ``ValidationError`` (``VERSION_CHANGED``) when ``sent`` (the sending a
    representative read) is not ``reviewed``'s last: it was taken back and sent again."""
    if sent is not None and sent != writeup_selectors.last_sent(reviewed):
        raise ValidationError(VERSION_CHANGED_AGREE, code=VERSION_CHANGED)


@transaction.atomic
def frame_send(*, frame: CodingFrame, user, now=None) -> CodingFrame:
    """Send a draft frame to the forum (it needs at least one theme) and log it."""
    _officer(user)
    now = now or timezone.now()
    frame = _lock(CodingFrame, frame)
    if frame.status != Status.DRAFT:
        raise ValidationError(_("This frame is not a draft."))
    themes = list(frame.themes.all())
    if not themes:
        raise ValidationError(_("Add at least one theme before sending the frame."))
    # Theme names and descriptions are shown in public (the results, the findings page, the
    # log this step writes): no count under the minimum in them.
    flagged = [f.sentence for f in small_numbers("\n".join(_theme_words(themes)),
                                                 minimum=DEFAULT_MINIMUM_RESPONSES)]
    if flagged:
        raise ValidationError(theme_small_numbers_message(flagged, DEFAULT_MINIMUM_RESPONSES),
                              code=SMALL_NUMBERS)
    # The forum reads a complete log: every open coding session is summed up first.
    coding_sessions_close(frame=frame, now=now)
    _move(frame, Status.WITH_FORUM, user=user, action=Action.SENT, at=now)
    evidence_append(kind=FRAME_SENT, subject=_subject(frame), page=frame.page,
                    **_frame_logged(frame, themes))
    return frame


def _frame_logged(frame: CodingFrame, themes) -> dict:
    """What the log keeps of a frame sent or agreed (``evidence_append``'s ``payload``,
    ``texts`` and ``source``). The log is public and can never be rewritten, so its payload
    names each theme by its key only (``Theme.pk``, never its code, which for themes made
    before codes were numbers holds the theme's first name); the themes' names and plain
    descriptions are kept beside the entry as a text ("theme_names", JSON), whose salted hash the
    public copy holds. A name may give away a person or a small number the officer took out
    later: the public reads the names the forum agreed on the published findings, never here.

    Entries made before this change held the codes, names and descriptions in the payload:
    the log is append-only, so they stay as they are."""
    return {"payload": {"consultation": frame.consultation_id, "frame": frame.pk,
                        "question": frame.question_id,
                        "themes": [{"theme": t.pk} for t in themes]},
            "texts": {"theme_names": canonical_json([
                {"theme": t.pk, "code": t.code, "name": t.name, "description": t.description}
                for t in themes])},
            "source": frame}


@transaction.atomic
def frame_comment(*, frame: CodingFrame, user, proposal: str, text: str,
                  theme: Theme | None = None, now=None) -> FrameComment:
    """A forum representative's proposal on a frame with the forum."""
    _rep(user)
    frame = _lock(CodingFrame, frame)
    if frame.status != Status.WITH_FORUM:
        raise ValidationError(_("This frame is not with the forum."))
    if not text.strip():
        raise ValidationError({"text": _("Write what you propose.")})
    if proposal not in FrameComment.Proposal.values:
        raise ValidationError({"proposal": _("Choose what you propose.")})
    if theme is not None and theme.frame_id != frame.pk:
        raise ValidationError({"theme": _("That theme is not in this frame.")})
    return FrameComment.objects.create(frame=frame, author=user, proposal=proposal,
                                       theme=theme, text=text.strip(),
                                       created_at=now or timezone.now())


@transaction.atomic
def frame_agree(*, frame: CodingFrame, user, sent: int | None = None,
                now=None) -> CodingFrame:
    """The forum agrees the frame: coding against it now counts as final. Logged.
    ``sent``: the sending the representative read (``writeup_selectors.last_sent``, carried
    by the page's form); a later one raises ``ValidationError`` (``VERSION_CHANGED``), as
    the frame was taken back and changed since. None: not checked."""
    _rep(user)
    now = now or timezone.now()
    frame = _lock(CodingFrame, frame)
    if frame.status != Status.WITH_FORUM:
        raise ValidationError(_("This frame is not with the forum."))
    _same_sending(frame, sent)
    _move(frame, Status.AGREED, user=user, action=Action.AGREED, at=now)
    evidence_append(kind=FRAME_AGREED, subject=_subject(frame), page=frame.page,
                    **_frame_logged(frame, list(frame.themes.all())))
    return frame


@transaction.atomic
def frame_take_back(*, frame: CodingFrame, user, now=None) -> CodingFrame:
    """An officer takes the frame back to change it: a draft again, to be sent again. Taking
    back a frame the forum agreed is logged (``FRAME_TAKEN_BACK``): the public record no
    longer ends at an agreement while themes are changed and answers recoded."""
    _officer(user)
    now = now or timezone.now()
    frame = _lock(CodingFrame, frame)
    if frame.status == Status.DRAFT:
        raise ValidationError(_("This frame is already a draft."))
    agreed = frame.status == Status.AGREED
    _move(frame, Status.DRAFT, user=user, action=Action.TAKEN_BACK, at=now)
    if agreed:
        evidence_append(kind=FRAME_TAKEN_BACK, subject=_subject(frame), page=frame.page,
                        payload={"consultation": frame.consultation_id,
                                 "survey": frame.survey_id, "frame": frame.pk,
                                 "summary": "The council took back the themes the forum "
                                            "agreed, to change them; coding against them "
                                            "is not final until the forum agrees them "
                                            "again"})
    return frame


# --- quotes ----------------------------------------------------------------------------------


@transaction.atomic
def consent_record(*, response, user, how: str, now=None) -> QuoteConsent:
    """Record that the respondent agreed to be quoted, and where (a paper form, a call)."""
    _officer(user)
    if not how.strip():
        raise ValidationError({"how": _("Say where the respondent agreed.")})
    consent, _created = QuoteConsent.objects.get_or_create(
        response=response, defaults={"how": how.strip(), "recorded_by": user,
                                     "recorded_at": now or timezone.now()})
    return consent


@transaction.atomic
def consent_withdraw(*, response, user, how: str, now=None) -> int:
    """Record that the respondent withdrew their consent to be quoted, and how they said so
    (a call, an email): their consent is removed, so their words are no longer quoted, and
    their quotes are withdrawn from the write-up wherever it is shown (the agreed version
    on the public and board pages, ``writeup_selectors.agreed_for_public``, and the working
    draft, ``withdraw_from_working_copy``). Logged (``QUOTE_CONSENT_WITHDRAWN``: the page and
    a summary; how they said so is kept beside the log, as a text). Returns how many quotes
    were taken out of the working draft. Raises ``ValidationError`` when ``how`` is blank
    or no consent was recorded."""
    _officer(user)
    how = how.strip()
    if not how:
        raise ValidationError({"how": _("Say how the respondent withdrew their consent.")})
    consent = QuoteConsent.objects.filter(response=response).first()
    if consent is None:
        raise ValidationError({"reference": _("This respondent has not agreed to be quoted, "
                                              "so there is nothing to withdraw.")})
    consent.delete()
    evidence_append(kind=QUOTE_CONSENT_WITHDRAWN, subject=f"page:{response.consultation_id}",
                    page=response.consultation,
                    payload={"consultation": response.consultation_id,
                             "summary": "A respondent withdrew consent to be quoted: their "
                                        "words are no longer quoted, and quotes of them are "
                                        "taken out of the write-up"},
                    texts={"how": how}, source=response)
    return withdraw_from_working_copy(response.consultation)


def withdraw_from_working_copy(page, *, why: str = "quotes_withdrawn") -> int:
    """Take out of ``page``'s write-up, while it is a draft or with the forum, the quotes of
    answers no longer cleared to be quoted (the same rule as the agreed version's,
    ``writeup.withdraw_quotes``, with the sources the draft recorded). Returns how many. Call
    inside the transaction that made the answer uncleared; ``why`` (a key of ``REVISED``) is
    what an officer whose draft form was opened before is told."""
    write_up = writeup_selectors.write_up_of(page)
    if write_up is None or write_up.status == Status.AGREED:
        return 0
    write_up = _lock(WriteUp, write_up)
    findings = list(write_up.findings.all())
    sources = writeup_selectors.quote_sources([write_up], council_read=True)[write_up.pk]
    text, withdrawn = sources.withdraw(write_up.text)
    if withdrawn:
        write_up.text = text
    for finding in findings:
        words, lost = sources.withdraw(finding.text)
        if lost:
            withdrawn += lost
            finding.text = words or finding.theme.name
            finding.save(update_fields=["text"])
    if withdrawn:
        # A form opened before would put the quotes back: it is refused (write_up_edit).
        write_up.save(update_fields=["text", *_revised(write_up, why)])
    return withdrawn


@transaction.atomic
def redaction_add(*, response, question_id: str, words: str, reason: str, user,
                  now=None) -> Redaction:
    """Take ``words`` out of a written answer wherever it is quoted (the answer itself is
    kept as written). As the charter's removals (``charter.record.text_remove``): the
    removal is one ``text_removed`` entry of the evidence log (the redaction, the answer's
    question; never the words), the officer's typed ``reason`` is kept only beside that
    entry (it may name the very person: the board reads it there, the public log holds its
    salted hash), and the record keeps "Removed on DATE: personal details"
    (``removal_notice``), which every reader outside the officers' own screens sees, in
    their language; officers read the reason in its place (``removal_shown``). The texts
    kept beside the log that quote the answer with the words (the write-up's words sent and
    agreed: ``_texts_quoting``) are erased whole, as the write-up's removal erases them; the
    entry lists theirs and the log still verifies. The themes' example quotes (of every frame
    of the consultation, whatever its status) lose the words too (``_examples_redacted``),
    and the entry's fields then name "theme_examples".

    Raises ``PermissionDenied`` for anyone but an officer, ``ValidationError`` when the
    answer is not written, the words are not in it in any form the quote loses them in
    (keyed "words") or the reason is blank (keyed "reason")."""
    _officer(user)
    now = now or timezone.now()
    words, reason = words.strip(), " ".join((reason or "").split())
    text = response.answers.get(question_id)
    if not isinstance(text, str):
        raise ValidationError(_("This response has no written answer to that question."))
    # Found only as the quote loses them (``writeup.redact``, whole words in any spelling):
    # "Jan Zieliński" is in an answer that writes "Jan-Zieliński", "Jan  Zielinski" or
    # "Zielińskiego"; "Ali" is not in "quality".
    if not words or not writeup.holds_phrase(text, [words]):
        raise ValidationError({"words": _("Copy the words to remove exactly as they are written.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason for removing them.")})
    redaction = Redaction.objects.create(
        response=response, question_id=question_id, words=words,
        reason=removal_notice(when=timezone.localdate(now)), redacted_by=user, redacted_at=now)
    gone = _texts_quoting(response.consultation, text, words)
    # The themes' example quotes may quote the answer with the words (an officer copied
    # them in): the forum reads them on the frame page, and once the frame is with the
    # forum or agreed no officer can edit them, so they lose the words here too.
    examples = _examples_redacted(consultation_id=response.consultation_id, words=words)
    label = Redaction._meta.label_lower
    entry = evidence_append(
        kind=EvidenceEntry.Kind.TEXT_REMOVED, subject=f"{label}:{redaction.pk}",
        page=response.consultation,
        payload={"record": f"{label}:{redaction.pk}",
                 "entries": sorted({t.entry.sequence for t in gone}),
                 "fields": ["answer_quote", *(["theme_examples"] if examples else [])],
                 "question": question_id},
        texts={"reason": reason}, source=redaction)
    # As the write-up's removal (``write_up_phrases_remove``): the texts kept beside the log
    # that quote the answer with the words (the words sent and agreed) are erased whole,
    # naming this removal; the log still verifies.
    EvidenceText.objects.filter(pk__in=[t.pk for t in gone]).update(
        text="", salt="", removed_at=now, removed_reason=removed_pointer(entry),
        removed_by=user)
    withdraw_from_working_copy(response.consultation, why="details_removed")
    transaction.on_commit(purge_page_cache)  # public pages drop the quote now
    return redaction


def _examples_redacted(*, consultation_id: int, words: str) -> int:
    """Take ``words`` out of every example quote of the themes of the consultation's frames
    (any status: a frame with the forum or agreed included) that holds them as a quote loses
    them (``writeup.remove_phrases``: whole words in any spelling, with their endings and
    joins), each replaced by ``writeup.REMOVED``, every other word kept. How many examples
    changed."""
    changed = 0
    for example in ThemeExample.objects.filter(
            theme__frame__consultation_id=consultation_id).select_for_update():
        example.text, found = writeup.remove_phrases(example.text, [words])
        if found:
            example.save(update_fields=["text"])
            changed += 1
    return changed


def _texts_quoting(page, answer: str, words: str) -> list[EvidenceText]:
    """The texts kept beside the log for ``page``'s write-up, its frames, themes and coding
    sessions (``_texts_beside``) that quote ``answer`` (a run of ``writeup.QUOTE_RUN`` of its
    words in a row) and hold ``words`` as a quote loses them (``writeup.holds_phrase``): a
    removal from that answer's quote erases them. A text holding the words but quoting no
    part of the answer is another's words, kept."""
    write_up = writeup_selectors.write_up_of(page)
    if write_up is None:
        return []
    runs = {m for m in writeup.run_marks(answer) if m.startswith("q3:")}
    frames = writeup_selectors.frames_of(write_up.page)
    themes = list(Theme.all_objects.filter(frame__in=frames).values_list("pk", flat=True))
    sessions = list(CodingSession.objects.filter(frame__in=frames).values_list("pk", flat=True))
    found = []
    for kept in _texts_beside(write_up, [f.pk for f in frames], themes, sessions):
        read = _strings(kept.text)
        if runs & writeup.run_marks(read) and writeup.holds_phrase(read, [words]):
            found.append(kept)
    return found


# --- a respondent's erasure request ----------------------------------------------------------


def _strings(text: str) -> str:
    """A text kept beside the log as read for words: a JSON one's strings, a line each (its
    escapes undone); any other as it is."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for v in item.values():
                walk(v)
        elif isinstance(item, list):
            for v in item:
                walk(v)

    walk(value)
    return "\n".join(found) if found else text


def _erasure_how(how: str) -> str:
    """How a respondent asked for their response to be deleted, spaces tidied. Raises
    ``ValidationError`` (keyed "how") when blank."""
    how = " ".join((how or "").split())
    if not how:
        raise ValidationError({"how": _("Say how the respondent asked for their response to "
                                        "be deleted.")})
    return how


@transaction.atomic
def response_erase(*, response: ConsultationResponse, user, how: str,
                   now=None) -> EvidenceEntry:
    """Delete a consultation response outright at the respondent's request (an erasure
    request), with everything the analysis keeps of it, in one step: its codings and flags
    (kept as the record of who coded what, but not past the respondent's own request), its
    suggested codes, consent and removed words (with the response), its key in the themes
    suggested from it, the example quotes of a theme that quote it, and the texts kept
    beside the evidence log that hold its words (the write-up's words sent and agreed:
    erased whole, as ``charter.record.text_remove`` does, the log still verifying) and
    the reasons typed for removing details from its quotes (``redaction_add``). Its
    quotes are withdrawn from the write-up everywhere (the draft, the version agreed, and
    any copy saved later however tidied: ``quotes_withdraw_deleted``, by the deletion's
    signal). Logged as ``response_erased``: the consultation and how many codings, flags
    and texts went, never the words or the reference; how they asked (``how``) is kept
    beside the entry, as a text.

    Raises ``PermissionDenied`` for anyone but an officer, ``ValidationError`` (keyed
    "how") when ``how`` is blank."""
    _officer(user)
    now = now or timezone.now()
    how = _erasure_how(how)
    response = ConsultationResponse.objects.select_for_update().get(pk=response.pk)
    consultation = response.consultation
    frames = list(CodingFrame.objects.filter(consultation_id=consultation.pk))
    texts = [t for t in (response.answers or {}).values() if isinstance(t, str) and t.strip()]
    codings = Coding.objects.filter(response=response).delete()[0]
    flags = Flag.objects.filter(response=response).delete()[0]
    for suggestion in ThemeSuggestion.objects.filter(frame__in=frames):
        answers = [k for k in suggestion.answer_ids if str(k) != str(response.pk)]
        quotes = [k for k in suggestion.quote_ids if str(k) != str(response.pk)]
        if (answers, quotes) != (suggestion.answer_ids, suggestion.quote_ids):
            suggestion.answer_ids, suggestion.quote_ids = answers, quotes
            suggestion.save(update_fields=["answer_ids", "quote_ids"])
    # The reasons typed for removing details from its quotes may name the respondent.
    reasons = _redaction_reasons_erase(response, user, now)
    response.delete()  # its quotes leave the write-up (analysis.signals)
    examples, erased = _erased_words_elsewhere(consultation, frames, texts, user, now)
    erased += reasons
    entry = evidence_append(
        kind=RESPONSE_ERASED, subject=f"page:{consultation.pk}", page=consultation,
        payload={"consultation": consultation.pk, "codings": codings, "flags": flags,
                 "theme_examples": examples, "texts_erased": erased,
                 "summary": "A consultation response was deleted at the respondent's "
                            "request, with its coding; its words are no longer quoted "
                            "anywhere"},
        texts={"how": how}, source=consultation)
    transaction.on_commit(purge_page_cache)
    return entry


def _redaction_reasons_erase(response, user, now) -> int:
    """Erase the reasons kept beside the log for removals of personal details from
    ``response``'s quotes (``redaction_add``: they may name the respondent), as the other
    texts of a response deleted at its respondent's request. How many were erased."""
    return EvidenceText.objects.filter(
        source_model=Redaction._meta.label_lower, removed_at__isnull=True,
        source_pk__in=list(response.redactions.values_list("pk", flat=True))
    ).update(text="", salt="", removed_at=now, removed_by=user,
             removed_reason="The respondent asked for their response to be deleted")


def _erased_words_elsewhere(page, frames, texts: list[str], user, now) -> tuple[int, int]:
    """After a response to ``page`` (its words: ``texts``) was deleted at the respondent's
    request: delete the example quotes of ``frames``' themes, and erase the texts kept
    beside the log, that hold a run of three of its words that no answer still cleared and
    no text of the council's has. Returns (examples deleted, texts erased)."""
    write_up = writeup_selectors.write_up_of(page)
    ours = {m for t in texts for m in writeup.run_marks(t) if m.startswith("q3:")}
    if write_up is not None:
        ours -= writeup_selectors.quote_sources([write_up], council_read=True)[
            write_up.pk].spared()
    examples = [e.pk for e in ThemeExample.objects.filter(theme__frame__in=frames)
                if ours & writeup.run_marks(e.text)]
    ThemeExample.objects.filter(pk__in=examples).delete()
    erased = []
    if write_up is not None and ours:
        themes = list(Theme.all_objects.filter(frame__in=frames).values_list("pk", flat=True))
        sessions = list(CodingSession.objects.filter(frame__in=frames)
                        .values_list("pk", flat=True))
        erased = [t.pk for t in _texts_beside(write_up, [f.pk for f in frames], themes,
                                              sessions)
                  if ours & writeup.run_marks(_strings(t.text))]
        EvidenceText.objects.filter(pk__in=erased).update(
            text="", salt="", removed_at=now, removed_by=user,
            removed_reason="The respondent asked for their response to be deleted")
    return len(examples), len(erased)


@transaction.atomic
def survey_response_erase(*, comment: SurveyComment, user, how: str,
                          now=None) -> EvidenceEntry:
    """Delete the survey response ``comment`` belongs to outright at the respondent's request
    (an erasure request: survey responses are anonymous, so the officer finds it by the
    words the respondent quotes, and names it by the comment's short key), as
    ``response_erase`` deletes a consultation response: its answers and every one of its
    comments, with their codings, flags and suggested codes, their keys in the themes
    suggested from them, the example quotes of a theme that quote them, and the texts kept
    beside the evidence log that hold their words (erased whole; the log still verifies).
    Their quotes are withdrawn from the write-up everywhere (``quotes_withdraw_deleted``, by
    the deletion's signal). Logged as ``response_erased``: the survey and how many comments,
    codings, flags and texts went, never the words or a key; how they asked (``how``) is
    kept beside the entry, as a text.

    Raises ``PermissionDenied`` for anyone but an officer, ``ValidationError`` (keyed
    "how") when ``how`` is blank."""
    _officer(user)
    now = now or timezone.now()
    how = _erasure_how(how)
    response = SurveyResponse.objects.select_for_update().get(pk=comment.response_id)
    survey = response.survey
    # The public keeps the figures it had until enough responses change (F3, bk15h).
    survey_services.results_shown_keep(survey=survey, now=now)
    comments = list(SurveyComment.objects.filter(response=response))
    keys = {str(c.pk) for c in comments}
    frames = list(CodingFrame.objects.filter(survey_id=survey.pk))
    texts = [t for c in comments for t in (c.text, c.public_text) if t.strip()]
    codings = Coding.objects.filter(comment__in=comments).delete()[0]
    flags = Flag.objects.filter(comment__in=comments).delete()[0]
    for suggestion in ThemeSuggestion.objects.filter(frame__in=frames):
        answers = [k for k in suggestion.answer_ids if str(k) not in keys]
        quotes = [k for k in suggestion.quote_ids if str(k) not in keys]
        if (answers, quotes) != (suggestion.answer_ids, suggestion.quote_ids):
            suggestion.answer_ids, suggestion.quote_ids = answers, quotes
            suggestion.save(update_fields=["answer_ids", "quote_ids"])
    response.delete()  # its comments' quotes leave the write-up (analysis.signals)
    examples, erased = _erased_words_elsewhere(survey, frames, texts, user, now)
    entry = evidence_append(
        kind=RESPONSE_ERASED, subject=f"page:{survey.pk}", page=survey,
        payload={"survey": survey.pk, "comments": len(comments), "codings": codings,
                 "flags": flags, "theme_examples": examples, "texts_erased": erased,
                 "summary": "A survey response was deleted at the respondent's request, with "
                            "its comments and their coding; its words are no longer quoted "
                            "anywhere"},
        texts={"how": how}, source=survey)
    transaction.on_commit(purge_page_cache)
    return entry


# --- the write-up ----------------------------------------------------------------------------


def _analysed(consultation, survey):
    """The one page a write-up is about: a consultation, or a survey (its comments)."""
    if (consultation is None) == (survey is None):
        raise TypeError("Give one of consultation and survey.")
    return consultation if consultation is not None else survey


def _write_up_for(page) -> WriteUp:
    field = writeup_selectors.analysed_field(page)
    write_up, _created = WriteUp.objects.get_or_create(**{field: page})
    return WriteUp.objects.select_for_update().get(pk=write_up.pk)


@transaction.atomic
def write_up_generate(*, user, consultation=None, survey=None, now=None,
                      minimum: int = DEFAULT_MINIMUM_RESPONSES) -> WriteUp:
    """(Re)write the draft from every frame of the consultation, or of the survey's
    comments (give one): confirmed codes only, the small-number rule, quotes only with
    consent and with personal details removed (a survey comment: only in the words approved
    for the public). Every frame must be agreed with the forum (coding is final only then);
    replaces the draft's text, findings and the counts it was written from
    (``WriteUp.counts``, see ``writeup_selectors.frame_counts``). The same rules for both
    (``writeup.draft``)."""
    _officer(user)
    now = now or timezone.now()
    page = _analysed(consultation, survey)
    frames = writeup_selectors.frames_of(page)
    if not frames:
        raise ValidationError(_("There is no coding frame for this consultation yet.")
                              if survey is None else
                              _("There is no coding frame for this survey's comments yet."))
    if any(f.status != Status.AGREED for f in frames):
        raise ValidationError(_("Every coding frame must be agreed with the forum first."))
    write_up = _write_up_for(page)
    if write_up.status != Status.DRAFT:
        raise ValidationError(_("Take the write-up back from the forum before rewriting it."))
    parts, findings, counts = [], [], []
    rounds = _rounds_published(write_up)
    answers = writeup_selectors.coded_answers(page)
    for frame in frames:
        result = writeup_selectors.frame_analysis(frame, minimum=minimum, quotes=2)
        # The draft's numbers are the ones the public will see: those published before
        # when only a few answers changed since (counting.published_counts), else now's.
        [public], _kept = _public_counts(write_up, rounds, answers,
                                         [writeup_selectors.frame_counts(result)])
        shown = {t["theme"]: t for t in public["themes"]}
        summaries = [writeup.ThemeSummary(
            code=str(v.theme.pk), name=v.theme.name, count=shown[v.theme.pk]["count"],
            base=public["base"], under_minimum=shown[v.theme.pk]["under_minimum"],
            quotes=[q.text for q in v.quotes]) for v in result.themes]
        intro, drafted = writeup.draft(summaries, base=public["base"], minimum=minimum,
                                       answered=_answered(frame))
        parts.append(f"{result.question}\n{intro}")
        # Which answer each quote came from, so it can be withdrawn by its source.
        sources = {str(v.theme.pk): [_quote_source(q, frame) for q in v.quotes[:2]]
                   for v in result.themes}
        findings += [(int(d.theme), d.text, sources.get(d.theme, [])) for d in drafted]
        counts.append(writeup_selectors.frame_counts(result))
    write_up.text = "\n\n".join(parts)
    write_up.text_withdrawn_deleted = 0  # the findings are new too
    write_up.words_removed_on = None  # new words: nothing removed from them
    # The council's words just written are nobody's personal details: runs of them
    # remembered when every word was removed before are forgotten (chosen phrases stay).
    write_up.removed_words = _forget_written(write_up.removed_words,
                                             [write_up.text, *(t for _k, t, _q in findings)])
    # Words removed as personal details before never come back with the answers quoted
    # afresh, in any spelling the matching knows (their answers also lost them:
    # ``_answers_redacted``; this holds for any quoted since).
    remove = _removed_again(write_up)
    write_up.text = remove(write_up.text)
    findings = [(theme, remove(text), [{**q, "text": remove(q["text"])} for q in quotes])
                for theme, text, quotes in findings]
    _revised(write_up, "written")
    write_up.counts = counts
    write_up.generated_at = write_up.counted_at = write_up.updated_at = now
    write_up.recount = {}
    write_up.updated_by = user
    write_up.save()
    write_up.findings.all().delete()
    Finding.objects.bulk_create([Finding(write_up=write_up, theme_id=theme, text=text,
                                         quotes=quotes, sort_order=i)
                                 for i, (theme, text, quotes) in enumerate(findings)])
    return write_up


def _removed_again(write_up: WriteUp):
    """A function taking the words removed from ``write_up`` as personal details
    (``WriteUp.removed_words``) out of a text again (``writeup.remove_known_runs``, the
    draft editor's rule); the text unchanged when none were removed."""
    if not write_up.removed_words:
        return lambda text: text
    known, lengths = writeup_selectors.removed_known(write_up.removed_words)
    return lambda text: writeup.remove_known_runs(text, known, lengths)[0]


def _forget_written(keys: list[str], texts: list[str]) -> list[str]:
    """``keys`` (``WriteUp.removed_words``) without the runs of every word removed ("w")
    that ``texts`` (a draft just written from the themes) hold; chosen phrases ("p") are
    kept."""
    whole = [k for k in keys if k.startswith("w")]
    if not whole:
        return keys
    _known, lengths = writeup_selectors.removed_known(whole)
    written = {writeup_selectors.removed_key(f"{n}:{' '.join(run)}", "w")
               for n in lengths for text in texts
               for folded in (True, False)
               for run in writeup.word_runs(text, n, folded=folded)}
    return [k for k in keys if k not in written]


def _quote_source(quote, frame) -> dict:
    """Where a drafted quote came from (``Finding.quotes``): the answer (a consultation's
    response, or a survey comment), the question and the words as quoted."""
    key = "comment" if frame.survey_id else "response"
    return {key: str(quote.response_id) if frame.survey_id else quote.response_id,
            "question": frame.question_id, "text": quote.text}


@transaction.atomic
def write_up_refresh_counts(*, write_up: WriteUp, user, now=None) -> WriteUp:
    """Take a draft's counts again from the confirmed coding now, keeping the officer's
    words (introduction and findings). What changed is kept (``WriteUp.recount``: each
    frame's base and each changed theme's count, then and now; merged with an earlier refresh
    not yet sent, so "then" stays the count the words were written from), so the page can
    point at the sentences whose numbers may now be wrong. Every frame must be agreed."""
    _officer(user)
    now = now or timezone.now()
    write_up = _lock(WriteUp, write_up)
    if write_up.status != Status.DRAFT:
        raise ValidationError(_("Take the write-up back from the forum before refreshing its "
                                "counts."))
    if write_up.counted_at is None:
        raise ValidationError(_("Write the draft first."))
    frames = writeup_selectors.frames_of(write_up.page)
    if any(f.status != Status.AGREED for f in frames):
        raise ValidationError(_("Every coding frame must be agreed with the forum first."))
    live = writeup_selectors.live_counts(write_up.page)
    earlier = write_up.recount or {}
    then_base = {str(t["frame"]): t.get("base") for t in write_up.counts}
    then_count = {str(th["theme"]): th["count"] for t in write_up.counts for th in t["themes"]}
    base = dict(earlier.get("base", {}))
    for table in live:
        key = str(table["frame"])
        first = base.get(key, [then_base.get(key), None])[0]
        base[key] = [first, table.get("base")]
    themes = dict(earlier.get("themes", {}))
    for table in live:
        for t in table["themes"]:
            key = str(t["theme"])
            first = themes.get(key, [then_count.get(key), None])[0]
            themes[key] = [first, t["count"]]
    text, edited = _intro_recounted(write_up, frames, live)
    write_up.recount = {
        "at": now.isoformat(),
        "base": {k: v for k, v in base.items() if v[0] != v[1]},
        "themes": {k: v for k, v in themes.items() if v[0] != v[1]},
        "intro": edited}
    fields = ["counts", "counted_at", "recount", "updated_by", "updated_at"]
    if text != write_up.text:
        write_up.text = text
        fields += ["text", *_revised(write_up, "recounted")]
    write_up.counts, write_up.counted_at = live, now
    write_up.updated_by, write_up.updated_at = user, now
    write_up.save(update_fields=fields)
    return write_up


def _answered(frame: CodingFrame) -> int | None:
    """The people who wrote an answer to ``frame``'s question while some are not coded yet
    (``writeup.draft``'s ``answered``: the draft then says how many wrote and how many are
    coded, so the coded ones are not read as everyone's), None when every one is. Two
    queries."""
    written, done = selectors.coding_progress(frame)
    return written if written > done else None


def _intro_recounted(write_up: WriteUp, frames: list[CodingFrame],
                     live: list[dict]) -> tuple[str, list[str]]:
    """``write_up``'s introduction with each frame's paragraph the portal wrote
    (``writeup.drafted_intro``: its question, then one of ``draft``'s introductions) written
    again from the figures now, as ``write_up_generate`` would write it (those the public
    will be given; how many wrote and how many are coded); and the keys of the frames whose
    paragraph an officer edited and which lacks one of those figures, whose sentences with
    numbers are then pointed at (``writeup_selectors.recount_flags``). ``live``: the frames'
    counts now, in ``frames``' order."""
    public, _kept = _public_counts(write_up, _rounds_published(write_up),
                                   writeup_selectors.coded_answers(write_up.page), live)
    # A browser sends a textarea's lines ended "\r\n": read as the portal wrote them.
    text = write_up.text.replace("\r\n", "\n").replace("\r", "\n")
    parts, edited = text.split("\n\n"), []
    for frame, table in zip(frames, public, strict=True):
        minimum = table.get("minimum") or DEFAULT_MINIMUM_RESPONSES
        intro, _findings = writeup.draft([], base=table.get("base"), minimum=minimum,
                                         answered=_answered(frame))
        heading = writeup_selectors.question_text(frame) + "\n"
        at = next((i for i, p in enumerate(parts) if p.startswith(heading)), None)
        if at is not None and writeup.drafted_intro(parts[at][len(heading):],
                                                    minimum=minimum):
            parts[at] = heading + intro
        elif not set(re.findall(r"\d+", intro)) <= set(re.findall(
                r"\d+", text if at is None else parts[at])):
            edited.append(str(frame.pk))
    joined = "\n\n".join(parts)
    return (write_up.text if joined == text else joined), edited


def small_numbers_message(sentences: list[str], minimum: int) -> list[str]:
    """What an officer reads about sentences that give a number under ``minimum``: the rule,
    then each sentence."""
    return [_("These sentences give a number under %(minimum)s. A number that small can "
              "identify a family, so the counts never show one (the small-number rule: no count "
              "under %(minimum)s, and none from which one could be worked out). Write “fewer "
              "than %(minimum)s” instead, or, if the number counts no one, tick the box "
              "and say why it is safe.") % {"minimum": minimum},
            *(f"“{sentence}”" for sentence in sentences)]


def _theme_words(themes) -> list[str]:
    """Each theme's name and description, one paragraph each (checked on their own), but
    those an officer kept as they are although the check flagged them (``Theme.kept``)."""
    return [words for t in themes for field, words in (("name", t.name),
                                                       ("description", t.description))
            if words.strip() and t.kept(field) is None]


def _unchecked_small_numbers(write_up: WriteUp, texts: list[str], minimum: int) -> list[str]:
    """The sentences of ``texts``, and of the names and descriptions of the themes the
    write-up reports on (shown in public with it), giving a number under ``minimum`` that
    no officer has checked and kept on this write-up yet. A share with no base in its
    sentence is read against the bases of the write-up's counts ("25% of those who wrote",
    with 12 who wrote). The questions as asked (the draft's first line, already public on
    the page that asked them) are the council's, not a count. A theme's name or description
    an officer kept although the check flagged it (``Theme.kept``) is read as a quotation
    wherever the texts repeat it (the draft names each theme): skipped, and shown as “…” in a
    sentence listed for something else beside it."""
    kept = {k["sentence"] for k in write_up.small_numbers_kept}
    frames = writeup_selectors.frames_of(write_up.page)
    themes = list(Theme.objects.filter(frame__in=frames))
    questions = [writeup_selectors.question_text(f) for f in frames]
    names = sorted({t.kept(field)["words"] for t in themes for field in ("name", "description")
                    if t.kept(field)}, key=len, reverse=True)
    if names:
        pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names),
                             re.IGNORECASE)
        texts = [pattern.sub(lambda m: f"“{m.group(0)}”", t) for t in texts]
    found = small_numbers("\n".join([*texts, *_theme_words(themes)]), minimum=minimum,
                          bases=[t.get("base") for t in write_up.counts or []])
    return list(dict.fromkeys(f.sentence for f in found if f.sentence not in kept
                              and not any(f.sentence in q for q in questions)))


#: The code of the ``ValidationError`` raised for a form opened before the draft changed.
STALE_FORM = "stale_form"

#: Why the draft's words last changed (``WriteUp.revised_because``), told to an officer
#: whose form was opened before (``write_up_edit``).
REVISED = {
    "saved": gettext_lazy("The draft was saved from another page after you opened this one."),
    "written": gettext_lazy("The draft was written again from the themes after you opened "
                            "this page."),
    "details_removed": gettext_lazy("Personal details were removed from the draft after you "
                                    "opened this page. Saving your words would have put them "
                                    "back."),
    "recounted": gettext_lazy("The counts were refreshed after you opened this page, and the "
                              "introduction was written again with the new figures."),
    "quotes_withdrawn": gettext_lazy("Quotes were taken out of the draft after you opened "
                                     "this page: a respondent withdrew their consent, an "
                                     "answer was deleted, or a comment was withheld."),
}


def _revised(write_up: WriteUp, why: str) -> list[str]:
    """Count a change of ``write_up``'s words (``WriteUp.revision``, not saved): a form opened
    before is refused. The fields to save."""
    write_up.revision += 1
    write_up.revised_because = why
    return ["revision", "revised_because"]


def figures_message(found, minimum: int) -> list[str]:
    """What an officer reads about sentences giving a figure close to one shown outside the
    council (``small_numbers.figures_near``): the rule, then each sentence with the figure
    given."""
    return [_("These sentences give a figure that differs by fewer than %(minimum)s from one "
              "the public or the forum has been given, or will be given with this draft. Two "
              "figures that close can tell what a few people said, so while only a few "
              "answers changed the public keeps the counts it was given. Write the figure "
              "given (after each sentence), or, if it counts no one, tick the box and say why "
              "it is safe.") % {"minimum": minimum},
            *(_("“%(sentence)s” (given: %(shown)s)") % {"sentence": f.sentence,
                                                         "shown": f.shown}
              for f in found)]


#: The draft's own sentence of how many people wrote an answer (``writeup.draft``).
_ANSWERED_SENTENCE = re.compile(r"(?<![\w,.])\d+ people wrote an answer\.")


def _unchecked_figures(write_up: WriteUp, text: str, findings: list[tuple[int, str]],
                       minimum: int) -> list:
    """The sentences of the introduction (``text``) and of the findings (``findings``: theme
    key and words) giving a figure that is none shown outside the council but differs by 1
    to ``minimum`` - 1 from one (``small_numbers.figures_near``), not yet kept by an officer.
    The introduction is read against every base and count; a finding against its theme's
    counts and the bases. Every round shown counts, and the tables the public would be
    given now (``writeup_selectors.figures_shown``); [] while nothing was shown outside the
    council yet. The questions as asked are the council's. A few queries per frame."""
    shown = writeup_selectors.figures_shown(write_up)
    if shown is None:
        return []  # nothing shown outside the council yet: no figure to set these beside
    kept = {k["sentence"] for k in write_up.small_numbers_kept}
    questions = [writeup_selectors.question_text(f)
                 for f in writeup_selectors.frames_of(write_up.page)]
    # The portal's own sentences are the council's: their figures ("no number under 10") are
    # never read as typed (review bk15h, F4).
    council = writeup.draft_words(minimum)
    # How many people wrote an answer, in the draft's own sentence for it (written while
    # some answers were uncoded, and kept by a later round), counts who answered, not
    # anyone's themes: not read as a count near another. Typed any other way (as the coded
    # base, "N people wrote one") it is still checked: with every answer coded it is today's
    # base.
    text = _ANSWERED_SENTENCE.sub(" ", text)
    found = figures_near(text, shown=shown.every, near=shown.every, minimum=minimum,
                         council=council)
    for theme, words in findings:
        found += figures_near(words, shown=shown.every,
                              near=shown.themes.get(theme, set()) | shown.bases,
                              minimum=minimum, council=council)
    return [f for f in found if f.sentence not in kept
            and not any(f.sentence in q for q in questions)]


@transaction.atomic
def write_up_edit(*, write_up: WriteUp, user, text: str, findings: dict[int, str],
                  checked: bool = False, reason: str = "", now=None,
                  minimum: int = DEFAULT_MINIMUM_RESPONSES,
                  revision: int | None = None) -> WriteUp:
    """An officer's edit of a draft: the introduction and each finding's words (by finding
    key; a finding left blank is dropped). A finding keeps its theme.

    ``revision``: the draft's ``WriteUp.revision`` when the officer's form was opened; when
    the words changed since (saved from another page, written again, personal details
    removed, quotes taken out), nothing is saved (``ValidationError``, code ``STALE_FORM``,
    its message ``REVISED``'s reason): saving would put back what was taken out. None: not
    checked (a caller that read the draft in this transaction).

    What was taken out of the draft before goes again, whatever page it is typed or pasted
    from: words removed as personal details (``WriteUp.removed_words``) are replaced by
    ``writeup.REMOVED``; quotes of answers deleted outright (``WriteUp.withdrawn_quotes``),
    shortened, cut or in other marks, are taken out (runs of the council's own words and of
    answers still cleared are spared), with the note beside them. The write-up returned
    says how many of each (``taken_out_again``: {"details", "quotes"}).

    A sentence giving a number under ``minimum`` ("4 families said…",
    ``analysis.small_numbers``), or a figure differing by 1 to ``minimum`` - 1 from one shown
    outside the council (``_unchecked_figures``), is refused (``ValidationError``, code
    ``small_numbers``, listing the sentences) unless the officer ``checked`` that it
    identifies no one and gave a ``reason``: then it is kept, and the check is logged."""
    _officer(user)
    now = now or timezone.now()
    write_up = _lock(WriteUp, write_up)
    if write_up.status != Status.DRAFT:
        raise ValidationError(_("Take the write-up back from the forum before changing it."))
    if revision is not None and revision != write_up.revision:
        raise ValidationError(REVISED.get(write_up.revised_because, REVISED["saved"]),
                              code=STALE_FORM)
    current = list(write_up.findings.all())
    typed = {f.pk: findings[f.pk].strip() for f in current if f.pk in findings}
    text = text.strip()
    # Words removed as personal details, typed or pasted back, go again.
    details = 0
    if write_up.removed_words:
        known, lengths = writeup_selectors.removed_known(write_up.removed_words)
        text, n = writeup.remove_known_runs(text, known, lengths)
        details += n
        for key, words in typed.items():
            typed[key], n = writeup.remove_known_runs(words, known, lengths)
            details += n
    # A quote taken out because its answer was deleted, typed back from a page opened
    # before, pasted again, shortened or cut, is taken out again; the other words are kept.
    dropped: dict[int | None, int] = {}
    if write_up.withdrawn_quotes:
        gone = writeup_selectors.withdrawn_known(write_up.withdrawn_quotes)
        spared = writeup_selectors.quote_sources([write_up], council_read=True)[
            write_up.pk].spared()
        text, dropped[None] = writeup.drop_quotations(text, gone, spared=spared)
        for key, words in typed.items():
            typed[key], dropped[key] = writeup.drop_quotations(words, gone, spared=spared)
    texts = [text, *(typed.get(f.pk, f.text) for f in current)]
    unchecked = _unchecked_small_numbers(write_up, texts, minimum)
    near = _unchecked_figures(write_up, text, [(f.theme_id, typed.get(f.pk, f.text))
                                               for f in current], minimum)
    if unchecked or near:
        if not checked or len(reason.strip()) < KEPT_REASON_MINIMUM:
            messages = [*(small_numbers_message(unchecked, minimum) if unchecked else []),
                        *(figures_message(near, minimum) if near else [])]
            errors = {"__all__": messages}
            if checked:
                errors["reason"] = [_("Say why this number identifies no one.")]
            raise ValidationError(errors, code=SMALL_NUMBERS)
        sentences = list(dict.fromkeys([*unchecked, *(f.sentence for f in near)]))
        write_up.small_numbers_kept = [
            *write_up.small_numbers_kept,
            *({"sentence": sentence, "reason": reason.strip(), "by": user.pk,
               "at": now.isoformat()} for sentence in sentences)]
        # The kept sentences give a number under the minimum: the public log holds only
        # their salted hashes (the words stay beside the log, where they can be erased).
        evidence_append(kind=SMALL_NUMBERS_KEPT, subject=_subject(write_up), page=write_up.page,
                        payload={**_page_of(write_up), "write_up": write_up.pk,
                                 "sentences_kept": len(sentences), "minimum": minimum,
                                 "summary": "An officer kept sentences giving a number under "
                                            "the minimum, saying it identifies no one"},
                        texts={"sentences": "\n".join(sentences), "reason": reason.strip()},
                        source=write_up)
    write_up.text = text
    write_up.text_withdrawn_deleted += dropped.get(None, 0)
    write_up.updated_by, write_up.updated_at = user, now
    write_up.save(update_fields=["text", "updated_by", "updated_at", "small_numbers_kept",
                                 "text_withdrawn_deleted", *_revised(write_up, "saved")])
    for finding in current:
        if finding.pk not in typed:
            continue
        words, lost = typed[finding.pk], dropped.get(finding.pk, 0)
        if not words and finding.removed_on:
            continue  # its words were removed as personal details: it keeps its notice
        if words:
            if words != finding.text or lost:
                finding.text = words
                finding.withdrawn_deleted += lost
                finding.save(update_fields=["text", "withdrawn_deleted"])
        else:
            finding.delete()
    write_up.taken_out_again = {"details": details, "quotes": sum(dropped.values())}
    return write_up


@transaction.atomic
def write_up_send(*, write_up: WriteUp, user, now=None) -> WriteUp:
    """Send the draft to the forum with the analysis; logged with its words."""
    _officer(user)
    now = now or timezone.now()
    write_up = _lock(WriteUp, write_up)
    if write_up.status != Status.DRAFT:
        raise ValidationError(_("This write-up is not a draft."))
    findings = list(write_up.findings.select_related("theme"))
    # What the forum is sent (and may agree and publish) never holds words removed as
    # personal details, however they came back into the draft.
    remove = _removed_again(write_up)
    if (text := remove(write_up.text)) != write_up.text:
        write_up.text = text
        write_up.save(update_fields=["text", *_revised(write_up, "details_removed")])
    for finding in findings:
        text = remove(finding.text)
        quotes = [{**q, "text": remove(q["text"])} if isinstance(q.get("text"), str) else q
                  for q in finding.quotes]
        if (text, quotes) != (finding.text, finding.quotes):
            finding.text, finding.quotes = text, quotes
            finding.save(update_fields=["text", "quotes"])
    if not write_up.text.strip() and not any(f.text.strip() for f in findings):
        raise ValidationError(_("Write the draft before sending it."))
    if writeup_selectors.counts_changes(write_up) is not None:
        raise ValidationError(COUNTS_CHANGED_SEND, code=COUNTS_CHANGED)
    minimum = DEFAULT_MINIMUM_RESPONSES
    unchecked = _unchecked_small_numbers(write_up, [write_up.text, *(f.text for f in findings)],
                                         minimum)
    near = _unchecked_figures(write_up, write_up.text,
                              [(f.theme_id, f.text) for f in findings], minimum)
    if unchecked or near:
        raise ValidationError([*(small_numbers_message(unchecked, minimum) if unchecked else []),
                               *(figures_message(near, minimum) if near else [])],
                              code=SMALL_NUMBERS)
    for frame in writeup_selectors.frames_of(write_up.page):
        coding_sessions_close(frame=frame, now=now)
    if write_up.recount:
        write_up.recount = {}  # the officer checked the findings' numbers before sending
        write_up.save(update_fields=["recount"])
    _move(write_up, Status.WITH_FORUM, user=user, action=Action.SENT, at=now)
    # The draft's words give its counts to the forum: kept as shown, so what the forum is
    # shown later is held against them.
    forum_counts_shown(write_up=write_up, sent=True, now=now)
    evidence_append(kind=WRITE_UP_SENT, subject=_subject(write_up), page=write_up.page,
                    **_write_up_logged(write_up, findings, agreed=False))
    return write_up


def _page_of(write_up: WriteUp) -> dict:
    return ({"survey": write_up.survey_id} if write_up.survey_id
            else {"consultation": write_up.consultation_id})


def _write_up_logged(write_up: WriteUp, findings, *, agreed: bool) -> dict:
    """What the log keeps of a write-up sent or agreed (``evidence_append``'s ``payload``,
    ``texts`` and ``source``). The log is public and can never be rewritten, so its payload
    holds only keys and hashes: the page, the write-up's key and each finding's theme; once
    agreed, each frame's key with its themes' keys ("tables"). Everything typed or counted
    is kept beside the entry as texts, whose salted hashes the public copy holds (proof of
    what was sent and agreed) and which can be erased: "text" (the introduction), "wording"
    (the findings' words, with the respondents' quotes they carry, and the counts the draft
    was written from, as JSON) and, once agreed, "counts" (the theme table the public is
    given, as JSON: the question, the themes' names and counts, small numbers hidden). A
    theme's name or the question may give away a person or a small number, and the log is
    published before the results are: the public reads the names and counts the forum agreed
    on the published page, under the small-number rule, never here. A draft the forum has not
    agreed never has its words or counts in the public log.

    Entries made before this change held the words, or the counts with the themes' names
    and the question, in the payload: the log is append-only, so they stay as they are;
    only new entries hold less."""
    payload = {**_page_of(write_up), "write_up": write_up.pk,
               "findings": [{"theme": f.theme_id} for f in findings]}
    words = {"text": write_up.text,
             "wording": canonical_json({"findings": [{"theme": f.theme_id, "text": f.text}
                                                      for f in findings],
                                         "counts": write_up.counts})}
    if agreed:
        public = write_up.agreed["counts"]  # as published (published_counts)
        payload["tables"] = [{"frame": t["frame"], "themes": [th["theme"] for th in t["themes"]]}
                             for t in public]
        words["counts"] = canonical_json(public)
    return {"payload": payload, "texts": words, "source": write_up}


@transaction.atomic
def write_up_comment(*, write_up: WriteUp, user, text: str, now=None) -> WriteUpComment:
    _rep(user)
    write_up = _lock(WriteUp, write_up)
    if write_up.status != Status.WITH_FORUM:
        raise ValidationError(_("This analysis is not with the forum."))
    if not text.strip():
        raise ValidationError({"text": _("Write your comment.")})
    return WriteUpComment.objects.create(write_up=write_up, author=user, text=text.strip(),
                                         created_at=now or timezone.now())


@transaction.atomic
def write_up_agree(*, write_up: WriteUp, user, sent: int | None = None,
                   now=None) -> WriteUp:
    """The forum agrees the analysis and the write-up: the outcome may follow. Logged.
    ``sent`` as for ``frame_agree``: an agreement from a page showing an earlier sending
    (taken back, changed and sent again since) raises ``ValidationError``
    (``VERSION_CHANGED``)."""
    _rep(user)
    now = now or timezone.now()
    write_up = _lock(WriteUp, write_up)
    if write_up.status != Status.WITH_FORUM:
        raise ValidationError(_("This analysis is not with the forum."))
    _same_sending(write_up, sent)
    if writeup_selectors.counts_changes(write_up) is not None:
        raise ValidationError(COUNTS_CHANGED_AGREE, code=COUNTS_CHANGED)
    # The counts agreed are the confirmed coding's now: the same, as shown, as the draft's
    # (checked above), so what the forum read is what it agrees.
    write_up.counts = writeup_selectors.live_counts(write_up.page)
    write_up.counted_at = now
    write_up.save(update_fields=["counts", "counted_at"])
    findings = list(write_up.findings.select_related("theme"))
    # The public gets the counts unless a few answers were added, taken out or recoded
    # since the counts it was given before: then those, so the two rounds tell nothing of
    # the few (the counts agreed are kept as "counted", which later changes are compared
    # with); and no figure differing by a few from one published before.
    public, write_up.published_answers = _public_counts(
        write_up, _rounds_published(write_up),
        writeup_selectors.coded_answers(write_up.page), write_up.counts)
    write_up.agreed = {
        "text": write_up.text, "counts": public, "counted": write_up.counts,
        "at": now.isoformat(),
        "by": user.get_full_name() or user.get_username(),
        "findings": [{"theme": f.theme_id, "code": f.theme.code, "name": f.theme.name,
                      "description": f.theme.description, "text": f.text,
                      "quotes": f.quotes} for f in findings]}
    write_up.published_rounds = [*(write_up.published_rounds or []), public]
    write_up.save(update_fields=["agreed", "published_answers", "published_rounds"])
    _shown(write_up, public, write_up.published_answers, to="public", now=now)
    if write_up.review_steps.filter(action=Action.REOPENED).exists():
        transaction.on_commit(purge_page_cache)  # the public page shows the new version
    _move(write_up, Status.AGREED, user=user, action=Action.AGREED, at=now)
    evidence_append(kind=WRITE_UP_AGREED, subject=_subject(write_up), page=write_up.page,
                    **_write_up_logged(write_up, findings, agreed=True))
    return write_up


#: Why an agreed write-up cannot be taken back (``write_up_take_back``).
AGREED_NOT_TAKEN_BACK = gettext_lazy(
    "The forum agreed this write-up and the public reads it, so it cannot be taken back: "
    "that would remove the agreed version from the public pages without a word. To change "
    "it, press “Send it back to the forum”: a new round starts, and the public keeps the "
    "agreed version until the forum agrees the new one.")


@transaction.atomic
def forum_counts_shown(*, write_up: WriteUp, sent: bool = False, now=None) -> list[dict]:
    """The counts tables a forum representative is shown beside ``write_up`` now (with the
    forum, or agreed while coding changed since), one per frame, as ``frame_counts`` makes
    them (base, each theme's count and share; no breakdown by respondent type), and kept
    as shown.

    What a representative sees is as public as what the public sees: they can set it
    beside the published table, or beside what they saw last week, and subtract. So the
    table is made by the published counts' rule (``counting.published_counts``) against
    every table shown outside the council before, to the public or to the forum
    (``_rounds_published``): while 1 to ``minimum`` - 1 answers were added, taken out or
    recoded since the last one shown, it keeps that table's figures ("Counts not updated");
    otherwise no figure within the minimum of one shown before is given (held back). A
    table that differs from the last one shown is kept (``WriteUp.shown_rounds``, with the
    answers it counts in ``WriteUp.published_answers``), so the next view, the next round
    and the public's table are held against it too. ``sent``: the draft is being sent
    (``write_up_send``): its counts, which its words give, are shown to the forum now, and
    kept as the round's "then" (``sent_counts``) whether new or not. A few queries per
    frame."""
    write_up = _lock(WriteUp, write_up)
    page = write_up.page
    tables, kept = _public_counts(write_up, _rounds_published(write_up),
                                  writeup_selectors.coded_answers(page),
                                  writeup_selectors.live_counts(page))
    _shown(write_up, tables, kept, to="forum", sent=sent, now=now)
    return tables


def _shown(write_up: WriteUp, tables: list[dict], answers: dict, *, to: str,
           sent: bool = False, now=None) -> None:
    """Keep ``tables`` as shown outside the council (``to``: "forum" or "public"), counted
    from ``answers`` (``_public_counts``' second value), on ``write_up`` (saved): added to
    ``WriteUp.shown_rounds`` when the public got them, when they are a draft's counts sent
    to the forum, or when a figure differs from the last table shown of its frame."""
    last = {t["frame"]: t for r in _rounds_published(write_up) for t in r}
    fields = []
    if to == "public" or sent or any(last.get(t["frame"]) is None
                                     or _figures(last[t["frame"]]) != _figures(t)
                                     for t in tables):
        write_up.shown_rounds = [*(write_up.shown_rounds or []), {
            "at": (now or timezone.now()).isoformat(), "to": to, "sent": sent,
            "tables": tables}]
        fields.append("shown_rounds")
    if answers != (write_up.published_answers or {}):
        write_up.published_answers = answers
        fields.append("published_answers")
    if fields:
        write_up.save(update_fields=fields)


def sent_counts(write_up: WriteUp) -> list[dict] | None:
    """The counts tables the forum was shown when ``write_up``'s draft was last sent to it
    (``forum_counts_shown(sent=True)``), or None when none was kept."""
    return next((r["tables"] for r in reversed(write_up.shown_rounds or []) if r.get("sent")),
                None)


def _figures(table: dict) -> tuple:
    """A counts table's figures as a reader sees them (base, each theme's count and share,
    whether it was updated), to tell whether a table shown is new."""
    return (table.get("base"), bool(table.get("not_updated")),
            tuple((t["theme"], t.get("count"), t.get("percent"), t.get("low"), t.get("high"))
                  for t in table.get("themes", [])))


_rounds_published = writeup_selectors.rounds_shown
_public_counts = writeup_selectors.counts_for_public


@transaction.atomic
def write_up_take_back(*, write_up: WriteUp, user, now=None) -> WriteUp:
    """An officer takes a write-up that is with the forum back to change it: a draft again,
    to be sent again. One the forum agreed is refused (``AGREED_NOT_TAKEN_BACK``): the record
    keeps what the forum agreed, and a change goes through a new round
    (``write_up_reopen``), the public keeping the agreed version meanwhile."""
    _officer(user)
    write_up = _lock(WriteUp, write_up)
    if write_up.status == Status.DRAFT:
        raise ValidationError(_("This write-up is already a draft."))
    if write_up.status == Status.AGREED:
        raise ValidationError(AGREED_NOT_TAKEN_BACK)
    _move(write_up, Status.DRAFT, user=user, action=Action.TAKEN_BACK,
          at=now or timezone.now())
    return write_up


@transaction.atomic
def write_up_reopen(*, write_up: WriteUp, user, now=None) -> WriteUp:
    """An officer opens a new round on a write-up the forum agreed (a draft again, to be
    changed or written again from the themes and sent to the forum): because coding changed
    since, or to change its words (the only way to change an agreed write-up, see
    ``write_up_take_back``). The public keeps the version the forum agreed
    (``WriteUp.agreed``) until it agrees the new one. Logged with the themes whose count
    changed (never by how much)."""
    _officer(user)
    now = now or timezone.now()
    write_up = _lock(WriteUp, write_up)
    if write_up.status != Status.AGREED:
        raise ValidationError(_("Only a write-up the forum agreed can be sent back to it."))
    changes = writeup_selectors.coding_changes(write_up)
    _move(write_up, Status.DRAFT, user=user, action=Action.REOPENED, at=now)
    # Which themes changed, never by how much: the counts agreed are public, so a count
    # now, or how many answers were recoded, could give away a number under the minimum
    # ("agreed 16, now under 10, 7 recoded" is 9).
    summary = ("Coding changed after the forum agreed it: sent back for the forum to agree "
               "again" if changes is not None else
               "Sent back to the forum to change its words: the public keeps the agreed "
               "version until the forum agrees a new one")
    evidence_append(kind=WRITE_UP_REOPENED, subject=_subject(write_up), page=write_up.page,
                    payload={**_page_of(write_up), "write_up": write_up.pk,
                             "agreed_at": write_up.agreed["at"],
                             "summary": summary},
                    # Which themes, by their names now: perhaps names the forum never saw
                    # (a theme renamed since), so beside the entry, hashed in the public log.
                    texts={"themes_changed": "\n".join(d.name for d in changes.themes)}
                    if changes is not None else None,
                    source=write_up)
    return write_up


def _quotes_kept(quotes: list[dict], rule: dict) -> list[dict]:
    """The recorded quote sources (``Finding.quotes``) that quote none of the deleted
    answers (``rule``: ``writeup.withdraw_quotes``' sources, the deleted answers as
    ``typed``): a deleted answer's words are kept nowhere, not even as a quote's source."""
    return [q for q in quotes
            if not writeup.withdraw_quotes(f"“{q.get('text', '')}”", **rule)[1]]


def _withdraw_from_agreed(write_up: WriteUp, rule: dict) -> int:
    """Take the deleted answers' quotes out of ``write_up``'s agreed version (not saved).
    ``rule``: ``writeup.withdraw_quotes``' sources (the deleted answers as ``typed``)."""
    agreed = write_up.agreed or {}
    text, lost = writeup.withdraw_quotes(agreed.get("text", ""), **rule)
    findings = []
    for f in agreed.get("findings", []):
        words, n = writeup.withdraw_quotes(f.get("text", ""), **rule)
        lost += n
        findings.append({**f, "text": words, "quotes": _quotes_kept(f.get("quotes", []), rule),
                         "withdrawn_deleted": f.get("withdrawn_deleted", 0) + n})
    if lost:
        write_up.agreed = {**agreed, "text": text, "findings": findings,
                           "withdrawn_deleted": agreed.get("withdrawn_deleted", 0) + lost}
    return lost


def _withdraw_from_draft(write_up: WriteUp, rule: dict) -> int:
    """Take the deleted answers' quotes out of ``write_up``'s working draft (the officer's
    introduction and findings, whatever its status: a new round starts from them), keeping
    every other word; each part counts what it lost, so the draft says so beside it, and
    the keyed hashes of what went are kept (``WriteUp.withdrawn_quotes``): each quotation,
    and each line taken out as an answer pasted without quotation marks, so that a copy
    saved again from a page opened before loses them again (``write_up_edit``). ``rule``:
    ``writeup.withdraw_quotes``' sources. Findings saved; the write-up not."""
    taken_out: list[str] = []
    text, lost, taken = writeup.withdraw_quotes_listed(write_up.text, **rule)
    if lost:
        write_up.text, write_up.text_withdrawn_deleted = (
            text, write_up.text_withdrawn_deleted + lost)
        taken_out += taken
    for finding in write_up.findings.all():
        words, n, taken = writeup.withdraw_quotes_listed(finding.text, **rule)
        if not n:
            continue
        finding.text, finding.withdrawn_deleted = words, finding.withdrawn_deleted + n
        finding.quotes = _quotes_kept(finding.quotes, rule)
        finding.save(update_fields=["text", "withdrawn_deleted", "quotes"])
        lost += n
        taken_out += taken
    keys = [writeup_selectors.withdrawn_key(writeup.quote_words(q)) for q in taken_out
            if writeup.quote_words(q)]
    write_up.withdrawn_quotes = list(dict.fromkeys([*write_up.withdrawn_quotes, *keys]))
    return lost


@transaction.atomic
def quotes_withdraw_deleted(*, texts: list[str], consultation_id: int | None = None,
                            survey_id: int | None = None) -> int:
    """Take the quotes of answers just deleted outright (``texts``: the deleted response's
    written answers, or the deleted survey comment) out of the write-up of their
    consultation or survey, as a withdrawn consent does (``writeup.withdraw_quotes``): once
    the answer is gone nothing else can tell its words from an officer's, so they are taken
    out of the stored words themselves: the agreed version (``WriteUp.agreed``; each finding
    counts them, ``"withdrawn_deleted"``, so the public and board pages say quoted words were
    taken out) and the officer's working draft (``_withdraw_from_draft``; the draft says so
    too, and a copy saved again from a page opened before is taken out again on save,
    ``write_up_edit``). A quotation that is also in another answer still cleared to be
    quoted stays. Called after the deletion (``analysis.signals``). Returns how many quotes
    were taken out. No query beyond the write-ups' when no version quotes them."""
    texts = [t for t in texts if isinstance(t, str) and t.strip()]
    if not texts or not (consultation_id or survey_id):
        return 0
    owner = ({"consultation_id": consultation_id} if consultation_id
             else {"survey_id": survey_id})
    taken = 0
    # What is kept of the deleted words, as keyed hashes: each run of three and of eight
    # words, so a quote of them saved later, however tidied, goes too (write_up_edit, and
    # wherever the agreed version is shown: writeup_selectors.QuoteSources.withdraw).
    runs = {writeup_selectors.withdrawn_key(mark)[:writeup_selectors.RUN_KEY]
            for text in texts for mark in writeup.run_marks(text)}
    for write_up in WriteUp.objects.select_for_update().filter(**owner):
        known = set(write_up.withdrawn_quotes or [])
        if not runs <= known:
            write_up.withdrawn_quotes = [*(write_up.withdrawn_quotes or []),
                                         *sorted(runs - known)]
            write_up.save(update_fields=["withdrawn_quotes"])
        agreed = write_up.agreed or {}
        pieces = [write_up.text, *write_up.findings.values_list("text", flat=True),
                  agreed.get("text", ""), *(f.get("text", "") for f in
                                            agreed.get("findings", []))]
        if not any(writeup.withdraw_quotes(p, typed=texts, public=[])[1] for p in pieces):
            continue
        sources = writeup_selectors.quote_sources([write_up], council_read=True)[write_up.pk]
        rule = {"typed": texts, "public": sources.public, "council": sources.council}
        lost = _withdraw_from_agreed(write_up, rule) if agreed else 0
        drafted = _withdraw_from_draft(write_up, rule)
        if not lost + drafted:
            continue
        write_up.save(update_fields=["agreed", "text", "text_withdrawn_deleted",
                                     "withdrawn_quotes",
                                     *(_revised(write_up, "quotes_withdrawn") if drafted
                                       else [])])
        taken += lost + drafted
    if taken:
        transaction.on_commit(purge_page_cache)
    return taken


@transaction.atomic
def write_up_words_remove(write_up: WriteUp, *, when) -> list[str]:
    """Take every word of ``write_up`` out of each copy it keeps, as personal details (the
    officer's "Remove personal details", ``charter.record.text_remove``, which erases the
    texts kept beside the log and calls this): the working draft's introduction and
    findings with the quotes they recorded, the version the forum agreed (its words,
    findings and quotes) and the sentences kept with a small number. Readers of each part
    see "Removed on ``when`` (a date): personal details" in their language instead
    (``WriteUp.words_removed_on``, the agreed version's ``"words_removed_on"``); themes,
    counts and the review's steps stay. What was removed is remembered as keyed hashes of
    its runs of words (``WriteUp.removed_words``, ``writeup.removed_marks``; the council's own
    words not), so typed or pasted back it goes again (``write_up_edit``), and a form opened
    before is refused (``WriteUp.revision``). Returns the names of the fields that changed
    (the removal entry lists them)."""
    write_up = _lock(WriteUp, write_up)
    agreed = write_up.agreed or {}
    removed = [write_up.text, *write_up.findings.values_list("text", flat=True),
               agreed.get("text", ""), *(f.get("text", "") for f in agreed.get("findings", [])),
               *(k.get("sentence", "") for k in write_up.small_numbers_kept)]
    council = writeup_selectors.council_texts([write_up])[write_up.pk]
    write_up.removed_words = list(dict.fromkeys([
        *write_up.removed_words,
        *sorted(writeup_selectors.removed_key(m, "w")
                for m in writeup.removed_marks(removed, council))]))
    changed = []
    if write_up.text:
        write_up.text = ""
        changed.append("text")
    if any(text or quotes for text, quotes in write_up.findings.values_list("text", "quotes")):
        write_up.findings.update(text="", quotes=[])
        changed.append("findings")
    agreed = write_up.agreed or {}
    if agreed.get("text") or any(f.get("text") or f.get("quotes")
                                 for f in agreed.get("findings", [])):
        write_up.agreed = {**agreed, "text": "", "words_removed_on": when.isoformat(),
                           "findings": [{**f, "text": "", "quotes": []}
                                        for f in agreed.get("findings", [])]}
        changed.append("agreed")
    if any(k.get("sentence") or k.get("reason") for k in write_up.small_numbers_kept):
        write_up.small_numbers_kept = [{**k, "sentence": "", "reason": ""}
                                       for k in write_up.small_numbers_kept]
        changed.append("small_numbers_kept")
    write_up.words_removed_on = when
    write_up.save(update_fields=["text", "agreed", "small_numbers_kept", "words_removed_on",
                                 "removed_words", *_revised(write_up, "details_removed")])
    transaction.on_commit(purge_page_cache)  # the public pages show the notice now
    return changed



#: The keys of a write-up's kept JSON (its agreed version, counts, rounds shown, sentences
#: kept) whose values are words typed or named: where chosen personal details are looked for.
_WORD_KEYS = {"text", "name", "description", "question", "sentence", "reason", "words"}


def _scrub(value, phrases: list[str]):
    """``value`` (JSON: dicts, lists, strings) with ``phrases`` removed from the strings
    under ``_WORD_KEYS`` (``writeup.remove_phrases``); times, codes and keys are left as
    they are. Returns (new value, how many were replaced)."""
    if isinstance(value, list):
        done = [_scrub(v, phrases) for v in value]
        return [v for v, _n in done], sum(n for _v, n in done)
    if isinstance(value, dict):
        out, found = {}, 0
        for key, item in value.items():
            if key in _WORD_KEYS and isinstance(item, str):
                item, n = writeup.remove_phrases(item, phrases)
            else:
                item, n = _scrub(item, phrases)
            out[key] = item
            found += n
        return out, found
    return value, 0


def _texts_beside(write_up: WriteUp, frames, themes, sessions):
    """The texts kept beside the log (``EvidenceText``, not yet removed) for ``write_up``,
    its frames, their themes and their coding sessions: the words sent and agreed, the
    themes' names, the sentences kept, the sessions' counts by theme."""
    from_q = Q(source_model=WriteUp._meta.label_lower, source_pk=write_up.pk)
    for model, keys in ((CodingFrame, frames), (Theme, themes), (CodingSession, sessions)):
        if keys:
            from_q |= Q(source_model=model._meta.label_lower, source_pk__in=keys)
    return EvidenceText.objects.filter(from_q, removed_at__isnull=True).select_related("entry")


#: The reason an answer or comment changed by a removal of chosen words keeps at first, then
#: (``WORDS_REMOVED_IN``) naming the removal's entry: never the officer's typed reason.
WORDS_REMOVED = "Words removed from the write-up as personal details"
WORDS_REMOVED_IN = WORDS_REMOVED + " (removal: entry %(entry)s)"


@transaction.atomic
def write_up_phrases_remove(*, write_up: WriteUp, phrases: list[str], reason: str, user,
                            now=None) -> EvidenceEntry:
    """Take the officer's chosen personal details (``phrases``: exact words, such as a name, or
    phrases the checks flagged) out of every copy of ``write_up`` and of the themes it reports
    on, each replaced by ``writeup.REMOVED``, every other word kept: the working draft
    (introduction, findings and the quotes they recorded), the version the forum agreed (words,
    findings, themes' names and descriptions, quotes, counts), the counts kept (the draft's,
    every round shown to the public or the forum), the sentences kept with a small number, the
    themes themselves (names, descriptions, example quotes, words kept, suggested names), the
    coding sessions' counts by theme and the forum's own comments on the frames and the write-
    up (``FrameComment``, ``WriteUpComment``). The texts kept beside the evidence log that hold
    one of the phrases are erased whole (a salted hash cannot be kept for changed words), as
    ``charter.record.text_remove`` erases them: the log still verifies. Logged as
    ``text_removed``: the record, the entries whose texts went and the fields changed; the
    reason beside the entry (it may hold the details), never the phrases. The answers the
    write-up quotes lose the words too, so a draft written again does not bring them back: a
    consultation's as an officer's removal from a quote (``Redaction``), a survey's comments in
    the words approved for the public (``surveys.services.comments_words_remove``, each logged
    as a moderation). Removing every word of the write-up stays the charter's removal route
    (``write_up_words_remove``).

    Raises ``PermissionDenied`` for anyone but an officer, ``ValidationError`` without a
    reason, without words, or (keyed "words", listing them) for words no copy holds."""
    _officer(user)
    now = now or timezone.now()
    reason = " ".join((reason or "").split())
    phrases = list(dict.fromkeys(" ".join(p.split()) for p in phrases if p.strip()))
    if not phrases:
        raise ValidationError({"words": _("Give the words to remove, or tick those found.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason the words are removed.")})
    write_up = _lock(WriteUp, write_up)
    frames = writeup_selectors.frames_of(write_up.page)
    themes = list(Theme.all_objects.filter(frame__in=frames).select_for_update())
    examples = list(ThemeExample.objects.filter(theme__in=themes))
    sessions = list(CodingSession.objects.filter(frame__in=frames))
    suggestions = list(ThemeSuggestion.objects.filter(frame__in=frames))
    findings = list(write_up.findings.all())
    # The forum's own comments on the frames and the write-up ("The forum's comments"):
    # a name a representative wrote there goes with the same removal.
    comments = [*FrameComment.objects.filter(frame__in=frames).select_for_update(),
                *WriteUpComment.objects.filter(write_up=write_up).select_for_update()]
    beside = list(_texts_beside(write_up, [f.pk for f in frames], [t.pk for t in themes],
                                [s.pk for s in sessions]))
    # Every place the words may be, as (its copies' text, for the check below).
    held = [write_up.text, *(f.text for f in findings),
            json.dumps([[f.quotes for f in findings], write_up.agreed, write_up.counts,
                        write_up.published_rounds, write_up.shown_rounds,
                        write_up.small_numbers_kept, [t.words_kept for t in themes],
                        [s.themes for s in sessions]], ensure_ascii=False),
            *(w for t in themes for w in (t.name, t.description)),
            *(e.text for e in examples), *(s.name for s in suggestions),
            *(t.text for t in beside), *(c.text for c in comments)]
    missing = [p for p in phrases if not any(writeup.holds_phrase(h, [p]) for h in held)]
    if missing:
        raise ValidationError({"words": [
            _("These words are not in the write-up or its themes, so nothing was removed. "
              "Copy them exactly as they are written."),
            *(f"“{p}”" for p in missing)]})
    changed = set()

    def words(text):
        return writeup.remove_phrases(text, phrases)

    write_up.text, n = words(write_up.text)
    if n:
        changed.add("text")
    for finding in findings:
        finding.text, n = words(finding.text)
        finding.quotes, m = _scrub(finding.quotes, phrases)
        if n or m:
            finding.save(update_fields=["text", "quotes"])
            changed.add("findings")
    for name in ("agreed", "counts", "published_rounds", "shown_rounds",
                 "small_numbers_kept"):
        value, n = _scrub(getattr(write_up, name), phrases)
        if n:
            setattr(write_up, name, value)
            changed.add(name)
    # Remembered, as keyed hashes, so typed or pasted back they go again (write_up_edit);
    # a form opened before is refused (WriteUp.revision).
    write_up.removed_words = list(dict.fromkeys([
        *write_up.removed_words,
        *(writeup_selectors.removed_key(writeup.phrase_mark(p), "p") for p in phrases)]))
    write_up.save(update_fields=["text", "agreed", "counts", "published_rounds",
                                 "shown_rounds", "small_numbers_kept", "removed_words",
                                 *_revised(write_up, "details_removed")])
    for theme in themes:
        theme.name, n = words(theme.name)
        theme.description, m = words(theme.description)
        theme.words_kept, k = _scrub(theme.words_kept, phrases)
        if n or m or k:
            theme.save(update_fields=["name", "description", "words_kept"])
            changed.add("themes")
    for example in examples:
        example.text, n = words(example.text)
        if n:
            example.save(update_fields=["text"])
            changed.add("theme_examples")
    for suggestion in suggestions:
        suggestion.name, n = words(suggestion.name)
        if n:
            suggestion.save(update_fields=["name"])
            changed.add("theme_suggestions")
    for comment in comments:
        comment.text, n = words(comment.text)
        if n:
            comment.save(update_fields=["text"])
            changed.add("frame_comments" if isinstance(comment, FrameComment)
                        else "write_up_comments")
    for session in sessions:
        session.themes, n = _scrub(session.themes, phrases)
        if n:
            session.save(update_fields=["themes"])
            changed.add("coding_sessions")
    # The answers and comments changed keep a fixed reason naming this removal's entry
    # (set below), never the typed reason, which lives only beside the entry (bk15h, F5).
    redactions, moderated = [], []
    if write_up.consultation_id:
        # An answer that holds the words is quoted without them from now on (a draft
        # written again quotes the answers afresh): as an officer's removal from the quote.
        redactions = _answers_redacted(write_up, frames, phrases, WORDS_REMOVED, user, now)
        if redactions:
            changed.add("answer_quotes")
    elif write_up.survey_id:
        # The same for a survey: the comments' words approved for the public lose them, as
        # an officer's moderation with words removed; not logged one by one, so the public
        # log does not say which comments held the words (bk15h, F8).
        moderated = survey_services.comments_words_remove(
            survey=write_up.survey, reason=WORDS_REMOVED, user=user, now=now,
            remove=lambda text: writeup.remove_phrases(text, phrases))
        if moderated:
            changed.add("comment_public_texts")
    gone = [t for t in beside if writeup.holds_phrase(t.text, phrases)]
    transaction.on_commit(purge_page_cache)  # the public pages read the words without them
    label = WriteUp._meta.label_lower
    entry = evidence_append(
        kind=EvidenceEntry.Kind.TEXT_REMOVED, subject=f"{label}:{write_up.pk}",
        page=write_up.page,
        payload={"record": f"{label}:{write_up.pk}",
                 "entries": sorted({t.entry.sequence for t in gone}),
                 "fields": sorted(changed), "chosen_words": len(phrases)},
        # The comments changed, by key, only beside the log (as a salted hash in its copy).
        texts={"reason": reason,
               **({"comments": " ".join(str(c.pk) for c in moderated)} if moderated else {})},
        source=write_up)
    # As the charter's removal: the texts erased name the removal's entry, beside which
    # the typed reason is kept (it may hold the details), never the reason itself.
    EvidenceText.objects.filter(pk__in=[t.pk for t in gone]).update(
        text="", salt="", removed_at=now, removed_reason=removed_pointer(entry),
        removed_by=user)
    pointer = WORDS_REMOVED_IN % {"entry": entry.sequence}
    Redaction.objects.filter(pk__in=[r.pk for r in redactions]).update(reason=pointer[:300])
    SurveyComment.objects.filter(pk__in=[c.pk for c in moderated]).update(
        moderation_reason=pointer)
    return entry


def forum_comment_words_remove(comment: FrameComment | WriteUpComment, *, words: list[str],
                               kept) -> tuple[list[str], list]:
    """Take chosen personal details (``words``: exact words, such as a name) out of one forum
    representative's comment on a coding frame or a write-up, each replaced by
    ``writeup.REMOVED`` (any spelling or ending the matching knows), every other word kept:
    the ``erase_words`` of the charter's removal route (``charter.record.text_remove`` with
    ``words``, which logs ``text_removed`` with the reason beside the entry). ``kept``: the
    texts kept beside the log for the comment (``EvidenceText``). Returns the fields changed
    (["text"]) and those of ``kept`` that held the words (erased whole by the caller).

    Raises ``ValidationError`` keyed "words", listing them, for words the comment does not
    hold."""
    comment = type(comment).objects.select_for_update().get(pk=comment.pk)
    missing = [w for w in words if not writeup.holds_phrase(comment.text, [w])
               and not any(writeup.holds_phrase(t.text, [w]) for t in kept)]
    if missing:
        raise ValidationError({"words": [
            _("These words are not in the comment, so nothing was removed. Copy them exactly "
              "as they are written."),
            *(f"“{w}”" for w in missing)]})
    comment.text, n = writeup.remove_phrases(comment.text, words)
    if n:
        comment.save(update_fields=["text"])
    return (["text"] if n else []), [t for t in kept if writeup.holds_phrase(t.text, words)]


def _answers_redacted(write_up: WriteUp, frames, phrases: list[str], reason: str, user,
                      now) -> list[Redaction]:
    """A ``Redaction`` (the phrase, ``reason``) for each written answer to ``frames``'
    questions that holds one of ``phrases`` as the write-up's removal finds it
    (``writeup.phrases_held``: any spelling, ending or join the matching knows, so "Jan
    Zielinski" for "Jan Zieliński" and "محمد احمد" for "محمد أحمد"), so the answer is quoted
    without them wherever it is quoted (``writeup.redact``, the same matching), also in a
    draft written again. The redactions made."""
    questions = [f.question_id for f in frames]
    made = []
    for response in ConsultationResponse.objects.filter(
            consultation_id=write_up.consultation_id).only("pk", "answers"):
        for question in questions:
            text = (response.answers or {}).get(question)
            if not isinstance(text, str):
                continue
            for phrase in writeup.phrases_held(text, phrases):
                made.append(Redaction(response=response, question_id=question,
                                      words=phrase[:300], reason=reason[:300],
                                      redacted_by=user, redacted_at=now))
    return Redaction.objects.bulk_create(made)
