"""A consultation, survey results or an outcome whose copy in the reader's language is an
alias (wagtail-localize's untranslated copy: the English words on a Polish or Arabic address)
is told with its title marked "(in English)" in their language, in the subject and the body,
as an untranslated policy is. Subjects read back exactly as written (no space in front),
and the Arabic closing time is written as the site writes Arabic: the Arabic comma, Western
digits."""

import datetime as dt
import email
import re
from email.policy import default as default_policy

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.utils import formats, timezone, translation
from wagtail.models import Locale

from consultations.models import ConsultationPage
from consultations.services import consultation_events_record
from notices import services
from tests.charter.test_translated_record import translate
from tests.consultations.conftest import make_consultation
from tests.notices.test_consultation_told_once import followers  # noqa: F401 (a fixture)
from tests.notices.test_subscribing import BASE

ARABIC_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def _alias(page, code):
    return page.copy_for_translation(Locale.objects.get(language_code=code),
                                     copy_parents=True, alias=True)


def _read_back(message) -> email.message.EmailMessage:
    """The message as a mail program reads it: its bytes on the wire, parsed."""
    return email.message_from_bytes(message.message().as_bytes(linesep="\r\n"),
                                     policy=default_policy)


@pytest.fixture
def opened(followers, tree, consultation_index, calendar):  # noqa: F811 (a fixture)
    """A consultation about the followed policy, open now, with Arabic and Polish aliases
    only (nobody has translated it): each follower told once."""
    start = timezone.now() + dt.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        consultation = make_consultation(
            consultation_index, calendar, opens_in_days=-1, closes_in_days=20,
            policy=tree.policy, title="Walking distances for children under 8")
        _alias(consultation, "ar")
        _alias(consultation, "pl")
        services.notices_send()  # the consultation page's own first version, to "everything"
        mail.outbox.clear()
        consultation_events_record(ConsultationPage.objects.all())
        assert services.notices_send() == 3
    return {m.to[0]: m for m in mail.outbox}, consultation


def test_an_alias_consultation_is_told_open_with_its_title_marked_english(opened):
    received, consultation = opened
    title = consultation.title
    arabic, polish = received["arab.follow@example.org"], received["pol.both@example.org"]
    assert arabic.subject == f"استشارة مفتوحة: {title} (بالإنجليزية)"
    assert polish.subject == f"Konsultacja otwarta: {title} (po angielsku)"
    assert f"{title} (بالإنجليزية)" in arabic.body
    assert f"{title} (po angielsku)" in polish.body
    # The alias is the reader's language's address, with their language's page around it.
    assert f"{BASE}/ar/" in arabic.body and f"{BASE}/pl/" in polish.body
    english = received["eng.all@example.org"]
    assert english.subject == f"Consultation open: {title}"
    assert "(in English)" not in english.body


def test_subjects_read_back_with_nothing_in_front(opened):
    """Django folds a long encoded Subject before its first word, so mail programs read a
    space in front of it: the portal's subjects read back exactly as written."""
    received, _consultation = opened
    for message in received.values():
        said = _read_back(message)["Subject"]
        assert said == message.subject and not said.startswith(" ")


def test_the_arabic_closing_time_uses_the_arabic_comma_and_western_digits(opened):
    received, consultation = opened
    closes = timezone.localtime(consultation.closes)
    with translation.override("ar"):
        day = formats.date_format(closes, "j E Y")
    arabic = received["arab.follow@example.org"].body
    assert f"تُغلق في {day}، {closes:%H:%M}." in arabic
    line = next(line for line in arabic.splitlines() if "تُغلق في" in line)
    assert ", " not in line.split("تُغلق في")[1] and not ARABIC_DIGITS.search(line)
    polish = received["pol.both@example.org"].body
    with translation.override("pl"):
        assert f"Kończy się {formats.date_format(closes, 'j E Y')}, {closes:%H:%M}." in polish
    english = received["eng.all@example.org"].body
    assert f"It closes on {closes.day} {closes:%B %Y}, {closes:%H:%M}." in english


def test_a_translated_consultation_is_not_marked(followers, tree, consultation_index,  # noqa: F811
                                                 calendar):
    start = timezone.now() + dt.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=2,
                                         closes_in_days=30, policy=tree.policy)
        polish = translate(consultation, {}, "pl")
        services.notices_send()
        mail.outbox.clear()
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        consultation_events_record(ConsultationPage.objects.all())
        services.notices_send()
    received = {m.to[0]: m for m in mail.outbox}
    assert received["pol.both@example.org"].subject == f"Konsultacja otwarta: {polish.title}"
    assert "po angielsku" not in received["pol.both@example.org"].body


def test_an_arabic_officer_reads_when_a_consultation_opens_with_the_arabic_comma(
        officer, settings, consultation_index, calendar):
    settings.WAGTAILADMIN_BASE_URL = BASE
    User.objects.filter(pk=officer.pk).update(date_joined=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    services.staff_preference_set(user=officer, frequency="immediately", language="ar")
    with time_machine.travel(dt.datetime(2027, 9, 11, 10, tzinfo=dt.UTC), tick=False):
        consultation = make_consultation(consultation_index, calendar, opens_in_days=2,
                                         closes_in_days=40)
        mail.outbox.clear()
        services.staff_notices_send()
    [notice] = mail.outbox
    opens = timezone.localtime(consultation.opens)
    with translation.override("ar"):
        day = formats.date_format(opens, "l j F Y")
    assert f"{day}، {opens:%H:%M}" in notice.body
    assert not ARABIC_DIGITS.search(notice.body)
    assert _read_back(notice)["Subject"] == notice.subject
