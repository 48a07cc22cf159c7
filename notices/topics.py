"""Which subscribers a recorded event concerns: plain rules over plain values.

An event of the evidence log (its kind and the page it is about) matches a subscription by
topic. The kinds are the evidence log's own names (``charter.models.EvidenceEntry.Kind``),
repeated here as strings so this module needs nothing but the standard library.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: What a family can ask to be told about.
PAGE = "page"                    # one page (a policy): each new version
CONSULTATIONS = "consultations"  # a consultation opens, or its outcome is published
RESULTS = "results"              # the satisfaction survey's results are published
EVERYTHING = "everything"        # all of the above, for every page
TOPICS = (PAGE, CONSULTATIONS, RESULTS, EVERYTHING)

#: The evidence kinds that become notices, and the topic each belongs to. A new version of a
#: page reaches those following that page; the rest reach those following the topic.
KIND_TOPICS = {
    "version_published": PAGE,
    "consultation_opened": CONSULTATIONS,
    "outcome_published": CONSULTATIONS,
    "survey_results_published": RESULTS,
}

#: The kinds of event about a consultation that also reach those following the policy the
#: consultation is about (``ConsultationPage.policy``): following a policy tells you when the
#: consultation about it opens.
POLICY_KINDS = frozenset({"consultation_opened"})

IMMEDIATELY = "immediately"
WEEKLY = "weekly"

#: How far back a notices run looks for events not yet sent (a worker down for a day still
#: catches up): an event older than this is never sent at once, even when released again.
LOOK_BACK = dt.timedelta(days=8)


@dataclass(frozen=True)
class Event:
    """One recorded event: its evidence kind and the translation key of its page (a page and
    its Polish and Arabic copies share one key, so following one follows them all), and for
    a consultation the translation key of the policy it is about (``policy_key``)."""

    kind: str
    page_key: str | None
    policy_key: str | None = None


@dataclass(frozen=True)
class Interest:
    """One subscription: its topic, and for ``PAGE`` the followed page's translation key."""

    topic: str
    page_key: str | None = None


def concerns(event: Event, interests: list[Interest]) -> bool:
    """Whether any of a subscriber's ``interests`` asks to be told of ``event``.

    Events of kinds outside ``KIND_TOPICS`` concern nobody (a forum comment, a meeting).
    ``EVERYTHING`` takes every event of a kind that is announced. A consultation opening
    (``POLICY_KINDS``) also reaches those following the policy it is about. A subscriber
    is one yes or no, so hears of an event once, however many interests match it.
    """
    topic = KIND_TOPICS.get(event.kind)
    if topic is None:
        return False
    for interest in interests:
        if interest.topic == EVERYTHING:
            return True
        if (interest.topic == PAGE and event.kind in POLICY_KINDS
                and event.policy_key is not None and interest.page_key == event.policy_key):
            return True
        if interest.topic != topic:
            continue
        if topic != PAGE or (event.page_key is not None and interest.page_key == event.page_key):
            return True
    return False
