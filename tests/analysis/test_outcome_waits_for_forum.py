"""A consultation's outcome is not published until the forum has agreed "What people told
us", when its written answers were coded: refused with a message on every route that
publishes (the forum's agreement that ends the workflow, publishing a revision from code, a
bulk publish, the scheduler), and allowed once the forum agrees, or when nothing was coded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Revision, Workflow

from analysis import writeup_services
from analysis.models import CodingFrame, Theme, WriteUp
from analysis.writeup_selectors import outcome_publish_refusal
from charter import services as charter_services
from charter.coproduction import PublishRefused, coproduction_workflow
from charter.models import ForumReviewTaskState
from consultations.models import ConsultationPage
from tests.analysis.conftest import free_text_id
from tests.consultations.conftest import make_consultation

pytestmark = pytest.mark.django_db

OUTCOME = "We have lowered the distance for under-8s to 1.5 miles."
REFUSED = "the forum has not agreed"


@pytest.fixture
def closed(consultation_index, calendar, tree):
    return make_consultation(consultation_index, calendar, policy=tree.policy,
                             opens_in_days=-40, closes_in_days=-2, slug="closed")


@pytest.fixture
def write_up(closed, officer, forum_rep):
    """A frame the forum agreed, and a write-up generated but not yet agreed by the forum."""
    frame = CodingFrame.objects.create(consultation=closed, question_id=free_text_id(closed))
    Theme.objects.create(frame=frame, code="distance", name="Walking distance")
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    return writeup_services.write_up_generate(consultation=closed, user=officer)


def _agree(write_up, officer, forum_rep):
    writeup_services.write_up_send(write_up=write_up, user=officer)
    writeup_services.write_up_agree(write_up=write_up, user=forum_rep)


def _outcome_draft(closed, officer) -> Revision:
    draft = closed.get_latest_revision_as_object()
    draft.outcome = OUTCOME
    draft.change_note = "Added the outcome."
    return draft.save_revision(user=officer)


def _live_outcome(closed) -> str:
    return ConsultationPage.objects.get(pk=closed.pk).outcome


def _send(closed, officer):
    draft = closed.get_latest_revision_as_object()
    coproduction_workflow().start(draft, officer)
    return ConsultationPage.objects.get(pk=closed.pk).current_workflow_task_state.specific


def test_the_forum_agreeing_the_page_is_refused_until_it_agreed_the_write_up(
        closed, write_up, officer, forum_rep):
    _outcome_draft(closed, officer)
    review = _send(closed, officer)
    with pytest.raises(ValidationError, match=REFUSED) as refused:
        charter_services.review_decide(review=review, user=forum_rep,
                                       decision=ForumReviewTaskState.Decision.AGREED)
    assert f"/forum/analysis/consultations/{closed.pk}/" in refused.value.messages[0]
    review.refresh_from_db()
    assert review.status == ForumReviewTaskState.STATUS_IN_PROGRESS
    assert review.decision == ""
    assert _live_outcome(closed) == ""
    _agree(write_up, officer, forum_rep)
    charter_services.review_decide(review=review, user=forum_rep,
                                   decision=ForumReviewTaskState.Decision.AGREED)
    assert _live_outcome(closed) == OUTCOME


def test_sending_the_page_back_is_never_refused(closed, write_up, officer, forum_rep):
    _outcome_draft(closed, officer)
    review = _send(closed, officer)
    charter_services.review_decide(review=review, user=forum_rep, note="Say more.",
                                   decision=ForumReviewTaskState.Decision.CHANGES_REQUESTED)
    review.refresh_from_db()
    assert review.decision == ForumReviewTaskState.Decision.CHANGES_REQUESTED


def test_publishing_the_revision_from_code_is_refused(closed, write_up, officer, forum_rep):
    revision = _outcome_draft(closed, officer)
    with pytest.raises(PublishRefused):
        revision.publish()
    assert _live_outcome(closed) == ""
    _agree(write_up, officer, forum_rep)
    revision.publish()
    assert _live_outcome(closed) == OUTCOME


def test_an_agreed_write_up_is_not_taken_back_so_the_outcome_is_not_held(
        closed, write_up, officer, forum_rep):
    _agree(write_up, officer, forum_rep)
    with pytest.raises(ValidationError, match="cannot be taken back"):
        writeup_services.write_up_take_back(write_up=write_up, user=officer)
    assert WriteUp.objects.get().status == WriteUp.Status.AGREED
    writeup_services.write_up_reopen(write_up=WriteUp.objects.get(), user=officer)
    _outcome_draft(closed, officer).publish()  # the forum's agreed version still stands


def test_a_translation_waits_for_the_same_write_up(closed, write_up, officer, forum_rep):
    """The Polish page's outcome is the English one translated: the same write-up governs."""
    polish = _outcome_draft(closed, officer).as_object()
    polish.pk, polish.locale = None, Locale.objects.get_or_create(language_code="pl")[0]
    assert outcome_publish_refusal(polish)
    _agree(write_up, officer, forum_rep)
    assert outcome_publish_refusal(polish) is None


def test_without_a_coding_frame_the_outcome_publishes_as_before(closed, officer):
    _outcome_draft(closed, officer).publish()
    assert _live_outcome(closed) == OUTCOME


def test_a_page_without_an_outcome_publishes_whatever_the_write_up(closed, write_up, officer):
    draft = closed.get_latest_revision_as_object()
    draft.summary = "A clearer summary."
    draft.save_revision(user=officer).publish()
    assert ConsultationPage.objects.get(pk=closed.pk).summary == "A clearer summary."


def test_a_scheduled_outcome_stays_scheduled_until_the_forum_agrees(
        closed, write_up, officer, forum_rep, caplog):
    revision = _outcome_draft(closed, officer)
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - dt.timedelta(minutes=5))
    call_command("publish_scheduled", verbosity=0)
    assert _live_outcome(closed) == ""
    assert Revision.objects.get(pk=revision.pk).approved_go_live_at is not None
    assert "held back" in caplog.text
    _agree(write_up, officer, forum_rep)
    call_command("publish_scheduled", verbosity=0)
    assert _live_outcome(closed) == OUTCOME


@pytest.fixture
def polish(closed, consultation_index):
    """The consultation's Polish translation, published without an outcome."""
    locale = Locale.objects.get_or_create(language_code="pl")[0]
    consultation_index.copy_for_translation(locale, copy_parents=True).save_revision().publish()
    page = closed.copy_for_translation(locale)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_a_bulk_publish_of_a_translation_is_refused_with_the_reason(
        client, polish, write_up, login_as, role):
    # Officers publish translations of an agreed version themselves (not through the forum):
    # a translated outcome still waits for the forum's agreement of the analysis.
    Workflow.objects.update(active=False)
    login_as(role)
    draft = polish.get_latest_revision_as_object()
    draft.outcome = OUTCOME
    draft.save_revision()
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={polish.pk}&next=/admin/pages/",
        {"include_descendants": ""}, follow=True)
    assert response.status_code < 500
    assert REFUSED in response.content.decode()
    assert _live_outcome(polish) == ""
