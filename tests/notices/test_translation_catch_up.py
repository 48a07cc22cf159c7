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
        return formats.date_format(timezone.localtime(moment), "j E Y")


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


# --- the comparison linked covers every change the reader has not read in their language ----


def test_a_translation_two_versions_behind_links_the_comparison_from_the_version_it_covered(
        client, site, words):
    polish_v1 = _translate(site.policy, words, "pl")
    polish = _subscribe(client, site, prefix="/pl", email="polish@example.com")
    _new_version(site, "First change.")
    _new_version(site, "Second change.")
    assert services.notices_send() == 2  # versions 2 and 3, in English
    mail.outbox.clear()
    _translate(site.policy, words, "pl")  # the translators catch up with version 3
    assert services.notices_send() == 1
    [message] = mail.outbox
    assert message.to == [polish.email]
    assert f"{BASE}{polish_v1.url}compare/1/3/" in message.body
    assert "compare/2/3/" not in message.body
    compared = client.get(f"{polish_v1.url}compare/1/3/").content.decode()
    assert "Nie ma porównania" not in compared  # the comparison exists in Polish


def test_a_first_translation_says_there_is_nothing_earlier_to_compare_with(
        client, site, words):
    _subscribe(client, site, prefix="/pl")
    _new_version(site)
    assert services.notices_send() == 1
    mail.outbox.clear()
    polish = _translate(site.policy, words, "pl")
    assert services.notices_send() == 1
    body = mail.outbox[0].body
    assert "compare/" not in body.split("--")[0]
    assert ("To pierwsza wersja tej strony w Twoim języku, więc nie ma wcześniejszej, "
            "z którą można ją porównać.") in body
    assert f"{BASE}{polish.url}" in body


# --- a copy published with the English words still in it has not caught up ---------------

from wagtail.models import Locale  # noqa: E402
from wagtail_localize.models import (  # noqa: E402
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator  # noqa: E402


def _sync_and_publish_untranslated(page, code):
    """"Sync translated pages" with "Publish immediately": the changes are published in
    the translation in English, until a translator translates them."""
    source, _ = TranslationSource.update_or_create_from_instance(page)
    for target in Translation.objects.filter(source=source,
                                                  target_locale__language_code=code):
        target.save_target(publish=True)


def _untranslated_strings(page, code):
    locale = Locale.objects.get(language_code=code)
    source = TranslationSource.objects.get(object_id=page.translation_key,
                                           locale=page.locale)
    return [s for s in StringSegment.objects.filter(source=source).select_related("string")
            if not StringTranslation.objects.filter(translation_of=s.string, locale=locale,
                                                    context=s.context).exists()]


def test_translate_this_page_publishing_the_english_words_tells_nobody_yet(
        client, site, words):
    subscriber = _subscribe(client, site, prefix="/pl")
    _new_version(site)
    assert services.notices_send() == 1  # in English: no Polish page
    mail.outbox.clear()
    # "Translate this page": wagtail-localize publishes a Polish copy holding English words.
    polish_locale = Locale.objects.get(language_code="pl")
    TranslationCreator(user=None, target_locales=[polish_locale]).create_translations(
        site.policy)
    copy = site.policy.get_translation(polish_locale)
    copy.get_latest_revision().publish()  # as wagtail-localize does once the commit is made
    copy.refresh_from_db()
    assert copy.live and copy.title == site.policy.title
    assert services.notices_send() == 0
    assert mail.outbox == []
    # The translator's words published: now it has caught up, once.
    polish = _translate(site.policy, words, "pl")
    assert polish.title != site.policy.title
    assert services.notices_send() == 1
    [message] = mail.outbox
    assert message.to == [subscriber.email]
    assert message.subject == f"Już po polsku: {polish.title}"
    assert services.notices_send() == 0


def test_sync_with_publish_immediately_tells_nobody_until_the_change_is_translated(
        client, site, words):
    polish_v1 = _translate(site.policy, words, "pl")
    _subscribe(client, site, prefix="/pl")
    _new_version(site)
    assert services.notices_send() == 1  # in English: the translation is behind
    mail.outbox.clear()
    _sync_and_publish_untranslated(site.policy, "pl")
    assert _untranslated_strings(site.policy, "pl")  # the new summary is still English
    assert services.notices_send() == 0
    _translate(site.policy, words, "pl")
    assert services.notices_send() == 1
    assert f"{BASE}{polish_v1.url}compare/1/2/" in mail.outbox[0].body
    assert services.notices_send() == 0
    assert len(mail.outbox) == 1
