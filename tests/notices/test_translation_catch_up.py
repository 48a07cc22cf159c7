"""Polish and Arabic subscribers told of a change in English, because their translation had
not caught up, are told once, in their language, when it does."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import formats, timezone, translation

from charter.models import EvidenceEntry
from notices import services
from tests.notices.test_subscribing import BASE, _new_version, _subscribe, _translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def words():
    return {}


def _changed_on(site, number):
    entry = [e for e in EvidenceEntry.objects.filter(kind="version_published",
                                                     page=site.policy)
             if f'"version": {number}' in e.payload_json or f'"version":{number}' in
             e.payload_json][0]
    return entry.recorded_at


def _day(moment, language):
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "j F Y")


def test_a_polish_reader_told_in_english_is_told_once_when_the_polish_page_catches_up(
        client, site, words):
    polish_v1 = _translate(site.policy, words, "pl")
    polish = _subscribe(client, site, prefix="/pl", email="polish@example.com")
    _subscribe(client, site, email="english@example.com")
    arabic = _subscribe(client, site, prefix="/ar", email="arabic@example.com")
    mail.outbox.clear()
    _new_version(site)
    assert services.notices_send() == 3
    told = {m.to[0]: m.body for m in mail.outbox}
    assert f"(po angielsku): {BASE}{site.policy.url}compare/1/2/" in told[polish.email]
    mail.outbox.clear()

    _translate(site.policy, words, "pl")  # the Polish translators catch up with version 2
    assert services.notices_send() == 1
    [message] = mail.outbox
    assert message.to == [polish.email]
    day = _day(_changed_on(site, 2), "pl")
    assert (f"Polska wersja „{polish_v1.title}” zawiera już zmianę z {day}."
            in message.body)
    assert f"{BASE}{polish_v1.url}compare/1/2/" in message.body
    assert f"{BASE}{site.policy.url}" not in message.body.split("--")[0]
    assert message.subject == f"Już po polsku: {polish_v1.title}"
    assert "/pl/notices/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    # Exactly once: running again, or publishing the translation again, tells nobody.
    assert services.notices_send() == 0
    _translate(site.policy, words, "pl")
    assert services.notices_send() == 0
    assert len(mail.outbox) == 1
    assert arabic.email not in [m.to[0] for m in mail.outbox]


def test_a_translation_that_has_not_reached_the_change_told_sends_nothing(client, site, words):
    _translate(site.policy, words, "ar")
    _subscribe(client, site, prefix="/ar")
    mail.outbox.clear()
    _new_version(site, "First change.")
    _translate(site.policy, words, "ar")  # caught up with version 2 before anyone was told
    assert services.notices_send() == 1  # told of version 2 in Arabic, nothing more
    assert "compare/1/2/" in mail.outbox[0].body
    mail.outbox.clear()
    _new_version(site, "Second change.")
    assert services.notices_send() == 1  # version 3, in English: the translation is behind
    mail.outbox.clear()
    # Published again, still a translation of version 2: it has not caught up with 3.
    arabic_page = site.policy.get_translations().get(locale__language_code="ar")
    arabic_page.get_latest_revision().publish()
    assert services.notices_send() == 0
    assert mail.outbox == []


def test_a_reader_with_no_translation_hears_when_the_first_one_includes_the_change(
        client, site, words):
    _subscribe(client, site, prefix="/pl")
    mail.outbox.clear()
    _new_version(site)
    assert services.notices_send() == 1
    assert "Ta strona nie jest jeszcze przetłumaczona na polski" in mail.outbox[0].body
    mail.outbox.clear()
    polish = _translate(site.policy, words, "pl")
    assert services.notices_send() == 1
    assert f"Polska wersja „{polish.title}” zawiera już zmianę z" in mail.outbox[0].body


def test_a_weekly_arabic_reader_finds_the_catch_up_in_the_next_digest_only(
        client, site, words):
    arabic_v1 = _translate(site.policy, words, "ar")
    _subscribe(client, site, prefix="/ar", frequency="weekly")
    _subscribe(client, site, email="weekly@example.com", frequency="weekly")
    mail.outbox.clear()
    _new_version(site)
    assert services.digests_send() == 2  # the change, told in English to the Arabic reader
    mail.outbox.clear()
    _translate(site.policy, words, "ar")
    assert services.notices_send() == 0  # not at once: they read weekly
    next_week = timezone.now() + dt.timedelta(days=7)
    assert services.digests_send(now=next_week) == 1
    [digest] = mail.outbox
    assert digest.to == ["parent@example.com"]
    day = _day(_changed_on(site, 2), "ar")
    assert f"النسخة العربية من «{arabic_v1.title}» تتضمن الآن تغيير {day}." in digest.body
    assert f"{BASE}{arabic_v1.url}compare/1/2/" in digest.body
    assert services.digests_send(now=next_week + dt.timedelta(days=7)) == 0
    assert len(mail.outbox) == 1


def test_a_reader_who_stopped_following_the_policy_is_not_told_it_caught_up(
        client, site, words):
    _translate(site.policy, words, "pl")
    subscriber = _subscribe(client, site, prefix="/pl", topics=("page", "results"))
    mail.outbox.clear()
    _new_version(site)
    assert services.notices_send() == 1
    services.subscription_update(subscriber=subscriber, topic_names=["results"], page_ids=[],
                                 frequency="immediately")
    _translate(site.policy, words, "pl")
    assert services.notices_send() == 0
    assert len(mail.outbox) == 1
