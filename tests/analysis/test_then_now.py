"""A then/now table (the counts the forum agreed, or a draft's, beside the counts now) gives no
small number by subtraction: "agreed 20, now 12" says 8 answers moved, so a "now" within the
minimum of a shown "then" is held back (``counting.then_now_pairs``). Every hidden figure
reads "held back", whatever hid it. Plain values, no database."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counting import Pair, differs_by_few, then_now, then_now_pairs

MINIMUM = 10


def test_a_pair_differing_by_a_few_holds_the_now_back():
    assert then_now(20, 12, MINIMUM) is None
    assert then_now(20, 11, MINIMUM) is None and then_now(20, 29, MINIMUM) is None
    # The minimum or more, or nothing at all, is no count of a few.
    assert then_now(20, 10, MINIMUM) == 10 and then_now(20, 30, MINIMUM) == 30
    assert then_now(20, 20, MINIMUM) == 20
    # A hidden side gives nothing to subtract from.
    assert then_now(None, 12, MINIMUM) == 12 and then_now(20, None, MINIMUM) is None
    assert not differs_by_few(None, 12, MINIMUM)


def test_the_table_lists_what_changed_as_shown_with_one_label_for_hidden():
    then = {"late": 20, "kind": None, "cost": 40, "safe": None}
    now = {"late": 12, "kind": None, "cost": 55, "safe": 14, "new": 0}
    assert then_now_pairs(then, now, MINIMUM) == [
        Pair("late", 20, None),  # 8 moved: held back
        Pair("cost", 40, 55),  # 15 moved: shown
        Pair("safe", None, 14),
        Pair("new", None, 0, added=True),
    ]  # "kind", hidden on both sides, reads "held back" twice: no change to show


def _observed(then_in, now_in, minimum):
    """What a reader sees of one count: the "then" table's figure (they have it) and the
    then/now table's row for it, if any."""
    return then_in, tuple(then_now_pairs({"k": then_in}, {"k": now_in}, minimum))


def _inputs(value, top, minimum):
    """How a true count may have been shown in its own table: as it is, unless it is under
    the minimum; or hidden (any count but zero may be hidden, to protect another)."""
    shown = [] if 0 < value < minimum else [value]
    hidden = [None] if value >= 1 else []
    return shown + hidden


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 12), st.data())
def test_no_then_now_row_pins_a_number_under_the_minimum(minimum, data):
    top = 3 * minimum + 3
    then = data.draw(st.integers(0, top - minimum))
    now = data.draw(st.integers(0, top - minimum))
    then_in = data.draw(st.sampled_from(_inputs(then, top, minimum)))
    now_in = data.draw(st.sampled_from(_inputs(now, top, minimum)))
    seen = _observed(then_in, now_in, minimum)
    # Every true pair a reader cannot rule out, knowing the rules.
    possible = [(t, n) for t, n in itertools.product(range(top + 1), repeat=2)
                if any(_observed(a, b, minimum) == seen
                       for a in _inputs(t, top, minimum) for b in _inputs(n, top, minimum))]
    assert (then, now) in possible
    nows = {n for _t, n in possible}
    moved = {n - t for t, n in possible}
    if now_in is None:
        assert not (len(nows) == 1 and 0 < next(iter(nows)) < minimum)
    # The difference is pinned only when it is nothing or the minimum and more.
    if len(moved) == 1:
        assert abs(next(iter(moved))) == 0 or abs(next(iter(moved))) >= minimum
