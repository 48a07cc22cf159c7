"""Invitations in the reader's language: the invitation file's optional language column (en,
pl or ar; empty is English) sends each invitation in it, with its subject, words and
Content-Language, linking to the survey's copy in that language where it has been translated
(else the English survey, saying so). Read from a real SMTP server (aiosmtpd)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from surveys import invitation_files, services
from surveys.models import Audience, SurveyInvitation
from tests.charter.test_translated_record import translate
from tests.surveys.test_invitations import _upload, _url

pytestmark = pytest.mark.django_db
AUDIENCES = dict(Audience.choices)


def _parse(text):
    return invitation_files.parse_csv(text, audiences=AUDIENCES, default="parents")


def test_the_language_column_is_read_and_empty_means_english():
    result = _parse("email,audience,language\na@example.org,parents,pl\n"
                    "b@example.org,parents,AR\nc@example.org,parents,\nd@example.org,parents,en\n")
    assert result.ok
    assert [line.language for line in result.lines] == ["pl", "ar", "en", "en"]
    assert result.by_language() == {"pl": 1, "ar": 1, "en": 2}
    assert invitation_files.to_rows(result.lines)[0] == ["a@example.org", "parents", "pl"]
    # Without a header row the third column is the language.
    assert _parse("e@example.org,schools,pl\n").lines[0].language == "pl"
    assert _parse("f@example.org\n").lines[0].language == "en"


@pytest.mark.parametrize(("language", "said"), [
    ("en-gb", "Line 3: “fr” is not a language the invitation can be written in (use en, pl "
              "or ar, or leave it empty for English)."),
    ("pl", "Wiersz 3: „fr” nie jest językiem, w którym można napisać zaproszenie"),
    ("ar", "«fr» ليست لغة يمكن كتابة الدعوة بها"),
])
def test_an_unknown_language_refuses_the_file_in_the_officers_language(
        client, login_as, survey, language, said):
    officer = login_as("officer")
    profile = UserProfile.get_for_user(officer)
    profile.preferred_language = language
    profile.save()
    response = _upload(client, survey, b"email,language\nann@example.org,pl\nbob@example.org,fr\n")
    assert response.status_code == 400
    assert said in " ".join(response.content.decode().split())
    assert not SurveyInvitation.objects.exists()


def test_each_invitation_goes_in_its_language_to_the_survey_in_that_language(
        survey, officer, smtp, settings, client, login_as):
    settings.WAGTAILADMIN_BASE_URL = "https://travel.example.gov.uk"
    words = {}
    polish = translate(survey, words, code="pl")  # no Arabic translation: Arabic readers
    assert survey.get_translation_or_none(Locale.objects.get(language_code="ar")) is None \
        or survey.get_translation(Locale.objects.get(language_code="ar")).alias_of_id
    rows = [services.InvitationRow("en@example.org", "parents"),
            services.InvitationRow("pl@example.org", "parents", "pl"),
            services.InvitationRow("ar@example.org", "parents", "ar"),
            services.InvitationRow("ar2@example.org", "schools", "ar")]
    mailing = services.invitations_create(survey=survey, user=officer, rows=rows)
    assert services.mailing_send(mailing_id=mailing.pk) == 4
    got = {m["To"]: m for m in smtp.messages}
    assert set(got) == {"en@example.org", "pl@example.org", "ar@example.org", "ar2@example.org"}

    english = got["en@example.org"]
    assert english["Content-Language"] == "en-GB"
    assert english["Subject"] == survey.title
    body = english.get_content()
    assert "We would like to know what you think" in body
    assert f"https://travel.example.gov.uk{survey.url}" in body

    polish_mail = got["pl@example.org"]
    assert polish_mail["Content-Language"] == "pl"
    assert polish_mail["Subject"] == polish.title != survey.title
    body = polish_mail.get_content()
    assert "Chcemy wiedzieć, co myślisz" in body and "Ankieta zamyka się" in body
    assert f"https://travel.example.gov.uk{polish.url}" in body and polish.url.startswith("/pl/")
    assert "We would like" not in body and "po angielsku" not in body

    arabic = got["ar@example.org"]
    assert arabic["Content-Language"] == "ar"
    body = arabic.get_content()
    assert "نودّ أن نعرف رأيك" in body
    assert "الاستبيان باللغة الإنجليزية" in body  # the survey is in English, and it says so
    links = re.findall(r"https://travel\.example\.gov\.uk(\S+)", body)
    stop = [link for link in links if "/survey-emails/stop/" in link]
    assert len(stop) == 1 and stop[0].startswith("/ar/survey-emails/stop/")  # in Arabic
    assert all(link.startswith(survey.url) for link in links if link not in stop)
    assert all(part.get_content_type() != "text/html" for part in arabic.walk())  # plain text

    # The progress page says how many went in each language, in the officer's language.
    login_as("officer")
    page = " ".join(client.get(reverse("surveys_mailing",
                                       args=[survey.pk, mailing.pk])).content.decode().split())
    assert "Invitations by language: Arabic 2, English 1, Polish 1." in page


def test_a_checked_file_shows_how_many_per_language_and_sends_them_so(
        client, login_as, survey, django_capture_on_commit_callbacks):
    login_as("officer")
    preview = " ".join(_upload(client, survey, b"email,language\na@example.org,pl\n"
                                               b"b@example.org,pl\nc@example.org,\n")
                       .content.decode().split())
    assert "Invitations by language: Polish 2, English 1." in preview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(survey), {"action": "confirm",
                               "checked": client.session["pending_invitations"]["digest"]})
    assert dict(SurveyInvitation.objects.values_list("email", "language")) == {
        "a@example.org": "pl", "b@example.org": "pl", "c@example.org": "en"}


@pytest.mark.parametrize(("weekday", "polish", "english"), [
    (1, "we wtorek", "Tuesday"), (2, "w środę", "Wednesday"), (6, "w niedzielę", "Sunday"),
])
def test_the_closing_day_reads_as_each_language_writes_it(survey, officer, weekday, polish,
                                                          english):
    """"Ankieta zamyka się we wtorek 12 stycznia 2027": the weekday in lower case, in the
    accusative, after "w" or "we"; English "closes on Tuesday 12 January 2027"."""
    import datetime as dt

    from django.utils import timezone

    closes = timezone.localtime(survey.closes)
    closes += dt.timedelta(days=(weekday - closes.weekday()) % 7)
    type(survey).objects.filter(pk=survey.pk).update(closes=closes)
    services.invitations_create(survey=survey, user=officer, rows=[
        services.InvitationRow("pl@example.org", "parents", "pl"),
        services.InvitationRow("en@example.org", "parents")])
    from django.core import mail

    from surveys.models import SurveyMailing

    services.mailing_send(mailing_id=SurveyMailing.objects.get().pk)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    months = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
              "sierpnia", "września", "października", "listopada", "grudnia"]
    assert (f"Ankieta zamyka się {polish} {closes.day} {months[closes.month - 1]} "
            f"{closes.year}.") in bodies["pl@example.org"]
    assert f"The survey closes on {english} {closes.day} {closes:%B %Y}." in \
        bodies["en@example.org"]
