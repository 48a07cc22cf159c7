"""The officer stopped from publishing results before the forum agreed "What people told us"
reads what is true of the page now (already public, or not yet; the write-up with the forum,
or back with the council) and a real link to the analysis page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from analysis import writeup_selectors
from analysis.models import WriteUp
from surveys.models import SurveyPage
from tests.analysis.test_results_wait_at_submit import _submit
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _send_and_agree,
    agreed_frame,
    comments,
    frame,
    published,
    waiting,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db


def test_results_already_public_are_not_called_unpublished_and_the_page_is_a_link(
        client, login_as, published, agreed_frame, officer, forum_rep):  # noqa: F811
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    # Taken back off the public pages before an agreed write-up could no longer be.
    WriteUp.objects.filter(pk=write_up.pk).update(status=WriteUp.Status.DRAFT, agreed={})
    login_as("officer")
    response = _submit(client, published)
    shown = [str(m) for m in response.context["messages"]]
    assert any("The results are already public" in m and "took it back to change" in m
               for m in shown), shown
    assert not any("not published yet" in m for m in shown)
    url = reverse("analysis_survey_page", args=[published.pk])
    assert f'<a href="{url}">the analysis page</a>' in response.content.decode()


def test_results_waiting_on_the_forum_say_it_has_the_write_up(waiting):  # noqa: F811
    draft = SurveyPage.objects.get(pk=waiting.pk)
    draft.results_published = True  # as it would be published; the public has no results
    reason = writeup_selectors.outcome_publish_refusal(draft)
    assert "The results are not published yet" in reason
    assert "the forum has not agreed" in reason and "(it is with the forum now)" in reason
    url = reverse("analysis_survey_page", args=[waiting.pk])
    assert f"the analysis page ({url})" in str(reason)
    assert f'<a href="{url}">' in reason.__html__()
