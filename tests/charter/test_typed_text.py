"""What forum representatives and officers type is kept as typed and shown as typed.

Comments, their edits, the council's answers, disagreement positions and notes: stored
once as typed (evidence log included), escaped where shown, paragraphs kept, exported
with the typed characters.
"""

import csv
import io
import json

import pytest
from django.urls import reverse

from charter import chain, services
from charter.models import Disagreement, EvidenceEntry, ForumComment, ForumReviewTaskState

pytestmark = pytest.mark.django_db

ADDRESS = "I wrote to <transport@example.gov.uk> and heard nothing."
PARAGRAPHS = "First, the bus was late.\r\n\r\nSecond, <nobody rang> us."


def _comment(client, review, block_id, body, **extra):
    return client.post(reverse("forum_comment", args=[review.pk]),
                       {"block_id": block_id, "body": body, **extra})


def _log(kind):
    """Each entry's payload with the texts kept beside the chain put back in place; the
    chain itself holds only each text's salted digest."""
    logged = []
    for entry in EvidenceEntry.objects.filter(kind=kind).prefetch_related("texts"):
        payload = json.loads(entry.payload_json)
        for kept in entry.texts.all():
            assert payload[kept.field] == {"text_sha256": chain.text_digest(kept.salt, kept.text)}
            payload[kept.field] = kept.text
        logged.append(payload)
    return logged


def test_an_address_in_angle_brackets_is_stored_logged_and_shown(client, review, login_as,
                                                                   section_ids):
    login_as("forum_rep")
    assert _comment(client, review, section_ids[0], ADDRESS).status_code == 302
    assert ForumComment.objects.get().body == ADDRESS
    assert _log(EvidenceEntry.Kind.COMMENT_MADE)[0]["body"] == ADDRESS
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "&lt;<a href=\"mailto:transport@example.gov.uk\"" in html
    assert "&gt; and heard nothing." in html


def test_paragraphs_typed_with_blank_lines_stay_paragraphs(client, review, login_as,
                                                           section_ids):
    login_as("forum_rep")
    _comment(client, review, section_ids[0], PARAGRAPHS)
    assert ForumComment.objects.get().body == PARAGRAPHS.replace("\r\n", "\n")
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "<p>First, the bus was late.</p><p>Second, &lt;nobody rang&gt; us.</p>" in html


def test_scripts_are_stored_as_typed_and_never_run(client, review, login_as, section_ids):
    typed = ('<p>See <a href="javascript:alert(1)">this</a> and '
             '<a href="https://www.gov.uk/school-transport">GOV.UK</a>.</p>'
             "<script>alert('x')</script><b>Bold</b>")
    login_as("forum_rep")
    _comment(client, review, section_ids[0], typed)
    assert ForumComment.objects.get().body == typed
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert ('<a href="https://www.gov.uk/school-transport" rel="nofollow noopener">GOV.UK</a>'
            in html)
    assert "<b>Bold</b>" in html


def test_the_edit_box_shows_exactly_what_was_typed(client, review, login_as, section_ids):
    typed = 'See <a href="https://www.gov.uk/">GOV.UK</a> & <transport@example.gov.uk>'
    login_as("forum_rep")
    _comment(client, review, section_ids[0], typed)
    comment = ForumComment.objects.get()
    html = client.get(reverse("forum_comment_edit", args=[comment.pk])).content.decode()
    box = html.split('name="body"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    assert box == ("See &lt;a href=&quot;https://www.gov.uk/&quot;&gt;GOV.UK&lt;/a&gt; &amp; "
                   "&lt;transport@example.gov.uk&gt;")
    assert "rel=" not in box


def test_an_edit_is_stored_and_logged_as_typed(client, review, login_as, section_ids):
    login_as("forum_rep")
    _comment(client, review, section_ids[0], "First wording.")
    comment = ForumComment.objects.get()
    client.post(reverse("forum_comment_edit", args=[comment.pk]),
                {"body": ADDRESS, "quote": "Fish & <chips>"})
    comment.refresh_from_db()
    assert (comment.body, comment.quote) == (ADDRESS, "Fish & <chips>")
    assert _log(EvidenceEntry.Kind.COMMENT_EDITED)[0]["body"] == ADDRESS


def test_invisible_controls_are_removed_and_a_null_is_no_error(client, review, login_as,
                                                               section_ids):
    login_as("forum_rep")
    response = _comment(client, review, section_ids[0],
                        "Pay\x00ment for \u202etxt.exe and the bus\u200b.")
    assert response.status_code == 302
    assert ForumComment.objects.get().body == "Payment for txt.exe and the bus."


def test_arabic_comments_keep_their_characters(client, review, login_as, section_ids):
    arabic = "الحافلة تتأخر كل يوم\u200f. شكراً\u200c!"
    login_as("forum_rep")
    _comment(client, review, section_ids[0], arabic)
    assert ForumComment.objects.get().body == arabic
    assert arabic in client.get(reverse("forum_draft", args=[review.pk])).content.decode()


def test_the_councils_answer_keeps_what_the_officer_typed(client, review, forum_rep,
                                                          login_as, section_ids):
    comment = services.comment_submit(review=review, author=forum_rep, body="Why 2 miles?",
                                      block_id=section_ids[0])
    login_as("officer")
    reason = "The law says <2 miles> for under-8s.\r\n\r\nAsk us at <transport@example.gov.uk>."
    response = client.post(reverse("charter_answer_comment", args=[comment.pk]),
                           {"disposition": "not_accepted", "reason": reason})
    assert response.status_code == 302
    comment.answer.refresh_from_db()
    assert comment.answer.reason == reason.replace("\r\n", "\n")
    assert _log(EvidenceEntry.Kind.COMMENT_ANSWERED)[0]["reason"] == comment.answer.reason
    login_as("forum_rep")
    html = client.get(reverse("forum_draft", args=[review.pk])).content.decode()
    assert ("<p>The law says &lt;2 miles&gt; for under-8s.</p>\n\n"
            "<p>Ask us at &lt;transport@example.gov.uk&gt;.</p>") in html


def test_disagreement_positions_are_kept_and_shown_in_paragraphs(client, review, login_as):
    position = "Too far <for> our children.\n\nWe asked for 1.5 miles & a review."
    login_as("forum_rep")
    response = client.post(reverse("forum_decide", args=[review.pk]), {
        "decision": "agreed_with_disagreement", "seen_revision": review.revision_id,
        "disagreement_topic": "Walking <distance>", "disagreement_position": position})
    assert response.status_code == 302
    disagreement = Disagreement.objects.get()
    assert (disagreement.topic, disagreement.forum_position) == ("Walking <distance>", position)
    assert _log(EvidenceEntry.Kind.DISAGREEMENT_STATED)[0]["forum_position"] == position
    html = client.get(reverse("forum_disagreement", args=[disagreement.pk])).content.decode()
    assert ("<p>Too far &lt;for&gt; our children.</p>\n\n"
            "<p>We asked for 1.5 miles &amp; a review.</p>") in html


def test_a_note_sending_the_draft_back_is_kept_as_typed(client, review, login_as):
    login_as("forum_rep")
    client.post(reverse("forum_decide", args=[review.pk]), {
        "decision": "changes_requested", "seen_revision": review.revision_id,
        "note": "Say what <happens> on snow days\x00."})
    review.refresh_from_db()
    assert review.decision_note == "Say what <happens> on snow days."
    assert review.decision == ForumReviewTaskState.Decision.CHANGES_REQUESTED


def test_the_board_csv_holds_the_typed_characters(client, review, forum_rep, officer,
                                                   login_as, tree):
    comment = services.comment_submit(review=review, author=forum_rep, body=ADDRESS,
                                      quote="Fish & chips")
    services.comment_answer(comment=comment, officer=officer, disposition="partly",
                            reason="We will <try> & see.")
    login_as("board_member")
    response = client.get(reverse("board_csv", args=[tree.policy.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][3:7] == ["Fish & chips", ADDRESS, "Partly accepted", "We will <try> & see."]
    assert "&lt;" not in response.content.decode() and "&amp;" not in response.content.decode()
    html = client.get(reverse("board_page", args=[tree.policy.pk])).content.decode()
    assert "&lt;<a href=\"mailto:transport@example.gov.uk\"" in html
