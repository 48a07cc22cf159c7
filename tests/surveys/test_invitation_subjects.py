"""An invitation's subject is the survey's title in the reader's language; a survey not
translated into it (no copy, or an alias) is marked "(in English)" in their language, in the
invitation and the reminder alike, and every subject reads back from a real SMTP server
exactly as written, with no space in front."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Locale

from surveys import services
from surveys.models import SurveyMailing
from tests.charter.test_translated_record import translate

pytestmark = pytest.mark.django_db
ROWS = [services.InvitationRow("en@example.org", "parents"),
        services.InvitationRow("pl@example.org", "parents", "pl"),
        services.InvitationRow("ar@example.org", "parents", "ar")]


def _send(survey, officer, smtp, *, remind=False):
    smtp.messages.clear()
    if remind:
        mailing, _created = services.invitations_remind(survey=survey, user=officer, key="r")
    else:
        mailing = services.invitations_create(survey=survey, user=officer, rows=ROWS)
    services.mailing_send(mailing_id=mailing.pk)
    return {m["To"]: m["Subject"] for m in smtp.messages}


def test_an_untranslated_survey_is_marked_english_in_polish_and_arabic_subjects(
        survey, officer, smtp, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    # The Arabic copy is an alias: the English words on the Arabic address.
    survey.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True,
                                alias=True)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        subjects = _send(survey, officer, smtp)
    title = survey.title
    assert subjects == {"en@example.org": title,
                        "pl@example.org": f"{title} (po angielsku)",
                        "ar@example.org": f"{title} (بالإنجليزية)"}
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        reminded = _send(survey, officer, smtp, remind=True)
    assert SurveyMailing.objects.count() == 2
    assert reminded == {"en@example.org": f"Reminder: {title}",
                        "pl@example.org": f"Przypomnienie: {title} (po angielsku)",
                        "ar@example.org": f"تذكير: {title} (بالإنجليزية)"}


def test_a_translated_survey_keeps_its_own_title_unmarked(survey, officer, smtp, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    polish = translate(survey, {}, "pl")
    subjects = _send(survey, officer, smtp)
    assert subjects["pl@example.org"] == polish.title != survey.title
    assert subjects["ar@example.org"] == f"{survey.title} (بالإنجليزية)"
