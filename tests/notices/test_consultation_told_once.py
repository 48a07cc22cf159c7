"""A consultation is one consultation in every language: its English page, a Polish copy
translated with wagtail-localize (a page of its own) and an Arabic alias share one
translation key. Its opening and its outcome are recorded once and told to each subscriber
once, in their language, however many copies it has and whenever a copy is translated."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from wagtail.models import Locale

from charter.models import EvidenceEntry
from consultations.models import ConsultationPage
from consultations.services import consultation_events_record
from notices import services
from tests.charter.test_translated_record import translate
from tests.consultations.conftest import make_consultation
from tests.factories import publish
from tests.notices.test_subscribing import BASE, _subscribe

Kind = EvidenceEntry.Kind


@pytest.fixture
def words():
    return {}


@pytest.fixture
def followers(client, tree, settings):
    """An Arabic reader following only the policy, a Polish one following consultations and
    the policy, an English one following everything and the policy."""
    settings.WAGTAILADMIN_BASE_URL = BASE
    people = {
        "ar": _subscribe(client, tree, email="arab.follow@example.org", prefix="/ar"),
        "pl": _subscribe(client, tree, email="pol.both@example.org", prefix="/pl",
                         topics=("consultations", "page")),
        "en": _subscribe(client, tree, email="eng.all@example.org",
                         topics=("everything", "page")),
    }
    mail.outbox.clear()
    return people


def _arabic_alias(page):
    return page.copy_for_translation(Locale.objects.get(language_code="ar"),
                                     copy_parents=True, alias=True)


def _version_told():
    """The consultation page's own first version goes to the "everything" reader first."""
    services.notices_send()
    mail.outbox.clear()


def _told(kind_word):
    return sorted(m.to[0] for m in mail.outbox if kind_word in m.subject)


def _entries(kind, consultation):
    return EvidenceEntry.objects.filter(kind=kind,
                                        page__translation_key=consultation.translation_key)


def test_a_consultation_translated_after_it_opened_is_not_told_open_again(
        followers, tree, consultation_index, calendar, words):
    start = timezone.now() + dt.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=-1,
                                         closes_in_days=20, policy=tree.policy)
        _arabic_alias(consultation)
        _version_told()
        consultation_events_record(ConsultationPage.objects.all())
        assert services.notices_send() == 3
    assert _told("Consultation open") == ["eng.all@example.org"]
    assert len(mail.outbox) == 3
    # The nightly job, after the Polish copy became a real translation (as Translate, or
    # converting the alias, does): no second opening, nobody told again.
    with time_machine.travel(start + dt.timedelta(days=1), tick=False):
        polish = translate(consultation, words, "pl")
        assert polish.alias_of_id is None and polish.title != consultation.title
        consultation_events_record(ConsultationPage.objects.all())
        assert services.notices_send() == 0
    assert _entries(Kind.CONSULTATION_OPENED, consultation).count() == 1
    assert len(mail.outbox) == 3


def test_a_consultation_translated_before_it_opened_is_told_once_in_each_language(
        followers, tree, consultation_index, calendar, words):
    start = timezone.now() + dt.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=2,
                                         closes_in_days=30, policy=tree.policy)
        polish = translate(consultation, words, "pl")
        _arabic_alias(consultation)
        _version_told()
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        consultation_events_record(ConsultationPage.objects.all())
        assert services.notices_send() == 3
        assert services.notices_send() == 0
    [opened] = _entries(Kind.CONSULTATION_OPENED, consultation)
    assert opened.page_id == consultation.pk  # the record is about the English page
    received = {m.to[0]: m for m in mail.outbox}
    assert len(mail.outbox) == 3 and len(received) == 3
    assert received["pol.both@example.org"].subject == f"Konsultacja otwarta: {polish.title}"
    assert f"{BASE}{polish.url}" in received["pol.both@example.org"].body
    assert received["eng.all@example.org"].subject.startswith("Consultation open")
    assert consultation.title in received["arab.follow@example.org"].subject


def test_an_outcome_published_in_two_languages_is_told_once(
        followers, tree, consultation_index, calendar, words):
    start = timezone.now() + dt.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=-40,
                                         closes_in_days=-2, policy=tree.policy)
        translate(consultation, words, "pl")
        consultation_events_record(ConsultationPage.objects.all())
        services.notices_send()
    mail.outbox.clear()
    with time_machine.travel(start + dt.timedelta(days=1), tick=False):
        consultation.outcome = "We have lowered the distance for under-8s to 1.5 miles."
        publish(consultation)
        translate(consultation, words, "pl")  # the translators bring the outcome across
        services.notices_send()
        assert services.notices_send() == 0
    assert _entries(Kind.OUTCOME_PUBLISHED, consultation).count() == 1
    outcomes = sorted((m.to[0], m.subject) for m in mail.outbox if "Changed" not in m.subject)
    assert [to for to, _subject in outcomes] == ["eng.all@example.org",
                                                 "pol.both@example.org"]
    assert outcomes[0][1].startswith("Consultation outcome")
    assert outcomes[1][1].startswith("Wynik konsultacji")


def test_an_opening_logged_for_a_translation_before_is_not_told_again(
        followers, tree, consultation_index, calendar, words):
    """The log is append-only: openings logged for a translation's page before this fix
    stay, and are never told as a second opening."""
    start = timezone.now() + dt.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=-1,
                                         closes_in_days=20, policy=tree.policy)
        polish = translate(consultation, words, "pl")
        _version_told()
        consultation_events_record(ConsultationPage.objects.all())
        assert services.notices_send() == 3
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        from charter.services import evidence_append

        evidence_append(kind=Kind.CONSULTATION_OPENED, subject=f"page:{polish.pk}", page=polish,
                        payload={"consultation": polish.pk, "title": polish.title,
                                 "at": polish.opens})
        assert services.notices_send() == 0
    assert len(mail.outbox) == 3
