"""The record's own routes: review deadlines, answers after a decision, saves while the forum
reviews, meetings, and actions on a parent page that would reach co-produced pages."""

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from charter import services
from charter.models import (
    CommentAnswer,
    CoproductionMeeting,
    EvidenceEntry,
    ForumReviewTaskState,
    MeetingAction,
    MeetingAttendee,
)
from portal.models import PolicyPage
from tests.factories import UserFactory
from tests.portal.test_policy_admin import _form_data

pytestmark = pytest.mark.django_db
Decision = ForumReviewTaskState.Decision
Kind = EvidenceEntry.Kind


def _payload(entry):
    return json.loads(entry.payload_json)


# --- review deadlines ------------------------------------------------------------------


def test_a_deadline_change_needs_a_reason(review, officer):
    with pytest.raises(ValidationError, match="Say why the deadline is changing"):
        services.review_set_deadline(review=review, deadline=review.deadline, user=officer)


def test_a_deadline_cannot_come_before_the_review_began(review, officer):
    started = timezone.localdate(review.started_at)
    with pytest.raises(ValidationError, match="cannot be before the review began"):
        services.review_set_deadline(review=review, deadline=started - dt.timedelta(days=1),
                                     reason="Typed the wrong year.", user=officer)
    review.refresh_from_db()
    assert review.deadline > started


def test_only_officers_move_a_deadline(review, forum_rep, board_member):
    for user in (forum_rep, board_member):
        with pytest.raises(PermissionDenied):
            services.review_set_deadline(review=review, deadline=review.deadline,
                                         reason="Because.", user=user)


def test_a_moved_deadline_is_logged_told_to_the_forum_and_shown_on_the_board(
    client, review, officer, forum_rep, tree, login_as, django_capture_on_commit_callbacks
):
    old = review.deadline
    new = old + dt.timedelta(days=7)
    login_as("officer")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/forum-reviews/review/{review.pk}/deadline/",
                               {"deadline": new.isoformat(), "reason": "Half term agreed."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.deadline == new
    entry = EvidenceEntry.objects.get(kind=Kind.REVIEW_DEADLINE_CHANGED)
    assert _payload(entry)["from"] == old.isoformat()
    assert _payload(entry)["to"] == new.isoformat()
    assert "Half term" not in entry.payload_json  # beside the entry, hashed in the payload
    assert [(t.field, t.text) for t in entry.texts.all()] == [("reason", "Half term agreed.")]
    assert _payload(entry)["by"] == "officer"
    moved = [m for m in mail.outbox if "deadline changed" in m.subject]
    assert [m.to for m in moved] == [["forumrep@example.org"]]
    assert "Half term agreed." in moved[0].body
    login_as("board_member")
    for url in ("/board/", f"/board/pages/{tree.policy.pk}/"):
        html = client.get(url).content.decode()
        assert "Forum review deadline changed" in html and "Half term agreed." in html


def test_a_deadline_form_without_a_reason_changes_nothing(client, review, login_as):
    login_as("officer")
    before = review.deadline
    response = client.post(f"/admin/forum-reviews/review/{review.pk}/deadline/",
                           {"deadline": (before + dt.timedelta(days=3)).isoformat()},
                           follow=True)
    assert "The deadline was not changed" in response.content.decode()
    review.refresh_from_db()
    assert review.deadline == before
    assert not EvidenceEntry.objects.filter(kind=Kind.REVIEW_DEADLINE_CHANGED).exists()


def _move_deadline(client, review, deadline, reason):
    return client.post(f"/admin/forum-reviews/review/{review.pk}/deadline/",
                       {"deadline": deadline.isoformat(), "reason": reason})


def _unchanged(review, before):
    review.refresh_from_db()
    assert review.deadline == before
    assert not EvidenceEntry.objects.filter(kind=Kind.REVIEW_DEADLINE_CHANGED).exists()


def test_a_deadline_before_the_review_began_is_refused_where_the_officer_can_see_it(
    client, review, login_as
):
    login_as("officer")
    before = review.deadline
    started = timezone.localdate(review.started_at)
    response = _move_deadline(client, review, started - dt.timedelta(days=1),
                              "Typed the wrong year again.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Forum reviews" in html
    assert 'id="error-summary"' in html and "There is a problem" in html
    assert f'href="#deadline-{review.pk}-deadline"' in html
    assert "The deadline cannot be before the review began" in html
    assert f'id="deadline-{review.pk}-deadline-error"' in html
    # What the officer typed is still there, to correct.
    assert 'value="Typed the wrong year again."' in html
    assert f'value="{(started - dt.timedelta(days=1)).isoformat()}"' in html
    # The browser's own check no longer hides the message.
    assert " min=" not in html
    _unchanged(review, before)


def test_a_deadline_shortened_to_the_day_it_was_sent_is_refused(client, review, login_as):
    login_as("officer")
    before = review.deadline
    response = _move_deadline(client, review, timezone.localdate(review.started_at),
                              "The forum met early this month.")
    assert response.status_code == 400
    assert "must leave the forum at least 5 school days" in response.content.decode()
    _unchanged(review, before)


@pytest.mark.parametrize("reason", ["x", "x y z zzzzzz"])
def test_a_reason_without_real_words_is_refused_and_kept(client, review, login_as, reason):
    login_as("officer")
    before = review.deadline
    response = _move_deadline(client, review, before + dt.timedelta(days=7), reason)
    assert response.status_code == 400
    html = response.content.decode()
    assert "in a few words (at least 3 real words)" in html
    assert f'href="#deadline-{review.pk}-reason"' in html
    assert f'value="{reason}"' in html
    _unchanged(review, before)
    with pytest.raises(ValidationError, match="in a few words"):
        services.review_set_deadline(review=review, deadline=before + dt.timedelta(days=7),
                                     reason=reason, user=UserFactory(groups=["Officers"]))


def test_a_deadline_brought_forward_leaving_the_forum_enough_school_days_is_allowed(
    review, officer
):
    from charter.deadlines import MIN_SCHOOL_DAYS_LEFT

    today = timezone.localdate()
    review.deadline = services.review_deadline(today, 20)
    review.save(update_fields=["deadline"])
    earliest = services.review_deadline(today, MIN_SCHOOL_DAYS_LEFT)
    services.review_set_deadline(review=review, deadline=earliest, user=officer,
                                 reason="The forum meets earlier this term.")
    review.refresh_from_db()
    assert review.deadline == earliest


# --- answers after the forum decided ------------------------------------------------------


@pytest.fixture
def decided_comment(review, forum_rep, officer, tree):
    comment = services.comment_submit(review=review, author=forum_rep, body="<p>Shorter.</p>")
    services.comment_answer(comment=comment, officer=officer, disposition="not_accepted",
                            reason="It must stay long.")
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED,
                           seen_revision_id=tree.policy.get_latest_revision().pk)
    return comment


def test_an_answer_is_locked_once_the_forum_has_decided(decided_comment, officer):
    with pytest.raises(ValidationError, match="can no longer change"):
        services.comment_answer(comment=decided_comment, officer=officer,
                                disposition="accepted")
    answer = CommentAnswer.objects.get(comment=decided_comment)
    assert answer.disposition == "not_accepted" and answer.reason == "It must stay long."


def test_the_admin_offers_no_change_to_a_locked_answer(client, decided_comment, login_as):
    login_as("officer")
    page_url = f"/admin/forum-reviews/page/{decided_comment.page_id}/"
    html = client.get(page_url).content.decode()
    assert "this answer is kept as the forum read it" in html
    assert f"/forum-reviews/comment/{decided_comment.pk}/answer/" not in html
    response = client.post(f"/admin/forum-reviews/comment/{decided_comment.pk}/answer/",
                           {"disposition": "accepted"})
    assert response.status_code == 400
    assert CommentAnswer.objects.get(comment=decided_comment).disposition == "not_accepted"


def test_a_first_answer_after_the_decision_is_shown_as_given_after_it_and_the_forum_told(
    client, review, forum_rep, officer, tree, login_as, django_capture_on_commit_callbacks
):
    comment = services.comment_submit(review=review, author=forum_rep, block_id="intro",
                                      section_heading="In short",
                                      body="<p>Say who to ring first.</p>")
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED,
                           seen_revision_id=tree.policy.get_latest_revision().pk)
    review.refresh_from_db()
    decided = timezone.localtime(review.finished_at)
    login_as("officer")
    page_url = f"/admin/forum-reviews/page/{comment.page_id}/"
    html = client.get(page_url).content.decode()
    assert "The forum has already decided on this draft." in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/forum-reviews/comment/{comment.pk}/answer/",
                               {"disposition": "accepted"})
    assert response.status_code == 302
    answer = CommentAnswer.objects.get(comment=comment)
    entry = EvidenceEntry.objects.filter(kind=Kind.COMMENT_ANSWERED).last()
    assert _payload(entry)["after_decision"] is True
    # The forum is told, as of every answer.
    assert any("forumrep@example.org" in m.to for m in mail.outbox)
    assert answer.answered_at > decided
    shown = f"after the forum decided on {decided:%-d} "
    # Shown with its date, as given after the decision: to officers, the forum, the board
    # and the public comparison.
    assert "after the forum decided on" in client.get(page_url).content.decode()
    login_as("forum_rep")
    forum = client.get(f"/forum/drafts/{review.pk}/").content.decode()
    assert shown in forum
    assert "the forum did not read this answer before deciding" in forum
    login_as("board_member")
    assert "after the forum decided on" in client.get(
        f"/board/pages/{tree.policy.pk}/").content.decode()
    compare = client.get(f"{tree.policy.url}compare/1/2/").content.decode()
    assert "Say who to ring first." in compare and shown in compare


def test_an_answer_before_the_decision_is_not_marked(decided_comment, client, login_as):
    assert decided_comment.answered_after_decision is None
    login_as("forum_rep")
    html = client.get(f"/forum/drafts/{decided_comment.review_id}/").content.decode()
    assert "It must stay long." in html
    assert "after the forum decided" not in html


# --- saves while the forum reviews ----------------------------------------------------


def test_pressing_save_draft_without_a_change_keeps_the_forums_decision_valid(
    client, review, tree, forum_rep, login_as
):
    login_as("officer")
    data = _form_data(tree.policy, in_short="The words the forum read.",
                      change_note="Clearer words.")
    assert client.post(f"/admin/pages/{tree.policy.pk}/edit/", data).status_code == 302
    seen = Page.objects.get(pk=tree.policy.pk).get_latest_revision()
    # The editor sends each section's block id back as it was loaded.
    data["sections-0-id"] = seen.content["sections"][0]["id"] if isinstance(
        seen.content["sections"], list) else json.loads(seen.content["sections"])[0]["id"]
    assert client.post(f"/admin/pages/{tree.policy.pk}/edit/", data).status_code == 302
    seen = Page.objects.get(pk=tree.policy.pk).get_latest_revision()
    assert client.post(f"/admin/pages/{tree.policy.pk}/edit/", data).status_code == 302
    latest = Page.objects.get(pk=tree.policy.pk).get_latest_revision()
    assert latest.pk != seen.pk  # Wagtail made a new revision
    review = services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED,
                                    seen_revision_id=seen.pk)
    assert review.decision == Decision.AGREED
    assert PolicyPage.objects.get(pk=tree.policy.pk).in_short == "The words the forum read."


def test_a_save_with_no_change_keeps_the_content_the_forum_read(review, tree, officer,
                                                                forum_rep):
    seen = tree.policy.get_latest_revision()
    tree.policy.get_latest_revision_as_object().save_revision(user=officer)  # no change
    review = services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED,
                                    seen_revision_id=seen.pk)
    assert review.decision == Decision.AGREED
    assert PolicyPage.objects.get(pk=tree.policy.pk).in_short == (
        "A clearer summary for families.")


def test_an_autosave_is_refused_and_resolves_no_comment(client, review, tree, forum_rep,
                                                        officer, login_as):
    comment = services.comment_submit(review=review, author=forum_rep, body="<p>Shorter.</p>")
    services.comment_answer(comment=comment, officer=officer, disposition="accepted")
    login_as("officer")
    data = _form_data(tree.policy, in_short="Half-typ")
    data["resolves_comment"] = [str(comment.pk)]
    response = client.post(f"/admin/pages/{tree.policy.pk}/edit/", data,
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert not CommentAnswer.objects.get(comment=comment).resolved_by_revision_id
    assert Page.objects.get(pk=tree.policy.pk).specific.get_latest_revision_as_object().in_short \
        != "Half-typ"


def test_a_comment_is_resolved_once_by_the_save_that_made_the_change(client, review, tree,
                                                                     forum_rep, officer,
                                                                     login_as):
    comment = services.comment_submit(review=review, author=forum_rep, body="<p>Shorter.</p>")
    services.comment_answer(comment=comment, officer=officer, disposition="accepted")
    login_as("officer")
    data = _form_data(tree.policy, in_short="Shorter words.")
    data["resolves_comment"] = [str(comment.pk)]
    for _ in range(2):  # the form is sent twice with the box still ticked
        assert client.post(f"/admin/pages/{tree.policy.pk}/edit/", data).status_code == 302
    answer = CommentAnswer.objects.get(comment=comment)
    revision = answer.resolved_by_revision
    assert revision.as_object().in_short == "Shorter words."
    assert EvidenceEntry.objects.filter(kind=Kind.COMMENT_RESOLVED).count() == 1


def test_autosave_cannot_create_a_new_coproduced_page(client, tree, login_as):
    login_as("officer")
    url = f"/admin/pages/add/portal/policypage/{tree.policies.pk}/"
    assert "data-w-autosave-interval-value" not in client.get(url).content.decode()
    data = _form_data(tree.policy, title="A new policy", slug="a-new-policy")
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert not Page.objects.filter(slug="a-new-policy").exists()
    # Save draft then makes the page once (no clash with an autosaved twin).
    assert client.post(url, data).status_code == 302
    assert PolicyPage.objects.filter(slug="a-new-policy", locale=tree.policy.locale).count() == 1


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_a_new_coproduced_page_is_saved_as_a_draft_when_publish_is_pressed(client, tree,
                                                                           login_as, role):
    """The second review: Publish on the add form put a new policy live, never seen by the
    forum and not in the record."""
    login_as(role)
    url = f"/admin/pages/add/portal/policypage/{tree.policies.pk}/"
    before = EvidenceEntry.objects.count()
    data = _form_data(tree.policy, title="Straight to the public", slug="straight-out",
                      change_note="A new policy.")
    data["action-publish"] = "action-publish"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "published when the forum agrees" in response.content.decode()
    page = Page.objects.get(slug="straight-out", locale=tree.policy.locale)
    assert not page.live and page.live_revision_id is None
    assert client.get(page.url or "/policies/straight-out/").status_code == 404
    assert EvidenceEntry.objects.count() == before


def test_a_draft_never_sent_or_published_may_be_deleted(client, tree, login_as):
    login_as("officer")
    url = f"/admin/pages/add/portal/policypage/{tree.policies.pk}/"
    client.post(url, _form_data(tree.policy, title="A false start", slug="a-false-start"))
    draft = Page.objects.get(slug="a-false-start", locale=tree.policy.locale)
    assert client.post(f"/admin/pages/{draft.pk}/delete/").status_code == 302
    assert not Page.objects.filter(pk=draft.pk).exists()


# --- a parent page's actions reach its co-produced pages ---------------------------------


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_deleting_a_parent_keeps_the_policies_beneath_it(client, tree, login_as, role):
    login_as(role)
    index = tree.policies
    response = client.post(f"/admin/pages/{index.pk}/delete/", follow=True)
    assert response.status_code < 500
    assert Page.objects.filter(pk=tree.policy.pk).exists()
    if role == "admin":
        assert "part of the co-production record" in response.content.decode()
    response = client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={index.pk}&next=/admin/pages/", follow=True)
    assert response.status_code < 500
    assert Page.objects.filter(pk=tree.policy.pk).exists()


def test_moving_a_parent_keeps_the_policies_addresses(client, tree, login_as):
    login_as("admin")
    destination = tree.home.add_child(instance=type(tree.faq)(title="Elsewhere", slug="else"))
    url_path = tree.policy.url_path
    response = client.post(f"/admin/pages/{tree.policies.pk}/move/{tree.faq.pk}/confirm/",
                           follow=True)
    assert response.status_code < 500
    response = client.post(f"/admin/pages/{tree.policies.pk}/move/{destination.pk}/confirm/",
                           follow=True)
    assert response.status_code < 500
    assert Page.objects.get(pk=tree.policy.pk).url_path == url_path


def test_copying_a_parent_does_not_publish_policy_copies(client, tree, login_as):
    login_as("admin")
    response = client.post(f"/admin/pages/{tree.policies.pk}/copy/", {
        "new_title": "Policies again", "new_slug": "policies-again",
        "new_parent_page": tree.home.pk, "copy_subpages": "on", "publish_copies": "on"},
        follow=True)
    assert "Copies of pages written with the forum start as drafts" in (
        response.content.decode())
    assert not PolicyPage.objects.filter(live=True).exclude(pk=tree.policy.pk).exists()


def test_unpublishing_a_parent_with_its_subpages_is_refused(client, tree, login_as):
    login_as("admin")
    response = client.post(f"/admin/pages/{tree.policies.pk}/unpublish/",
                           {"include_descendants": "on"}, follow=True)
    assert "come off the site one at a time" in response.content.decode()
    assert Page.objects.get(pk=tree.policy.pk).live


def test_privacy_on_a_parent_cannot_hide_its_policies(client, tree, login_as):
    login_as("admin")
    response = client.post(f"/admin/pages/{tree.policies.pk}/privacy/",
                           {"restriction_type": "password", "password": "secret"})
    assert response.status_code == 403 or response["Location"] == "/admin/"
    assert not PageViewRestriction.objects.exists()


def test_an_expiry_date_reached_is_logged(tree):
    PolicyPage.objects.filter(pk=tree.policy.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert not Page.objects.get(pk=tree.policy.pk).live
    entry = EvidenceEntry.objects.get(kind=Kind.PAGE_UNPUBLISHED)
    assert _payload(entry)["reason"] == "Its expiry date was reached."


# --- meetings ----------------------------------------------------------------------------


@pytest.fixture
def meeting(db):
    meeting = CoproductionMeeting.objects.create(date=dt.date(2026, 1, 10), title="January")
    MeetingAction.objects.create(meeting=meeting, action="Send the bus timetable",
                                 owner="Transport team", due_date=dt.date(2026, 2, 1))
    return meeting


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_a_meeting_is_never_deleted(client, meeting, login_as, role):
    login_as(role)
    url = f"/admin/snippets/charter/coproductionmeeting/delete/{meeting.pk}/"
    response = client.post(url, follow=True)
    assert response.status_code < 500
    response = client.post(
        f"/admin/bulk/charter/coproductionmeeting/delete/?id={meeting.pk}&next=/admin/",
        follow=True)
    assert response.status_code < 500
    assert CoproductionMeeting.objects.filter(pk=meeting.pk).exists()
    edit = client.get(f"/admin/snippets/charter/coproductionmeeting/edit/{meeting.pk}/")
    assert url not in edit.content.decode()
    with pytest.raises(PermissionDenied):
        meeting.delete()


def test_the_meetings_admin_spells_co_production_with_its_hyphen(client, meeting, login_as):
    login_as("officer")
    html = client.get("/admin/snippets/charter/coproductionmeeting/").content.decode()
    assert "Co-production meetings" in html
    assert "Coproduction meeting" not in html


def test_meeting_actions_and_attendees_keep_their_history(meeting):
    action = meeting.actions.get()
    action_id = action.pk
    action.done = True
    action.save()
    action.delete()
    history = list(MeetingAction.history.filter(id=action_id).order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert history[-1].action == "Send the bus timetable"
    attendee = MeetingAttendee.objects.create(meeting=meeting, role="Forum representative",
                                              organisation="PaCC")
    assert attendee.history.count() == 1


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_go_live_at_with_publish_schedules_nothing_around_the_forum(client, tree, login_as,
                                                                     role):
    from wagtail.models import Revision

    login_as(role)
    data = _form_data(tree.policy, in_short="Scheduled around the forum.",
                      change_note="Tried to schedule it.", go_live_at="2030-01-01 09:00",
                      **{"action-publish": "publish"})
    response = client.post(f"/admin/pages/{tree.policy.pk}/edit/", data, follow=True)
    assert "Saved as a draft, not published" in response.content.decode()
    assert not Revision.page_revisions.filter(approved_go_live_at__isnull=False).exists()
    assert PolicyPage.objects.get(pk=tree.policy.pk).in_short != "Scheduled around the forum."


# --- revert, scheduled publishing in review: through the admin's own forms ---------------


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_reverting_to_an_earlier_revision_makes_a_draft_and_goes_to_the_forum(client, tree,
                                                                             login_as, role):
    from charter.coproduction import coproduction_workflow

    policy = tree.policy
    earlier = policy.get_latest_revision()
    live_words = PolicyPage.objects.get(pk=policy.pk).in_short
    later = policy.get_latest_revision_as_object()
    later.in_short = "Words saved after the earlier revision."
    later.save_revision()
    login_as(role)
    url = f"/admin/pages/{policy.pk}/revisions/{earlier.pk}/revert/"
    data = _form_data(policy, in_short="The earlier words, put back.",
                      change_note="Back to the earlier words.")
    # "Publish" from the revert form: saved as a draft, nothing published.
    response = client.post(url, {**data, "action-publish": "publish"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/admin/pages/{policy.pk}/edit/"
    fresh = PolicyPage.objects.get(pk=policy.pk)
    assert fresh.in_short == live_words
    assert fresh.get_latest_revision_as_object().in_short == "The earlier words, put back."
    assert fresh.current_workflow_state is None
    # "Submit to Co-production" from the revert form: the forum reviews the reverted words.
    response = client.post(url, {**data, "action-submit": "submit"})
    assert response.status_code == 302
    fresh = PolicyPage.objects.get(pk=policy.pk)
    assert fresh.current_workflow_state.workflow == coproduction_workflow()
    assert fresh.current_workflow_task_state.revision.as_object().in_short == (
        "The earlier words, put back.")
    assert fresh.in_short == live_words


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_go_live_at_on_a_page_in_review_schedules_nothing_around_the_forum(
        client, review, tree, login_as, role):
    from wagtail.models import Revision

    login_as(role)
    live_words = PolicyPage.objects.get(pk=tree.policy.pk).in_short
    data = _form_data(tree.policy, in_short="Scheduled while the forum reads it.",
                      change_note="Tried to schedule it.", go_live_at="2030-01-01 09:00")
    for action in ({"action-publish": "publish"}, {}):
        response = client.post(f"/admin/pages/{tree.policy.pk}/edit/", {**data, **action},
                               follow=True)
        assert response.status_code == 200
    assert not Revision.page_revisions.filter(approved_go_live_at__isnull=False).exists()
    call_command("publish_scheduled", verbosity=0)
    fresh = PolicyPage.objects.get(pk=tree.policy.pk)
    assert fresh.in_short == live_words
    review.refresh_from_db()
    assert review.status == "in_progress"
