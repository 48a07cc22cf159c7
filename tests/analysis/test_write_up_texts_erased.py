"""An officer erases a write-up's words kept beside the evidence log (the words sent and
agreed, with the quotes they carry) through the same admin route as a forum comment's
personal details: with a reason, logged as ``text_removed``; the log still verifies."""

from __future__ import annotations

import json

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from analysis import writeup_services
from analysis.models import WriteUp
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
from tests.analysis.test_write_up_public_log import _public_log
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
        assert "the write-up’s words: kept beside the evidence log" in html
        assert agreed.text[:40] in html  # the officer sees what is about to go
        assert sent.status_code == 302 and sent["Location"] == _page_url(published)
        # Every text of the write-up went; the removal's own reason is kept beside its
        # entry (for the board), attributed to the write-up so a later removal takes it too.
        left = _kept(agreed).filter(removed_at__isnull=True)
        assert [(t.entry.kind, t.field) for t in left] == [("text_removed", "reason")]
        [removal] = EvidenceEntry.objects.filter(kind="text_removed")
        # The texts erased name the removal; its typed reason is beside its entry only.
        pointer = f"personal details (removal: entry {removal.sequence})"
        assert all(t.text == "" and t.removed_reason == pointer
                   for t in _kept(agreed).exclude(entry__kind="text_removed"))
        assert f"analysis.writeup:{agreed.pk}" in removal.payload_json
        assert evidence_verify().intact
        login_as("board_member")
        board = b"".join(client.get(reverse("board_record_download")).streaming_content)
        lines = [json.loads(line) for line in board.decode().splitlines()]
        erased = json.loads(removal.payload_json)["entries"]
        assert len(erased) >= 2
        for line in lines:
            if line.get("sequence") in erased:
                assert all(t == {"removed": t["removed"], "reason": pointer}
                           for t in line["texts"].values())
        assert REASON not in board.decode().replace(
            json.dumps(REASON, ensure_ascii=False), "")  # only as the removal's own text
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


# --- what readers see once an officer removed the personal details -------------------------

NAMED = "Jayden Okafor at Elm Road school arrives in tears."
NAMING_REASON = "It quoted Jayden Okafor of Elm Road school, whose mum asked us to remove it"


@pytest.fixture
def named(published, agreed_frame, officer, forum_rep):  # noqa: F811
    """The survey's write-up agreed with a child named in its introduction and a finding."""
    draft = _generate(published, officer)
    findings = {f.pk: f.text for f in draft.findings.all()}
    first = next(iter(findings))
    findings[first] += f"\nA parent told us {NAMED}"
    writeup_services.write_up_edit(write_up=draft, user=officer, findings=findings,
                                   text=f"{draft.text}\nOne parent wrote that {NAMED}",
                                   checked=True, reason="It counts no one: one of many.")
    return _send_and_agree(WriteUp.objects.get(pk=draft.pk), officer, forum_rep)


def _remove(client, officer, write_up):
    officer.refresh_from_db()  # login_as("officer") may have saved it again
    client.force_login(officer)
    # As committed: the cached public pages are dropped then.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("charter_remove_text",
                                       args=["write-up", write_up.pk]),
                               {"reason": NAMING_REASON})
    assert response.status_code == 302 and "sign-in" not in response["Location"]
    client.logout()


def _notice(language: str = "en") -> str:
    with translation.override(language):
        return gettext("Removed on %(date)s: personal details") % {
            "date": date_format(timezone.localdate(), "j E Y")}


def _reads(client, login_as, role: str, published) -> list[str]:  # noqa: F811
    """The pages ``role`` reads the write-up on."""
    login_as(role)
    pages = []
    if role in ("anonymous", "parent", "forum_rep", "officer", "board_member"):
        pages.append(client.get(published.url + "results/"))
    if role in ("forum_rep", "officer"):
        pages.append(client.get(_page_url(published)))
    if role in ("officer", "board_member"):
        pages.append(client.get(reverse("analysis_board")))
    assert all(p.status_code == 200 for p in pages)
    client.logout()
    return [p.content.decode() for p in pages]


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "officer",
                                  "board_member"])
def test_removed_personal_details_leave_every_page_each_role_reads(
        client, login_as, named, published, officer, role):  # noqa: F811
    before = _reads(client, login_as, role, published)
    assert all("Jayden Okafor" in html for html in before)
    _remove(client, officer, named)
    for html in _reads(client, login_as, role, published):
        assert "Jayden" not in html and "Elm Road" not in html
        assert _notice() in html
        assert "Late transport" in html  # the themes stay


def test_the_notice_is_in_the_readers_language(client, named, published, officer):  # noqa: F811
    _remove(client, officer, named)
    for language, prefix in (("pl", "/pl"), ("ar", "/ar")):
        with translation.override(language):
            html = client.get(f"{prefix}{published.url}results/").content.decode()
        assert _notice(language) in html and _notice() != _notice(language)
        assert "Jayden" not in html


def test_the_removal_lists_the_fields_keeps_the_reason_beside_the_entry_and_every_copy_goes(
        client, named, officer, board_member):  # noqa: F811
    _remove(client, officer, named)
    lines = _public_log(client)
    whole = json.dumps(lines, ensure_ascii=False)
    assert "Jayden" not in whole and "Elm Road" not in whole  # nor the reason naming him
    [entry] = [line for line in lines if line.get("kind") == "text_removed"]
    payload = json.loads(entry["payload"])
    assert set(payload["reason"]) == {"text_sha256"}
    assert payload["fields"] == ["agreed", "findings", "small_numbers_kept", "text"]
    # The board reads the reason beside the entry.
    client.force_login(board_member)
    board = b"".join(client.get(reverse("board_record_download")).streaming_content).decode()
    assert NAMING_REASON in board
    # No copy keeps the words: the working draft, the agreed version, the recorded quotes.
    write_up = WriteUp.objects.get(pk=named.pk)
    assert write_up.text == "" and write_up.agreed["text"] == ""
    assert all(f.text == "" and f.quotes == [] for f in write_up.findings.all())
    assert all(f["text"] == "" and f["quotes"] == [] for f in write_up.agreed["findings"])
    assert "Jayden" not in json.dumps([write_up.agreed, write_up.small_numbers_kept])
    assert evidence_verify().intact


def test_a_draft_whose_words_were_removed_is_written_again_without_the_notice(
        client, named, published, officer):  # noqa: F811
    writeup_services.write_up_reopen(write_up=named, user=officer)
    _remove(client, officer, named)
    client.force_login(officer)
    response = client.get(_page_url(published))
    assert response.status_code == 200, response
    html = response.content.decode()
    assert "were removed as personal details on" in html and "Jayden" not in html
    # Saving the form as it is keeps the findings (and their notice).
    draft = WriteUp.objects.get(pk=named.pk)
    writeup_services.write_up_edit(write_up=draft, user=officer, text="New words.",
                                   findings={f.pk: "" for f in draft.findings.all()})
    assert draft.findings.count() == len(named.agreed["findings"])
    again = _generate(published, officer)
    assert again.words_removed_on is None and again.text
    assert all(f.removed_on is None for f in again.findings.all())


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_the_boards_english_page_marks_its_notice_english_whatever_the_browser_asks(
        client, named, officer, board_member, language):  # noqa: F811
    _remove(client, officer, named)
    client.force_login(board_member)
    html = client.get(reverse("analysis_board"),
                      HTTP_ACCEPT_LANGUAGE=language).content.decode()
    notice = f'<p class="govuk-body portal-muted" lang="en" dir="ltr">{_notice()}</p>'
    assert notice in html and "Jayden" not in html
    with translation.override("pl"):
        assert _notice("pl") not in html
