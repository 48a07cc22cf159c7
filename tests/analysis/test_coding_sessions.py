"""Coding decisions go in the evidence log as one summary per officer's session (counts per
action and theme, a hash chained over the decisions), not one entry per keystroke: a session
is summed up an hour after it started, after ``SESSION_DECISIONS`` decisions, by the hourly
task once idle, and before the frame or the write-up goes to the forum."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from analysis import demo, selectors, services, tasks, writeup_services
from analysis.models import CodingSession
from charter.governance import Period
from charter.models import EvidenceEntry
from charter.record import evidence_verify
from charter.selectors import board_pack
from charter.services import evidence_append
from consultations.models import ConsultationResponse
from tests.analysis.conftest import free_text_id
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2027, 1, 20, 10, tzinfo=dt.UTC)


@pytest.fixture
def responses(consultation):
    question = free_text_id(consultation)
    return ConsultationResponse.objects.bulk_create([
        ConsultationResponse(consultation=consultation, respondent_type=a.respondent_type,
                             reference=f"S{n:07d}", answers={question: a.text})
        for n, a in enumerate(demo.answers()[:10])])


def _entries():
    return [selectors.session_logged(e) for e in EvidenceEntry.objects.filter(
        kind=services.CODING_KIND).order_by("sequence")]


def _code(frame, responses, officer, code="still-too-far", add=True, at=START):
    with time_machine.travel(at, tick=False):
        services.answers_code(frame=frame, responses=responses, add=add, user=officer,
                              theme=frame.themes.get(code=code))


def test_decisions_within_the_hour_make_one_entry_written_when_the_hour_is_up(
        frame, responses, officer):
    _code(frame, responses[:4], officer)
    _code(frame, responses[4:6], officer, at=START + dt.timedelta(minutes=20))
    _code(frame, responses[:1], officer, add=False, at=START + dt.timedelta(minutes=59))
    assert _entries() == []  # still coding
    _code(frame, responses[6:7], officer, at=START + dt.timedelta(minutes=61))
    [first] = _entries()
    assert first["decisions"] == 3 and first["by"] == "officer"
    assert first["actions"] == {"coded": {"decisions": 2, "answers": 6},
                                "uncoded": {"decisions": 1, "answers": 1}}
    assert first["from"].startswith("2027-01-20T10:00")
    assert first["to"].startswith("2027-01-20T10:59")
    # The decision after the hour opened the next session.
    assert CodingSession.objects.get(closed_at__isnull=True).decisions == 1


def test_a_long_session_is_summed_up_every_so_many_decisions(frame, responses, officer,
                                                             monkeypatch):
    monkeypatch.setattr(services, "SESSION_DECISIONS", 2)
    for n in range(5):
        _code(frame, responses[n:n + 1], officer, at=START + dt.timedelta(minutes=n))
    assert [e["decisions"] for e in _entries()] == [2, 2]


def test_each_officer_has_their_own_session(frame, responses, officer):
    other = UserFactory(username="second", groups=["Officers"])
    _code(frame, responses[:2], officer)
    _code(frame, responses[2:4], other)
    services.coding_sessions_close()
    assert sorted(e["by"] for e in _entries()) == ["officer", "second"]


def test_the_hash_changes_with_any_decision(frame, responses, officer):
    _code(frame, responses[:2], officer)
    services.coding_sessions_close()
    _code(frame, responses[:2], officer, add=False)
    _code(frame, responses[:3], officer)
    services.coding_sessions_close()
    first, second = _entries()
    assert first["decisions_sha256"] != second["decisions_sha256"]
    assert all(len(e["decisions_sha256"]) == 64 for e in (first, second))


def test_the_hourly_task_sums_up_idle_sessions_only(frame, responses, officer):
    other = UserFactory(username="second", groups=["Officers"])
    _code(frame, responses[:2], officer)
    _code(frame, responses[2:4], other, at=START + dt.timedelta(minutes=50))
    with time_machine.travel(START + dt.timedelta(minutes=70), tick=False):
        assert tasks.close_idle_coding_sessions() == 1
    assert [e["by"] for e in _entries()] == ["officer"]


def test_the_forum_is_sent_the_frame_with_a_complete_log(frame, responses, officer):
    frame.status = frame.Status.DRAFT
    frame.save()
    _code(frame, responses[:2], officer)
    writeup_services.frame_send(frame=frame, user=officer)
    kinds = list(EvidenceEntry.objects.filter(kind__in=[services.CODING_KIND,
                                                        "coding_frame_sent"])
                 .order_by("sequence").values_list("kind", flat=True))
    assert kinds == [services.CODING_KIND, "coding_frame_sent"]
    assert not CodingSession.objects.filter(closed_at__isnull=True).exists()


def test_the_board_pack_lists_each_session_in_one_line(frame, responses, officer):
    _code(frame, responses[:4], officer)
    _code(frame, responses[:1], officer, add=False, at=START + dt.timedelta(minutes=30))
    with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
        services.coding_sessions_close()
        today = dt.date(2027, 1, 20)
        pack = board_pack(Period(None, today), today)
    [event] = [e for e in pack["consultation_events"]
               if e["entry"].kind == services.CODING_KIND]
    assert event["summary"].startswith("officer: 4 answer(s) coded, 1 code(s) taken off, "
                                       "in 2 decision(s)")
    assert event["title"] == frame.consultation.title


def _download(client, name) -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_the_public_log_gives_no_count_of_a_theme_or_an_action_and_the_board_reads_them(
        client, frame, responses, officer, board_member):
    # Three sessions touching one theme a few answers at a time: summed, per-theme counts
    # would give away a number the public table holds back as "fewer than 10".
    for hour in range(3):
        _code(frame, responses[2 * hour:2 * hour + 2], officer,
              at=START + dt.timedelta(hours=hour))
        with time_machine.travel(START + dt.timedelta(hours=hour, minutes=30), tick=False):
            services.coding_sessions_close()
    public = _download(client, "record_download")
    lines = [json.loads(line) for line in public.splitlines() if line.strip()]
    entries = [line for line in lines if line.get("kind") == services.CODING_KIND]
    assert len(entries) == 3
    for line in entries:
        payload = json.loads(line["payload"])
        assert set(payload) == {"frame", "question", "action", "by", "from", "to",
                                "decisions", "decisions_sha256", "summary", "counts"}
        assert set(payload["summary"]) == set(payload["counts"]) == {"text_sha256"}
        assert "texts" not in line
    for words in ("still-too-far", "answer(s) coded", '"added"', '"answers"'):
        assert words not in public
    assert "still-too-far" not in client.get(reverse("record_about")).content.decode()

    client.force_login(board_member)
    board = _download(client, "board_record_download")
    assert "officer: 2 answer(s) coded, in 1 decision(s)" in board
    assert '\\"still-too-far\\"' in board
    with time_machine.travel(START + dt.timedelta(hours=4), tick=False):
        pack = board_pack(Period(None, dt.date(2027, 1, 20)), dt.date(2027, 1, 20))
    assert [e["summary"][:40] for e in pack["consultation_events"]
            if e["entry"].kind == services.CODING_KIND] == [
        "officer: 2 answer(s) coded, in 1 decisio"] * 3
    with time_machine.travel(START + dt.timedelta(hours=4), tick=False):
        client.force_login(board_member)  # a session from today's clock has run out by then
        csv = client.get(reverse("board_record_csv")).content.decode()
    assert csv.count("officer: 2 answer(s) coded") == 3
    assert evidence_verify().intact


def test_a_session_entry_written_before_the_counts_left_the_payload_is_read_as_it_is(
        frame, responses, officer):
    entry = evidence_append(kind=services.CODING_KIND, subject="old", affects_public_pages=False,
                            payload={"frame": frame.pk, "action": "session", "by": "officer",
                                     "decisions": 1, "actions": {"coded": {"decisions": 1,
                                                                            "answers": 2}},
                                     "themes": {}, "summary": "officer: 2 answer(s) coded"})
    assert selectors.session_logged(entry)["actions"]["coded"]["answers"] == 2
    today = timezone.localdate()
    pack = board_pack(Period(None, today), today)
    assert [e["summary"] for e in pack["consultation_events"]] == ["officer: 2 answer(s) coded"]
    assert evidence_verify().intact
