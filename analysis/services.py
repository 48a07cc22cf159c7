"""Writes for the analysis, each inside one transaction: confirming an answer's themes,
storing the suggestions a task made (which replace the frame's earlier ones), and the
officer's coding screen (bulk coding, flags, deciding suggested codes and themes), each of
whose decisions goes in the evidence log as a summary: counts, theme names and who, never
an answer's text."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis import suggest, writeup_selectors
from analysis.coded import coded
from analysis.models import (
    Coding,
    CodingFrame,
    CodingSession,
    Finding,
    Flag,
    SuggestedCode,
    SuggestionRun,
    Theme,
    ThemeSuggestion,
)
from analysis.small_numbers import small_numbers
from charter.chain import canonical_json
from charter.permissions import is_officer
from charter.services import evidence_append
from consultations.models.responses import ConsultationResponse
from core.sanitise import clean_text
from surveys.models import SurveyComment
from surveys.scales import FREE_TEXT
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES

#: The evidence log's kind for a coding session's summary (counts, themes, who; no text).
CODING_KIND = "analysis_coded"
#: A coding session is summed up in the evidence log after this long from its first
#: decision, or after this many decisions, whichever comes first (see ``CodingSession``).
SESSION_LENGTH = dt.timedelta(hours=1)
SESSION_DECISIONS = 500
FLAG_NOTE_MAX = 1000


def confirm_codes(*, frame: CodingFrame, response: ConsultationResponse,
                  themes: Iterable[Theme], user, now=None) -> list[Coding]:
    """Make ``themes`` exactly the confirmed themes of ``response``'s written answer to the
    frame's question, as ``user`` at ``now`` (``_set_themes``). Returns the answer's current
    codings.

    Raises ``ValidationError`` when the response is not to the frame's consultation, has no
    written answer to the question, or a theme is not the frame's.
    """
    return _set_themes(frame=frame, answer=response, themes=themes, user=user, now=now)


def _set_themes(*, frame: CodingFrame, answer, themes: Iterable[Theme], user,
                now=None) -> list[Coding]:
    """Make ``themes`` exactly the confirmed themes of ``answer`` (what the frame codes: a
    response, or a survey frame's comment): new ones are added (marked as from a suggestion
    when one was waiting), others are marked removed (kept on record), and the answer's
    waiting suggestions are cleared. Returns the answer's current codings. Raises
    ``ValidationError`` as ``Coded.check`` does, or when a theme is not the frame's."""
    themes = list(themes)
    kind = coded(frame)
    kind.check(frame, [answer])
    if any(t.frame_id != frame.pk for t in themes):
        raise ValidationError("A theme is not one of this frame's.")
    now = now or timezone.now()
    wanted = {t.pk: t for t in themes}
    mine = {kind.field: answer, "question_id": frame.question_id, "theme__frame": frame}
    with transaction.atomic():
        current = {c.theme_id: c for c in Coding.objects.select_for_update().filter(
            **mine, removed_at__isnull=True)}
        waiting = SuggestedCode.objects.filter(**mine)
        suggested = set(waiting.values_list("theme_id", flat=True))
        Coding.objects.filter(pk__in=[c.pk for t, c in current.items() if t not in wanted]
                              ).update(removed_at=now, removed_by=user)
        Coding.objects.bulk_create([
            Coding(**{kind.field: answer}, question_id=frame.question_id, theme=theme,
                   coded_by=user, coded_at=now, from_suggestion=pk in suggested)
            for pk, theme in wanted.items() if pk not in current])
        waiting.delete()
    return list(Coding.objects.filter(**mine, removed_at__isnull=True))


def store_suggestions(*, frame: CodingFrame, suggestions: Iterable[suggest.SuggestedCode],
                      method: str) -> int:
    """Replace the frame's waiting suggestions with ``suggestions`` (answer ids are response
    keys, themes the frame's codes); suggestions for an answer already coded, or for a theme
    not in the frame, are dropped. Returns how many were stored."""
    themes = dict(frame.themes.values_list("code", "pk"))
    key = coded(frame).key
    with transaction.atomic():
        done = set(Coding.objects.filter(theme__frame=frame, question_id=frame.question_id,
                                         removed_at__isnull=True)
                   .values_list(key, flat=True))
        SuggestedCode.objects.filter(theme__frame=frame).delete()
        rows = SuggestedCode.objects.bulk_create([
            SuggestedCode(**{key: s.answer_id}, question_id=frame.question_id,
                          theme_id=themes[s.theme], confidence=s.confidence, method=method)
            for s in suggestions if s.theme in themes and s.answer_id not in done])
    return len(rows)


# --- the coding screen ------------------------------------------------------------------


@dataclass(frozen=True)
class CodingChange:
    """What one coding action did: how many answers got ``theme`` (``added``), how many had
    it taken off (``removed``), and how many were left as they were (``unchanged``)."""

    theme: Theme
    added: int
    removed: int
    unchanged: int


def _require_officer(user) -> None:
    if not is_officer(user):
        raise PermissionDenied


def _by(user) -> str:
    return user.get_username()


def _answers_digest(pairs: Iterable[tuple[str, str]]) -> str:
    """A hash of (response reference, theme code) pairs: the log can later be checked
    against the codes without holding which respondent said what."""
    joined = "\n".join(f"{ref}\t{code}" for ref, code in sorted(pairs))
    return hashlib.sha256(joined.encode()).hexdigest()


def _subject(frame: CodingFrame) -> str:
    return (f"page:{frame.consultation_id}" if frame.consultation_id
            else f"page:{frame.survey_id}")


def _session_close(session: CodingSession, now) -> None:
    """Write the session's one evidence entry and close it.

    The log is public and can never be rewritten, so its payload holds only what gives away
    no count: the frame, the question, who, from and to, how many decisions and their
    chained hash. The counts per action and per theme (``"counts"``, JSON) and the one-line
    summary (``"summary"``) are kept beside the entry as texts: the public copy holds their
    salted hashes, the board's copy the words. Summed over sessions, per-theme counts could
    give away a number the public table holds back as "fewer than" the minimum.

    Entries written before this change held the counts and the summary in the payload: the
    log is append-only, so they stay as they are."""
    frame = session.frame
    entry = evidence_append(
        kind=CODING_KIND, subject=_subject(frame), page=frame.consultation or frame.survey,
        affects_public_pages=False,
        payload={"frame": frame.pk, "question": frame.question_id, "action": "session",
                 "by": session.officer.get_username(),
                 "from": session.started_at.isoformat(), "to": session.last_at.isoformat(),
                 "decisions": session.decisions, "decisions_sha256": session.digest},
        texts={"summary": _session_summary(session),
               "counts": canonical_json({"actions": session.actions,
                                         "themes": session.themes})},
        source=session)
    session.closed_at, session.entry = now, entry
    session.save(update_fields=["closed_at", "entry"])


def _session_summary(session: CodingSession) -> str:
    """The session in one line for the board ("officer: 12 answer(s) coded (15 code(s)
    added), 3 code(s) taken off, in 3 decision(s), 10:00 to 10:59"): each answer coded
    counted once, however many themes it was given."""
    actions = session.actions
    parts = []
    if session.coded_answers:
        # Answers, each once however many themes it was given, then the codes added when
        # they are more (an answer coded to two themes is one answer, two codes).
        answers = len(session.coded_answers)
        added = sum(t.get("added", 0) for t in session.themes.values())
        parts.append(f"{answers} answer(s) coded"
                     + (f" ({added} code(s) added)" if added > answers else ""))
    else:
        # A session written before the answers were kept one by one: as it was summed then.
        parts = [f"{actions[a]['answers']} {label}" for a, label in (
            ("coded", "answer(s) coded"), ("answer_coded", "answer(s) coded one by one"))
            if a in actions]
    parts += [f"{actions[a]['answers']} {label}" for a, label in (
        ("uncoded", "code(s) taken off"), ("flagged", "flagged for the forum"),
        ("theme_merged", "answer(s) moved by a merge")) if a in actions]
    for action, label in (("theme_added", "theme(s) added"), ("theme_deleted",
                                                                "theme(s) deleted")):
        if action in actions:
            parts.append(f"{actions[action]['decisions']} {label}")
    start, end = (timezone.localtime(session.started_at), timezone.localtime(session.last_at))
    return (f"{session.officer.get_username()}: {', '.join(parts) or 'no codes changed'}, in "
            f"{session.decisions} decision(s), {start:%H:%M} to {end:%H:%M}")


def coding_sessions_close(*, frame: CodingFrame | None = None, idle_since=None,
                          now=None) -> int:
    """Close open coding sessions, each with its one evidence entry: all of ``frame``'s
    (when it goes to the forum), or every frame's whose last decision was before
    ``idle_since`` (the hourly task). Returns how many were closed."""
    now = now or timezone.now()
    sessions = CodingSession.objects.filter(closed_at__isnull=True)
    if frame is not None:
        sessions = sessions.filter(frame=frame)
    if idle_since is not None:
        sessions = sessions.filter(last_at__lt=idle_since)
    closed = 0
    with transaction.atomic():
        for session in sessions.select_for_update(of=("self",)).select_related(
                "frame__consultation", "frame__survey", "officer"):
            _session_close(session, now)
            closed += 1
    return closed


def _log(frame: CodingFrame, action: str, user, *, now=None, coded_keys: Iterable = (),
         **payload) -> None:
    """Count one decision on the coding screen into the officer's open session for the
    frame (no answer's text): its action, answers and theme, and its own hash chained into
    the session's; ``coded_keys``: the keys of the answers the decision gave a code (kept
    on the session only, to count each answer once). The session's summary goes in the
    evidence log when it closes."""
    now = now or timezone.now()
    session = (CodingSession.objects.select_for_update(of=("self",))
               .filter(frame=frame, officer=user, closed_at__isnull=True)
               .select_related("frame__consultation", "frame__survey", "officer").first())
    if session is not None and (now - session.started_at >= SESSION_LENGTH
                                or session.decisions >= SESSION_DECISIONS):
        _session_close(session, now)
        session = None
    if session is None:
        session = CodingSession(frame=frame, officer=user, started_at=now, last_at=now)
    answers = int(payload.get("answers") or 0)
    # The answers given a code, each once however many themes it got: the summary counts
    # answers, not codes (h15z F3).
    coded_now = [str(k) for k in coded_keys]
    session.coded_answers = sorted(set(session.coded_answers) | set(coded_now))
    counts = session.actions.setdefault(action, {"decisions": 0, "answers": 0})
    counts["decisions"] += 1
    counts["answers"] += answers
    code = payload.get("theme_code")
    if code:
        theme = session.themes.setdefault(code, {"name": payload.get("theme", ""),
                                                 "added": 0, "removed": 0})
        theme["name"] = payload.get("theme", theme["name"])
        if action == "coded":
            theme["added"] += answers
        elif action == "uncoded":
            theme["removed"] += answers
    for key, field in (("added", "added"), ("removed", "removed")):
        for listed in payload.get(key) or []:
            session.themes.setdefault(listed, {"name": listed, "added": 0, "removed": 0})
            session.themes[listed][field] += 1
    decision = json.dumps({"at": now.isoformat(), "action": action, **payload},
                          sort_keys=True, default=str)
    session.digest = hashlib.sha256((session.digest + decision).encode()).hexdigest()
    session.decisions += 1
    session.last_at = now
    session.save()


def _code(*, frame: CodingFrame, answers: Iterable, theme: Theme, user, add: bool,
          now=None) -> CodingChange:
    """Add ``theme`` to (``add``) or take it off (``add=False``) each of ``answers``, what the
    frame codes (``coded(frame)``: responses, or a survey frame's comments), as ``user``: one
    transaction and one decision in the officer's coding session ("12 answers coded to
    'Walking distance'"), whatever the number of answers.

    An added code is marked as from a suggestion when that suggestion was waiting, and the
    suggestion is cleared (it is now a person's decision); a removed code keeps its row,
    marked removed. Answers that already are as asked are left alone.

    Raises ``PermissionDenied`` unless ``user`` is an officer (or an administrator), and
    ``ValidationError`` when the theme is not the frame's or an answer is not a written
    answer to the frame's question.
    """
    _require_officer(user)
    if theme.frame_id != frame.pk:
        raise ValidationError("This theme is not one of this frame's.")
    kind = coded(frame)
    answers = list(answers)
    kind.check(frame, answers)
    refs = {a.pk: kind.log_reference(a) for a in answers}
    ids = set(refs)
    mine = {f"{kind.key}__in": ids, "question_id": frame.question_id, "theme": theme}
    now = now or timezone.now()
    with transaction.atomic():
        current = dict(Coding.objects.select_for_update().filter(
            **mine, removed_at__isnull=True).values_list(kind.key, "pk"))
        if add:
            waiting = SuggestedCode.objects.filter(**mine)
            suggested = set(waiting.values_list(kind.key, flat=True))
            changed = sorted(ids - set(current))
            Coding.objects.bulk_create([
                Coding(**{kind.key: pk}, question_id=frame.question_id, theme=theme,
                       coded_by=user, coded_at=now, from_suggestion=pk in suggested)
                for pk in changed])
            waiting.delete()
        else:
            changed = sorted(current)
            Coding.objects.filter(pk__in=current.values()).update(removed_at=now,
                                                                  removed_by=user)
        if changed:
            _log(frame, "coded" if add else "uncoded", user, now=now, theme=theme.name,
                 coded_keys=changed if add else (),
                 theme_code=theme.code, answers=len(changed),
                 answers_sha256=_answers_digest((refs[pk], theme.code) for pk in changed))
    return CodingChange(theme, len(changed) if add else 0, 0 if add else len(changed),
                        len(ids) - len(changed))


def answers_code(*, frame: CodingFrame, responses: Iterable[ConsultationResponse],
                 theme: Theme, user, add: bool = True, now=None) -> CodingChange:
    """Add ``theme`` to (or take it off) the written answer of each of ``responses`` to a
    consultation frame's question, as ``user`` (``_code``). Raises as ``_code`` does."""
    return _code(frame=frame, answers=responses, theme=theme, user=user, add=add, now=now)


def comments_code(*, frame: CodingFrame, comments: Iterable[SurveyComment], theme: Theme,
                  user, add: bool = True, now=None) -> CodingChange:
    """Add ``theme`` to (or take it off) each of a survey frame's written ``comments``, as
    ``user`` (``_code``). Raises as ``_code`` does."""
    return _code(frame=frame, answers=comments, theme=theme, user=user, add=add, now=now)


def survey_frame_start(*, survey, question_id: str, user) -> CodingFrame:
    """The coding frame of one of the survey's free-text questions (``question_id``: the
    ``SurveyQuestion``'s key), made empty (a draft) the first time. Raises
    ``ValidationError`` for any other question."""
    _require_officer(user)
    if not survey.placements.filter(question_id=question_id,
                                    question__kind=FREE_TEXT).exists():
        raise ValidationError("This is not one of the survey's written questions.")
    frame, _ = CodingFrame.objects.get_or_create(
        survey=survey, question_id=str(question_id), defaults={"created_by": user})
    return frame


def answer_set_themes(*, frame: CodingFrame, answer, themes: Iterable[Theme],
                      user) -> tuple[int, int]:
    """Make ``themes`` exactly the confirmed themes of ``answer`` (a response, or a survey
    frame's comment; ``_set_themes``: its waiting suggestions are cleared, the person having
    decided), as an officer, counted into the officer's coding session. Returns (themes
    added, themes removed)."""
    _require_officer(user)
    themes = list(themes)
    kind = coded(frame)
    with transaction.atomic():
        before = set(Coding.objects.filter(**{kind.field: answer},
                                           question_id=frame.question_id,
                                           theme__frame=frame, removed_at__isnull=True)
                     .values_list("theme__code", flat=True))
        _set_themes(frame=frame, answer=answer, themes=themes, user=user)
        after = {t.code for t in themes}
        added, removed = sorted(after - before), sorted(before - after)
        if added or removed:
            ref = kind.log_reference(answer)
            _log(frame, "answer_coded", user, answers=1, added=added, removed=removed,
                 coded_keys=[answer.pk] if added else [],
                 answers_sha256=_answers_digest((ref, c) for c in after))
    return len(added), len(removed)


def suggestion_decide(*, suggestion: SuggestedCode, accept: bool, user) -> CodingChange | None:
    """Confirm a suggested code (it becomes the person's ``Coding``, marked as from a
    suggestion) or reject it (it is deleted, and the rejection logged as a summary).
    Returns the change when confirmed, None when rejected."""
    _require_officer(user)
    theme = suggestion.theme
    frame = theme.frame
    if accept:
        answer = getattr(suggestion, coded(frame).field)
        return _code(frame=frame, answers=[answer], theme=theme, user=user, add=True)
    with transaction.atomic():
        suggestion.delete()
        _log(frame, "suggestion_rejected", user, theme=theme.name, theme_code=theme.code,
             answers=1, confidence=round(suggestion.confidence, 2))
    return None


def flag_set(*, frame: CodingFrame, answer, user, note: str = "", now=None) -> Flag:
    """Put ``answer`` (a response, or a survey frame's comment) before the forum, with an
    optional note (at most 1,000 characters). An answer already flagged keeps its flag; a
    new note replaces the old one. Raises ``PermissionDenied`` for anyone but an officer,
    ``ValidationError`` for a longer note or an answer not to the frame's question."""
    _require_officer(user)
    kind = coded(frame)
    kind.check(frame, [answer])
    note = clean_text(note or "").strip()
    if len(note) > FLAG_NOTE_MAX:
        raise ValidationError({"note": f"Keep the note to {FLAG_NOTE_MAX:,} characters."})
    now = now or timezone.now()
    with transaction.atomic():
        flag, created = Flag.objects.select_for_update().get_or_create(
            frame=frame, **{kind.field: answer}, cleared_at__isnull=True,
            defaults={"note": note, "flagged_by": user, "flagged_at": now})
        if not created and flag.note != note:
            flag.note = note
            flag.save(update_fields=["note"])
        if created:
            _log(frame, "flagged", user, now=now, answers=1,
                 answers_sha256=_answers_digest([(kind.log_reference(answer), "flag")]))
    return flag


def flag_clear(*, flag: Flag, user, now=None) -> Flag:
    """Take the answer off the forum's list; the flag is kept, marked cleared."""
    _require_officer(user)
    if flag.cleared_at is None:
        with transaction.atomic():
            flag.cleared_at, flag.cleared_by = now or timezone.now(), user
            flag.save(update_fields=["cleared_at", "cleared_by"])
            _log(flag.frame, "flag_cleared", user, answers=1)
    return flag


def new_theme_code(frame: CodingFrame) -> str:
    """A new theme's code in ``frame``: "t" and the next free number ("t1", "t2"...).

    A code is never made from the theme's words: it is written in the evidence log, which
    is public and append-only, and a theme's first name (perhaps naming a person, or a small
    number) may be changed before the forum sees it. Codes of themes made before this rule
    keep their words: they are the keys of landed codes and log entries. One query."""
    taken = set(Theme.all_objects.filter(frame=frame).values_list("code", flat=True))
    n = len(taken) + 1
    while f"t{n}" in taken:
        n += 1
    return f"t{n}"


def theme_small_numbers_message(sentences: list[str], minimum: int) -> list[str]:
    """What an officer reads about theme names or descriptions that give a number under
    ``minimum``: the rule, then each one."""
    return [_("These theme names or descriptions give a number under %(minimum)s. They are "
              "shown in public, and a number that small can identify a family. Change the "
              "words before sending the themes to the forum, or, if they count no one, change "
              "the theme, tick “Keep these words anyway” and say why.") % {"minimum": minimum},
            *(f"“{sentence}”" for sentence in sentences)]


#: The code of the ``ValidationError`` messages about theme words the small-number check
#: flagged: the form then offers to keep them anyway (``theme_words_check``).
THEME_WORDS = "theme_words"
#: The fewest characters of a reason for keeping flagged words (as the write-up's).
KEEP_REASON_MINIMUM = 5
#: The evidence log's kind for flagged words an officer kept (the write-up's sentences too).
WORDS_KEPT_KIND = "analysis_small_numbers_kept"


def theme_words_flagged(*, name: str, description: str = "", theme: Theme | None = None,
                        minimum: int = DEFAULT_MINIMUM_RESPONSES) -> dict[str, list[str]]:
    """The sentences of a theme's name and description that give a number under
    ``minimum`` (``analysis.small_numbers``), by field ("name", "description"), leaving out a
    field whose words an officer already kept as they are (``theme``'s ``words_kept``).
    {} when none."""
    found = {}
    for field, words in (("name", name), ("description", description)):
        if theme is not None and any(k.get("field") == field and k.get("words") == words
                                     for k in theme.words_kept or []):
            continue
        sentences = [f.sentence for f in small_numbers(words or "", minimum=minimum)]
        if sentences:
            found[field] = sentences
    return found


def theme_words_check(*, name: str, description: str = "", theme: Theme | None = None,
                      keep: bool = False, reason: str = "",
                      minimum: int = DEFAULT_MINIMUM_RESPONSES) -> dict[str, list[str]]:
    """Refuse a theme's name or description that gives a number under ``minimum``
    (``analysis.small_numbers``: "4 mums", "a mum and a dad"), when the theme is added or
    renamed, not only when the frame is sent: theme names are shown in public (the results,
    the findings, the log's texts), and an officer told at once still has the words in
    front of them. Raises ``ValidationError`` keyed by the field ("name", "description"),
    each message with the code ``THEME_WORDS``, with a plain explanation and the words
    found; the caller shows the typed words back.

    The check errs on the side of flagging, so a false alarm ("a child and a parent
    travelling together" counts no one) is kept when the officer ticks ``keep`` and gives a
    ``reason`` of ``KEEP_REASON_MINIMUM`` characters or more: then the flagged fields and
    their sentences are returned, for ``theme_words_keep`` once the theme is saved (and
    "keep_reason" is refused while ``keep`` has no reason). {} when nothing is flagged.
    Words already kept as they are (``theme``) are not asked about again."""
    flagged = theme_words_flagged(name=name, description=description, theme=theme,
                                  minimum=minimum)
    if not flagged:
        return {}
    if keep and len(reason.strip()) >= KEEP_REASON_MINIMUM:
        return flagged
    errors = {field: [ValidationError(
        _("A theme’s name and description are shown in public, and a number under "
          "%(minimum)s can identify a family: these words give one. Write them without it, "
          "for example “some families”. Nothing was saved. If they count no one (for "
          "example “a child and a parent travelling together”), tick “Keep these words "
          "anyway” and say why.") % {"minimum": minimum}, code=THEME_WORDS),
        *(ValidationError(f"“{sentence}”", code=THEME_WORDS) for sentence in sentences)]
        for field, sentences in flagged.items()}
    if keep:
        errors["keep_reason"] = [ValidationError(
            _("Say why these words identify no one."), code=THEME_WORDS)]
    raise ValidationError(errors)


def theme_words_keep(*, theme: Theme, flagged: dict[str, list[str]], reason: str, user,
                     now=None) -> None:
    """Record that ``user`` kept ``theme``'s flagged words (``theme_words_check``'s result)
    with ``reason``: on the theme (``Theme.words_kept``: the checks pass these words as they
    are, and the forum's frame page says they were kept, and why) and in the evidence log
    (``WORDS_KEPT_KIND``). The log is public, so its payload names the frame, the theme's
    key and the fields only; the flagged words, the reason and who kept them are texts
    beside the entry (the board reads them; the public copy holds their salted hashes),
    which can be erased. Nothing when ``flagged`` is empty. Call inside the transaction
    that saved the theme."""
    if not flagged:
        return
    now = now or timezone.now()
    reason = " ".join(reason.split())
    theme.words_kept = [*(theme.words_kept or []), *(
        {"field": field, "words": getattr(theme, field), "reason": reason, "by": user.pk,
         "at": now.isoformat()} for field in sorted(flagged))]
    theme.save(update_fields=["words_kept"])
    frame = theme.frame
    evidence_append(
        kind=WORDS_KEPT_KIND, subject=_subject(frame), page=frame.page,
        payload={"consultation": frame.consultation_id, "survey": frame.survey_id,
                 "frame": frame.pk, "theme": theme.pk, "fields": sorted(flagged),
                 "summary": "An officer kept a theme's name or description that the "
                            "small-number check flagged, saying it identifies no one"},
        texts={"words": "\n".join(s for field in sorted(flagged) for s in flagged[field]),
               "reason": reason, "by": user.get_full_name() or _by(user)},
        source=theme)


#: Told to the officer when a theme's words held words removed as personal details
#: (``taken_out_again`` on the theme ``theme_add`` or ``writeup_services.theme_save`` gives).
THEME_WORDS_TAKEN_OUT = gettext_lazy(
    "Words removed from the write-up as personal details were in the theme’s words, and were "
    "taken out again: they read “[personal details removed]”.")


def theme_add(*, frame: CodingFrame, name: str, user, description: str = "",
              keep: bool = False, keep_reason: str = "") -> Theme:
    """A new theme at the end of the frame. Raises ``ValidationError`` for an empty name,
    one the frame already has, or a name or description giving a number under the minimum
    (``theme_words_check``), unless the officer ticked ``keep`` with a ``keep_reason``: then
    the words are kept as typed and the decision recorded (``theme_words_keep``). Words
    removed as personal details from the write-up are taken out again
    (``writeup_selectors.removed_from_theme_words``; ``taken_out_again`` on the theme).
    Only a draft frame takes a new theme, as merging and deleting (``_changeable``): one
    with the forum, or agreed, is refused with ``FRAME_NOT_DRAFT`` (the forum would
    otherwise be shown, or have agreed, themes it never saw)."""
    _require_officer(user)
    _draft_only(frame)
    name = " ".join(clean_text(name or "").split())[:120]
    description = clean_text(description or "").strip()
    if not name:
        raise ValidationError({"name": "Give the theme a name."})
    # Words removed as personal details from the write-up go again, as in the draft editor.
    (name, description), again = writeup_selectors.removed_from_theme_words(
        frame, [name, description])
    flagged = theme_words_check(name=name, description=description, keep=keep,
                                reason=keep_reason)
    if frame.themes.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"The frame already has a theme called '{name}'."})
    with transaction.atomic():
        # Read again under a lock: a frame sent to the forum meanwhile takes no theme.
        _draft_only(CodingFrame.objects.select_for_update().get(pk=frame.pk))
        last = frame.themes.aggregate(n=Max("sort_order"))["n"]
        theme = Theme.objects.create(frame=frame, code=new_theme_code(frame), name=name,
                                     description=description,
                                     sort_order=0 if last is None else last + 1)
        theme_words_keep(theme=theme, flagged=flagged, reason=keep_reason, user=user)
        _log(frame, "theme_added", user, theme=theme.name, theme_code=theme.code)
    theme.taken_out_again = again
    return theme


#: Why a frame's themes cannot change: it is with the forum, or agreed (officers' screens).
FRAME_NOT_DRAFT = "Take the frame back from the forum before changing its themes."


def _draft_only(frame: CodingFrame) -> None:
    """Raises ``ValidationError`` (``FRAME_NOT_DRAFT``) unless ``frame`` is a draft."""
    if frame.status != CodingFrame.Status.DRAFT:
        raise ValidationError(FRAME_NOT_DRAFT)


def _changeable(frame: CodingFrame, *themes: Theme) -> None:
    _draft_only(frame)
    for theme in themes:
        if theme.frame_id != frame.pk or theme.retired_at is not None:
            raise ValidationError("This theme is not one of this frame's.")
    if Finding.objects.filter(theme__in=themes).exists():
        raise ValidationError("The write-up reports on this theme: write the draft again "
                              "from the codes once the themes are settled.")


def _retire(theme: Theme, user, now, into: Theme | None = None) -> None:
    theme.retired_at, theme.retired_by, theme.merged_into = now, user, into
    theme.save(update_fields=["retired_at", "retired_by", "merged_into"])


def theme_merge(*, theme: Theme, into: Theme, user, now=None) -> int:
    """Merge ``theme`` into ``into`` (both of one draft frame): every answer coded to
    ``theme`` is coded to ``into`` instead, once (an answer that had both keeps one code), as
    ``user`` at ``now``; the old codes are kept, marked removed, and ``theme`` leaves the
    frame, kept on record as merged (who, when, into which). Waiting suggestions of it go.
    One summary in the evidence log's coding session. Returns how many answers moved.

    Raises ``PermissionDenied`` for anyone but an officer, and ``ValidationError`` when the
    frame is not a draft, the two are the same or not both the frame's current themes, or
    the write-up already reports on ``theme``."""
    _require_officer(user)
    frame = theme.frame
    if theme.pk == into.pk:
        raise ValidationError("Choose another theme to merge it into.")
    now = now or timezone.now()
    with transaction.atomic():
        frame = CodingFrame.objects.select_for_update().get(pk=frame.pk)
        _changeable(frame, theme, into)
        kind = coded(frame)
        moving = list(Coding.objects.select_for_update(of=("self",)).filter(theme=theme,
                                                                removed_at__isnull=True)
                      .select_related(kind.field))
        has_into = set(Coding.objects.filter(theme=into, removed_at__isnull=True)
                       .values_list(kind.key, "question_id"))
        Coding.objects.filter(pk__in=[c.pk for c in moving]).update(removed_at=now,
                                                                    removed_by=user)
        moved = [c for c in moving if (getattr(c, kind.key), c.question_id) not in has_into]
        Coding.objects.bulk_create([
            Coding(**{kind.key: getattr(c, kind.key)}, question_id=c.question_id, theme=into,
                   coded_by=user, coded_at=now, from_suggestion=c.from_suggestion)
            for c in moved])
        theme.suggestions.all().delete()
        _retire(theme, user, now, into)
        _log(frame, "theme_merged", user, now=now, theme=theme.name, theme_code=theme.code,
             into=into.name, into_code=into.code, answers=len(moving), moved=len(moved),
             answers_sha256=_answers_digest((kind.log_reference(getattr(c, kind.field)),
                                             into.code) for c in moving))
    return len(moved)


def theme_delete(*, theme: Theme, user, now=None) -> Theme:
    """Take a theme no answer is coded to out of a draft frame (kept on record as deleted:
    who and when; earlier codes taken off stay naming it). Waiting suggestions of it go.

    Raises ``ValidationError`` while any answer is coded to it (merge it into another theme
    instead, so no coding is lost), and as ``theme_merge`` does for the frame."""
    _require_officer(user)
    now = now or timezone.now()
    with transaction.atomic():
        frame = CodingFrame.objects.select_for_update().get(pk=theme.frame_id)
        _changeable(frame, theme)
        coded = Coding.objects.filter(theme=theme, removed_at__isnull=True).count()
        if coded:
            raise ValidationError(
                f"{coded} answer(s) are coded to ‘{theme.name}’: merge it into another theme "
                "instead, so their codes move with it.")
        theme.suggestions.all().delete()
        _retire(theme, user, now)
        _log(frame, "theme_deleted", user, now=now, theme=theme.name, theme_code=theme.code,
             answers=0)
    return theme


def _decide(suggestion: ThemeSuggestion, status: str, user, theme=None) -> ThemeSuggestion:
    if suggestion.status != ThemeSuggestion.Status.WAITING:
        raise ValidationError("This suggested theme has already been decided.")
    suggestion.status, suggestion.theme = status, theme
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.save(update_fields=["status", "theme", "decided_by", "decided_at"])
    return suggestion


def theme_suggestion_accept(*, suggestion: ThemeSuggestion, user, name: str = "",
                            description: str = "", keep: bool = False,
                            keep_reason: str = "") -> Theme:
    """Add the suggested theme to the frame, under ``name`` when the officer renamed it
    (else its suggested name); flagged words kept as ``theme_add`` keeps them. No answer is
    coded by this."""
    _require_officer(user)
    with transaction.atomic():
        theme = theme_add(frame=suggestion.frame, name=name or suggestion.name,
                          description=description, user=user, keep=keep,
                          keep_reason=keep_reason)
        _decide(suggestion, ThemeSuggestion.Status.ACCEPTED, user, theme)
    return theme


def theme_suggestion_merge(*, suggestion: ThemeSuggestion, theme: Theme, user) -> Theme:
    """Count the suggested theme as part of an existing theme of the frame (recorded; no
    answer is coded by this: its answers are for the officer to code)."""
    _require_officer(user)
    if theme.frame_id != suggestion.frame_id:
        raise ValidationError("This theme is not one of this frame's.")
    with transaction.atomic():
        _decide(suggestion, ThemeSuggestion.Status.MERGED, user, theme)
        _log(suggestion.frame, "suggested_theme_merged", user, suggested=suggestion.name,
             theme=theme.name, theme_code=theme.code)
    return theme


def theme_suggestion_ignore(*, suggestion: ThemeSuggestion, user) -> ThemeSuggestion:
    """Set the suggested theme aside."""
    _require_officer(user)
    with transaction.atomic():
        _decide(suggestion, ThemeSuggestion.Status.IGNORED, user)
        _log(suggestion.frame, "suggested_theme_ignored", user, suggested=suggestion.name)
    return suggestion


def _json_keys(keys) -> list:
    """Answer keys as JSON holds them: a response's int as it is, a comment's UUID as text."""
    return [k if isinstance(k, int) else str(k) for k in keys]


def store_theme_suggestions(*, frame: CodingFrame, groups: Iterable[suggest.SuggestedTheme],
                            method: str) -> int:
    """Replace the frame's waiting suggested themes with ``groups`` (decided ones are kept
    on record). Returns how many were stored."""
    with transaction.atomic():
        frame.theme_suggestions.filter(status=ThemeSuggestion.Status.WAITING).delete()
        rows = ThemeSuggestion.objects.bulk_create([
            ThemeSuggestion(frame=frame, name=g.name[:200], language=g.language,
                            answer_ids=_json_keys(g.answer_ids), quote_ids=_json_keys(g.quotes),
                            method=method) for g in groups])
    return len(rows)


def run_start(*, frame: CodingFrame, kind: str, user) -> SuggestionRun:
    """Record a request for suggestions (the task is queued by ``tasks.run_queue``)."""
    _require_officer(user)
    if kind not in SuggestionRun.Kind.values:
        raise ValidationError("Unknown kind of suggestion.")
    return SuggestionRun.objects.create(frame=frame, kind=kind, requested_by=user)


def run_step(run_id: int, *, done: int | None = None, made: int | None = None,
             finished: bool = False, failure: str = "") -> None:
    """Move a run's progress on (one UPDATE; outside any transaction of the task's)."""
    fields = {}
    if done is not None:
        fields["done"] = done
    if made is not None:
        fields["made"] = made
    if finished:
        fields["finished_at"] = timezone.now()
    if failure:
        fields["failure"] = failure
    SuggestionRun.objects.filter(pk=run_id).update(**fields)


def frame_start(*, consultation, question_id: str, user) -> CodingFrame:
    """The coding frame of one of the consultation's free-text questions, made empty (a
    draft) the first time. Raises ``ValidationError`` for any other question."""
    _require_officer(user)
    if not any(b.id == question_id and b.block_type == "free_text"
               for b in consultation.questions):
        raise ValidationError("This is not one of the consultation's written questions.")
    frame, _ = CodingFrame.objects.get_or_create(
        consultation=consultation, question_id=question_id, defaults={"created_by": user})
    return frame
