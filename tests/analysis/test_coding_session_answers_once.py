"""A coding session's one-line summary in the evidence log counts each answer coded once,
however many themes it was given (h15z F3): three answers coded to two themes are three
answers and six codes, not "6 answer(s) coded". Entries already written stay as they are
(the log is append-only); a session kept from before reads as it was summed then."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from analysis import services
from analysis.models import CodingSession
from charter.models import EvidenceText
from tests.analysis.test_coding_sessions import START, responses  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def _summary() -> str:
    return EvidenceText.objects.get(source_model="analysis.codingsession",
                                    field="summary").text


def test_an_answer_coded_to_two_themes_counts_once(frame, responses, officer):  # noqa: F811
    with time_machine.travel(START, tick=False):
        for code in ("still-too-far", "weather-dark"):
            services.answers_code(frame=frame, responses=responses[:3], user=officer,
                                  theme=frame.themes.get(code=code))
        # One by one: an answer already counted, then a new one.
        services.answer_set_themes(frame=frame, answer=responses[0],
                                   themes=frame.themes.filter(code="still-too-far"),
                                   user=officer)
        services.answer_set_themes(frame=frame, answer=responses[3],
                                   themes=frame.themes.filter(code="weather-dark"),
                                   user=officer)
        services.coding_sessions_close()
    assert _summary().startswith("officer: 4 answer(s) coded (7 code(s) added), "
                                 "in 4 decision(s)")


def test_one_theme_each_reads_as_before(frame, responses, officer):  # noqa: F811
    with time_machine.travel(START, tick=False):
        services.answers_code(frame=frame, responses=responses[:2], user=officer,
                              theme=frame.themes.get(code="still-too-far"))
        services.coding_sessions_close()
    assert _summary().startswith("officer: 2 answer(s) coded, in 1 decision(s)")


def test_a_session_kept_from_before_is_summed_as_it_was(frame, responses, officer):  # noqa: F811
    CodingSession.objects.create(
        frame=frame, officer=officer, started_at=START, last_at=START + dt.timedelta(minutes=5),
        decisions=2, actions={"coded": {"decisions": 2, "answers": 6}},
        themes={"still-too-far": {"name": "Too far", "added": 6, "removed": 0}})
    services.coding_sessions_close()
    assert _summary().startswith("officer: 6 answer(s) coded, in 2 decision(s)")
