"""A reminder goes once: the same confirm sent twice, or confirms from two tabs, make one
reminder mailing, and nobody is reminded within 48 hours of their invitation or of their
last reminder (``surveys.reminders``)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from wagtail.users.models import UserProfile

from surveys import reminders, services
from surveys.models import SurveyInvitation, SurveyMailing

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _invite(survey, officer, emails, *, ago):
    mailing = services.invitations_create(
        survey=survey, user=officer,
        rows=[services.InvitationRow(e, "parents") for e in emails])
    services.mailing_send(mailing_id=mailing.pk)
    SurveyInvitation.objects.filter(email__in=emails).update(sent_at=timezone.now() - ago)
    mail.outbox.clear()


def _ask(client, survey):
    """Press "Remind people who have not answered…": the confirm step, with its form key."""
    response = client.post(reverse("surveys_invitations", args=[survey.pk]),
                           {"action": "remind"})
    return response, re.search(r'name="key" value="([0-9a-f]+)"',
                               response.content.decode()).group(1)


def _confirm(client, survey, key, capture):
    with capture(execute=True):
        response = client.post(reverse("surveys_invitations", args=[survey.pk]),
                               {"action": "remind-confirm", "key": key})
    while response.status_code == 302:
        response = client.get(response.url)
    return response


def _per_address():
    counts = {}
    for message in mail.outbox:
        counts[message.to[0]] = counts.get(message.to[0], 0) + 1
    return counts


def test_confirms_in_two_tabs_send_each_person_one_reminder_and_the_second_shows_the_first(
        client, login_as, survey, officer, django_capture_on_commit_callbacks):
    _invite(survey, officer, ["a@example.org", "b@example.org"], ago=dt.timedelta(days=3))
    login_as("officer")
    tab_a, key_a = _ask(client, survey)
    tab_b, key_b = _ask(client, survey)
    assert "Send 2 reminders?" in _text(tab_a) and "Send 2 reminders?" in _text(tab_b)
    first = _confirm(client, survey, key_a, django_capture_on_commit_callbacks)
    assert "2 of 2 reminders sent." in _text(first)
    second = _confirm(client, survey, key_b, django_capture_on_commit_callbacks)
    text = _text(second)
    assert "These reminders were already asked for on" in text
    assert "Nobody is reminded twice within 48 hours, so nothing more was sent." in text
    assert "2 of 2 reminders sent." in text
    assert _per_address() == {"a@example.org": 1, "b@example.org": 1}
    assert SurveyMailing.objects.filter(kind=SurveyMailing.Kind.REMINDERS).count() == 1


def test_the_same_confirm_sent_again_sends_nothing_more(
        client, login_as, survey, officer, django_capture_on_commit_callbacks):
    _invite(survey, officer, ["a@example.org"], ago=dt.timedelta(days=3))
    login_as("officer")
    _response, key = _ask(client, survey)
    _confirm(client, survey, key, django_capture_on_commit_callbacks)
    # Back, and the same button again, even once the 48 hours have passed.
    SurveyInvitation.objects.update(reminder_requested_at=timezone.now() - dt.timedelta(days=3),
                                    reminded_at=timezone.now() - dt.timedelta(days=3))
    again = _confirm(client, survey, key, django_capture_on_commit_callbacks)
    assert "These reminders were already asked for on" in _text(again)
    assert _per_address() == {"a@example.org": 1}


def test_a_person_invited_an_hour_ago_gets_no_reminder_and_the_page_says_why(
        client, login_as, survey, officer, django_capture_on_commit_callbacks):
    _invite(survey, officer, ["old@example.org"], ago=dt.timedelta(days=3))
    _invite(survey, officer, ["new@example.org"], ago=dt.timedelta(hours=1))
    login_as("officer")
    response, key = _ask(client, survey)
    text = _text(response)
    assert "Send 1 reminder?" in text
    assert "Of the 2 people who have not used their codes, 1 can be reminded now: nobody " \
           "is reminded within 48 hours of their invitation or of their last reminder." in text
    _confirm(client, survey, key, django_capture_on_commit_callbacks)
    assert _per_address() == {"old@example.org": 1}


def test_nobody_due_offers_no_send_button(client, login_as, survey, officer):
    _invite(survey, officer, ["new@example.org"], ago=dt.timedelta(hours=1))
    login_as("officer")
    response = client.post(reverse("surveys_invitations", args=[survey.pk]),
                           {"action": "remind"})
    text = _text(response)
    assert "Of the 1 person who has not used their code, 0 can be reminded now" in text
    assert "Yes, send" not in text


def test_a_reminder_already_asked_for_counts_before_it_has_gone(survey, officer):
    """Two confirms while the first reminders are still queued: the second finds nobody."""
    _invite(survey, officer, ["a@example.org"], ago=dt.timedelta(days=3))
    first, created = services.invitations_remind(survey=survey, user=officer, key="k1")
    assert created and first.total == 1
    second, created = services.invitations_remind(survey=survey, user=officer, key="k2")
    assert not created and second == first
    services.mailing_send(mailing_id=first.pk)
    assert _per_address() == {"a@example.org": 1}


moments = st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2026, 12, 31),
                       timezones=st.just(dt.UTC))


@given(invited=st.one_of(st.none(), moments), reminded=st.one_of(st.none(), moments),
       now=moments)
def test_nobody_is_reminded_within_48_hours_of_an_invitation_or_a_reminder(
        invited, reminded, now):
    due = reminders.reminder_due(invited_at=invited, reminded_at=reminded, now=now)
    gap = reminders.REMINDER_GAP
    if due:
        assert invited is not None and now - invited >= gap
        assert reminded is None or now - reminded >= gap
    else:
        assert (invited is None or now - invited < gap
                or (reminded is not None and now - reminded < gap))


def test_the_rule_at_its_edges():
    hour = dt.timedelta(hours=1)
    assert not reminders.reminder_due(invited_at=None, reminded_at=None, now=NOW)
    assert not reminders.reminder_due(invited_at=NOW - hour, reminded_at=None, now=NOW)
    assert reminders.reminder_due(invited_at=NOW - 48 * hour, reminded_at=None, now=NOW)
    assert not reminders.reminder_due(invited_at=NOW - 72 * hour,
                                      reminded_at=NOW - 47 * hour, now=NOW)


@pytest.mark.parametrize(("language", "page_says", "second_says"), [
    ("pl", "Spośród 2 osób, które nie użyły kodów, przypomnienie można teraz wysłać do: 1.",
     "nic więcej nie wysłano"),
    ("ar", "من لم يستخدموا رموزهم: 2، ويمكن تذكير 1 منهم الآن",
     "لم يُرسل شيء آخر"),
])
def test_an_officer_reading_polish_or_arabic_is_told_who_is_not_due_and_of_the_second_press(
        client, login_as, survey, officer, language, page_says, second_says,
        django_capture_on_commit_callbacks):
    _invite(survey, officer, ["old@example.org"], ago=dt.timedelta(days=3))
    _invite(survey, officer, ["new@example.org"], ago=dt.timedelta(hours=1))
    user = login_as("officer")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    response, key = _ask(client, survey)
    assert page_says in _text(response)
    assert "can be reminded now" not in _text(response)
    _response, key_b = _ask(client, survey)  # a second tab
    _confirm(client, survey, key, django_capture_on_commit_callbacks)
    second = _text(_confirm(client, survey, key_b, django_capture_on_commit_callbacks))
    assert second_says in second and "already asked for" not in second
    assert _per_address() == {"old@example.org": 1}
