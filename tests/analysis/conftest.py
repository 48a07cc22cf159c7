import datetime as dt

import pytest
import time_machine

from analysis import demo
from analysis.models import CodingFrame, Theme
from tests.consultations.conftest import calendar, consultation, consultation_index  # noqa: F401


@pytest.fixture
def term_day():
    """A Wednesday in term (the consultation fixtures open a window around now)."""
    with time_machine.travel(dt.datetime(2027, 1, 20, 10, tzinfo=dt.UTC), tick=False):
        yield


def free_text_id(page) -> str:
    """The block id of a consultation page's first written (free-text) question."""
    return next(b.id for b in page.questions if b.block_type == "free_text")


@pytest.fixture
def frame(consultation, officer):  # noqa: F811 - the consultation fixture
    """A coding frame for the consultation's written question, with the demo's ten themes."""
    frame = CodingFrame.objects.create(consultation=consultation, created_by=officer,
                                       question_id=free_text_id(consultation))
    Theme.objects.bulk_create([Theme(frame=frame, code=t.code, name=t.name,
                                     description=t.description, sort_order=i)
                               for i, t in enumerate(demo.frame())])
    return frame
