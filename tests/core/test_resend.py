"""The rule behind the "send it again" page: what comes back and what never does."""

from hypothesis import given
from hypothesis import strategies as st

from core import resend


def test_the_old_token_passwords_and_robot_traps_are_never_echoed():
    posted = [resend.Posted(n, ("x",)) for n in (
        "csrfmiddlewaretoken", "password", "new_password1", "website", "otp_code", "body",
        "submission_key", "bus_pass", "footprint")]
    kept = [p.name for p in resend.carried(posted, also_secret=frozenset({"honey"}))]
    assert kept == ["body", "submission_key", "bus_pass", "footprint"]
    assert resend.never_echoed("honey", also=frozenset({"honey"}))


def test_words_are_told_apart_from_machine_made_values():
    assert resend.looks_written("My son is 6 and anxious.")
    for machine in ("", "  ", "42", "3f2a9c1e0b", "2026-11-29", "[1, 2]", '{"a": 1}',
                    "block-id_7"):
        assert not resend.looks_written(machine), machine


def test_labels_are_made_from_field_names():
    assert resend.humanise("contact_name") == "Contact name"
    assert resend.humanise("body-0-value") == "Body 0 value"


@given(st.lists(st.tuples(st.text(min_size=1, max_size=12), st.text(max_size=5)), max_size=8))
def test_carried_keeps_order_and_drops_only_secrets(pairs):
    posted = [resend.Posted(name, (value,)) for name, value in pairs]
    kept = resend.carried(posted)
    assert kept == [p for p in posted if not resend.never_echoed(p.name)]
