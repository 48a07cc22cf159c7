"""A theme is added, by hand or from a suggestion ("Add to the frame"), only to a draft
frame: one with the forum or agreed with it is refused with the message merging and
deleting give ("Take the frame back from the forum before changing its themes"), so the
forum is never shown, or counted as having agreed, a theme it never saw (bk15i, F6)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from analysis import services, writeup_services
from analysis.models import CodingFrame, Theme, ThemeSuggestion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("term_day")]

REFUSED = "Take the frame back from the forum before changing its themes."
LATE = "Drivers who never ring ahead"


def _themes_url(frame):
    return reverse("analysis_themes", args=[frame.consultation_id, frame.question_id])


@pytest.fixture
def suggestion(frame):
    return ThemeSuggestion.objects.create(frame=frame, name="escort never rings",
                                          answer_ids=[], quote_ids=[], method="tfidf")


@pytest.fixture(params=["with_forum", "agreed"])
def sent(request, frame, officer, forum_rep):
    """The frame sent to the forum, and (for "agreed") agreed by it."""
    writeup_services.frame_send(frame=frame, user=officer)
    if request.param == "agreed":
        writeup_services.frame_agree(frame=frame, user=forum_rep)
    frame.refresh_from_db()
    return frame


def test_a_theme_typed_by_hand_is_refused_once_the_forum_has_the_frame(sent, officer):
    before = sent.themes.count()
    with pytest.raises(ValidationError, match="Take the frame back"):
        services.theme_add(frame=sent, name=LATE, user=officer)
    assert sent.themes.count() == before


def test_a_suggestion_is_not_added_once_the_forum_has_the_frame(sent, suggestion, officer):
    with pytest.raises(ValidationError, match="Take the frame back"):
        services.theme_suggestion_accept(suggestion=suggestion, user=officer)
    suggestion.refresh_from_db()
    assert suggestion.status == ThemeSuggestion.Status.WAITING
    assert not Theme.objects.filter(frame=sent, name="escort never rings").exists()


def test_the_themes_page_says_to_take_the_frame_back(client, sent, suggestion, officer,
                                                     forum_rep):
    client.force_login(officer)
    status = sent.status
    for data in ({"action": "add", "name": LATE, "description": "Nobody calls."},
                 {"action": "accept", "suggestion": suggestion.pk, "name": ""}):
        response = client.post(_themes_url(sent), data)
        assert response.status_code == 400
        assert REFUSED in response.content.decode()
    assert not Theme.objects.filter(frame=sent, name__in=[LATE, "escort never rings"]).exists()
    sent.refresh_from_db()
    assert sent.status == status
    # The forum's page lists only the themes it was sent.
    client.force_login(forum_rep)
    page = client.get(reverse("analysis_frame", args=[sent.pk])).content.decode()
    assert LATE not in page and "escort never rings" not in page


def test_a_draft_frame_still_takes_themes_both_ways(client, frame, suggestion, officer):
    client.force_login(officer)
    added = client.post(_themes_url(frame), {"action": "add", "name": LATE})
    accepted = client.post(_themes_url(frame), {"action": "accept",
                                                "suggestion": suggestion.pk})
    assert added.status_code == accepted.status_code == 302
    assert set(frame.themes.filter(name__in=[LATE, "escort never rings"])
               .values_list("name", flat=True)) == {LATE, "escort never rings"}


def test_a_frame_taken_back_takes_themes_again(frame, officer):
    writeup_services.frame_send(frame=frame, user=officer)
    writeup_services.frame_take_back(frame=frame, user=officer)
    frame.refresh_from_db()
    assert frame.status == CodingFrame.Status.DRAFT
    assert services.theme_add(frame=frame, name=LATE, user=officer).name == LATE


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "board_member"])
def test_only_officers_add_themes(client, login_as, frame, suggestion, role):
    login_as(role)
    for data in ({"action": "add", "name": LATE},
                 {"action": "accept", "suggestion": suggestion.pk}):
        response = client.post(_themes_url(frame), data)
        assert response.status_code in (302, 403)
    assert not Theme.objects.filter(frame=frame, name__in=[LATE, "escort never rings"]).exists()


def test_the_service_refuses_anyone_but_an_officer(frame, forum_rep):
    with pytest.raises(PermissionDenied):
        services.theme_add(frame=frame, name=LATE, user=forum_rep)
