"""The reads behind the officers' CSV of a survey's anonymous responses."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from surveys import scales
from surveys.models.audiences import Audience
from surveys.models.responses import SurveyAnswer, SurveyComment

if TYPE_CHECKING:
    from surveys.models.pages import SurveyPage

CHUNK_SIZE = 2000
#: The export kind of a survey's responses (``exports``), its subject the survey of record.
RESPONSES_EXPORT = "survey_responses"


def _headers(questions) -> list[str]:
    """Each question's short name, made unique where a reworded question kept its name."""
    names = [q.short_name for q in questions]
    return [f"{q.short_name} (question {q.pk})" if names.count(q.short_name) > 1
            else q.short_name for q in questions]


class _ByResponse:
    """Rows ordered by response key (random, so not the order they arrived in), handed out
    one response at a time as the responses (in the same order) are read: a merge of two
    sorted streams, so memory stays flat."""

    def __init__(self, rows):
        self._groups = ((rid, list(group)) for rid, group in groupby(rows, key=lambda r: r[0]))
        self._next = next(self._groups, None)

    def take(self, response_id) -> list:
        """This response's rows (none if it has none), skipping any for earlier ids."""
        while self._next is not None and self._next[0] < response_id:
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != response_id:
            return []
        rows = self._next[1]
        self._next = next(self._groups, None)
        return rows


def response_export_rows(survey: SurveyPage) -> Iterator[list[str]]:
    """A header, then one row per response: its number in this file, audience, day
    submitted, "late" for a response sent in the grace after the close, and one cell per
    question in the survey's order.

    Rows come in the order of the responses' random keys, never the order they arrived
    in, and are numbered in that order; no column is a sequence or a time finer than the
    day, so a row cannot be lined up with an invitation or the time a code was used.

    Scale answers are written as their label, multiple choices joined with "; ", written
    answers as they were written (the file is for officers; nothing in it names anyone
    or links to an invitation). Three queries in all, each read in chunks and merged by
    response key, so memory stays flat however many responses there are. Cells are not
    made spreadsheet-safe here: the writer does that.
    """
    questions = [p.question for p in survey.placements.select_related("question")]
    yield ["response", "audience", "submitted on", "late", *_headers(questions)]
    column = {q.pk: i for i, q in enumerate(questions)}
    labels = {q.pk: dict(q.options()) for q in questions if scales.is_scale(q.kind)}
    # Several choices of one answer are listed in the order the question offers them (the
    # answers' own keys are random).
    offered = {q.pk: {label: i for i, (_v, label) in enumerate(q.options())} for q in questions}
    audiences = dict(Audience.choices)

    # Random keys: this order is not the order of arrival.
    responses = (survey.responses.order_by("pk")
                 .values_list("pk", "audience", "submitted_on", "late")
                 .iterator(chunk_size=CHUNK_SIZE))
    answers = _ByResponse(SurveyAnswer.objects.filter(survey=survey)
                          .order_by("response_id", "pk")
                          .values_list("response_id", "question_id", "value_int", "value_text")
                          .iterator(chunk_size=CHUNK_SIZE))
    comments = _ByResponse(SurveyComment.objects.filter(survey=survey)
                           .order_by("response_id", "pk")
                           .values_list("response_id", "question_id", "text")
                           .iterator(chunk_size=CHUNK_SIZE))
    for number, (pk, audience, submitted_on, late) in enumerate(responses, start=1):
        cells: list[list[str]] = [[] for _ in questions]
        for _r, question_id, value_int, value_text in answers.take(pk):
            if question_id in column:
                label = labels.get(question_id, {}).get(value_int)
                cells[column[question_id]].append(str(
                    label if label is not None else
                    value_int if value_int is not None else value_text))
        for question_id, i in column.items():
            if len(cells[i]) > 1:
                order = offered.get(question_id, {})
                cells[i].sort(key=lambda value, order=order: order.get(value, len(order)))
        for _r, question_id, text in comments.take(pk):
            if question_id in column:
                cells[column[question_id]].append(text)
        yield [str(number), str(audiences.get(audience, audience)), submitted_on.isoformat(),
               "late" if late else "", *["; ".join(values) for values in cells]]
