"""Reads for the analysis: a frame's written answers, and its confirmed codes ready to count.

Each read is a fixed number of queries, whatever the number of answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import NamedTuple

from analysis.coded import LANGUAGES, Written, coded
from analysis.counting import Code, ThemeTable, theme_table
from analysis.models import Coding, CodingFrame, Flag, SuggestedCode, SuggestionRun, Theme
from analysis.suggest import Answer
from consultations.models.responses import ConsultationResponse
from portal.search_text import search_words
from surveys.models import SurveyComment, SurveyPlacement
from surveys.scales import FREE_TEXT
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES


def written_answers(frame: CodingFrame) -> list[Answer]:
    """Every non-empty written answer to the frame's question, in the coding screen's order,
    as ``analysis.suggest.Answer`` (id: the response's key, or the comment's for a survey
    frame; language: the page a comment was typed on, else guessed from the text, since a
    response keeps none). One query."""
    return [Answer(w.pk, w.text, w.language) for w in coded(frame).written(frame)]


def answer_key(frame: CodingFrame) -> str:
    """The field of a coding that names the written answer: a survey frame's comment, a
    consultation frame's response."""
    return coded(frame).key


def current_codings(frame: CodingFrame):
    """The frame's codings a person has confirmed and not since removed."""
    return Coding.objects.filter(theme__frame=frame, question_id=frame.question_id,
                                 removed_at__isnull=True)


def confirmed_by_answer(frame: CodingFrame) -> dict[int, set[str]]:
    """Response key -> the theme codes confirmed for its written answer. One query."""
    found: dict[int, set[str]] = {}
    for response_id, code in current_codings(frame).values_list(answer_key(frame),
                                                                 "theme__code"):
        found.setdefault(response_id, set()).add(code)
    return found


def coding_progress(frame: CodingFrame) -> tuple[int, int]:
    """(written, coded): how many non-empty written answers the frame's question has (a
    consultation's responses, or a survey's comments) and how many of them carry at least
    one confirmed code now. Two queries."""
    written = {w.pk for w in coded(frame).written(frame)}
    done = set(current_codings(frame).values_list(answer_key(frame), flat=True).distinct())
    return len(written), len(written & done)


def frame_table(frame: CodingFrame, *, minimum: int = DEFAULT_MINIMUM_RESPONSES) -> ThemeTable:
    """The frame's theme table (``analysis.counting``): confirmed codes only, over the
    respondents whose answers have at least one. Two queries."""
    themes = list(frame.themes.values_list("code", flat=True))
    # A survey's respondent is its anonymous response (typed by its audience), whose comment
    # to the frame's question was coded; a consultation's, the response.
    fields = (("comment__response_id", "comment__response__audience") if frame.survey_id
              else ("response_id", "response__respondent_type"))
    rows = list(current_codings(frame).values_list(*fields, "theme__code"))
    codes = [Code(r, kind, theme) for r, kind, theme in rows]
    respondents = {r: kind for r, kind, _ in rows}
    return theme_table(codes, themes, respondents=respondents, minimum=minimum)


# --- the coding screen ------------------------------------------------------------------

#: Special values of the theme filter besides a theme's code.
UNCODED, FLAGGED, SUGGESTED = "uncoded", "flagged", "suggested"


@dataclass(frozen=True)
class AnswerFilters:
    """What the officer narrowed the answers to; an empty value means "any". ``theme``: a
    theme's code, ``UNCODED``, ``FLAGGED`` or ``SUGGESTED``; ``q``: words the answer must
    contain (read as search reads them: stems, Polish diacritics folded, Arabic normalised)."""

    theme: str = ""
    respondent_type: str = ""
    channel: str = ""
    language: str = ""
    q: str = ""


@dataclass
class AnswerRow:
    """One written answer as the coding screen shows it. ``pk``: the response's key (or the
    comment's, for a survey frame); ``themes``: its confirmed themes; ``suggestions``:
    (suggestion, theme) waiting, most confident first; ``flag``: its open flag or None;
    ``dir``: "rtl" for Arabic."""

    pk: object
    reference: str
    text: str
    language: str
    dir: str
    respondent_type: str
    channel: str
    theme_ids: set[int] = field(default_factory=set)
    themes: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    flag: object = None


@dataclass(frozen=True)
class CodingOverview:
    """Every answer matching the filters (``rows``, in the screen's order, not yet filled
    with suggestions and flags), and the frame's figures: ``total`` written answers,
    ``coded``, ``flagged``, ``suggested``, ``per_theme`` (theme id -> answers coded with
    it), ``respondent_types`` and ``channels`` present."""

    rows: list[AnswerRow]
    total: int
    coded: int
    flagged: int
    suggested: int
    per_theme: dict[int, int]
    respondent_types: list[str]
    channels: list[str]


def query_stems(q: str, language: str = "") -> list[set[str]]:
    """The ways the coding screen's search words ``q`` may be read: a set of search words
    (``core.normalising.search_words``: stems, Polish diacritics folded, Arabic letters
    normalised) for each language the query is stemmed in. With ``language`` (the screen's
    language filter, a code of ``LANGUAGES``) only that one; otherwise one per language of
    ``LANGUAGES`` (English, Polish, Arabic), as a query's few words cannot tell its language
    ("telefonu" reads as English). An answer matches when it holds every word of any one
    reading. Empty for a blank query."""
    if not q.strip():
        return []
    languages = [language] if language in LANGUAGES else list(LANGUAGES)
    readings: list[set[str]] = []
    for code in languages:
        words = set(search_words(q, code))
        if words and words not in readings:
            readings.append(words)
    return readings


def _matches(row: AnswerRow, filters: AnswerFilters, wanted_words: list[set[str]], *,
             codes: dict[str, int], flagged: set, suggested: set) -> bool:
    if filters.respondent_type and row.respondent_type != filters.respondent_type:
        return False
    if filters.channel and row.channel != filters.channel:
        return False
    if filters.language and row.language != filters.language:
        return False
    if filters.theme == UNCODED and row.theme_ids:
        return False
    if filters.theme == FLAGGED and row.pk not in flagged:
        return False
    if filters.theme == SUGGESTED and (row.pk not in suggested or row.theme_ids):
        return False
    if filters.theme not in ("", UNCODED, FLAGGED, SUGGESTED) and \
            codes.get(filters.theme) not in row.theme_ids:
        return False
    if wanted_words:
        held = set(search_words(row.text, row.language))
        return any(words <= held for words in wanted_words)
    return True


def _row(written: Written, theme_ids: set[int], by_id: dict[int, Theme]) -> AnswerRow:
    return AnswerRow(written.pk, written.reference, written.text, written.language,
                     LANGUAGES[written.language][1], written.respondent_type, written.channel,
                     theme_ids, sorted((by_id[i] for i in theme_ids if i in by_id),
                                       key=lambda t: (t.sort_order, t.pk)))


def coding_overview(frame: CodingFrame, themes: list[Theme],
                    filters: AnswerFilters) -> CodingOverview:
    """The frame's written answers (a consultation's responses or a survey's comments)
    narrowed by ``filters``, with its progress figures. ``themes``: the frame's themes
    (already read). Four queries, whatever the number of answers (answers, current
    codings, open flags, answers with suggestions)."""
    key = coded(frame).key
    by_id = {t.pk: t for t in themes}
    coded_ids: dict[object, set[int]] = {}
    for answer_id, theme_id in current_codings(frame).values_list(key, "theme_id"):
        coded_ids.setdefault(answer_id, set()).add(theme_id)
    flagged = set(Flag.objects.filter(frame=frame, cleared_at__isnull=True)
                  .values_list(key, flat=True))
    suggested = set(SuggestedCode.objects.filter(theme__frame=frame,
                                                 question_id=frame.question_id)
                    .values_list(key, flat=True).distinct())
    rows, per_theme, types, channels = [], {t.pk: 0 for t in themes}, set(), set()
    for written in coded(frame).written(frame):
        ids = coded_ids.get(written.pk, set())
        rows.append(_row(written, ids, by_id))
        for i in ids:
            per_theme[i] = per_theme.get(i, 0) + 1
        types.add(written.respondent_type)
        if written.channel:
            channels.add(written.channel)
    codes = {t.code: t.pk for t in themes}
    wanted = query_stems(filters.q, filters.language)
    kept = [r for r in rows if _matches(r, filters, wanted, codes=codes, flagged=flagged,
                                        suggested=suggested)]
    return CodingOverview(kept, len(rows), sum(1 for r in rows if r.theme_ids),
                          sum(1 for r in rows if r.pk in flagged),
                          sum(1 for r in rows if r.pk in suggested and not r.theme_ids),
                          per_theme, sorted(types), sorted(channels))


def answer_row(frame: CodingFrame, answer, themes: list[Theme]) -> AnswerRow:
    """One answer's row (``answer``: a response, or a comment with its response read),
    filled, after a change to it. Three queries."""
    ids = set(current_codings(frame).filter(**{coded(frame).field: answer})
              .values_list("theme_id", flat=True))
    row = _row(coded(frame).written_one(frame, answer), ids, {t.pk: t for t in themes})
    return fill_rows(frame, [row], themes)[0]


def fill_rows(frame: CodingFrame, rows: list[AnswerRow], themes: list[Theme]) -> list[AnswerRow]:
    """Add the waiting suggestions and open flags to one page of rows. Two queries."""
    key = coded(frame).key
    by_id = {t.pk: t for t in themes}
    by_answer = {r.pk: r for r in rows}
    for suggestion in SuggestedCode.objects.filter(
            **{f"{key}__in": by_answer}, theme__frame=frame, question_id=frame.question_id):
        row = by_answer[getattr(suggestion, key)]
        if suggestion.theme_id in by_id and suggestion.theme_id not in row.theme_ids:
            row.suggestions.append((suggestion, by_id[suggestion.theme_id]))
    for flag in Flag.objects.filter(**{f"{key}__in": by_answer}, frame=frame,
                                    cleared_at__isnull=True).select_related("flagged_by"):
        by_answer[getattr(flag, key)].flag = flag
    return rows


def frames_overview(consultations) -> list[dict]:
    """For each consultation (newest first) and each of its free-text questions: the
    question's words, its frame (or None), and how many of its written answers are coded.
    Three queries plus the consultations'."""
    consultations = list(consultations)
    frames = {(f.consultation_id, f.question_id): f for f in CodingFrame.objects.filter(
        consultation__in=consultations)}
    coded: dict[int, set[int]] = {}
    for frame_id, response_id in Coding.objects.filter(
            theme__frame__in=frames.values(), removed_at__isnull=True).values_list(
            "theme__frame_id", "response_id").distinct():
        coded.setdefault(frame_id, set()).add(response_id)
    written: dict[tuple[int, str], int] = {}
    for consultation_id, answers in ConsultationResponse.objects.filter(
            consultation__in=consultations).values_list("consultation_id", "answers"):
        for key, value in answers.items():
            if isinstance(value, str) and value.strip():
                written[(consultation_id, key)] = written.get((consultation_id, key), 0) + 1
    found = []
    for consultation in consultations:
        for block in consultation.questions:
            if block.block_type != "free_text":
                continue
            frame = frames.get((consultation.pk, block.id))
            found.append({"consultation": consultation, "question_id": block.id,
                          "question": block.value["question"], "frame": frame,
                          "answers": written.get((consultation.pk, block.id), 0),
                          "coded": len(coded.get(frame.pk, ())) if frame else 0})
    return found


def run_progress(run: SuggestionRun) -> dict:
    """How far a request for suggestions has got: ``done`` of ``total`` steps, ``percent``,
    ``status`` ("working", "finished" or "stopped") and ``summary``, a sentence."""
    what = "suggested codes" if run.kind == SuggestionRun.Kind.CODES else "suggested themes"
    if run.finished_at:
        status = "finished"
        summary = f"Finished: {run.made:,} {what} made."
        done = run.total
    elif run.failure:
        status, summary, done = "stopped", run.failure, run.done
    else:
        status = "working"
        step = ("Reading the answers", "Comparing the answers",
                "Storing the suggestions")[min(run.done, 2)]
        summary = f"{step} (step {min(run.done + 1, run.total)} of {run.total})."
        done = run.done
    return {"done": done, "total": run.total, "percent": round(100 * done / run.total),
            "status": status, "summary": summary}


class OpenFlag(NamedTuple):
    """An answer put before the forum: the ``flag`` (note, who, when), the answer's words,
    and their ``language`` and text direction (``dir``)."""

    flag: Flag
    text: str
    language: str
    dir: str


def flags_open(frame: CodingFrame) -> list[OpenFlag]:
    """The answers (or a survey frame's comments) an officer put before the forum and has
    not cleared, oldest flag first, each with its words (for the forum's side). One query."""
    kind = coded(frame)
    flags = (Flag.objects.filter(frame=frame, cleared_at__isnull=True)
             .select_related(kind.related, "flagged_by").order_by("flagged_at", "pk"))
    found = []
    for flag in flags:
        written = kind.written_one(frame, getattr(flag, kind.field))
        if written is not None:  # an answer emptied since it was flagged has nothing to show
                found.append(OpenFlag(flag, written.text, written.language,
                                  LANGUAGES[written.language][1]))
    return found


# --- a survey's written comments ------------------------------------------------------------


def survey_frames_overview(surveys) -> list[dict]:
    """For each survey (as ordered) and each of its free-text questions: the question's
    words, its frame (or None), its number of comments and how many are coded. Four queries
    plus the surveys'."""
    surveys = list(surveys)
    placements = list(SurveyPlacement.objects.filter(page__in=surveys,
                                                     question__kind=FREE_TEXT)
                      .select_related("question").order_by("sort_order", "pk"))
    frames = {(f.survey_id, f.question_id): f for f in
              CodingFrame.objects.filter(survey__in=surveys)}
    written: dict[tuple[int, str], int] = {}
    for survey_id, question_id in SurveyComment.objects.filter(survey__in=surveys).exclude(
            text="").values_list("survey_id", "question_id"):
        written[(survey_id, str(question_id))] = written.get((survey_id, str(question_id)),
                                                             0) + 1
    coded: dict[int, set] = {}
    # A set per frame: a comment with two themes is one comment coded.
    for frame_id, comment_id in Coding.objects.filter(
            theme__frame__in=frames.values(), removed_at__isnull=True).values_list(
            "theme__frame_id", "comment_id"):
        coded.setdefault(frame_id, set()).add(comment_id)
    found = []
    for survey in surveys:
        for p in placements:
            if p.page_id != survey.pk:
                continue
            key = (survey.pk, str(p.question_id))
            frame = frames.get(key)
            found.append({"survey": survey, "question_id": str(p.question_id),
                          "question": p.question.wording, "frame": frame,
                          "answers": written.get(key, 0),
                          "coded": len(coded.get(frame.pk, ())) if frame else 0})
    return found


def session_logged(entry) -> dict:
    """What the board reads of one coding session's ``analysis_coded`` evidence entry: the
    public payload (frame, question, who, from, to, decisions, their hash) with the counts
    per action (``"actions"``) and per theme (``"themes"``) and the one-line ``"summary"``
    read from the texts kept beside the entry. Entries written before the counts left the
    payload hold them there and are read as they are. A removed text reads as empty counts.
    One query for the texts."""
    logged = json.loads(entry.payload_json)
    if "actions" in logged:
        return logged
    texts = {t.field: t for t in entry.texts.all()}
    counts = texts.get("counts")
    try:
        kept = json.loads(counts.text) if counts and counts.removed_at is None else {}
    except ValueError:
        kept = {}
    summary = texts.get("summary")
    return {**logged, "actions": kept.get("actions", {}), "themes": kept.get("themes", {}),
            "summary": summary.text if summary and summary.removed_at is None else ""}
