"""The forum reviews with its eyes open: what a draft changes against the live version, a
note that leaves out a changed section, a decision on a draft changed since it was opened,
unanswered comments, every representative told of a decision, and agreements that need a
second representative."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

from charter import services
from charter.models import (
    CoproductionSettings,
    EvidenceEntry,
    ForumReviewTaskState,
    ReviewAgreement,
)
from notices import tasks as notice_tasks
from outbox.models import SentEmail
from portal.models import PolicyPage
from tests.charter.conftest import send_to_forum

pytestmark = pytest.mark.django_db
Decision = ForumReviewTaskState.Decision


def _change_walking_distances(tree, officer, words="Children under 8 walk up to 1.5 miles."):
    draft = tree.policy.get_latest_revision_as_object()
    draft.sections[1].value["body"] = type(draft.sections[1].value["body"])(f"<p>{words}</p>")
    return draft.save_revision(user=officer)


def _draft_page(client, review):
    return client.get(reverse("forum_draft", args=[review.pk])).content.decode()


def _needed(number):
    settings = CoproductionSettings.for_site(Site.objects.get(is_default_site=True))
    settings.agreements_needed = number
    settings.save()


# --- the draft against the live version ---------------------------------------------------


def test_the_draft_page_shows_what_changed_against_the_live_version(
        client, tree, officer, forum_rep):
    review = send_to_forum(tree.policy, officer, in_short="A clearer summary for families.",
                           change_note="In short: a clearer summary.")
    client.force_login(forum_rep)
    html = _draft_page(client, review)
    assert "What this draft changes" in html
    assert "1 section changed" in html
    # Word by word, as the public comparison shows it: the old words struck, the new added.
    added = " ".join(re.findall(r"<ins[^>]*>(.*?)</ins>", html))
    removed = " ".join(re.findall(r"<del[^>]*>(.*?)</del>", html))
    assert "clearer" in added and "families." in added
    assert "Most" in removed and "SEND" in removed
    assert "does not mention every section that changed" not in html


def test_a_note_that_leaves_out_a_changed_section_is_flagged(client, tree, officer, forum_rep):
    review = send_to_forum(tree.policy, officer, change_note="In short: a clearer summary.")
    _change_walking_distances(tree, officer)
    client.force_login(forum_rep)
    html = _draft_page(client, review)
    assert "2 sections changed" in html
    assert re.search(r"does not mention every section that changed\. Not mentioned:\s*"
                     r"Walking distances\.", html)


def test_a_page_never_published_is_all_new(client, tree, officer, forum_rep):
    page = tree.policy
    page.unpublish()
    review = send_to_forum(PolicyPage.objects.get(pk=page.pk), officer)
    client.force_login(forum_rep)
    assert "This page is not published yet" in _draft_page(client, review)


# --- a decision on a draft that changed since it was opened --------------------------------


def test_a_stale_decision_comes_back_with_the_changes_and_the_typed_note_and_then_works(
        client, review, tree, officer, forum_rep):
    client.force_login(forum_rep)
    opened = review.revision_id
    newer = _change_walking_distances(tree, officer)
    url = reverse("forum_decide", args=[review.pk])
    note = "We agree: the shorter walk is what families asked for."
    first = client.post(url, {"decision": "agreed", "note": note, "seen_revision": opened})
    assert first.status_code == 400
    html = first.content.decode()
    assert "The draft has changed since you opened it" in html
    assert '<a href="#changed-since">' in html
    # The new words are shown, what the representative typed is kept, and the form now
    # carries the draft as it is.
    assert "1.5" in " ".join(re.findall(r"<ins[^>]*>(.*?)</ins>", html))
    assert note in html
    assert f'name="seen_revision" value="{newer.pk}"' in html
    review.refresh_from_db()
    assert review.status == "in_progress"
    second = client.post(url, {"decision": "agreed", "note": note,
                               "seen_revision": str(newer.pk)})
    assert second.status_code == 302
    review.refresh_from_db()
    assert review.decision == Decision.AGREED


# --- decision safeguards -------------------------------------------------------------------


def test_unanswered_comments_are_warned_of_before_deciding(client, review, officer, forum_rep,
                                                           section_ids):
    comment = services.comment_submit(review=review, author=forum_rep, block_id=section_ids[0],
                                      body="<p>Please say what happens on snow days.</p>")
    client.force_login(forum_rep)
    assert "1 comment has not been answered by the council yet" in _draft_page(client, review)
    services.comment_answer(comment=comment, officer=officer, disposition="accepted")
    assert "not been answered by the council yet" not in _draft_page(client, review)


def test_the_comment_form_says_comments_are_published_without_a_name(client, review,
                                                                     forum_rep):
    client.force_login(forum_rep)
    html = _draft_page(client, review)
    assert "published on the website without your name" in html
    assert "such as a name or an address" in html


def test_every_forum_representative_is_emailed_the_decision_once(
        review, forum_rep, other_rep, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    decision_mails = [m for m in mail.outbox if "forum's decision" in m.subject]
    # Both representatives, and the officers, who have the council's side to write.
    assert sorted(m.to[0] for m in decision_mails) == [forum_rep.email, "officer@example.org",
                                                       other_rep.email]
    assert "agreed" in decision_mails[0].subject
    assert "If this is not what the forum agreed" in decision_mails[0].body
    # A retried task sends nothing twice.
    assert notice_tasks.send_staff_notices() == 0
    assert SentEmail.objects.filter(kind="staff:review_decided").count() == 3


def test_one_agreement_decides_by_default(review, forum_rep):
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    review.refresh_from_db()
    assert review.decision == Decision.AGREED
    assert not ReviewAgreement.objects.exists()


def test_with_two_needed_the_first_agreement_waits_and_the_second_completes_it(
        client, review, tree, forum_rep, other_rep, django_capture_on_commit_callbacks):
    _needed(2)
    mail.outbox.clear()
    client.force_login(forum_rep)
    url = reverse("forum_decide", args=[review.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "agreed", "seen_revision": review.revision_id})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "in_progress" and review.decision == ""
    assert not [m for m in mail.outbox if "forum's decision" in m.subject]
    assert EvidenceEntry.objects.filter(kind=EvidenceEntry.Kind.REVIEW_AGREEMENT_PENDING).exists()
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "waiting for confirmation" in html
    # The same representative pressing again does not make two.
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    review.refresh_from_db()
    assert review.decision == ""
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(review=review, user=other_rep, decision=Decision.AGREED)
    review.refresh_from_db()
    assert review.decision == Decision.AGREED and review.decided_by == other_rep
    assert PolicyPage.objects.get(pk=tree.policy.pk).in_short == "A clearer summary for families."
    # Both representatives and the officer.
    assert len([m for m in mail.outbox if "forum's decision" in m.subject]) == 3


def test_with_two_needed_an_agreement_to_words_since_changed_does_not_count(
        review, tree, officer, forum_rep, other_rep):
    _needed(2)
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    _change_walking_distances(tree, officer)
    services.review_decide(review=review, user=other_rep, decision=Decision.AGREED)
    review.refresh_from_db()
    assert review.decision == ""


def test_with_two_needed_a_stated_disagreement_is_kept_when_the_second_agrees(
        review, forum_rep, other_rep, section_ids):
    _needed(2)
    services.review_decide(
        review=review, user=forum_rep, decision=Decision.AGREED_WITH_DISAGREEMENT,
        disagreements=[{"topic": "Walking distance", "forum_position": "Too far for under-8s.",
                        "block_id": section_ids[1], "section_heading": "Walking distances"}])
    services.review_decide(review=review, user=other_rep, decision=Decision.AGREED)
    review.refresh_from_db()
    assert review.decision == Decision.AGREED_WITH_DISAGREEMENT
    assert review.disagreements.get().forum_position == "Too far for under-8s."


def test_with_two_needed_one_representative_can_still_send_a_draft_back(review, forum_rep):
    _needed(2)
    services.review_decide(review=review, user=forum_rep, decision=Decision.CHANGES_REQUESTED,
                           note="Say what happens on snow days.")
    review.refresh_from_db()
    assert review.decision == Decision.CHANGES_REQUESTED


# --- what changed since the representative last looked --------------------------------------


def test_the_page_shows_what_changed_since_the_representative_last_looked(
        client, review, tree, officer, forum_rep):
    client.force_login(forum_rep)
    assert "Changed since you last looked" not in _draft_page(client, review)
    _change_walking_distances(tree, officer)
    html = _draft_page(client, review)
    assert "Changed since you last looked" in html
    since = html[html.index('id="since-last-read"'):]
    assert "Walking distances" in since[:since.index("</div>")]
    # Once seen, it is not shown again.
    assert "Changed since you last looked" not in _draft_page(client, review)


# --- warnings before sending: words that answered comments, words from an older version -----


def _resolved_walking_comment(review, tree, officer, forum_rep, section_ids):
    comment = services.comment_submit(review=review, author=forum_rep, block_id=section_ids[1],
                                      section_heading="Walking distances",
                                      body="<p>Two miles is too far for under-8s.</p>")
    services.comment_answer(comment=comment, officer=officer, disposition="accepted")
    revision = _change_walking_distances(tree, officer)
    services.comments_resolve(comments=[comment], revision=revision, officer=officer)
    return comment


def test_a_draft_taking_out_words_that_answered_a_comment_is_warned_of(
        client, review, tree, officer, forum_rep, section_ids):
    _resolved_walking_comment(review, tree, officer, forum_rep, section_ids)
    client.force_login(forum_rep)
    assert "takes out words that answered forum comments" not in _draft_page(client, review)
    _change_walking_distances(tree, officer, words="Children under 8 walk up to 2 miles.")
    html = _draft_page(client, review)
    assert re.search(r"takes out words that answered forum comments:\s*“Walking distances”",
                     html)
    # The officer is warned in the editor, before sending.
    client.force_login(officer)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[tree.policy.pk]))
    assert "takes out words that answered forum comments" in editor.content.decode()


def test_a_draft_putting_back_words_of_an_earlier_version_is_warned_of(
        client, review, tree, officer, forum_rep):
    _change_walking_distances(tree, officer)
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    # Version 2 says 1.5 miles; a new draft is made from version 1's words.
    next_review = send_to_forum(PolicyPage.objects.get(pk=tree.policy.pk), officer)
    _change_walking_distances(tree, officer, words="Children under 8 walk up to 2 miles.")
    client.force_login(forum_rep)
    html = _draft_page(client, next_review)
    assert re.search(r"puts back words from an earlier version, not the one the public reads "
                     r"now, in:\s*Walking distances", html)


def _send_back_and_resubmit(tree, officer, review, rep):
    services.review_decide(review=review, user=rep, decision=Decision.CHANGES_REQUESTED,
                           note="Say who to ring, please.")
    draft = tree.policy.get_latest_revision_as_object()
    draft.in_short = "Ring the transport team first."
    draft.save_revision(user=officer)
    tree.policy.refresh_from_db()
    tree.policy.current_workflow_state.resume(officer)
    return tree.policy.current_workflow_task_state.specific


def test_after_a_resubmit_no_draft_page_says_it_changed_since_you_last_looked(
        client, review, tree, officer, forum_rep, other_rep):
    client.force_login(forum_rep)
    _draft_page(client, review)
    # Another representative sends back a newer draft than the one this one read.
    _change_walking_distances(tree, officer)
    second = _send_back_and_resubmit(tree, officer, review, other_rep)
    # The finished review is a record of the draft decided on, not a draft that moved on.
    finished = _draft_page(client, review)
    assert 'id="decided-draft"' in finished
    assert "Changed since you last looked" not in finished
    for _ in range(2):
        assert "Changed since you last looked" not in _draft_page(client, second)
    assert "Changed since you last looked" not in _draft_page(client, review)


# --- a finished review against the version before it -----------------------------------------


def test_a_finished_review_compares_the_decided_draft_with_the_version_before_it(
        client, review, tree, officer, forum_rep):
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    tree.policy.refresh_from_db()
    assert tree.policy.live_revision_id == review.revision_id  # published: live = decided
    client.force_login(forum_rep)
    html = _draft_page(client, review)
    assert "0 sections changed" not in html
    assert "Against the version the public read before this decision, 1 section changed" in html
    added = " ".join(re.findall(r"<ins[^>]*>(.*?)</ins>", html))
    assert "clearer" in added


def test_a_review_sent_back_compares_with_the_version_live_when_it_finished(
        client, review, tree, officer, forum_rep):
    second = _send_back_and_resubmit(tree, officer, review, forum_rep)
    client.force_login(forum_rep)
    html = _draft_page(client, review)
    assert "Against the version the public read before this decision, 1 section changed" in html
    assert "Against the version the public reads now, 1 section changed" in _draft_page(
        client, second)


def test_a_finished_review_does_not_warn_that_the_published_draft_puts_back_its_own_words(
        client, review, tree, officer, forum_rep):
    _change_walking_distances(tree, officer)
    services.review_decide(review=review, user=forum_rep, decision=Decision.AGREED)
    client.force_login(forum_rep)
    html = _draft_page(client, review)
    assert "Against the version the public read before this decision, 2 sections changed" in html
    # The draft is what this decision published: it restored nothing and undid nothing.
    assert "puts back words from an earlier version" not in html
    assert "takes out words that answered forum comments" not in html
