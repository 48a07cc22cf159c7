"""A theme's name or description the small-number check flags by mistake ("a child and a parent
travelling together" counts no one) can be kept: the officer ticks "Keep these words anyway"
and says why. The words typed are kept on every path (refused, kept, changed later); the
decision is recorded (who, when, the reason: beside the evidence entry, never in the public
payload); the checks at sending pass the kept words as they are, not changed ones; and the
forum's representatives see on the frame that flagged words were kept, and why."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from analysis import services, writeup_services
from analysis.models import CodingFrame, Theme, ThemeSuggestion
from charter.models import EvidenceEntry, EvidenceText
from tests.analysis.test_survey_write_up import (  # noqa: F401 - fixtures
    _generate,
    agreed_frame,
    comments,
    frame,
    published,
)
from tests.analysis.test_write_up_public_log import _board_log, _entries, _public_log
from tests.surveys.conftest import survey_index  # noqa: F401

pytestmark = pytest.mark.django_db

TOGETHER = "A child and a parent travelling together"
DESCRIPTION = "Answers about a mum and a dad who both travel with their child."
REASON = "A pair travelling together is the kind of trip, not a count of families."
KEPT = "analysis_small_numbers_kept"


def _save(frame, officer, **kwargs):  # noqa: F811
    return writeup_services.theme_save(frame=frame, user=officer, examples=[],
                                       **{"name": TOGETHER, "description": "", **kwargs})


def test_flagged_words_are_refused_unless_kept_with_a_reason(frame, officer):  # noqa: F811
    with pytest.raises(ValidationError) as refused:
        _save(frame, officer)
    assert TOGETHER in " ".join(refused.value.message_dict["name"])
    assert "Keep these words anyway" in refused.value.message_dict["name"][0]
    assert all(e.code == services.THEME_WORDS for e in refused.value.error_dict["name"])
    # Ticked without a reason (or too short a one): refused, saying so.
    for reason in ("", "  ok "):
        with pytest.raises(ValidationError) as refused:
            _save(frame, officer, keep=True, keep_reason=reason)
        assert "keep_reason" in refused.value.message_dict
    assert not Theme.objects.filter(frame=frame, name=TOGETHER).exists()
    assert not EvidenceEntry.objects.filter(kind=KEPT).exists()
    theme = _save(frame, officer, keep=True, keep_reason=REASON)
    assert theme.name == TOGETHER  # the words as typed
    [kept] = theme.words_kept
    assert (kept["field"], kept["words"], kept["reason"], kept["by"]) == (
        "name", TOGETHER, REASON, officer.pk)
    assert kept["at"]


def test_the_decision_is_logged_with_the_reason_beside_the_entry_never_in_public(
        client, frame, officer, board_member):  # noqa: F811
    theme = _save(frame, officer, description=DESCRIPTION, keep=True, keep_reason=REASON)
    assert {k["field"] for k in theme.words_kept} == {"name", "description"}
    [entry] = EvidenceEntry.objects.filter(kind=KEPT)
    payload = json.loads(entry.payload_json)
    assert payload["theme"] == theme.pk and payload["fields"] == ["description", "name"]
    assert {name for name, value in payload.items() if isinstance(value, dict)} == {
        "words", "reason", "by"}
    texts = {t.field: t.text for t in EvidenceText.objects.filter(entry=entry)}
    assert texts["reason"] == REASON and TOGETHER in texts["words"]
    assert DESCRIPTION in texts["words"]
    assert texts["by"] == (officer.get_full_name() or officer.get_username())
    public = json.dumps(_entries(_public_log(client), KEPT), ensure_ascii=False)
    assert REASON not in public and TOGETHER not in public and "mum and a dad" not in public
    board = _board_log(client, board_member)
    assert REASON in board and TOGETHER in board


def test_kept_words_pass_the_checks_at_sending_and_changed_words_are_asked_again(
        published, frame, officer, forum_rep):  # noqa: F811
    kind = Theme.objects.get(frame=frame, code="kind")
    _save(frame, officer, theme=kind, keep=True, keep_reason=REASON)
    # Its description changed: the name, kept as it is, is not asked about again.
    kind.refresh_from_db()
    _save(frame, officer, theme=kind, description="Staff on the bus who were kind.")
    kind.refresh_from_db()
    assert len(kind.words_kept) == 1
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_agree(frame=frame, user=forum_rep)
    write_up = _generate(published, officer)
    # The draft names the theme; a count beside the kept name is still caught.
    beside = f"{TOGETHER}: 4 families said the escort was kind."
    with pytest.raises(ValidationError) as refused:
        writeup_services.write_up_edit(write_up=write_up, user=officer,
                                       text=f"{write_up.text}\n{beside}", findings={})
    assert "4 families said the escort was kind." in str(refused.value)
    writeup_services.write_up_send(write_up=write_up, user=officer)  # not refused
    writeup_services.frame_take_back(frame=CodingFrame.objects.get(pk=frame.pk), user=officer)
    # New words that the check flags are asked about again.
    with pytest.raises(ValidationError):
        _save(frame, officer, theme=kind, name="A mum and a dad travelling together")
    # And words put in place outside the form are caught when the frame is sent.
    Theme.objects.filter(pk=kind.pk).update(name="A mum and a dad on the bus")
    with pytest.raises(ValidationError) as refused:
        writeup_services.frame_send(frame=CodingFrame.objects.get(pk=frame.pk), user=officer)
    assert "A mum and a dad on the bus" in str(refused.value)


def test_the_frame_page_offers_the_box_and_keeps_the_words_typed(
        client, frame, officer):  # noqa: F811
    client.force_login(officer)
    url = reverse("analysis_frame_theme", args=[frame.pk])
    typed = {"theme-name": TOGETHER, "theme-description": DESCRIPTION,
             "theme-examples": "We go together every day."}
    first = client.get(reverse("analysis_frame", args=[frame.pk])).content.decode()
    assert 'name="theme-keep"' not in first  # offered only once the words are flagged
    refused = client.post(url, typed)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'name="theme-keep"' in html and 'name="theme-keep_reason"' in html
    assert f'value="{TOGETHER}"' in html and DESCRIPTION in html
    assert "We go together every day." in html
    # Ticked with too short a reason: the words, the tick and the reason come back.
    short = client.post(url, {**typed, "theme-keep": "on", "theme-keep_reason": "ok"})
    assert short.status_code == 400
    html = short.content.decode()
    assert "Say why these words identify no one." in html
    assert f'value="{TOGETHER}"' in html and 'value="ok"' in html and " checked" in html
    assert not Theme.objects.filter(frame=frame, name=TOGETHER).exists()
    kept = client.post(url, {**typed, "theme-keep": "on", "theme-keep_reason": REASON})
    assert kept.status_code == 302
    theme = Theme.objects.get(frame=frame, name=TOGETHER)
    assert theme.description == DESCRIPTION
    assert list(theme.examples.values_list("text", flat=True)) == ["We go together every day."]


def test_the_coding_screen_keeps_a_theme_and_a_suggested_one_the_same_way(
        client, frame, officer):  # noqa: F811
    client.force_login(officer)
    url = reverse("analysis_survey_themes", args=[frame.survey_id, frame.question_id])
    refused = client.post(url, {"action": "add", "name": TOGETHER, "description": "Ours."})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'name="keep"' in html and f'value="{TOGETHER}"' in html and "Ours." in html
    added = client.post(url, {"action": "add", "name": TOGETHER, "description": "Ours.",
                              "keep": "on", "keep_reason": REASON})
    assert added.status_code == 302
    assert Theme.objects.get(frame=frame, name=TOGETHER).words_kept[0]["reason"] == REASON
    suggestion = ThemeSuggestion.objects.create(frame=frame, name="travel pair bus",
                                                answer_ids=[], quote_ids=[], method="tfidf")
    named = "A grandparent and a child on the bus"
    refused = client.post(url, {"action": "accept", "suggestion": suggestion.pk,
                                "name": named})
    assert refused.status_code == 400 and f'id="keep-{suggestion.pk}"' in refused.content.decode()
    accepted = client.post(url, {"action": "accept", "suggestion": suggestion.pk,
                                 "name": named, "keep": "on", "keep_reason": REASON})
    assert accepted.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ThemeSuggestion.Status.ACCEPTED
    assert suggestion.theme.words_kept[0]["words"] == named
    assert EvidenceEntry.objects.filter(kind=KEPT).count() == 2


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "officer",
                                  "board_member"])
def test_the_forum_sees_that_flagged_words_were_kept_and_why(
        client, login_as, frame, officer, role):  # noqa: F811
    theme = _save(frame, officer, keep=True, keep_reason=REASON)
    writeup_services.frame_send(frame=frame, user=officer)
    login_as(role)
    response = client.get(reverse("analysis_frame", args=[frame.pk]))
    if role in ("forum_rep", "officer"):
        html = response.content.decode()
        note = html.split(f'id="kept-{theme.pk}-name"', 1)[1].split("</p>", 1)[0]
        assert "flagged this name as perhaps counting people" in note
        assert "The council kept it on" in note and REASON in note
    else:
        assert response.status_code in (302, 403, 404)
        assert REASON not in response.content.decode()


@pytest.mark.parametrize(("language", "words"), [
    ("pl", "Zachowaj te słowa mimo to"), ("ar", "احتفظ بهذه الكلمات على أي حال")])
def test_the_offer_is_in_the_officers_language(client, frame, officer, language, words):  # noqa: F811
    client.force_login(officer)
    with translation.override(language):
        url = reverse("analysis_frame_theme", args=[frame.pk])
    html = client.post(url, {"theme-name": TOGETHER}).content.decode()
    assert words in html
