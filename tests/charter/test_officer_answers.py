"""Officers answer every forum comment in the admin, and link changes to the comments."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from charter import services
from charter.models import CommentAnswer, Disagreement, EvidenceEntry, ForumReviewTaskState
from tests.portal.test_policy_admin import _form_data

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]


@pytest.fixture
def comment(review, forum_rep, section_ids):
    return services.comment_submit(review=review, author=forum_rep, block_id=section_ids[1],
                                   section_heading="Walking distances",
                                   body="<p>Two miles is too far for an 8 year old.</p>")


@pytest.mark.parametrize("role", ROLES)
def test_only_officers_reach_the_answer_views(client, comment, login_as, role):
    login_as(role)
    urls = [reverse("charter_reviews"), reverse("charter_page_comments", args=[comment.page_id])]
    for url in urls:
        response = client.get(url)
        if role == "officer":
            assert response.status_code == 200
        else:
            assert response.status_code in (302, 403)
    response = client.post(reverse("charter_answer_comment", args=[comment.pk]),
                           {"disposition": "accepted"})
    assert CommentAnswer.objects.exists() == (role == "officer")


def test_the_reviews_list_shows_deadline_and_comments_to_answer(client, comment, login_as):
    login_as("officer")
    html = client.get(reverse("charter_reviews")).content.decode()
    assert "Travel help for children with SEND" in html
    assert "1 to answer" in html


def test_a_reason_is_required_unless_accepted(client, comment, login_as):
    login_as("officer")
    url = reverse("charter_answer_comment", args=[comment.pk])
    response = client.post(url, {"disposition": "not_accepted", "reason": ""})
    assert response.status_code == 400
    assert "Give the reason" in response.content.decode()
    assert not CommentAnswer.objects.exists()

    response = client.post(url, {"disposition": "not_accepted",
                                 "reason": "The statutory distance is two miles."})
    assert response.status_code == 302
    answer = CommentAnswer.objects.get()
    assert answer.get_disposition_display() == "Not accepted"
    assert answer.reason == "The statutory distance is two miles."
    assert not answer.answered_late


def test_accepting_needs_no_reason(comment, officer):
    answer = services.comment_answer(comment=comment, officer=officer, disposition="accepted")
    assert answer.reason == ""


@pytest.mark.calendar
def test_an_answer_after_the_deadline_is_recorded_as_late_not_refused(comment, officer, review):
    ForumReviewTaskState.objects.filter(pk=review.pk).update(
        deadline=timezone.localdate() - dt.timedelta(days=3))
    comment.refresh_from_db()
    answer = services.comment_answer(comment=comment, officer=officer, disposition="noted",
                                     reason="We will look at this at the next review.")
    assert answer.answered_late


def test_the_forum_reads_the_answer_beside_its_comment(client, comment, officer, login_as,
                                                       review):
    services.comment_answer(comment=comment, officer=officer, disposition="partly",
                            reason="We have made an exception for children under 8.")
    login_as("forum_rep")
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "The council: Partly accepted" in html
    assert "We have made an exception for children under 8." in html


def test_saving_a_revision_can_resolve_answered_comments(client, comment, officer, login_as):
    services.comment_answer(comment=comment, officer=officer, disposition="accepted")
    login_as("officer")
    page = comment.page.specific
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="resolves_comment"' in edit
    data = _form_data(page, in_short="Under-8s walk up to 1.5 miles.")
    data["resolves_comment"] = [str(comment.pk)]
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    answer = CommentAnswer.objects.get()
    page.refresh_from_db()
    assert answer.resolved_by_revision_id == page.get_latest_revision().pk
    assert answer.resolved_by_revision.as_object().in_short == "Under-8s walk up to 1.5 miles."
    assert EvidenceEntry.objects.filter(kind="comment_resolved").count() == 1


def test_only_officers_answer(comment, forum_rep, board_member):
    for user in (forum_rep, board_member):
        with pytest.raises(PermissionDenied):
            services.comment_answer(comment=comment, officer=user, disposition="accepted")


def test_an_unknown_disposition_is_refused(comment, officer):
    with pytest.raises(ValidationError):
        services.comment_answer(comment=comment, officer=officer, disposition="maybe")


def test_a_disagreement_closes_only_when_both_sides_mark_it(review, forum_rep, officer, client,
                                                           login_as):
    item = services.disagreement_state(page=review.workflow_state.content_object, user=forum_rep,
                                       topic="Walking distance",
                                       forum_position="Two miles is too far.")
    login_as("officer")
    client.post(reverse("charter_disagreement", args=[item.pk]),
                {"position": "The law sets two miles; we add exceptions."})
    client.post(reverse("charter_disagreement", args=[item.pk]), {"action": "resolve"})
    item.refresh_from_db()
    assert item.council_position == "The law sets two miles; we add exceptions."
    assert item.is_open
    services.disagreement_mark_resolved(disagreement=item, user=forum_rep, note="Agreed at "
                                        "the March meeting.")
    item.refresh_from_db()
    assert item.status == Disagreement.Status.RESOLVED
    assert item.history.count() >= 3
    assert EvidenceEntry.objects.filter(kind="disagreement_resolved").count() == 1


def test_the_comments_view_query_count_is_flat(client, review, forum_rep, officer, login_as,
                                               section_ids, django_assert_max_num_queries):
    login_as("officer")
    url = reverse("charter_page_comments", args=[review.workflow_state.content_object.pk])
    for i in range(12):
        c = services.comment_submit(review=review, author=forum_rep, body=f"<p>Point {i}</p>",
                                    block_id=section_ids[i % 2])
        if i % 2:
            services.comment_answer(comment=c, officer=officer, disposition="accepted")
    with django_assert_max_num_queries(25):
        response = client.get(url)
    assert response.content.decode().count("Save answer") == 12


def test_officers_see_every_earlier_wording_of_an_edited_comment(client, comment, forum_rep,
                                                                  login_as):
    services.comment_edit(comment=comment, user=forum_rep,
                          body="<p>Two miles is too far for an 8 year old with autism.</p>")
    login_as("officer")
    html = client.get(reverse("charter_page_comments", args=[comment.page_id])).content.decode()
    assert "Edited 1 time: earlier wording" in html
    assert "Two miles is too far for an 8 year old.</p>" in html
    assert "with autism" in html


def test_administrators_read_the_history_in_django_admin(client, comment, login_as):
    login_as("admin")
    response = client.get(f"/django-admin/charter/forumcomment/{comment.pk}/history/")
    assert response.status_code == 200
    assert "Two miles is too far" in response.content.decode() or "Created" in (
        response.content.decode())
