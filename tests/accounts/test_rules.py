from hypothesis import given
from hypothesis import strategies as st

from accounts import rules

ROLES = st.frozensets(st.sampled_from(["admin", "officer", "board", "forum_rep"]))


def test_two_factor_is_required_for_officers_admins_and_board_only():
    assert rules.two_factor_required({"officer"})
    assert rules.two_factor_required({"admin"})
    assert rules.two_factor_required({"board"})
    assert not rules.two_factor_required({"forum_rep"})
    assert not rules.two_factor_required(set())
    assert rules.two_factor_offered({"forum_rep"})
    assert not rules.two_factor_offered(set())


@given(ROLES, st.booleans())
def test_someone_with_two_factor_always_gives_a_code(roles, enforced):
    assert rules.must_pass_two_factor(roles, has_device=True, enforced=enforced)


@given(ROLES)
def test_without_a_device_only_required_roles_are_stopped_and_only_when_enforced(roles):
    assert rules.must_pass_two_factor(roles, has_device=False, enforced=True) == bool(
        roles & {"admin", "officer", "board"})
    assert not rules.must_pass_two_factor(roles, has_device=False, enforced=False)


@given(ROLES)
def test_the_shortest_idle_limit_of_ones_roles_applies(roles):
    limit = rules.idle_limit_minutes(roles, rules.DEFAULT_IDLE_MINUTES)
    if not roles:
        assert limit is None
    else:
        assert limit == min(rules.DEFAULT_IDLE_MINUTES[r] for r in roles)
        assert limit == (30 if roles & {"admin", "officer"} else 120)


@given(st.integers(0, 10**9), st.integers(0, 10**6), st.integers(1, 600))
def test_a_session_expires_only_past_its_idle_limit(last_seen, idle_seconds, limit):
    expired = rules.idle_expired(last_seen=last_seen, now=last_seen + idle_seconds,
                                 limit_minutes=limit)
    assert expired == (idle_seconds > limit * 60)


def test_no_limit_or_no_last_visit_never_expires():
    assert not rules.idle_expired(last_seen=0, now=1e9, limit_minutes=None)
    assert not rules.idle_expired(last_seen=None, now=1e9, limit_minutes=30)
