"""An officer erases a write-up's words kept beside the evidence log (the words sent and
agreed, with the quotes they carry) through the same admin route as a forum comment's
personal details: with a reason, logged as ``text_removed``; the log still verifies."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from charter.models import EvidenceEntry, EvidenceText
from charter.record import evidence_verify
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _send_and_agree,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

REASON = "A quote in it names a child."


@pytest.fixture
def agreed(published, agreed_frame, officer, forum_rep):  # noqa: F811
    return _send_and_agree(_generate(published, officer), officer, forum_rep)


def _kept(write_up):
    return EvidenceText.objects.filter(source_model="analysis.writeup", source_pk=write_up.pk)


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member",
                                  "officer", "admin"])
def test_only_officers_and_administrators_erase_a_write_ups_texts(
        client, login_as, agreed, published, role):  # noqa: F811
    url = reverse("charter_remove_text", args=["write-up", agreed.pk])
    assert _kept(agreed).filter(removed_at__isnull=True).count() >= 2  # sent and agreed
    login_as(role)
    page = client.get(url)
    sent = client.post(url, {"reason": REASON})
    if role in ("officer", "admin"):
        assert page.status_code == 200
        html = page.content.decode()
        assert "the write-up’s words kept beside the evidence log" in html
        assert agreed.text[:40] in html  # the officer sees what is about to go
        assert sent.status_code == 302 and sent["Location"] == _page_url(published)
        assert not _kept(agreed).filter(removed_at__isnull=True).exists()
        assert all(t.text == "" and t.removed_reason == REASON for t in _kept(agreed))
        [removal] = EvidenceEntry.objects.filter(kind="text_removed")
        assert f"analysis.writeup:{agreed.pk}" in removal.payload_json
        assert evidence_verify().intact
        login_as("board_member")
        board = b"".join(client.get(reverse("board_record_download")).streaming_content)
        lines = [json.loads(line) for line in board.decode().splitlines()]
        erased = json.loads(removal.payload_json)["entries"]
        assert len(erased) >= 2
        for line in lines:
            if line.get("sequence") in erased:
                assert all(t == {"removed": t["removed"], "reason": REASON}
                           for t in line["texts"].values())
    else:
        assert page.status_code in (302, 403) and sent.status_code in (302, 403)
        if page.status_code == 302:
            assert "login" in page["Location"] or "sign-in" in page["Location"]
        assert _kept(agreed).filter(removed_at__isnull=True).count() >= 2
        assert not EvidenceEntry.objects.filter(kind="text_removed").exists()


def test_erasing_needs_a_reason(client, login_as, agreed):
    login_as("officer")
    response = client.post(reverse("charter_remove_text", args=["write-up", agreed.pk]),
                           {"reason": " "})
    assert response.status_code == 400
    assert _kept(agreed).filter(removed_at__isnull=True).exists()
