"""Reads for the analysis: a frame's written answers, and its confirmed codes ready to count.

Each read is a fixed number of queries, whatever the number of answers.
"""

from __future__ import annotations

from analysis.counting import Code, ThemeTable, theme_table
from analysis.models import Coding, CodingFrame
from analysis.suggest import Answer, guess_language
from consultations.models.responses import ConsultationResponse
from surveys.statistics import DEFAULT_MINIMUM_RESPONSES


def written_answers(frame: CodingFrame) -> list[Answer]:
    """Every non-empty written answer to the frame's question, oldest response first, as
    ``analysis.suggest.Answer`` (id: the response's key; language guessed from the text,
    since a response keeps none). One query."""
    rows = (ConsultationResponse.objects.filter(consultation_id=frame.consultation_id)
            .order_by("submitted_at", "pk").values_list("pk", "answers"))
    found = []
    for pk, answers in rows:
        text = answers.get(frame.question_id)
        if isinstance(text, str) and text.strip():
            found.append(Answer(pk, text, guess_language(text)))
    return found


def current_codings(frame: CodingFrame):
    """The frame's codings a person has confirmed and not since removed."""
    return Coding.objects.filter(theme__frame=frame, question_id=frame.question_id,
                                 removed_at__isnull=True)


def confirmed_by_answer(frame: CodingFrame) -> dict[int, set[str]]:
    """Response key -> the theme codes confirmed for its written answer. One query."""
    found: dict[int, set[str]] = {}
    for response_id, code in current_codings(frame).values_list("response_id", "theme__code"):
        found.setdefault(response_id, set()).add(code)
    return found


def frame_table(frame: CodingFrame, *, minimum: int = DEFAULT_MINIMUM_RESPONSES) -> ThemeTable:
    """The frame's theme table (``analysis.counting``): confirmed codes only, over the
    respondents whose answers have at least one. Two queries."""
    themes = list(frame.themes.values_list("code", flat=True))
    rows = list(current_codings(frame).values_list("response_id", "response__respondent_type",
                                                   "theme__code"))
    codes = [Code(r, kind, theme) for r, kind, theme in rows]
    respondents = {r: kind for r, kind, _ in rows}
    return theme_table(codes, themes, respondents=respondents, minimum=minimum)
