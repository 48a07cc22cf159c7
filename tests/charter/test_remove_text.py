"""An officer removes a personal text from the Wagtail admin: with a reason, after a
confirmation step, logged; every place the text appeared then says when and why it went."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from charter import services
from charter.models import EvidenceEntry, ForumComment
from tests.charter.test_public_record import second_version  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
WORDS = "Two miles is too far for children under 8."
ANSWER = "Under-8s now walk up to 1.5 miles."


@pytest.fixture
def comment(second_version):  # noqa: F811
    return ForumComment.objects.get(page=second_version)


def _url(kind, pk):
    return reverse("charter_remove_text", args=[kind, pk])


def _public_notice(language: str = "en") -> str:
    """What a public page shows in place of a removed text, in ``language``."""
    with translation.override(language):
        return gettext("Removed on %(date)s: personal details") % {
            "date": date_format(timezone.localdate(), "j E Y")}


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member",
                                  "officer", "admin"])
def test_only_officers_and_administrators_remove_a_text(client, login_as, comment, role):
    login_as(role)
    page = client.get(_url("comment", comment.pk))
    sent = client.post(_url("comment", comment.pk), {"reason": "It names a child."})
    comment.refresh_from_db()
    if role in ("officer", "admin"):
        assert page.status_code == 200
        assert WORDS in page.content.decode()  # the officer sees what is about to go
        assert sent.status_code == 302
        assert WORDS not in comment.body
    else:
        assert page.status_code in (302, 403) and sent.status_code in (302, 403)
        if page.status_code == 302:
            assert "login" in page["Location"] or "sign-in" in page["Location"]
        assert comment.body == f"<p>{WORDS}</p>"
        assert not EvidenceEntry.objects.filter(kind="text_removed").exists()


def test_asking_removes_nothing_and_a_reason_is_required(client, login_as, comment):
    login_as("officer")
    html = client.get(_url("comment", comment.pk)).content.decode()
    assert "It cannot be put back" in html and "Yes, remove the personal details" in html
    response = client.post(_url("comment", comment.pk), {"reason": "   "})
    assert response.status_code == 400
    assert "Give the reason the text is removed." in response.content.decode()
    comment.refresh_from_db()
    assert WORDS in comment.body
    assert not EvidenceEntry.objects.filter(kind="text_removed").exists()


def test_an_unknown_record_is_not_found(client, login_as, comment):
    login_as("officer")
    assert client.get(_url("comment", 99999)).status_code == 404
    assert client.get(_url("nonsense", comment.pk)).status_code == 404


def test_the_officers_comment_list_offers_the_removal(client, login_as, comment):
    login_as("officer")
    html = client.get(reverse("charter_page_comments", args=[comment.page_id])).content.decode()
    assert _url("comment", comment.pk) in html
    assert _url("answer-to", comment.pk) in html


def test_a_removed_text_says_when_and_why_everywhere_it_appeared(
        client, login_as, comment, second_version, tree, officer):  # noqa: F811
    login_as("officer")
    client.post(_url("comment", comment.pk), {"reason": "It names a child."})
    response = client.post(_url("answer-to", comment.pk), {"reason": "It names a school."})
    assert response.status_code == 302
    assert response["Location"] == reverse("charter_page_comments", args=[comment.page_id])

    entries = EvidenceEntry.objects.filter(kind="text_removed").order_by("sequence")
    # The reason may hold the very details removed: beside the entry, its hash in public.
    assert all(set(json.loads(e.payload_json)["reason"]) == {"text_sha256"} for e in entries)
    assert [e.texts.get(field="reason").text for e in entries] == [
        "It names a child.", "It names a school."]
    assert [json.loads(e.payload_json)["fields"] for e in entries] == [["body"], ["reason"]]
    assert services.evidence_verify().intact

    places = {
        "forum draft page": reverse("forum_draft", args=[comment.review_id]),
        "public comparison": second_version.url + "compare/1/2/",
        "board page": reverse("board_page", args=[second_version.pk]),
        "board pack": reverse("board_pack", args=[second_version.pk]),
        "officers' list": reverse("charter_page_comments", args=[second_version.pk]),
    }
    for where, url in places.items():
        html = client.get(url).content.decode()
        assert WORDS not in html and ANSWER not in html, where
        assert "Removed on " in html, where
        # The forum, the board and officers read the reason; the public, only the day.
        if where == "public comparison":
            assert "It names a child." not in html and "It names a school." not in html
            assert html.count(_public_notice()) == 2
        else:
            assert "It names a child." in html, where
    for where in ("board page", "board pack"):
        assert "It names a school." in client.get(places[where]).content.decode(), where

    lines = b"".join(client.get(reverse("board_record_download")).streaming_content).decode()
    assert WORDS not in lines and ANSWER not in lines
    entries = [json.loads(line) for line in lines.splitlines()]
    texts = [text for line in entries if line["type"] == "entry"
             for text in line.get("texts", {}).values()]
    # A text erased names its removal; the typed reason is kept beside that entry only.
    reasons = {text["reason"] for text in texts if "removed" in text}
    removals = [line for line in entries if line.get("kind") == "text_removed"]
    assert reasons == {f"personal details (removal: entry {line['sequence']})"
                       for line in removals}
    assert [line["texts"]["reason"]["text"] for line in removals] == [
        "It names a child.", "It names a school."]


def test_the_forums_note_with_its_decision_can_be_removed_from_the_admin(client, login_as,
                                                                         comment):
    from charter.selectors import page_reviews

    review = page_reviews(comment.page_id).first()
    review.decision_note = "Agreed, but Amira at Oak Road still waits 40 minutes."
    review.save(update_fields=["decision_note"])
    login_as("officer")
    listing = reverse("charter_page_comments", args=[comment.page_id])
    html = client.get(listing).content.decode()
    assert "Amira at Oak Road" in html and _url("decision", review.pk) in html
    sent = client.post(_url("decision", review.pk), {"reason": "It names a child."})
    assert sent.status_code == 302
    review.refresh_from_db()
    assert "Amira" not in review.decision_note
    assert "Amira" not in client.get(listing).content.decode()
    assert EvidenceEntry.objects.filter(kind="text_removed").count() == 1


REASON = "It names Amira Khan, who is eight."


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_public_pages_show_the_day_and_personal_details_never_the_reason(
        client, login_as, comment, second_version, language):  # noqa: F811
    disagreement = second_version.disagreements.get()
    login_as("officer")
    for kind, pk in (("comment", comment.pk), ("answer-to", comment.pk),
                     ("disagreement", disagreement.pk)):
        assert client.post(_url(kind, pk), {"reason": REASON}).status_code == 302
    client.logout()
    prefix = "" if language == "en" else f"/{language}"
    pages = {"policy page": prefix + second_version.url,
             "public comparison": prefix + second_version.url + "compare/1/2/"}
    notice = _public_notice(language)
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        html = response.content.decode()
        assert "Amira" not in html and "eight" not in html, where
        assert "Three miles is too far" not in html and WORDS not in html, where
        assert notice in html, where
        if language != "en":
            assert _public_notice() not in html, where
    policy = client.get(pages["policy page"]).content.decode()
    # The topic and the forum's position, near the top and by the section.
    assert policy.count(notice) == 4
    assert not re.search(r'lang="en"[^>]*>\s*<span class="portal-muted">', policy)


def test_a_text_that_only_looks_like_a_notice_is_shown_as_typed():
    from charter.record import removal_notice, removed_on

    day = timezone.localdate()
    assert removed_on(removal_notice(when=day, reason="It: names\na child")) == day
    assert removed_on("<p>" + removal_notice(when=day, reason="x") + "</p>") == day
    assert removed_on(removal_notice(when=day, reason="x" * 300)[:200]) == day
    assert removed_on("We removed on 3 May 2026: the stop.") is None
    assert removed_on("Removed on 31 Smarch 2026: x") is None
    assert removed_on("") is None and removed_on(None) is None
