# ruff: noqa: F811 - the responses fixture imported from test_coding_screen
"""The coding screen says truly where a decision is recorded (review r15k, F10): counted into
the officer's coding session, whose one summary the evidence log gets within two hours (not
"Recorded in the evidence log" at once), in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from wagtail.users.models import UserProfile

from analysis import services, tasks
from charter.models import EvidenceEntry
from tests.analysis.test_coding_screen import _theme, responses  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("term_day")

SAID = ("Counted in your coding session: the evidence log records the session within two "
        "hours, or when the themes are sent to the forum.")


def _url(frame):
    return reverse("analysis_code", args=[frame.consultation_id, frame.question_id])


def test_the_message_says_the_session_is_logged_later_and_it_is(client, login_as, frame,
                                                                responses):  # noqa: F811
    login_as("officer")
    theme = _theme(frame, "still-too-far")
    page = client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "direction": "add",
                                     "selected": [r.pk for r in responses[:5]]}, follow=True)
    html = page.content.decode()
    assert SAID in html and "Recorded in the evidence log" not in html
    # Not in the log yet, as the message says; there within two hours.
    assert not EvidenceEntry.objects.filter(kind=services.CODING_KIND).exists()
    with time_machine.travel(dt.timedelta(hours=2), tick=False):
        tasks.close_idle_coding_sessions()
    assert EvidenceEntry.objects.filter(kind=services.CODING_KIND).count() == 1


@pytest.mark.parametrize("language,words", [
    ("pl", "Zapisano w Twojej sesji kodowania"),
    ("ar", "احتُسب في جلسة الترميز الخاصة بك"),
])
def test_the_message_is_in_the_officers_language(client, login_as, frame, responses,
                                                 language, words):  # noqa: F811
    profile = UserProfile.get_for_user(login_as("officer"))
    profile.preferred_language = language
    profile.save()
    theme = _theme(frame, "still-too-far")
    page = client.post(_url(frame), {"action": "bulk", "theme": theme.pk, "direction": "add",
                             "selected": [responses[0].pk]}, follow=True)
    assert words in page.content.decode()
