import pytest
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


# --- Removing a second factor, and where passkeys work --------------------------------

@pytest.mark.parametrize("roles", [{"officer"}, {"admin"}, {"board"}, {"forum_rep", "officer"}])
def test_staff_who_must_use_two_factor_keep_their_last_second_factor(roles):
    assert not rules.may_remove_second_factor(roles, others_left=0, enforced=True)
    assert rules.may_remove_second_factor(roles, others_left=1, enforced=True)
    assert rules.may_remove_second_factor(roles, others_left=0, enforced=False)


@pytest.mark.parametrize("roles", [{"forum_rep"}, set()])
def test_anyone_else_may_remove_their_last_second_factor(roles):
    assert rules.may_remove_second_factor(roles, others_left=0, enforced=True)


def test_the_relying_party_is_the_base_urls_host():
    assert rules.relying_party("https://travel.example.gov.uk/") == (
        "travel.example.gov.uk", ["https://travel.example.gov.uk"])
    assert rules.relying_party("https://Travel.Example.gov.uk:8443") == (
        "travel.example.gov.uk", ["https://travel.example.gov.uk:8443"])


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000", "http://[::1]:8000",
                                  "http://localhost:8000"])
def test_a_loopback_address_becomes_localhost(base):
    assert rules.relying_party(base) == ("localhost", ["http://localhost:8000"])


def test_extra_origins_follow_without_repeats_or_blanks():
    rp_id, origins = rules.relying_party(
        "https://travel.example.gov.uk",
        ["", " https://www.travel.example.gov.uk/ ", "https://travel.example.gov.uk"])
    assert rp_id == "travel.example.gov.uk"
    assert origins == ["https://travel.example.gov.uk", "https://www.travel.example.gov.uk"]


@pytest.mark.parametrize("base", ["", "travel.example.gov.uk", "https://"])
def test_a_base_url_without_scheme_or_host_is_refused(base):
    with pytest.raises(ValueError, match="needs a scheme and a host"):
        rules.relying_party(base)


@given(st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z][a-z0-9-]{0,20}){1,3}", fullmatch=True),
       st.one_of(st.none(), st.integers(min_value=1, max_value=65535)))
def test_the_first_origin_is_always_the_base_urls_own(host, port):
    base = f"https://{host}" + (f":{port}" if port else "")
    rp_id, origins = rules.relying_party(base, ["https://other." + host])
    assert rp_id == host
    assert origins[0] == base and len(origins) == 2
