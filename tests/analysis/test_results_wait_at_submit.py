"""A survey's results with coded comments wait for the forum's agreement of "What people told
us": the officer is stopped where they can act (Submit to the forum's workflow, with a plain
reason), and a forum representative is never shown the officer's instructions as an error."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from analysis.models import WriteUp
from charter.coproduction import coproduction_workflow
from charter.models import ForumReviewTaskState
from surveys.models import SurveyPage
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _agree_write_up,
    _edit_form,
    _results_draft,
    _results_live,
    waiting,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db


def _submit(client, page):
    data = _edit_form(client, page)
    data.update({"results_published": ["on"], "change_note": ["The results."],
                 "results_summary": ["Most families were satisfied."],
                 "action-submit": ["action-submit"]})
    return client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)


def test_submitting_results_to_the_forum_before_the_write_up_is_agreed_is_stopped(
        client, login_as, waiting, forum_rep):  # noqa: F811
    login_as("officer")
    response = _submit(client, waiting)
    shown = [str(m) for m in response.context["messages"]]
    assert any("The results are not published yet" in m for m in shown), shown
    # Nothing went to the forum, and what the officer typed is kept as a draft.
    assert not WorkflowState.objects.filter(object_id=str(waiting.pk),
                                            status=WorkflowState.STATUS_IN_PROGRESS).exists()
    draft = SurveyPage.objects.get(pk=waiting.pk).get_latest_revision_as_object()
    assert draft.results_summary == "Most families were satisfied."
    assert not _results_live(waiting)
    # Once the forum agreed the write-up, the same Submit sends the page to the forum.
    _agree_write_up(waiting, forum_rep)
    _submit(client, waiting)
    assert WorkflowState.objects.filter(object_id=str(waiting.pk),
                                        status=WorkflowState.STATUS_IN_PROGRESS).exists()


def test_a_representative_agreeing_such_a_page_reads_a_plain_notice_not_an_error(
        client, login_as, waiting, officer):  # noqa: F811
    # The page reached the forum before the check (e.g. results ticked on a later draft).
    _results_draft(waiting, officer)
    coproduction_workflow().start(waiting.get_latest_revision_as_object(), officer)
    review = SurveyPage.objects.get(pk=waiting.pk).current_workflow_task_state.specific
    login_as("forum_rep")
    # Said before the representative starts typing.
    before = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "This draft cannot be agreed yet: publishing it waits on another step" in before
    response = client.post(reverse("forum_decide", args=[review.pk]),
                           {"decision": "agreed", "seen_revision": review.revision_id})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This draft cannot be agreed yet, so your decision has not been recorded" in html
    # Not the officer's instructions (the admin's analysis screen), and nothing recorded.
    assert reverse("analysis_survey_page", args=[waiting.pk]) + ")" not in html
    assert "The results are not published yet" not in html
    review.refresh_from_db()
    assert review.status == ForumReviewTaskState.STATUS_IN_PROGRESS
    assert WriteUp.objects.get(survey=waiting).status == WriteUp.Status.WITH_FORUM
    assert not _results_live(waiting)
    # What the notice promises: the draft is still in the rep's list, to agree later.
    listed = client.get(reverse("forum_home")).content.decode()
    assert reverse("forum_draft", args=[review.pk]) in listed


def test_a_refused_agreement_keeps_the_disagreement_the_representative_typed(
        client, login_as, waiting, officer):  # noqa: F811
    _results_draft(waiting, officer)
    coproduction_workflow().start(waiting.get_latest_revision_as_object(), officer)
    review = SurveyPage.objects.get(pk=waiting.pk).current_workflow_task_state.specific
    login_as("forum_rep")
    response = client.post(reverse("forum_decide", args=[review.pk]), {
        "decision": "agreed_with_disagreement", "seen_revision": review.revision_id,
        "note": "Thank you for the summary.",
        "disagreement_topic": "Counting the late buses",
        "disagreement_position": "The forum thinks the count of late buses is too low."})
    html = response.content.decode()
    assert "your decision has not been recorded" in html
    assert "What you typed is kept below" in html
    assert "Counting the late buses" in html
    assert "The forum thinks the count of late buses is too low." in html
    assert "Thank you for the summary." in html
    assert 'value="agreed_with_disagreement" checked' in html
    review.refresh_from_db()
    assert review.status == ForumReviewTaskState.STATUS_IN_PROGRESS
