"""Changing a comment stored as ``<p>`` paragraphs (the demo's, and comments kept from before
comments were stored as typed): the edit box shows the paragraphs with a blank line between
them, not the tags, and saving it unchanged shows the same paragraphs."""

import pytest
from django.urls import reverse

from charter.models import ForumComment
from core.sanitise import for_editing, rich_html

pytestmark = pytest.mark.django_db

STORED = "<p>Two miles is a long way.</p>\n<p>Please say we look at <b>each</b> child.</p>"


def _box(html: str) -> str:
    return html.split('name="body"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]


def test_the_edit_box_shows_paragraphs_not_tags(client, review, login_as, section_ids):
    login_as("forum_rep")
    client.post(reverse("forum_comment", args=[review.pk]),
                {"block_id": section_ids[0], "body": "First wording."})
    comment = ForumComment.objects.get()
    ForumComment.objects.filter(pk=comment.pk).update(body=STORED)
    html = client.get(reverse("forum_comment_edit", args=[comment.pk])).content.decode()
    box = _box(html)
    assert "&lt;p&gt;" not in box and "<p>" not in box
    assert box == ("Two miles is a long way.\n\n"
                   "Please say we look at &lt;b&gt;each&lt;/b&gt; child.")
    # Sent back unchanged, it reads the same as before.
    client.post(reverse("forum_comment_edit", args=[comment.pk]),
                {"body": "Two miles is a long way.\n\nPlease say we look at <b>each</b> child."})
    comment.refresh_from_db()
    assert rich_html(comment.body) == rich_html(STORED)


@pytest.mark.parametrize("stored", [
    "Typed with\n\nblank lines",
    "<p>A paragraph</p><ul><li>and a list</li></ul>",
    '<p class="x">an attribute</p>',
    'See <a href="https://www.gov.uk/">GOV.UK</a>',
])
def test_anything_but_plain_paragraphs_is_given_back_as_stored(stored):
    assert for_editing(stored) == stored


def test_plain_paragraphs_become_blank_line_paragraphs_that_show_the_same():
    assert for_editing("<p>One.</p><p>Two.</p>") == "One.\n\nTwo."
    assert rich_html(for_editing(STORED)) == rich_html(STORED)
