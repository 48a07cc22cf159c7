import datetime as dt

import pytest
import time_machine

from tests.consultations.conftest import calendar, consultation, consultation_index  # noqa: F401


@pytest.fixture
def term_day():
    """A Wednesday in term (the consultation fixtures open a window around now)."""
    with time_machine.travel(dt.datetime(2027, 1, 20, 10, tzinfo=dt.UTC), tick=False):
        yield
