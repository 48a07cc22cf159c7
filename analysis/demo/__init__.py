"""The hand-coded demo set: invented written answers to the demo consultation ("Walking
distances for children under 8", ``consultations/demo.py``), each read and coded by a person
into the frame in ``frame.json``.

``answers.json`` holds 309 answers (249 in English, 30 in Polish, 30 in Arabic; typed online,
on paper, by phone or by e-mail, by parents, young people, schools, operators and others),
each with the themes a careful reader gave it. They are the yardstick the suggestions are
measured against (``tests/bench/analysis_bench.py``) and the demo loader's answers. Whether a
respondent agreed to be quoted (``quote_consent``) is invented too, about four in five.

``survey_frame.json`` holds the themes of the demo surveys' written comments ("One thing to
improve", one frame a year, the same themes each year) with an example each, and the hand
codes of every demo comment (``surveys/demo.py``), each named by its year and first words.

Plain Python: no Django, no database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class DemoTheme:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class DemoAnswer:
    id: str
    respondent_type: str
    channel: str
    language: str
    quote_consent: bool
    text: str
    themes: tuple[str, ...]


@cache
def frame() -> tuple[DemoTheme, ...]:
    """The demo coding frame's themes, in the order they are shown."""
    data = json.loads((HERE / "frame.json").read_text(encoding="utf-8"))
    return tuple(DemoTheme(t["code"], t["name"], t["description"]) for t in data["themes"])


@cache
def answers() -> tuple[DemoAnswer, ...]:
    """Every demo answer with its hand codes (theme codes from ``frame()``)."""
    data = json.loads((HERE / "answers.json").read_text(encoding="utf-8"))
    return tuple(DemoAnswer(a["id"], a["respondent_type"], a["channel"], a["language"],
                            a["quote_consent"], a["text"], tuple(a["themes"])) for a in data)


@dataclass(frozen=True)
class DemoSurveyTheme:
    code: str
    name: str
    description: str
    example: str


@dataclass(frozen=True)
class DemoCommentCodes:
    """The hand codes of one demo survey comment: the survey's ``year`` and the words the
    comment ``starts`` with name it."""

    year: int
    starts: str
    themes: tuple[str, ...]


@cache
def _survey_data() -> dict:
    return json.loads((HERE / "survey_frame.json").read_text(encoding="utf-8"))


def survey_frame() -> tuple[DemoSurveyTheme, ...]:
    """The themes of the demo surveys' comments, in the order they are shown."""
    return tuple(DemoSurveyTheme(t["code"], t["name"], t["description"], t["example"])
                 for t in _survey_data()["themes"])


def survey_codes() -> tuple[DemoCommentCodes, ...]:
    """Every demo survey comment's hand codes (theme codes from ``survey_frame()``)."""
    return tuple(DemoCommentCodes(c["year"], c["starts"], tuple(c["themes"]))
                 for c in _survey_data()["comments"])


def survey_question() -> str:
    """The short name of the bank question the demo surveys' comments answer."""
    return _survey_data()["survey_question"]
