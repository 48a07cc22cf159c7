"""The rules for a mail server's answer about one message, and for trying a deferred one
again: plain values, no database."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outbox import deferrals
from outbox.deferrals import Answer


@pytest.mark.parametrize(("code", "meaning"), [
    (550, Answer.REFUSED), (554, Answer.REFUSED), (552, Answer.REFUSED),
    (450, Answer.DEFERRED), (451, Answer.DEFERRED), (452, Answer.DEFERRED),
    (421, Answer.STOP), (250, Answer.STOP), (354, Answer.STOP), (600, Answer.STOP),
])
def test_what_an_answer_means_for_one_message(code, meaning):
    assert deferrals.answer(code) is meaning


@given(st.integers(min_value=1, max_value=10_000))
def test_pauses_grow_and_never_pass_the_longest(n):
    assert deferrals.FIRST_WAIT <= deferrals.wait_after(n) <= deferrals.LONGEST_WAIT
    assert deferrals.wait_after(n) <= deferrals.wait_after(n + 1)


@given(st.integers(min_value=1, max_value=50),
       st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_a_message_is_tried_most_tries_times_then_given_up(n, moment):
    moment = moment.replace(tzinfo=dt.UTC)
    later = deferrals.next_try(deferrals=n, deferred_at=moment)
    if n >= deferrals.MOST_TRIES:
        assert later is None
    else:
        assert later == moment + deferrals.wait_after(n)


def test_the_whole_schedule():
    minutes = [deferrals.wait_after(n) // dt.timedelta(minutes=1)
               for n in range(1, deferrals.MOST_TRIES)]
    assert minutes == [10, 20, 40, 80, 160, 320, 360]
    assert deferrals.give_up_after() == dt.timedelta(minutes=990)
    with pytest.raises(ValueError, match="1 or more"):
        deferrals.wait_after(0)
