"""A new round's public counts are measured by the answers that changed since the counts last
published (added, taken out or recoded), not by the totals: recoding on the same base, or one
answer taken out and another added, is a change of a few answers, and the public keeps the
counts it had until the changed answers reach the minimum (``counting.published_counts``,
``writeup_services._public_counts``)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from analysis import writeup_services
from analysis.models import Coding, Theme, WriteUp
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _send_and_agree,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(published, agreed_frame, officer, forum_rep):  # noqa: F811
    """Round 1, agreed and public: 24 people coded, "Late transport" 20, "Kind staff" 4."""
    return _send_and_agree(_generate(published, officer), officer, forum_rep)


def _recode(frame, comments, officer, *, off: str = "", on: str = ""):  # noqa: F811
    """Take theme ``off`` off each of ``comments`` and give them theme ``on``."""
    now = timezone.now()
    if off:
        Coding.objects.filter(comment__in=comments, theme__code=off,
                              removed_at__isnull=True).update(removed_at=now,
                                                              removed_by=officer)
    if on:
        theme = Theme.objects.get(frame=frame, code=on)
        Coding.objects.bulk_create([Coding(comment=c, question_id=frame.question_id,
                                           theme=theme, coded_by=officer, coded_at=now)
                                    for c in comments])


def _next_round(write_up, officer, forum_rep) -> dict:
    """Send back, take the counts now, send and agree: the public's table of the round."""
    writeup_services.write_up_reopen(write_up=WriteUp.objects.get(pk=write_up.pk),
                                     user=officer)
    writeup_services.write_up_refresh_counts(write_up=WriteUp.objects.get(pk=write_up.pk),
                                             user=officer)
    done = _send_and_agree(WriteUp.objects.get(pk=write_up.pk), officer, forum_rep)
    [table] = done.agreed["counts"]
    return table


def _shown(table) -> dict:
    return {t["name"]: t["count"] for t in table["themes"]}


def test_the_answers_counted_are_kept_with_the_published_counts(
        agreed, agreed_frame, comments):  # noqa: F811
    answers = WriteUp.objects.get(pk=agreed.pk).published_answers[str(agreed_frame.pk)]
    assert len(answers) == 24
    assert answers[str(comments[0].pk)] == "late" and answers[str(comments[20].pk)] == "kind"


def test_recoding_a_few_answers_on_the_same_base_keeps_the_public_counts(
        agreed, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    # Three answers move from "Late transport" to "Kind staff": 24 people, as before.
    _recode(agreed_frame, comments[:3], officer, off="late", on="kind")
    table = _next_round(agreed, officer, forum_rep)
    assert table["base"] == 24 and table["not_updated"] is True
    assert _shown(table) == {"Late transport": 20, "Kind staff": None, "Tell us sooner": 0}
    # The forum agreed the counts now; the public keeps the ones it had.
    counted = WriteUp.objects.get(pk=agreed.pk).agreed["counted"][0]
    assert _shown(counted)["Late transport"] == 17


def test_one_answer_taken_out_and_another_added_keeps_the_public_counts(
        agreed, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    # A "Late transport" comment deleted, a new one coded "Kind staff": 24 people still.
    Coding.objects.filter(comment=comments[0]).delete()
    comments[0].delete()
    _recode(agreed_frame, comments[24:25], officer, on="kind")
    table = _next_round(agreed, officer, forum_rep)
    assert table["base"] == 24 and table["not_updated"] is True
    assert _shown(table)["Late transport"] == 20  # not 19: that would tell of the one


def test_changed_answers_build_up_until_they_reach_the_minimum(
        agreed, agreed_frame, comments, officer, forum_rep):  # noqa: F811
    _recode(agreed_frame, comments[:4], officer, off="late", on="kind")
    assert _shown(_next_round(agreed, officer, forum_rep))["Late transport"] == 20
    # Six more: ten answers changed since the counts the public has were counted.
    _recode(agreed_frame, comments[4:10], officer, off="late", on="kind")
    table = _next_round(agreed, officer, forum_rep)
    assert "not_updated" not in table and table["base"] == 24
    assert _shown(table) == {"Late transport": 10, "Kind staff": 14, "Tell us sooner": 0}
    answers = WriteUp.objects.get(pk=agreed.pk).published_answers[str(agreed_frame.pk)]
    assert answers[str(comments[0].pk)] == "kind"  # measured from these from now on
