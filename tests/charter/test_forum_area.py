"""The forum area: representatives read drafts, comment by section, and decide."""

import pytest
from django.urls import reverse

from charter.models import Disagreement, ForumComment, ForumReviewTaskState
from portal.models import PolicyPage

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]


def _comment(client, review, block_id, body="<p>Please say what happens on snow days.</p>",
             **extra):
    return client.post(reverse("forum_comment", args=[review.pk]),
                       {"block_id": block_id, "body": body, **extra})


@pytest.mark.parametrize("role", ROLES)
def test_who_can_open_the_forum_area(client, review, login_as, role):
    login_as(role)
    for url in (reverse("forum_home"), reverse("forum_draft", args=[review.pk])):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/sign-in/?next=")
        elif role in ("forum_rep", "officer"):
            assert response.status_code == 200
        else:
            assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_forum_representatives_can_comment_or_decide(client, review, login_as, role,
                                                          section_ids):
    login_as(role)
    comment = _comment(client, review, section_ids[0])
    decide = client.post(reverse("forum_decide", args=[review.pk]),
                         {"decision": "agreed", "seen_revision": review.revision_id})
    if role == "forum_rep":
        assert comment.status_code == 302
        assert ForumComment.objects.count() == 1
    else:
        assert comment.status_code in (302, 403)
        assert decide.status_code in (302, 403)
        assert ForumComment.objects.count() == 0
        review.refresh_from_db()
        assert review.status == "in_progress"


def test_the_list_shows_drafts_soonest_deadline_first(client, review, login_as, tree):
    login_as("forum_rep")
    html = client.get(reverse("forum_home")).content.decode()
    assert tree.policy.title in html
    assert review.deadline.strftime("%-d %B %Y") in html


def test_the_draft_reads_like_the_public_page_with_a_comment_link_per_section(
    client, review, login_as
):
    login_as("forum_rep")
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "A clearer summary for families." in html  # the draft, not the live page
    assert html.count("Comment on this section") == 2
    assert "Who can get help" in html and "Walking distances" in html
    assert "Record the forum&#x27;s decision" in html or "Record the forum's decision" in html


def test_a_comment_is_anchored_to_its_section_and_revision(client, review, login_as,
                                                           section_ids, tree):
    user = login_as("forum_rep")
    response = _comment(client, review, section_ids[1], quote="walk up to 2 miles")
    comment = ForumComment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.block_id == section_ids[1]
    assert comment.section_heading == "Walking distances"
    assert comment.quote == "walk up to 2 miles"
    assert comment.revision_id == tree.policy.get_latest_revision().pk
    assert comment.author == user
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "Please say what happens on snow days." in html
    assert "Not answered yet." in html


def test_an_empty_comment_is_refused_with_a_clear_message(client, review, login_as,
                                                          section_ids):
    login_as("forum_rep")
    response = _comment(client, review, section_ids[0], body="   ",
                        quote="the words I picked")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write your comment before you send it." in html
    assert "the words I picked" in html  # nothing typed is lost
    assert ForumComment.objects.count() == 0


def test_an_over_long_comment_is_refused_and_kept(client, review, login_as, section_ids):
    login_as("forum_rep")
    long_text = "word " * 450
    response = _comment(client, review, section_ids[0], body=long_text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your comment must be 2,000 characters or fewer" in html
    assert long_text.strip()[:200] in html
    assert ForumComment.objects.count() == 0


def test_scripts_styles_and_javascript_links_never_run(client, review, login_as, section_ids):
    typed = ('<p>See <a href="javascript:alert(1)">this</a> and '
             '<a href="https://www.gov.uk/school-transport">GOV.UK</a>.</p>'
             "<script>alert('x')</script><style>p{display:none}</style><b>Bold</b>")
    login_as("forum_rep")
    _comment(client, review, section_ids[0], body=typed)
    assert ForumComment.objects.get().body == typed  # stored as typed, shown as text
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    shown = html.split('class="portal-comment"', 1)[1].split("</article>", 1)[0]
    assert "<script" not in shown and "<style" not in shown and "javascript:" not in shown
    assert "&lt;script&gt;" in shown and "&lt;style&gt;p{display:none}" in shown
    assert 'href="https://www.gov.uk/school-transport"' in shown
    assert "<b>Bold</b>" in shown


def test_a_double_clicked_submit_makes_one_comment(client, review, login_as, section_ids):
    login_as("forum_rep")
    for _ in range(2):
        response = _comment(client, review, section_ids[0], submission_key="k-123")
        assert response.status_code == 302
    assert ForumComment.objects.count() == 1


def test_a_comment_on_a_section_the_draft_no_longer_has_is_refused_and_kept(
    client, review, login_as
):
    login_as("forum_rep")
    response = _comment(client, review, "a-removed-block", body="<p>Keep me.</p>")
    assert response.status_code == 400
    html = response.content.decode()
    assert "no longer in the draft" in html
    assert "Keep me." in html
    assert 'name="block_id" value="a-removed-block"' not in html


def test_comments_on_a_section_removed_later_stay_with_their_version(
    client, review, login_as, section_ids, tree, officer
):
    login_as("forum_rep")
    _comment(client, review, section_ids[1])
    draft = tree.policy.get_latest_revision_as_object()
    draft.sections = [("section", draft.sections[0].value)]
    draft.sections[0].id = section_ids[0]
    draft.save_revision(user=officer)
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "Comments on sections the council has since removed" in html
    assert "Please say what happens on snow days." in html
    comment = ForumComment.objects.get()
    assert comment.revision.as_object().sections[1].id == section_ids[1]


def test_the_author_can_edit_until_answered_and_every_edit_is_kept(
    client, review, login_as, section_ids, officer
):
    from charter.services import comment_answer

    login_as("forum_rep")
    _comment(client, review, section_ids[0])
    comment = ForumComment.objects.get()
    url = reverse("forum_comment_edit", args=[comment.pk])
    response = client.post(url, {"body": "<p>Snow days and strikes, please.</p>"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert "strikes" in comment.body
    assert comment.history.count() == 2
    assert "snow days." in comment.history.earliest().body

    comment_answer(comment=comment, officer=officer, disposition="accepted")
    response = client.post(url, {"body": "<p>Too late to change.</p>"})
    assert response.status_code == 400
    assert "can no longer change" in response.content.decode()
    comment.refresh_from_db()
    assert "Too late" not in comment.body


def test_only_the_author_can_edit_a_comment(client, review, login_as, section_ids, other_rep):
    from charter.services import comment_submit

    comment = comment_submit(review=review, author=other_rep, body="<p>Mine.</p>",
                             block_id=section_ids[0])
    login_as("forum_rep")
    assert client.get(reverse("forum_comment_edit", args=[comment.pk])).status_code == 403


def test_deciding_from_the_forum_area_publishes(client, review, login_as, tree):
    login_as("forum_rep")
    response = client.post(reverse("forum_decide", args=[review.pk]),
                           {"decision": "agreed", "seen_revision": review.revision_id})
    assert response.status_code == 302
    assert PolicyPage.objects.get(pk=tree.policy.pk).in_short == "A clearer summary for families."


def test_an_incomplete_disagreement_is_refused_and_kept(client, review, login_as):
    login_as("forum_rep")
    response = client.post(reverse("forum_decide", args=[review.pk]), {
        "decision": "agreed_with_disagreement", "seen_revision": review.revision_id,
        "disagreement_topic": "Walking distance",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "Write the forum&#x27;s position in its own words." in html
    assert 'value="Walking distance"' in html
    review.refresh_from_db()
    assert review.status == "in_progress"
    assert not Disagreement.objects.exists()


def test_sending_back_without_saying_why_is_refused(client, review, login_as):
    login_as("forum_rep")
    response = client.post(reverse("forum_decide", args=[review.pk]),
                           {"decision": "changes_requested", "seen_revision": review.revision_id})
    assert response.status_code == 400
    assert "Say what the forum wants changed" in response.content.decode()
    assert ForumReviewTaskState.objects.get(pk=review.pk).status == "in_progress"


def test_the_forum_area_query_count_does_not_grow_with_comments(
    client, review, login_as, section_ids, django_assert_max_num_queries, other_rep
):
    from charter.services import comment_submit

    login_as("forum_rep")
    url = reverse("forum_draft", args=[review.pk])
    client.get(url)
    for i in range(10):
        comment_submit(review=review, author=other_rep, body=f"<p>Comment {i}</p>",
                       block_id=section_ids[i % 2])
    # The page also compares the draft with the live version and with what the reader last
    # saw, and checks it against resolved comments: a fixed number of queries more, each
    # revision's sections built once (the live one and the draft's: 48 queries before). One
    # more reads the live page's own type, for the links page apps offer beside the draft
    # (a policy's what-if table, ``register_forum_draft_links``).
    with django_assert_max_num_queries(35):
        response = client.get(url)
    assert response.content.decode().count("Forum representative") >= 10
