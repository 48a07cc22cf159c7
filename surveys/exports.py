"""The reads behind the officers' CSV of a survey's anonymous responses."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from surveys import scales
from surveys.models import Audience, SurveyAnswer, SurveyComment, SurveyPage

CHUNK_SIZE = 2000


def _headers(questions) -> list[str]:
    """Each question's short name, made unique where a reworded question kept its name."""
    names = [q.short_name for q in questions]
    return [f"{q.short_name} (question {q.pk})" if names.count(q.short_name) > 1
            else q.short_name for q in questions]


def _grouped(rows) -> Iterator[tuple[int, list]]:
    """(response id, its rows) from rows ordered by response id."""
    for response_id, group in groupby(rows, key=lambda row: row[0]):
        yield response_id, list(group)


def response_export_rows(survey: SurveyPage) -> Iterator[list[str]]:
    """A header, then one row per response: its number in this survey, audience, day
    submitted, and one cell per question in the survey's order.

    Scale answers are written as their label, multiple choices joined with "; ", written
    answers as they were written (the file is for officers; nothing in it names anyone
    or links to an invitation). Three queries in all, each read in chunks and merged by
    response id, so memory stays flat however many responses there are. Cells are not
    made spreadsheet-safe here: the writer does that.
    """
    questions = [p.question for p in survey.placements.select_related("question")]
    yield ["response", "audience", "submitted on", *_headers(questions)]
    column = {q.pk: i for i, q in enumerate(questions)}
    labels = {q.pk: dict(q.options()) for q in questions if scales.is_scale(q.kind)}
    audiences = dict(Audience.choices)

    responses = (survey.responses.order_by("pk").values_list("pk", "audience", "submitted_on")
                 .iterator(chunk_size=CHUNK_SIZE))
    answers = _grouped(SurveyAnswer.objects.filter(survey=survey)
                       .order_by("response_id", "pk")
                       .values_list("response_id", "question_id", "value_int", "value_text")
                       .iterator(chunk_size=CHUNK_SIZE))
    comments = _grouped(SurveyComment.objects.filter(survey=survey)
                        .order_by("response_id", "pk")
                        .values_list("response_id", "question_id", "text")
                        .iterator(chunk_size=CHUNK_SIZE))
    next_answers = next(answers, None)
    next_comments = next(comments, None)
    for number, (pk, audience, submitted_on) in enumerate(responses, start=1):
        cells: list[list[str]] = [[] for _ in questions]
        # Both streams are ordered by response id like the responses: skip anything for a
        # response not in the list (there should be none), take what belongs to this one.
        while next_answers is not None and next_answers[0] < pk:
            next_answers = next(answers, None)
        if next_answers is not None and next_answers[0] == pk:
            for _r, question_id, value_int, value_text in next_answers[1]:
                if question_id in column:
                    label = labels.get(question_id, {}).get(value_int) \
                        if value_int is not None else None
                    cells[column[question_id]].append(
                        str(label if label is not None else
                            value_int if value_int is not None else value_text))
            next_answers = next(answers, None)
        while next_comments is not None and next_comments[0] < pk:
            next_comments = next(comments, None)
        if next_comments is not None and next_comments[0] == pk:
            for _r, question_id, text in next_comments[1]:
                if question_id in column:
                    cells[column[question_id]].append(text)
            next_comments = next(comments, None)
        yield [str(number), str(audiences.get(audience, audience)), submitted_on.isoformat(),
               *["; ".join(values) for values in cells]]
