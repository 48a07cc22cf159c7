"""The hand-coded demo set: invented written answers to the demo consultation ("Walking
distances for children under 8", ``consultations/demo.py``), each read and coded by a person
into the frame in ``frame.json``.

``answers.json`` holds 309 answers (249 in English, 30 in Polish, 30 in Arabic; typed online,
on paper, by phone or by e-mail, by parents, young people, schools, operators and others),
each with the themes a careful reader gave it. They are the yardstick the suggestions are
measured against (``tests/bench/analysis_bench.py``) and the demo loader's answers. Whether a
respondent agreed to be quoted (``quote_consent``) is invented too, about four in five.

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
