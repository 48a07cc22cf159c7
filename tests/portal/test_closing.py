"""The closing rule: open to the end of the stated minute, and a grace only for a form opened
while the window was open (plain Python, no database)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from portal.closing import Verdict, close_moment, verdict

UTC = dt.UTC
OPENS = dt.datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
CLOSES = dt.datetime(2026, 12, 1, 23, 59, tzinfo=UTC)
GRACE = dt.timedelta(minutes=30)


def test_the_whole_closing_minute_is_on_time():
    assert close_moment(CLOSES) == dt.datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
    at = CLOSES + dt.timedelta(seconds=59, microseconds=999_999)
    assert verdict(now=at, opens=OPENS, closes=CLOSES) == Verdict.ON_TIME
    assert verdict(now=close_moment(CLOSES), opens=OPENS, closes=CLOSES) == Verdict.CLOSED


def test_before_the_opening_is_not_yet():
    assert verdict(now=OPENS - dt.timedelta(seconds=1), opens=OPENS,
                   closes=CLOSES) == Verdict.NOT_YET


@given(opened=st.timedeltas(min_value=dt.timedelta(days=-40), max_value=dt.timedelta(days=1)),
       sent=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(hours=2)))
def test_late_only_inside_the_grace_and_only_for_a_form_opened_while_open(opened, sent):
    end = close_moment(CLOSES)
    form_opened_at, now = end + opened, end + sent
    result = verdict(now=now, opens=OPENS, closes=CLOSES, form_opened_at=form_opened_at,
                     grace=GRACE)
    opened_while_open = OPENS <= form_opened_at < end
    if sent < GRACE and opened_while_open:
        assert result == Verdict.LATE
    else:
        assert result == Verdict.CLOSED


def test_no_opened_time_means_no_grace():
    assert verdict(now=close_moment(CLOSES) + dt.timedelta(seconds=1), opens=OPENS,
                   closes=CLOSES, grace=GRACE) == Verdict.CLOSED
