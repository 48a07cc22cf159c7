"""Who hears of what: the plain rule, without a database."""

from hypothesis import given
from hypothesis import strategies as st

from notices import topics
from notices.topics import Event, Interest, concerns

KINDS = [*topics.KIND_TOPICS, "comment_made", "meeting_recorded", "response_received"]
KEYS = ["policy-a", "policy-b", None]


def test_a_new_version_reaches_those_following_that_page_and_no_other():
    event = Event(kind="version_published", page_key="policy-a")
    assert concerns(event, [Interest(topics.PAGE, "policy-a")])
    assert not concerns(event, [Interest(topics.PAGE, "policy-b")])
    assert not concerns(event, [Interest(topics.CONSULTATIONS), Interest(topics.RESULTS)])


def test_consultations_and_results_reach_their_topics():
    assert concerns(Event("consultation_opened", "c"), [Interest(topics.CONSULTATIONS)])
    assert concerns(Event("outcome_published", "c"), [Interest(topics.CONSULTATIONS)])
    assert not concerns(Event("consultation_opened", "c"), [Interest(topics.RESULTS)])
    assert concerns(Event("survey_results_published", "s"), [Interest(topics.RESULTS)])


def test_forum_work_and_responses_are_never_announced_to_subscribers():
    everything = [Interest(topics.EVERYTHING)]
    for kind in ("comment_made", "meeting_recorded", "response_received", "text_removed"):
        assert not concerns(Event(kind, "policy-a"), everything)


interests = st.lists(st.builds(Interest, st.sampled_from(topics.TOPICS), st.sampled_from(KEYS)))


@given(kind=st.sampled_from(KINDS), key=st.sampled_from(KEYS), mine=interests)
def test_everything_hears_every_announced_kind_and_nothing_else(kind, key, mine):
    event = Event(kind, key)
    assert concerns(event, [Interest(topics.EVERYTHING)]) == (kind in topics.KIND_TOPICS)
    # Whoever hears of an event, a subscriber to everything hears of it too.
    if concerns(event, mine):
        assert concerns(event, [Interest(topics.EVERYTHING)])
    # Adding an interest never takes a notice away.
    if concerns(event, mine):
        assert concerns(event, [*mine, Interest(topics.RESULTS)])


def test_a_consultation_opening_reaches_those_following_its_policy():
    """Following a policy tells you when the consultation about it opens; its outcome, and
    consultations about other policies, go to the "consultations" topic only."""
    opened = Event("consultation_opened", "consultation-1", policy_key="policy-a")
    assert concerns(opened, [Interest(topics.PAGE, "policy-a")])
    assert not concerns(opened, [Interest(topics.PAGE, "policy-b")])
    assert not concerns(Event("consultation_opened", "consultation-1"),
                        [Interest(topics.PAGE, "policy-a")])
    assert not concerns(Event("outcome_published", "consultation-1", policy_key="policy-a"),
                        [Interest(topics.PAGE, "policy-a")])
    # A new version of the consultation page itself is not a version of the policy.
    assert not concerns(Event("version_published", "consultation-1", policy_key="policy-a"),
                        [Interest(topics.PAGE, "policy-a")])
