"""Every line a forum representative or an officer reads in their daily e-mail (and in a
notice sent at once) is in words, in English, Polish and Arabic: never an internal key (an
outbox kind "staff:…", an event's or a decision's snake_case name, a topic code)."""

import re
from types import SimpleNamespace

import pytest
from django.utils import timezone

from notices import emails, staff_topics
from notices.selectors import StaffEvent

pytestmark = pytest.mark.django_db
#: What no reader should see: a snake_case name (an event's, a decision's, a review's
#: state, a kind of closure), an outbox kind.
RAW = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\bstaff:")


def _events(page):
    now = timezone.now()
    review = {"review_status": "in_progress", "review_decision": "",
              "review_deadline": "2027-10-04"}
    every = {
        "review_opened": review,
        "comment_answered": {"disposition": "partly", **review},
        staff_topics.DRAFT_CHANGED: review,
        "review_deadline_changed": {"from": "2027-10-01", "to": "2027-10-04",
                                    "reason": "Half term.", **review},
        staff_topics.DEADLINE_SOON: {"deadline": "2027-10-04", **review},
        "review_agreement_pending": review,
        "review_decided": {"decision": "agreed_with_disagreement",
                           "review_status": "approved",
                           "review_decision": "agreed_with_disagreement"},
        "comment_made": {"section": "Walking distances", **review},
        "disagreement_stated": {"review_status": "cancelled", "review_decision": ""},
        staff_topics.OPENS_SOON: {"at": "2027-09-13T09:00:00+01:00"},
        staff_topics.CLOSES_SOON: {"at": "2027-10-21T17:00:00+01:00"},
        staff_topics.WINDOW_IN_HOLIDAY: {"problems": [
            {"window": w, "kind": k, "first": "2027-09-20", "last": last}
            for w in (staff_topics.PUBLIC_WINDOW, staff_topics.FORUM_WINDOW)
            for k in ("holiday", "half_term", "bank_holiday", "closure")
            for last in ("2027-09-20", "2027-09-21")] + [
            {"window": w, "days": 27, "minimum": 28}
            for w in (staff_topics.PUBLIC_WINDOW, staff_topics.FORUM_WINDOW)]},
    }
    assert set(every) == set(staff_topics.AUDIENCES)  # every kind there is
    return [StaffEvent(kind=kind, about=page, when=now, page=page,
                       review_id=1 if "review_status" in details else None,
                       details=details) for kind, details in every.items()]


def _seen(message) -> list[str]:
    """The lines a reader sees, each link taken out (an address is not words)."""
    text = f"{message.subject}\n{message.body}"
    return [re.sub(r"https?://\S+", "", line) for line in text.splitlines()]


@pytest.mark.parametrize("language", ["en-gb", "pl", "ar"])
@pytest.mark.parametrize("frequency", [staff_topics.DAILY, staff_topics.IMMEDIATELY])
def test_no_line_of_a_staff_e_mail_shows_an_internal_key(tree, officer, language, frequency):
    events = _events(tree.policy)
    person = staff_topics.Person(officer.pk, frozenset({staff_topics.FORUM,
                                                        staff_topics.OFFICERS}))
    preference = SimpleNamespace(language=language, frequency=frequency)
    batches = [events] if frequency == staff_topics.DAILY else [[e] for e in events]
    for batch in batches:
        message = emails.staff_message(user=officer, person=person, preference=preference,
                                       events=batch)
        raw = [(line, RAW.findall(line)) for line in _seen(message) if RAW.search(line)]
        assert raw == [], (language, batch[0].kind)
        assert all(line.strip() != "-" for line in _seen(message))


def test_the_check_finds_a_raw_key():
    assert RAW.search("The forum's decision: agreed_with_disagreement.")
    assert RAW.search("staff:deadline_soon")
    assert not RAW.search("The forum's decision has been recorded: agreed.")
