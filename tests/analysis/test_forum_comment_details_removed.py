# ruff: noqa: F811 - the fixtures imported from test_write_up
"""An officer removes personal details from one forum representative's comment on a coding
frame or on a write-up, by itself (a rep wrote "Jan Zieliński's mum told me…"): from the
frame page or the analysis page, through the charter's removal route, either chosen words or
the whole comment, with a reason kept beside the log; the write-up and the other comments
stay as they were. Before, such a comment was cleaned only as a side effect of removing
words from a quote or from the whole write-up."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from analysis import writeup_services
from analysis.models import FrameComment, WriteUp, WriteUpComment
from analysis.writeup import REMOVED
from charter.models import EvidenceEntry, EvidenceText
from charter.record import evidence_verify
from tests.analysis.test_write_up import coded  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("term_day")

REASON = "It named a child's mother."
NAMED = "Jan Zieliński's mum told me the bus is always late."
OTHER = "Add a theme about the drivers."
ON_WRITE_UP = "Jan Zielinski's mum told us the same."


@pytest.fixture
def commented(frame, consultation, coded, officer, forum_rep):
    """Two proposals on the frame (one naming a child's mother) and a comment on the write-up
    naming her too; the write-up is with the forum."""
    writeup_services.frame_send(frame=frame, user=officer)
    named = writeup_services.frame_comment(frame=frame, user=forum_rep, proposal="other",
                                           text=NAMED)
    other = writeup_services.frame_comment(frame=frame, user=forum_rep, proposal="add",
                                           text=OTHER)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    draft = writeup_services.write_up_generate(consultation=consultation, user=officer)
    writeup_services.write_up_send(write_up=draft, user=officer)
    on_write_up = writeup_services.write_up_comment(write_up=draft, user=forum_rep,
                                                    text=ON_WRITE_UP)
    return {"named": named, "other": other, "on_write_up": on_write_up,
            "write_up": WriteUp.objects.get(pk=draft.pk)}


def _url(kind, pk):
    return reverse("charter_remove_text", args=[kind, pk])


def _frame_page(client, frame, language=""):
    prefix = f"/{language}" if language else ""
    return client.get(f"{prefix}/forum/analysis/frames/{frame.pk}/").content.decode()


def _analysis_page(client, consultation, language=""):
    prefix = f"/{language}" if language else ""
    return client.get(f"{prefix}/forum/analysis/consultations/{consultation.pk}/"
                      ).content.decode()


def test_officers_find_a_removal_link_beside_each_comment_and_the_forum_does_not(
        client, frame, consultation, commented, officer, forum_rep):
    client.force_login(officer)
    frame_html = _frame_page(client, frame)
    assert _url("frame-comment", commented["named"].pk) in frame_html
    assert _url("frame-comment", commented["other"].pk) in frame_html
    assert _url("write-up-comment", commented["on_write_up"].pk) in _analysis_page(
        client, consultation)
    client.force_login(forum_rep)
    assert "/admin/forum-reviews/remove/" not in _frame_page(client, frame)
    assert "/admin/forum-reviews/remove/" not in _analysis_page(client, consultation)


def test_chosen_words_leave_one_frame_comment_and_nothing_else(
        client, frame, consultation, commented, officer, forum_rep):
    named, write_up = commented["named"], commented["write_up"]
    client.force_login(officer)
    form = client.get(_url("frame-comment", named.pk)).content.decode()
    assert "Jan Zieliński" in form  # the officer reads what they remove from
    response = client.post(_url("frame-comment", named.pk),
                           {"words": "Jan Zieliński", "reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis_frame", args=[frame.pk])
    assert FrameComment.objects.get(pk=named.pk).text == (
        f"{REMOVED} mum told me the bus is always late.")
    # Only that comment: the other proposal, the write-up's comment and its draft stay.
    assert FrameComment.objects.get(pk=commented["other"].pk).text == OTHER
    assert WriteUpComment.objects.get().text == ON_WRITE_UP
    assert WriteUp.objects.get(pk=write_up.pk).text == write_up.text
    [entry] = EvidenceEntry.objects.filter(kind="text_removed")
    payload = json.loads(entry.payload_json)
    assert payload["record"] == f"analysis.framecomment:{named.pk}"
    assert payload["fields"] == ["text"] and payload["chosen_words"] == 1
    assert REASON not in entry.payload_json and "Zieli" not in entry.payload_json
    assert EvidenceText.objects.filter(entry=entry, field="reason", text=REASON).exists()
    assert evidence_verify().intact
    client.force_login(forum_rep)
    html = _frame_page(client, frame)
    assert "Zieli" not in html and "always late" in html


def test_a_whole_write_up_comment_reads_the_notice_in_the_readers_language(
        client, frame, consultation, commented, officer, forum_rep, login_as):
    comment = commented["on_write_up"]
    client.force_login(officer)
    response = client.post(_url("write-up-comment", comment.pk), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == reverse("analysis_page", args=[consultation.pk])
    assert WriteUpComment.objects.get().text == "Removed on 20 January 2027: personal details"
    [entry] = EvidenceEntry.objects.filter(kind="text_removed")
    assert json.loads(entry.payload_json)["record"] == f"analysis.writeupcomment:{comment.pk}"
    # Officers read the reason; the forum reads only "personal details", in Polish on the
    # Polish page; nobody reads the name.
    officer_html = _analysis_page(client, consultation)
    assert f"Removed on 20 January 2027: {REASON}".replace("'", "&#x27;") in officer_html
    assert "Zieli" not in officer_html
    assert _url("write-up-comment", comment.pk) not in officer_html  # nothing left to remove
    client.force_login(forum_rep)
    english = _analysis_page(client, consultation)
    assert "Removed on 20 January 2027: personal details" in english
    assert "child&#x27;s mother" not in english and "Zieli" not in english
    polish = _analysis_page(client, consultation, "pl")
    assert "Usunięto 20 stycznia 2027: dane osobowe" in polish
    arabic = _analysis_page(client, consultation, "ar")
    assert "حُذفت في" in arabic and "بيانات شخصية" in arabic and "Zieli" not in arabic
    # The frame's comments were not touched.
    assert FrameComment.objects.get(pk=commented["named"].pk).text == NAMED
    # The officers' removals list names it.
    client.force_login(officer)
    listed = client.get(reverse("charter_removals")).content.decode()
    assert "Forum comment on the write-up of" in listed


@pytest.mark.parametrize("kind", ["frame-comment", "write-up-comment"])
@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member",
                                  "officer"])
def test_only_officers_remove_a_forum_comments_details(client, login_as, commented, kind,
                                                       role):
    comment = commented["named"] if kind == "frame-comment" else commented["on_write_up"]
    before = comment.text
    login_as(role)
    page = client.get(_url(kind, comment.pk))
    sent = client.post(_url(kind, comment.pk), {"words": "Jan", "reason": REASON})
    comment.refresh_from_db()
    if role == "officer":
        assert page.status_code == 200 and sent.status_code == 302
        assert comment.text != before and "Jan " not in comment.text
        assert EvidenceEntry.objects.filter(kind="text_removed").count() == 1
    else:
        assert page.status_code in (302, 403, 404) and sent.status_code in (302, 403, 404)
        if page.status_code == 302:
            assert "login" in page["Location"] or "sign-in" in page["Location"]
        assert comment.text == before
        assert not EvidenceEntry.objects.filter(kind="text_removed").exists()


def test_words_not_in_the_comment_are_refused_and_the_typed_words_come_back(
        client, commented, officer):
    named = commented["named"]
    client.force_login(officer)
    response = client.post(_url("frame-comment", named.pk),
                           {"words": "Anna Nowak\nJan Zieliński", "reason": REASON})
    assert response.status_code == 400
    html = response.content.decode()
    assert "These words are not in the comment" in html and "“Anna Nowak”" in html
    assert "Anna Nowak\nJan Zieliński</textarea>" in html
    assert REASON.replace("'", "&#x27;") + "</textarea>" in html
    assert FrameComment.objects.get(pk=named.pk).text == NAMED
    assert not EvidenceEntry.objects.filter(kind="text_removed").exists()
    # Without a reason: refused, the words typed still there.
    response = client.post(_url("frame-comment", named.pk),
                           {"words": "Jan Zieliński", "reason": " "})
    assert response.status_code == 400
    assert "Jan Zieliński</textarea>" in response.content.decode()
    assert FrameComment.objects.get(pk=named.pk).text == NAMED


def test_the_policy_comments_removal_form_asks_for_no_chosen_words(client, commented,
                                                                    officer):
    # The write-up's own whole removal keeps its one field: chosen words of a write-up have
    # their own form on the analysis page.
    client.force_login(officer)
    html = client.get(_url("write-up", commented["write_up"].pk)).content.decode()
    assert 'name="words"' not in html
    html = client.get(_url("frame-comment", commented["named"].pk)).content.decode()
    assert 'name="words"' in html
