"""A representative whose session ended while writing keeps what they wrote: it waits on the
server while they sign in again, and is back in the form afterwards, never in the address."""

import pytest
from django.urls import reverse

from charter import services
from charter.models import Disagreement, ForumComment

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def _sign_in(client, response, username):
    """Follow the redirect to the sign-in page, see the notice, and sign in."""
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/sign-in/?next=")
    page = client.get(location)
    assert "We have kept it" in page.content.decode()
    signed_in = client.post(location, {"username": username, "password": PASSWORD})
    assert signed_in.status_code == 302
    return signed_in["Location"]


def test_a_comment_sent_after_the_session_ended_is_back_in_the_form(client, review, forum_rep,
                                                                    section_ids):
    body = "<p>What happens on snow days? Nobody has told us.</p>"
    response = client.post(reverse("forum_comment", args=[review.pk]), {
        "block_id": section_ids[1], "submission_key": "k-1", "quote": "two miles",
        "body": body})
    assert "snow" not in response["Location"]
    back_to = _sign_in(client, response, "forumrep")
    assert back_to == reverse("forum_draft", args=[review.pk])
    html = client.get(back_to).content.decode()
    assert "What you wrote is back in the form below" in html
    assert "What happens on snow days? Nobody has told us." in html
    assert f'id="body-{section_ids[1]}"' in html
    assert not ForumComment.objects.exists()
    # Sent from the form it came back in: stored once.
    sent = client.post(reverse("forum_comment", args=[review.pk]), {
        "block_id": section_ids[1], "submission_key": "k-1", "quote": "two miles", "body": body})
    assert sent.status_code == 302
    assert ForumComment.objects.get().quote == "two miles"
    # The kept copy is used once: the page is clean afterwards.
    assert "What you wrote is back" not in client.get(back_to).content.decode()


def test_a_decision_sent_after_the_session_ended_is_back_in_the_form(client, review, forum_rep):
    response = client.post(reverse("forum_decide", args=[review.pk]), {
        "decision": "agreed_with_disagreement", "seen_revision": review.revision_id,
        "disagreement_topic": "Walking distance",
        "disagreement_position": "Two miles is too far for young children."})
    back_to = _sign_in(client, response, "forumrep")
    html = client.get(back_to).content.decode()
    assert "Two miles is too far for young children." in html
    assert 'value="agreed_with_disagreement" checked' in html
    assert not Disagreement.objects.exists()


def test_a_change_of_comment_sent_after_the_session_ended_is_back_in_the_form(
        client, review, forum_rep, section_ids):
    item = services.comment_submit(review=review, author=forum_rep, body="<p>First.</p>",
                                   block_id=section_ids[0], section_heading="S")
    url = reverse("forum_comment_edit", args=[item.pk])
    response = client.post(url, {"body": "<p>Second thoughts about buses.</p>", "quote": ""})
    back_to = _sign_in(client, response, "forumrep")
    assert back_to == url
    html = client.get(back_to).content.decode()
    assert "Second thoughts about buses." in html
    item.refresh_from_db()
    assert "First." in item.body


def test_a_position_sent_after_the_session_ended_is_back_in_the_form(client, tree, forum_rep):
    item = services.disagreement_state(page=tree.policy, user=forum_rep, topic="T",
                                       forum_position="P")
    url = reverse("forum_disagreement", args=[item.pk])
    response = client.post(url, {"position": "We still think two miles is too far."})
    back_to = _sign_in(client, response, "forumrep")
    html = client.get(back_to).content.decode()
    assert "We still think two miles is too far." in html


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_a_polish_or_arabic_reader_signs_in_in_their_language_and_comes_back(
    client, review, forum_rep, section_ids, language
):
    from django.utils import translation

    with translation.override(language):
        draft_url = reverse("forum_draft", args=[review.pk])
        comment_url = reverse("forum_comment", args=[review.pk])
    response = client.get(draft_url)
    assert response["Location"] == (
        f"/{language}/sign-in/?next=/{language}/forum/drafts/{review.pk}/")
    page = client.get(response["Location"])
    assert f'<html lang="{language}"' in page.content.decode()
    # A comment sent after the session ended: the same sign-in page, the words kept.
    response = client.post(comment_url, {"block_id": section_ids[1], "submission_key": "k-1",
                                         "body": "<p>Snow days?</p>"})
    location = response["Location"]
    assert location.startswith(f"/{language}/sign-in/?next=/{language}/forum/drafts/")
    signed_in = client.post(location, {"username": "forumrep", "password": PASSWORD})
    assert signed_in["Location"] == draft_url
    assert "Snow days?" in client.get(draft_url).content.decode()
