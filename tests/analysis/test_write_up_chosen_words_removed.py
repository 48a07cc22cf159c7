"""An officer removes chosen personal details from a write-up, not every word of it: the exact
words typed (or picked from the phrases the checks flagged) go from every copy, each replaced
by "[personal details removed]", theme names and descriptions included, while every other
word stays; the texts kept beside the log that held them are erased (the log still
verifies); the removal is logged with its reason beside the entry, never the words. Removing
every word of the write-up stays an option."""

from __future__ import annotations

import json

import pytest
from django.test import TestCase
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import writeup_selectors, writeup_services
from analysis.models import Finding, Theme, WriteUp
from analysis.writeup import REMOVED, remove_phrases
from charter.models import EvidenceEntry, EvidenceText
from charter.record import evidence_verify
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    _page_url,
    _send_and_agree,
    _url,
    comments,
    frame,
    published,
)
from tests.analysis.test_write_up_public_log import _board_log, _public_log
from tests.surveys.conftest import survey_index  # noqa: F401

NAME = "Jayden Okafor"
NAMED = f"{NAME} at Elm Road school arrives in tears."
REASON = "It named a child whose mum asked us to take his name out."


# --- the rule, without a database ------------------------------------------------------------


def test_only_the_chosen_words_go_whatever_their_case_and_spacing():
    text = f"{NAMED}\nJAYDEN  okafor's bus.\nJaydenson Okafor is not him."
    shown, found = remove_phrases(text, [NAME, " "])
    assert found == 2
    # The possessive goes with the name (tests/analysis/test_removed_words_endings.py).
    assert shown == (f"{REMOVED} at Elm Road school arrives in tears.\n{REMOVED} bus.\n"
                     "Jaydenson Okafor is not him.")
    # Words inside a marker already there are left alone.
    assert remove_phrases(f"{REMOVED} said", ["details"]) == (f"{REMOVED} said", 0)


WORDS = st.lists(st.sampled_from(["the", "bus", "was", "late", "kind", "escort", "Mum",
                                  "school", "route", "said", "."]), max_size=12)


@settings(max_examples=150, deadline=None)
@given(WORDS, WORDS, st.sampled_from(["Jayden Okafor", "Amira", "Elm Road school",
                                      "Mrs Grey"]))
def test_removing_a_phrase_keeps_every_other_word(before, after, phrase):
    text = " ".join([*before, phrase, *after])
    shown, found = remove_phrases(text, [phrase])
    assert found == 1
    assert shown == " ".join([*before, REMOVED, *after])
    assert remove_phrases(shown, [phrase]) == (shown, 0)


# --- a survey's write-up, agreed ----------------------------------------------------------------


@pytest.fixture
def named(published, frame, comments, officer, forum_rep):  # noqa: F811
    """The survey's write-up agreed with a child named in its introduction, a finding and a
    theme's description (logged with the frame), a sentence kept with a small number."""
    Theme.objects.filter(frame=frame, code="kind").update(
        description=f"Staff who were kind, as to {NAME}.")
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    draft = _generate(published, officer)
    findings = {f.pk: f.text for f in draft.findings.all()}
    first = next(iter(findings))
    findings[first] += f"\nA parent told us {NAMED}"
    writeup_services.write_up_edit(
        write_up=draft, user=officer, findings=findings,
        text=f"{draft.text}\nOne parent wrote that {NAMED}",
        checked=True, reason="It counts no one: one of many.")
    return _send_and_agree(WriteUp.objects.get(pk=draft.pk), officer, forum_rep)


def _remove(client, officer, page, data):
    client.force_login(officer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(_url(page, "remove_details"), data)
    client.logout()
    return response


def _copies(write_up) -> str:
    """Every copy of the write-up's words and its themes', as one text."""
    write_up = WriteUp.objects.get(pk=write_up.pk)
    return json.dumps([write_up.text, write_up.agreed, write_up.counts,
                       write_up.published_rounds, write_up.shown_rounds,
                       write_up.small_numbers_kept,
                       [(f.text, f.quotes) for f in Finding.objects.filter(write_up=write_up)],
                       list(Theme.all_objects.values_list("name", "description"))],
                      ensure_ascii=False)


def _kept_beside():
    return " ".join(EvidenceText.objects.filter(removed_at__isnull=True)
                    .values_list("text", flat=True))


@pytest.mark.django_db
def test_the_chosen_words_leave_every_copy_and_every_other_word_stays(
        client, named, published, officer, board_member):  # noqa: F811
    assert NAME in _copies(named) and NAME in _kept_beside()
    response = _remove(client, officer, published,
                       {"remove-words": f"{NAME}\n", "remove-reason": REASON})
    assert response.status_code == 302
    copies = _copies(named)
    assert NAME not in copies and "Jayden" not in copies
    assert "Elm Road school arrives in tears" in copies  # not chosen: stays
    assert f"{REMOVED} at Elm Road school" in copies
    kind = Theme.objects.get(code="kind")
    assert kind.description == f"Staff who were kind, as to {REMOVED}."
    # The texts beside the log that held the name are erased; the others stay.
    assert NAME not in _kept_beside()
    assert EvidenceText.objects.filter(removed_at__isnull=True).exists()
    assert evidence_verify().intact
    # Logged: which fields, which entries' texts went; the reason beside, never the words.
    [entry] = EvidenceEntry.objects.filter(kind="text_removed")
    payload = json.loads(entry.payload_json)
    assert payload["record"] == f"analysis.writeup:{named.pk}"
    assert {"agreed", "findings", "text", "themes"} <= set(payload["fields"])
    assert payload["entries"] and payload["chosen_words"] == 1
    public = json.dumps(_public_log(client), ensure_ascii=False)
    assert NAME not in public and REASON not in public
    assert REASON in _board_log(client, board_member)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "officer",
                                  "board_member"])
def test_every_page_each_role_reads_shows_the_marker_not_the_words(
        client, login_as, named, published, officer, role):  # noqa: F811
    _remove(client, officer, published, {"remove-words": NAME, "remove-reason": REASON})
    login_as(role)
    pages = [published.url + "results/"]
    if role in ("forum_rep", "officer"):
        pages.append(_page_url(published))
    if role in ("officer", "board_member"):
        pages.append(reverse("analysis_board"))
    for url in pages:
        html = client.get(url).content.decode()
        assert "Jayden" not in html, url
        assert REMOVED in html and "Elm Road school" in html, url
        assert REASON not in html, url


@pytest.mark.django_db
def test_words_no_copy_holds_are_refused_with_the_words_typed_kept(
        client, named, published, officer):  # noqa: F811
    before = _copies(named)
    response = _remove(client, officer, published,
                       {"remove-words": "Amira Nowak", "remove-reason": REASON})
    assert response.status_code == 400
    html = response.content.decode()
    assert "These words are not in the write-up or its themes" in html
    assert "Amira Nowak" in html and REASON in html  # typed words kept
    assert _copies(named) == before
    assert not EvidenceEntry.objects.filter(kind="text_removed").exists()
    # Without a reason: refused too, the words kept.
    response = _remove(client, officer, published, {"remove-words": NAME})
    assert response.status_code == 400 and NAME in response.content.decode()
    assert _copies(named) == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_only_officers_remove_chosen_words(client, login_as, named, published, role):  # noqa: F811
    before = _copies(named)
    login_as(role)
    response = client.post(_url(published, "remove_details"),
                           {"remove-words": NAME, "remove-reason": REASON})
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert "sign-in" in response["Location"] or "login" in response["Location"]
    assert _copies(named) == before
    assert not EvidenceEntry.objects.filter(kind="text_removed").exists()


@pytest.mark.django_db
def test_a_phrase_the_checks_flagged_can_be_picked_and_the_whole_removal_stays_offered(
        client, named, published, officer):  # noqa: F811
    # "One parent wrote" was kept with a reason: the check flags it, and so it is offered.
    flagged = writeup_selectors.flagged_phrases(WriteUp.objects.get(pk=named.pk))
    assert "One parent" in flagged
    client.force_login(officer)
    html = client.get(_page_url(published)).content.decode()
    assert 'value="One parent"' in html
    assert reverse("charter_remove_text", args=["write-up", named.pk]) in html
    response = _remove(client, officer, published,
                       {"remove-flagged": ["One parent"], "remove-reason": REASON})
    assert response.status_code == 302
    copies = _copies(named)
    assert "One parent wrote" not in copies and f"{REMOVED} wrote that" in copies
    assert NAME in copies  # only what was picked
