# ruff: noqa: F811 - the responses fixture imported from test_coding_screen
"""The coding screen says truly where a decision is recorded (review r15k, F10): counted into
the officer's coding session, whose one summary the evidence log gets within the time the
session's rule allows (issue 15, F3: three hours, derived below from the rule and the hourly
task's schedule; not "Recorded in the evidence log" at once), in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from analysis import services, tasks
from charter.models import EvidenceEntry
from tests.analysis.test_coding_screen import _theme, responses  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("term_day")

SAID = ("Counted in your coding session: the evidence log records the session within {hours} "
        "hours, or when the themes are sent to the forum.")
HOURS = {1: "one", 2: "two", 3: "three", 4: "four"}


def _task_runs(start: dt.datetime):
    """The times, from ``start`` on (a day), the idle sessions' task runs, as scheduled."""
    [schedule] = [s["schedule"] for s in settings.CELERY_BEAT_SCHEDULE.values()
                  if s["task"] == "analysis.tasks.close_idle_coding_sessions"]
    moment = start.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    while moment < start + dt.timedelta(days=1):
        if moment.minute in schedule.minute and moment.hour in schedule.hour:
            yield moment
        moment += dt.timedelta(minutes=1)


def _bound() -> dt.timedelta:
    """The longest a first decision waits for its session's entry: the session takes
    decisions for ``SESSION_LENGTH``, is idle ``SESSION_LENGTH`` after its last, and then
    waits for the task's next run (the longest gap between runs)."""
    start = dt.datetime(2027, 1, 20, tzinfo=dt.UTC)
    runs = list(_task_runs(start))
    gap = max(b - a for a, b in zip(runs, runs[1:], strict=False))
    return 2 * services.SESSION_LENGTH + gap


def _url(frame):
    return reverse("analysis_code", args=[frame.consultation_id, frame.question_id])


def test_the_message_says_the_session_is_logged_later_and_it_is(client, login_as, frame,
                                                                responses):  # noqa: F811
    bound = _bound()
    hours = -(-bound // dt.timedelta(hours=1))
    officer = login_as("officer")
    theme = _theme(frame, "still-too-far")
    # The worst case: a session's first decision just after the task ran, another just
    # before the session ends (so just after a run, an hour on: not idle at the next).
    first = next(_task_runs(dt.datetime(2027, 1, 20, 10, tzinfo=dt.UTC))) + dt.timedelta(
        seconds=3)
    with time_machine.travel(first, tick=False):
        page = client.post(_url(frame), {"action": "bulk", "theme": theme.pk,
                                         "direction": "add",
                                         "selected": [r.pk for r in responses[:5]]},
                           follow=True)
    html = page.content.decode()
    assert SAID.format(hours=HOURS[hours]) in html
    assert "Recorded in the evidence log" not in html
    with time_machine.travel(first + services.SESSION_LENGTH - dt.timedelta(seconds=2),
                             tick=False):
        client.force_login(officer)  # signed in again: an idle hour signs an officer out
        client.post(_url(frame), {"action": "bulk", "theme": theme.pk,
                                  "direction": "remove", "selected": [responses[0].pk]})
    # Not in the log yet, as the message says; there when the task runs within the bound.
    assert not EvidenceEntry.objects.filter(kind=services.CODING_KIND).exists()
    logged = None
    for run in _task_runs(first):
        with time_machine.travel(run, tick=False):
            tasks.close_idle_coding_sessions()
        if EvidenceEntry.objects.filter(kind=services.CODING_KIND).exists():
            logged = run
            break
    assert logged is not None and logged - first <= bound
    # The bound is tight: the message names no fewer hours than this case waited.
    assert logged - first > bound - dt.timedelta(hours=1)
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
