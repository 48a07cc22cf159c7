"""The list of removals (Forum reviews > Removals of personal details) names each record in
plain words with a link to where the officer sees it, not by its label
("charter.forumcomment:12"), and says truly who reads each removal's reason: for a forum
comment the forum too; the copy no longer says the forum reads every reason."""

import pytest
from django.urls import reverse

from charter import record
from charter.models import ForumComment
from tests.charter.test_public_record import second_version  # noqa: F401  (the fixture)
from tests.charter.test_removal_reason_beside_the_log import REASON

pytestmark = pytest.mark.django_db


def test_a_forum_comment_is_named_and_linked(client, login_as, second_version, officer):  # noqa: F811
    comment = ForumComment.objects.get(page=second_version)
    entry = record.text_remove(record=comment, officer=officer, reason=REASON)
    login_as("officer")
    html = client.get(reverse("charter_removals")).content.decode()
    link = reverse("charter_page_comments", args=[comment.page_id])
    title = second_version.title
    assert f'<a href="{link}">Forum comment on “{title}”</a>' in html
    assert f"charter.forumcomment:{comment.pk}" not in html
    assert "Officers, the forum and the board" in html
    assert "where the forum, the board and officers read it" not in html
    asked = client.get(reverse("charter_remove_reason", args=[entry.sequence]))
    assert f'<a href="{link}">Forum comment on “{title}”</a>' in asked.content.decode()
    assert "(officers, the forum and the board)" in asked.content.decode()


def test_a_record_since_deleted_keeps_its_label(client, login_as, second_version, officer):  # noqa: F811
    comment = ForumComment.objects.get(page=second_version)
    record.text_remove(record=comment, officer=officer, reason=REASON)
    label = f"charter.forumcomment:{comment.pk}"
    ForumComment.objects.filter(pk=comment.pk).delete()
    login_as("officer")
    html = client.get(reverse("charter_removals")).content.decode()
    assert f"{label} (no longer kept)" in html
