"""A forum representative editing their English comment on the Polish or Arabic forum: the
edit box holding it is marked English, so a screen reader reads it in an English voice
(WCAG 3.1.2), as the comment itself is where it is shown."""

import re

import pytest
from django.contrib.auth.models import User

from charter.models import ForumComment

pytestmark = pytest.mark.django_db


def _edit_page(client, prefix: str) -> str:
    rep = User.objects.get(username="forumrep")
    client.force_login(rep)
    for comment in ForumComment.objects.filter(author=rep).order_by("pk"):
        response = client.get(f"{prefix}/forum/comments/{comment.pk}/edit/")
        if response.status_code == 200 and 'name="body"' in response.content.decode():
            return response.content.decode()
    raise AssertionError("the demo has a comment its author can still edit")


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_the_box_holding_an_english_comment_is_marked_english(demo, client, language):
    html = _edit_page(client, f"/{language}")
    box = re.search(r'<textarea[^>]*name="body"[^>]*>', html).group(0)
    assert 'lang="en" dir="ltr"' in box, box


def test_the_english_edit_box_is_not_marked(demo, client):
    html = _edit_page(client, "")
    box = re.search(r'<textarea[^>]*name="body"[^>]*>', html).group(0)
    assert "lang=" not in box
