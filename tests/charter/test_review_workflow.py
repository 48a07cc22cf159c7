"""Drafts go to the forum through the Co-production workflow; nothing skips it."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import TaskState

from charter import services
from charter.deadlines import england_bank_holidays
from charter.models import Disagreement, EvidenceEntry, ForumReviewTaskState, PageVersion
from charter.services import review_deadline
from portal.models import PolicyPage
from tests.charter.conftest import send_to_forum
from tests.portal.test_policy_admin import _form_data

pytestmark = pytest.mark.django_db
Decision = ForumReviewTaskState.Decision


@pytest.mark.calendar
def test_sending_a_draft_opens_a_review_with_a_school_day_deadline(review, tree):
    # Whatever day the suite runs on: ten weekdays that are not bank holidays lie after
    # today up to and including the deadline, and the deadline is itself one of them.
    today = timezone.localdate()
    closed = england_bank_holidays({today.year, today.year + 1})
    after_today = [today + dt.timedelta(days=n)
                   for n in range(1, (review.deadline - today).days + 1)]
    open_days = [d for d in after_today if d.weekday() < 5 and d not in closed]
    assert review.status == TaskState.STATUS_IN_PROGRESS
    assert len(open_days) == 10
    assert open_days[-1] == review.deadline
    entry = EvidenceEntry.objects.get(kind=EvidenceEntry.Kind.REVIEW_OPENED)
    assert entry.page_id == tree.policy.pk


@pytest.mark.parametrize(("sent", "due"), [
    (dt.date(2026, 11, 29), dt.date(2026, 12, 11)),  # a Sunday: 12 days later, a Friday
    (dt.date(2026, 11, 30), dt.date(2026, 12, 14)),  # a Monday: two weeks later
    (dt.date(2027, 3, 26), dt.date(2027, 4, 12)),    # Good Friday: Easter Monday skipped
])
def test_a_review_sent_on_any_day_is_due_ten_school_days_later(sent, due, tree, officer):
    with time_machine.travel(dt.datetime(sent.year, sent.month, sent.day, 10, tzinfo=dt.UTC)):
        review = send_to_forum(tree.policy, officer)
    assert review.deadline == due


def test_christmas_bank_holidays_do_not_count_as_review_days():
    # From Friday 18 December 2026: Christmas Day, the Boxing Day substitute (Monday 28th)
    # and New Year's Day are skipped, as are weekends.
    assert review_deadline(dt.date(2026, 12, 18), 10) == dt.date(2027, 1, 6)


def test_forum_representatives_are_emailed_when_a_draft_arrives(
    tree, officer, forum_rep, other_rep, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = send_to_forum(tree.policy, officer)
    assert sorted(m.to[0] for m in mail.outbox) == ["forumrep@example.org",
                                                    "otherrep@example.org"]
    message = mail.outbox[0]
    assert tree.policy.title in message.subject
    assert f"/forum/drafts/{review.pk}/" in message.body
    assert review.deadline.strftime("%d %B %Y") in message.body


def test_officers_cannot_publish_a_policy_around_the_forum(client, tree, login_as):
    login_as("officer")
    page = tree.policy
    edit_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edit_html
    assert "Submit to Co-production" in edit_html
    data = _form_data(page, in_short="Published around the forum.",
                      change_note="Tried to skip the forum.", **{"action-publish": "publish"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    assert "Saved as a draft, not published" in response.content.decode()
    page.refresh_from_db()
    assert page.in_short != "Published around the forum."
    assert page.get_latest_revision_as_object().in_short == "Published around the forum."


def test_forum_agreeing_publishes_the_draft_as_the_next_version(review, forum_rep, tree):
    revision = tree.policy.get_latest_revision()
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED,
                           seen_revision_id=revision.pk)
    page = PolicyPage.objects.get(pk=tree.policy.pk)
    assert page.in_short == "A clearer summary for families."
    versions = list(PageVersion.objects.filter(page=page).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].change_note == "Clearer summary after the forum asked."
    assert versions[1].reading_age is not None
    review.refresh_from_db()
    assert review.status == TaskState.STATUS_APPROVED
    assert review.decision == Decision.AGREED
    assert not review.decided_late


def test_forum_sending_back_needs_a_note_and_publishes_nothing(review, forum_rep, tree):
    with pytest.raises(ValidationError, match="wants changed"):
        services.review_decide(review=review, user=forum_rep,
                               decision=Decision.CHANGES_REQUESTED)
    services.review_decide(review=review, user=forum_rep, decision=Decision.CHANGES_REQUESTED,
                           note="Section 2 still uses legal words.")
    review.refresh_from_db()
    assert review.status == TaskState.STATUS_REJECTED
    assert PolicyPage.objects.get(pk=tree.policy.pk).in_short != "A clearer summary for families."


def test_agreeing_with_a_disagreement_records_it_and_publishes(review, forum_rep, tree,
                                                               section_ids):
    with pytest.raises(ValidationError, match="disagrees with"):
        services.review_decide(review=review, user=forum_rep,
                               decision=Decision.AGREED_WITH_DISAGREEMENT)
    services.review_decide(
        review=review, user=forum_rep, decision=Decision.AGREED_WITH_DISAGREEMENT,
        disagreements=[{"topic": "Walking distance for under-8s",
                        "forum_position": "Two miles is too far for many of our children.",
                        "block_id": section_ids[1], "section_heading": "Walking distances"}],
    )
    item = Disagreement.objects.get()
    assert item.is_open and item.review_id == review.pk
    assert item.forum_position == "Two miles is too far for many of our children."
    assert PolicyPage.objects.get(pk=tree.policy.pk).in_short == "A clearer summary for families."


def test_a_decision_on_words_the_forum_has_not_seen_is_refused(review, forum_rep, tree, officer):
    seen = tree.policy.get_latest_revision().pk
    newer = tree.policy.get_latest_revision_as_object()
    newer.in_short = "Words the forum has not read."
    newer.save_revision(user=officer)
    with pytest.raises(ValidationError, match="changed since you opened it"):
        services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED,
                               seen_revision_id=seen)


def test_only_the_forum_decides(review, officer, board_member):
    for user in (officer, board_member):
        with pytest.raises(PermissionDenied):
            services.review_decide(review=review, user=user, decision=Decision.AGREED)


@pytest.mark.calendar
def test_a_late_decision_is_recorded_as_late(review, forum_rep):
    ForumReviewTaskState.objects.filter(pk=review.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=1))
    review.refresh_from_db()
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    review.refresh_from_db()
    assert review.decided_late


def test_a_finished_review_takes_no_more_decisions(review, forum_rep):
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    review.refresh_from_db()
    with pytest.raises(ValidationError, match="has finished"):
        services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)


def test_every_step_is_in_the_evidence_log(review, forum_rep):
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    kinds = list(EvidenceEntry.objects.values_list("kind", flat=True))
    assert kinds[-3:] == ["review_opened", "review_decided", "version_published"]
    assert services.evidence_verify().intact


def test_bulk_publishing_a_policy_is_refused(client, tree, login_as):
    login_as("officer")
    draft = tree.policy.get_latest_revision_as_object()
    draft.in_short = "Bulk-published words."
    draft.save_revision()
    url = f"/admin/bulk/wagtailcore/page/publish/?id={tree.policy.pk}&next=/admin/pages/"
    assert "You don't have permission to publish this page" in client.get(url).content.decode()
    client.post(url, {"include_descendants": ""}, follow=True)
    tree.policy.refresh_from_db()
    assert tree.policy.in_short != "Bulk-published words."


def test_a_finished_review_shows_the_draft_the_forum_decided_on(client, review, tree, officer,
                                                                forum_rep, login_as):
    """After a revert and a resubmit, the finished review still shows what it decided on."""
    from charter import services
    from charter.models import ForumReviewTaskState

    services.review_decide(review=review, user=forum_rep,
                           decision=ForumReviewTaskState.Decision.CHANGES_REQUESTED,
                           note="Say who to ring.")
    decided_on = tree.policy.get_latest_revision()
    # The officer reverts to the first revision, changes it and sends it again.
    first = tree.policy.revisions.order_by("created_at", "pk").first()
    reverted = first.as_object()
    reverted.in_short = "Ring the transport team first."
    reverted.change_note = "Who to ring."
    reverted.save_revision(user=officer)
    tree.policy.refresh_from_db()
    tree.policy.current_workflow_state.resume(officer)
    second = tree.policy.current_workflow_task_state.specific
    assert second.pk != review.pk
    login_as("forum_rep")
    html = client.get(f"/forum/drafts/{review.pk}/").content.decode()
    assert "A clearer summary for families." in html
    assert "Ring the transport team first." not in html
    assert 'id="decided-draft"' in html
    assert f"{decided_on.created_at:%Y}" in html
    newer = client.get(f"/forum/drafts/{second.pk}/").content.decode()
    assert "Ring the transport team first." in newer
    assert 'id="decided-draft"' not in newer
