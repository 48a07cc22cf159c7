# ruff: noqa: F811 - the second_version fixture imported from test_public_record
"""The forum's pages, which are translated, show a text removed as personal details as
"Removed on DATE: reason" in the reader's language, its date too, on /pl/ and /ar/ (not in
English); the board's pages stay English."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from charter.models import ForumComment
from tests.charter.test_public_record import second_version  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

REASON = "It named Amira Khan, who is eight."
SAID = {"pl": "Usunięto", "ar": "حُذفت في"}


def _remove(client, kind, pk):
    response = client.post(reverse("charter_remove_text", args=[kind, pk]), {"reason": REASON})
    assert response.status_code == 302


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_the_forum_reads_the_removal_in_its_language(client, login_as, second_version,
                                                     language):  # noqa: F811
    comment = ForumComment.objects.get(page=second_version)
    disagreement = second_version.disagreements.get()
    login_as("officer")
    _remove(client, "comment", comment.pk)
    _remove(client, "answer-to", comment.pk)
    _remove(client, "disagreement", disagreement.pk)
    login_as("forum_rep")
    with translation.override(language):
        pages = [reverse("forum_draft", args=[comment.review_id]),
                 reverse("forum_disagreement", args=[disagreement.pk]),
                 reverse("forum_home")]
    for url in pages:
        assert url.startswith(f"/{language}/")
        # What the page shows (a form's box keeps the stored words, to be changed).
        html = re.sub(r"<textarea.*?</textarea>", "", client.get(url).content.decode(),
                      flags=re.S)
        assert REASON in html and SAID[language] in html, url
        assert "Removed on" not in html, url
    # The board's pages are English only, as before.
    login_as("board_member")
    board = client.get(reverse("board_page", args=[second_version.pk])).content.decode()
    assert "Removed on" in board and REASON in board
