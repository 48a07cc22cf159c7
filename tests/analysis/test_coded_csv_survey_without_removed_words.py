# ruff: noqa: F811 - the fixtures imported from the survey write-up's tests
"""A survey frame's coded answers export (``coded.csv``) loses the words removed as personal
details from the survey's write-up, in any spelling, as the pages do (bk15j F6)."""

from __future__ import annotations

import pytest

from analysis.writeup import REMOVED
from surveys.models import SurveyComment
from tests.analysis.test_coded_csv_without_removed_words import _rows
from tests.analysis.test_removed_words_any_spelling import removed  # noqa: F401
from tests.analysis.test_survey_write_up import comments, frame, published  # noqa: F401
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_comment_loses_the_name_removed_from_the_write_up(client, removed, published,
                                                            frame, officer):
    first = SurveyComment.objects.filter(survey=published).first()
    comment = SurveyComment.objects.create(
        response=first.response, survey=published, question_id=frame.question_id,
        text="Ask Zofia Wisniewska about the taxi.", language="en")
    client.force_login(officer)
    rows = _rows(client, frame)
    assert rows[str(comment.pk)[:8]][5] == f"Ask {REMOVED} about the taxi."
    # Only the export loses them: the comment itself is kept as typed.
    comment.refresh_from_db()
    assert comment.text == "Ask Zofia Wisniewska about the taxi."
