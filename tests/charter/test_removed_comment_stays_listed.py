"""A forum comment (and its answer) whose personal details an officer removed stays in every
list of comments, in its place, as the placeholder: the forum's draft page, the public
comparison of versions (English and Polish), the board's page, pack and CSVs, and the
officers' list keep as many comments and rows as before, so comparing a list before and
after tells nothing beyond what "Removed on DATE: personal details" says (issue 15)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charter.models import ForumComment
from tests.charter.test_public_record import second_version  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
WORDS = "Two miles is too far"


def _items(response, url: str, comment_id: int) -> int:
    text = response.content.decode()
    if url.endswith(".csv"):
        # The record's rows start "comment,"; the page's comments CSV rows with the comment's
        # id (not 1 on PostgreSQL, whose ids are not reset between tests).
        return sum(1 for line in text.splitlines()
                   if line.lstrip("\ufeff").startswith(("comment,", f"{comment_id},")))
    return text.count('class="portal-comment"') + text.count('id="comment-')


def test_a_removed_comment_keeps_its_place_in_every_list(client, login_as,
                                                         second_version):  # noqa: F811
    comment = ForumComment.objects.get(page=second_version)
    login_as("officer")
    places = [reverse("forum_draft", args=[comment.review_id]),
              second_version.url + "compare/1/2/",
              "/pl" + second_version.url + "compare/1/2/",
              reverse("board_page", args=[second_version.pk]),
              reverse("board_pack", args=[second_version.pk]),
              reverse("board_csv", args=[second_version.pk]),
              reverse("board_record_csv"),
              reverse("charter_page_comments", args=[second_version.pk])]
    before = {url: _items(client.get(url), url, comment.pk) for url in places}
    assert all(before.values()), before
    for kind in ("comment", "answer-to"):
        client.post(reverse("charter_remove_text", args=[kind, comment.pk]),
                    {"reason": "It names a child."})
    for url in places:
        response = client.get(url)
        html = response.content.decode()
        assert WORDS not in html, url
        assert _items(response, url, comment.pk) == before[url], url
        assert "Removed on " in html or "Usunięto " in html, url
