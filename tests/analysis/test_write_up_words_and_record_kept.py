"""The write-up keeps the record and people's words: an agreed write-up is never taken back
off the public pages (a new round instead), taking back agreed themes is logged, the
officer's buttons save the typed words first, a representative's typed comment or proposal
is sent with their agreement or shown back, a new round shows the forum only what it agreed,
and quotes withdrawn since leave every agreed view."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis import writeup_services
from analysis.models import CodingFrame, FrameComment, Theme, WriteUp
from analysis.writeup_selectors import last_sent
from charter.models import EvidenceEntry
from surveys.models import SurveyComment, SurveyPage
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    INTRO,
    _generate,
    _page_url,
    _results,
    _send_and_agree,
    _told_us,
    _url,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

TYPED = "Our own words, typed just now and not saved yet."


def _fresh(write_up) -> WriteUp:
    return WriteUp.objects.get(pk=write_up.pk)


def _agreed_with_intro(published, officer, forum_rep):  # noqa: F811
    write_up = _generate(published, officer)
    writeup_services.write_up_edit(write_up=write_up, user=officer, text=INTRO, findings={})
    return _send_and_agree(_fresh(write_up), officer, forum_rep)


# --- an agreed write-up stays on the record ---------------------------------------------------


def test_an_agreed_write_up_is_not_taken_back_and_a_new_round_keeps_it_public(
        client, settings, published, agreed_frame, officer, forum_rep):  # noqa: F811
    settings.PORTAL_PAGE_CACHE = False
    write_up = _agreed_with_intro(published, officer, forum_rep)
    page = SurveyPage.objects.get(pk=published.pk)
    client.force_login(forum_rep)
    assert client.post(_url(published, "take_back")).status_code == 403
    client.force_login(officer)
    html = client.get(_page_url(published)).content.decode()
    assert "Take the write-up back to change it" not in html
    assert "Send it back to the forum to change it" in html
    answer = client.post(_url(published, "take_back"), follow=True).content.decode()
    assert "cannot be taken back" in answer and "Send it back to the forum" in answer
    assert _fresh(write_up).status == WriteUp.Status.AGREED and _fresh(write_up).agreed
    assert INTRO in _told_us(_results(client, page))
    # No coding changed, but the officer wants to change the words: a new round, logged.
    client.post(_url(published, "reopen"))
    assert _fresh(write_up).status == WriteUp.Status.DRAFT
    assert _fresh(write_up).agreed["text"] == INTRO
    assert INTRO in _told_us(_results(client, page))
    reopened = EvidenceEntry.objects.get(kind="analysis_reopened")
    assert "change its words" in reopened.payload_json
    client.logout()
    assert client.post(_url(published, "take_back")).status_code in (302, 403)


def test_taking_back_themes_the_forum_agreed_is_logged(client, published, frame, officer,  # noqa: F811
                                                        forum_rep):  # noqa: F811
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_take_back(frame=frame, user=officer)
    assert not EvidenceEntry.objects.filter(kind="coding_frame_taken_back").exists()
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    client.force_login(forum_rep)
    assert client.post(reverse("analysis_frame_take_back", args=[frame.pk])).status_code == 403
    client.force_login(officer)
    client.post(reverse("analysis_frame_take_back", args=[frame.pk]))
    assert CodingFrame.objects.get(pk=frame.pk).status == CodingFrame.Status.DRAFT
    entry = EvidenceEntry.objects.get(kind="coding_frame_taken_back")
    assert f'"frame":{frame.pk}' in entry.payload_json.replace(" ", "")


# --- the officer's buttons save the typed words first -----------------------------------------


def _typed(write_up, then: str, **more) -> dict:
    data = {"writeup-text": TYPED, "writeup-then": then, **more}
    for f in write_up.findings.all():
        data[f"writeup-finding_{f.pk}"] = f.text
    return data


def test_sending_saves_the_typed_words_and_sends_them(client, published, agreed_frame,  # noqa: F811
                                                      officer):  # noqa: F811
    write_up = _generate(published, officer)
    client.force_login(officer)
    html = client.get(_page_url(published)).content.decode()
    assert 'value="send"' in html and 'value="redraft"' in html
    client.post(_url(published, "edit"), _typed(write_up, "send"))
    sent = _fresh(write_up)
    assert sent.text == TYPED and sent.status == WriteUp.Status.WITH_FORUM


def test_refreshing_the_counts_keeps_the_typed_words(client, published, agreed_frame,  # noqa: F811
                                                     officer):  # noqa: F811
    write_up = _generate(published, officer)
    client.force_login(officer)
    answer = client.post(_url(published, "edit"), _typed(write_up, "refresh"), follow=True)
    assert "Your words are saved and the counts are refreshed" in answer.content.decode()
    assert _fresh(write_up).text == TYPED


def test_writing_the_draft_again_asks_first_and_keeps_the_typed_words(
        client, published, agreed_frame, officer):  # noqa: F811
    write_up = _generate(published, officer)
    drafted = write_up.text
    client.force_login(officer)
    asked = client.post(_url(published, "edit"), _typed(write_up, "redraft"))
    assert asked.status_code == 400
    html = asked.content.decode()
    assert TYPED in html and "tick this box" in html
    assert _fresh(write_up).text == drafted
    client.post(_url(published, "edit"), _typed(write_up, "redraft", **{"writeup-replace": "on"}))
    assert _fresh(write_up).text == drafted and _fresh(write_up).generated_at > \
        write_up.generated_at


# --- a representative's words are never lost --------------------------------------------------


def test_a_comment_typed_before_agreeing_is_sent_with_the_agreement(
        client, published, agreed_frame, officer, forum_rep):  # noqa: F811
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    client.force_login(forum_rep)
    html = client.get(_page_url(published)).content.decode()
    assert 'form="comment-form"' in html
    answer = client.post(_url(published, "agree"), {"comment-text": "Name the routes.",
                                                     "sent": last_sent(write_up)},
                         follow=True).content.decode()
    assert "Your comment is sent to the council." in answer
    assert _fresh(write_up).status == WriteUp.Status.AGREED
    assert _fresh(write_up).comments.get().text == "Name the routes."


def test_a_comment_sent_after_another_rep_agreed_comes_back_with_its_words(
        client, published, agreed_frame, officer, forum_rep, other_rep):  # noqa: F811
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    writeup_services.write_up_agree(write_up=_fresh(write_up), user=other_rep)
    client.force_login(forum_rep)
    for step in ("comment", "agree"):
        answer = client.post(_url(published, step), {"comment-text": "Proszę o trasy."})
        assert answer.status_code == 409
        html = answer.content.decode()
        assert "Proszę o trasy." in html and "Your words were not sent" in html
    polish = client.post("/pl" + _url(published, "comment"), {"comment-text": "Trasy."})
    assert polish.status_code == 409 and "Trasy." in polish.content.decode()


def test_a_comment_sent_after_the_council_took_it_back_comes_back(
        client, published, agreed_frame, officer, forum_rep):  # noqa: F811
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    writeup_services.write_up_take_back(write_up=_fresh(write_up), user=officer)
    client.force_login(forum_rep)
    answer = client.post(_url(published, "comment"), {"comment-text": "Late again."})
    assert answer.status_code == 409 and "Late again." in answer.content.decode()
    assert not _fresh(write_up).comments.exists()


def test_a_proposal_typed_before_agreeing_the_themes_is_sent_with_the_agreement(
        client, published, frame, officer, forum_rep, other_rep):  # noqa: F811
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    agree = reverse("analysis_frame_agree", args=[frame.pk])
    sent = last_sent(frame)
    unfinished = client.post(agree, {"proposal-text": "Merge late and sooner.", "sent": sent})
    assert unfinished.status_code == 400 and "Merge late and sooner." in \
        unfinished.content.decode()
    assert CodingFrame.objects.get(pk=frame.pk).status == CodingFrame.Status.WITH_FORUM
    client.post(agree, {"proposal-text": "Merge late and sooner.", "proposal-proposal": "merge",
                        "sent": sent})
    assert CodingFrame.objects.get(pk=frame.pk).status == CodingFrame.Status.AGREED
    assert FrameComment.objects.get().text == "Merge late and sooner."
    client.force_login(other_rep)
    late = client.post(reverse("analysis_frame_comment", args=[frame.pk]),
                       {"proposal-text": "Rename it.", "proposal-proposal": "rename"})
    assert late.status_code == 409 and "Rename it." in late.content.decode()


# --- a new round shows the forum what it agreed; withdrawn quotes leave agreed views -----------


def test_a_new_round_shows_the_rep_the_agreed_version_only(
        client, published, agreed_frame, officer, forum_rep, comments):  # noqa: F811
    write_up = _agreed_with_intro(published, officer, forum_rep)
    writeup_services.write_up_reopen(write_up=_fresh(write_up), user=officer)
    writeup_services.frame_take_back(frame=agreed_frame, user=officer)
    late = Theme.objects.get(frame=agreed_frame, code="late")
    writeup_services.theme_save(frame=CodingFrame.objects.get(pk=agreed_frame.pk), user=officer,
                                theme=late, name="Draft name the forum never saw",
                                description="", examples=[])
    client.force_login(forum_rep)
    html = client.get(_page_url(published)).content.decode()
    assert INTRO in html
    assert "Draft name the forum never saw" not in html
    assert "answers have been coded" not in html
    client.force_login(officer)
    assert "Draft name the forum never saw" in client.get(_page_url(published)).content.decode()


def test_a_comment_withheld_after_agreement_leaves_the_forums_and_officers_pages(
        client, published, agreed_frame, officer, forum_rep, comments):  # noqa: F811
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    quoted = [c for c in comments if c.text in write_up.agreed["findings"][0]["text"]]
    withheld = quoted[0]
    SurveyComment.objects.filter(pk=withheld.pk).update(
        moderation=SurveyComment.Moderation.WITHHELD, moderation_reason="identifies them",
        moderated_by=officer, moderated_at=timezone.now())
    for user in (forum_rep, officer):
        client.force_login(user)
        html = client.get(_page_url(published)).content.decode()
        agreed_part = html[html.index('id="write-up"'):]
        assert withheld.text not in agreed_part.split("What happened")[0], user
        assert "Quoted words were taken out after the forum agreed this" in html
    # In a new round too, before the council sends its new draft.
    writeup_services.write_up_reopen(write_up=_fresh(write_up), user=officer)
    client.force_login(forum_rep)
    html = client.get(_page_url(published)).content.decode()
    assert withheld.text not in html


def test_a_comment_whose_details_an_officer_removed_leaves_the_public_results(
        client, settings, published, agreed_frame, officer, forum_rep, comments):  # noqa: F811
    """The officer's edit of a comment's words (details removed) withdraws the agreed quote
    of it, however the agreed version wrote it (here in Polish marks over two lines)."""
    settings.PORTAL_PAGE_CACHE = False
    write_up = _send_and_agree(_generate(published, officer), officer, forum_rep)
    quoted = next(c for c in comments if c.text in "".join(f["text"] for f in
                                                        write_up.agreed["findings"]))
    agreed = dict(write_up.agreed)
    first = agreed["findings"][0]
    words = quoted.text.split()
    agreed["findings"][0] = {**first, "text": first["text"].replace(
        f"“{quoted.text}”", "„" + " ".join(words[:3]) + "\n" + " ".join(words[3:]) + "”")}
    WriteUp.objects.filter(pk=write_up.pk).update(agreed=agreed)
    page = SurveyPage.objects.get(pk=published.pk)
    assert " ".join(words[3:]) in _told_us(_results(client, page))
    SurveyComment.objects.filter(pk=quoted.pk).update(
        moderation=SurveyComment.Moderation.REDACTED, moderated_by=officer,
        public_text=quoted.text.replace(words[3], "[personal details removed]"),
        moderated_at=timezone.now())
    told = _told_us(_results(client, page))
    assert " ".join(words[3:]) not in told
    assert "Quoted words were taken out after the forum agreed this" in told
