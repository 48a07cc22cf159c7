# ruff: noqa: F811 - the fixtures imported from the survey write-up tests
"""A representative agrees what they read (r15p, F1): a frame or a write-up taken back,
changed and sent again after their page was opened is not agreed from that page. Nothing is
recorded, the page comes back as it is now with the words they typed still in its form, and
agreeing from the page as it is now works."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from analysis import writeup_selectors, writeup_services
from analysis.models import CodingFrame, FrameComment, WriteUp
from charter.models import EvidenceEntry
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _url,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

ADDED = "The council has decided to ignore this view."


def _sent_on(html: str) -> str:
    return re.search(r'name="sent" value="(\d+)"', html).group(1)


def _fresh(write_up) -> WriteUp:
    return WriteUp.objects.get(pk=write_up.pk)


def test_an_agreement_from_a_page_showing_an_earlier_sending_is_refused(
        client, published, agreed_frame, officer, forum_rep):
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    client.force_login(forum_rep)
    read = _sent_on(client.get(_page_url(published)).content.decode())
    # Meanwhile the council takes it back, adds a sentence and sends it again.
    writeup_services.write_up_take_back(write_up=_fresh(write_up), user=officer)
    changed = _fresh(write_up)
    writeup_services.write_up_edit(write_up=changed, user=officer,
                                   text=changed.text + "\n\n" + ADDED, findings={})
    writeup_services.write_up_send(write_up=_fresh(write_up), user=officer)
    agreed_before = EvidenceEntry.objects.count()
    answer = client.post(_url(published, "agree"),
                         {"sent": read, "comment-text": "Fair, but name the routes."})
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "Nothing was agreed" in html and "Fair, but name the routes." in html
    assert ADDED in html  # the page as it is now
    assert _fresh(write_up).status == WriteUp.Status.WITH_FORUM
    assert not _fresh(write_up).comments.exists()
    assert EvidenceEntry.objects.count() == agreed_before
    # Read again, agreed: the version agreed is the one read.
    client.post(_url(published, "agree"), {"sent": _sent_on(html)})
    assert _fresh(write_up).status == WriteUp.Status.AGREED
    assert ADDED in _fresh(write_up).agreed["text"]


def test_the_refusal_is_in_the_readers_language(client, published, agreed_frame, officer,
                                                forum_rep):
    page, agree = _page_url(published), _url(published, "agree")
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    client.force_login(forum_rep)
    read = _sent_on(client.get("/pl" + page).content.decode())
    writeup_services.write_up_take_back(write_up=_fresh(write_up), user=officer)
    writeup_services.write_up_send(write_up=_fresh(write_up), user=officer)
    answer = client.post("/pl" + agree, {"sent": read})
    assert answer.status_code == 409
    assert "Niczego nie uzgodniono" in answer.content.decode()


def test_the_service_refuses_an_earlier_sending_too(published, agreed_frame, officer,
                                                    forum_rep):
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    first = writeup_selectors.last_sent(_fresh(write_up))
    writeup_services.write_up_take_back(write_up=_fresh(write_up), user=officer)
    writeup_services.write_up_send(write_up=_fresh(write_up), user=officer)
    with pytest.raises(ValidationError) as refused:
        writeup_services.write_up_agree(write_up=_fresh(write_up), user=forum_rep, sent=first)
    assert refused.value.code == writeup_services.VERSION_CHANGED
    writeup_services.write_up_agree(write_up=_fresh(write_up), user=forum_rep,
                                    sent=writeup_selectors.last_sent(_fresh(write_up)))
    assert _fresh(write_up).status == WriteUp.Status.AGREED


def test_themes_changed_and_sent_again_are_not_agreed_from_the_earlier_page(
        client, published, frame, officer, forum_rep):
    writeup_services.frame_send(frame=frame, user=officer)
    client.force_login(forum_rep)
    page = reverse("analysis_frame", args=[frame.pk])
    read = _sent_on(client.get(page).content.decode())
    writeup_services.frame_take_back(frame=CodingFrame.objects.get(pk=frame.pk), user=officer)
    writeup_services.theme_save(frame=CodingFrame.objects.get(pk=frame.pk), user=officer,
                                name="Drivers change too often", description="", examples=[])
    writeup_services.frame_send(frame=CodingFrame.objects.get(pk=frame.pk), user=officer)
    agree = reverse("analysis_frame_agree", args=[frame.pk])
    answer = client.post(agree, {"sent": read, "proposal-text": "Merge late and sooner.",
                                 "proposal-proposal": "merge"})
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "Nothing was agreed" in html and "Merge late and sooner." in html
    assert "Drivers change too often" in html
    assert CodingFrame.objects.get(pk=frame.pk).status == CodingFrame.Status.WITH_FORUM
    assert not FrameComment.objects.exists()
    client.post(agree, {"sent": _sent_on(html)})
    assert CodingFrame.objects.get(pk=frame.pk).status == CodingFrame.Status.AGREED


def test_an_agreement_without_the_sending_read_is_not_taken(
        client, published, agreed_frame, officer, forum_rep):
    # The page always carries it; a form with the field taken out (review r15q, F5) or
    # emptied agrees nothing, and the page comes back with the words typed.
    write_up = _generate(published, officer)
    writeup_services.write_up_send(write_up=write_up, user=officer)
    client.force_login(forum_rep)
    for sent in ({}, {"sent": ""}, {"sent": "abc"}):
        answer = client.post(_url(published, "agree"), {**sent, "comment-text": "Fine."})
        assert answer.status_code == 409 and "Fine." in answer.content.decode()
    assert _fresh(write_up).status == WriteUp.Status.WITH_FORUM
