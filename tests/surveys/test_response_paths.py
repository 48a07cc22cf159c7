"""Nobody loses what they typed in the survey: every language's copy answers the original,
the close is the end of its stated minute with a grace for answers already started, and
every refusal or failure keeps the answers with a plain explanation."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from wagtail.models import Locale, Site

from surveys import services
from surveys.models import SurveyPage, SurveyResponse, SurveySettings
from tests.exports.flow import export_text
from tests.surveys.conftest import question_ids
from tests.surveys.test_responding import _answer_every_page, _complete, _start, _url

pytestmark = pytest.mark.django_db
CLOSES = dt.datetime(2026, 12, 1, 23, 59, tzinfo=ZoneInfo("Europe/London"))
COMMENT = "Tell us sooner when the driver changes."


def _settings(**values):
    found = SurveySettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(found, name, value)
    found.save()


def _closing_at(survey, closes=CLOSES):
    SurveyPage.objects.filter(pk=survey.pk).update(opens=closes - dt.timedelta(days=30),
                                                   closes=closes)
    survey.refresh_from_db()
    return survey


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_answers_from_a_language_copy_count_with_the_original(client, survey, language):
    from wagtail_localize.synctree import synchronize_tree

    locale, _ = Locale.objects.get_or_create(language_code=language)
    synchronize_tree(Locale.get_default(), locale)
    copy = survey.get_translation(locale)
    assert copy.pk != survey.pk
    response = _complete(client, copy)
    assert response["Location"] == _url(copy, "thank-you/")
    assert SurveyResponse.objects.get().survey_id == survey.pk


def test_answers_sent_in_the_closing_minute_are_on_time(client, survey):
    _closing_at(survey)
    with time_machine.travel(CLOSES - dt.timedelta(minutes=20), tick=False):
        _start(client, survey)
        _answer_every_page(client, survey)
    with time_machine.travel(CLOSES + dt.timedelta(seconds=30), tick=False):
        assert client.post(_url(survey, "check/")).status_code == 302
    assert SurveyResponse.objects.get().late is False


def test_answers_started_before_the_close_are_taken_late_in_the_grace(client, login_as,
                                                                      survey):
    _closing_at(survey)
    with time_machine.travel(CLOSES - dt.timedelta(minutes=5), tick=False):
        _start(client, survey)
    with time_machine.travel(CLOSES + dt.timedelta(minutes=10), tick=False):
        _answer_every_page(client, survey)  # the pages still work in the grace
        assert client.post(_url(survey, "check/")).status_code == 302
    assert SurveyResponse.objects.get().late is True
    login_as("officer")
    editor = client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    assert "1 sent late" in editor
    csv_rows = export_text(client, reverse("surveys_responses_csv",
                                           args=[survey.pk])).splitlines()
    assert csv_rows[0].split(",")[3] == "late" and csv_rows[1].split(",")[3] == "late"


def test_after_the_grace_the_answers_are_shown_back_with_other_ways(client, survey):
    _closing_at(survey)
    with time_machine.travel(CLOSES - dt.timedelta(minutes=5), tick=False):
        _start(client, survey)
        _answer_every_page(client, survey)
    with time_machine.travel(CLOSES + dt.timedelta(minutes=31), tick=False):
        response = client.post(_url(survey, "check/"))
    html = response.content.decode()
    assert "This survey closed at 11:59pm on Tuesday 1 December 2026." in html
    assert "Your answers were not sent" in html and COMMENT in html
    assert "Give us your answers another way" in html
    assert "p.m.." not in html
    assert not SurveyResponse.objects.exists()


def test_a_page_sent_after_the_grace_is_shown_back_too(client, survey):
    _closing_at(survey)
    _settings(late_grace_minutes=5)
    q = question_ids(survey)
    with time_machine.travel(CLOSES - dt.timedelta(minutes=5), tick=False):
        _start(client, survey)
    with time_machine.travel(CLOSES + dt.timedelta(minutes=6), tick=False):
        response = client.post(_url(survey, "3/"), {f"q_{q['One thing to improve']}": COMMENT})
    assert COMMENT in response.content.decode()
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_connection_lost_once_is_retried(client, survey, monkeypatch, error):
    real, calls = services.survey_submit, []

    def drops_once(**kwargs):
        calls.append(kwargs["submission_key"])
        if len(calls) == 1:
            raise error("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(services, "survey_submit", drops_once)
    assert _complete(client, survey).status_code == 302
    assert len(set(calls)) == 1 and len(calls) == 2
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_that_stays_down_keeps_the_answers(client, survey, monkeypatch, error):
    def down(**kwargs):
        raise error("could not connect to server")

    monkeypatch.setattr(services, "survey_submit", down)
    response = _complete(client, survey)
    assert response.status_code == 503
    html = response.content.decode()
    assert "our system is not answering just now" in html and COMMENT in html
    monkeypatch.undo()
    assert client.post(_url(survey, "check/")).status_code == 302  # sent later, once
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_of_answers_is_given_back_when_the_database_is_down(client, survey,
                                                                   monkeypatch, error):
    # The answers of each page live in the session, which is written to the database.
    from django.contrib.sessions.backends.db import SessionStore

    q = question_ids(survey)
    improve = f"q_{q['One thing to improve']}"
    _start(client, survey)
    saved = SessionStore.save

    def down(self, must_create=False):
        raise error("could not connect to server")

    monkeypatch.setattr(SessionStore, "save", down)
    response = client.post(_url(survey, "3/"), {improve: COMMENT})
    html = response.content.decode()
    assert response.status_code == 503
    assert re.search(r"<title>Error: ", html)
    assert "our system is not answering just now" in html and COMMENT in html
    monkeypatch.setattr(SessionStore, "save", saved)
    assert client.post(_url(survey, "3/"), {improve: COMMENT}).status_code == 302
    assert COMMENT in client.get(_url(survey, "3/")).content.decode()


def test_a_filled_in_honeypot_gives_the_start_page_back(client, survey):
    response = _start(client, survey, audience="schools", website="Jo")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Our system thought this might have been sent automatically" in html
    assert 'value="schools" checked' in html
    assert re.search(r"<title>Error: ", html)


def test_open_link_surveys_limit_each_address_and_keep_the_answers(client, survey):
    _settings(responses_per_hour=2)
    for _ in range(2):
        client.cookies.clear()
        assert _complete(client, survey).status_code == 302
    client.cookies.clear()
    response = _complete(client, survey)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Many answers have come from your internet connection" in html
    assert COMMENT in html  # still on the check page, ready to send later
    assert SurveyResponse.objects.count() == 2


def test_a_school_answering_from_one_connection_is_not_stopped(client, survey):
    """The default allows a class's worth of parents at a school's coffee morning."""
    assert 30 <= SurveySettings().responses_per_hour < 100
    address = "fingerprint"
    for i in range(30):
        assert not services.rate_limited(survey=survey, address=address)
        services.survey_submit(survey=survey, audience="parents",
                               answers={question_ids(survey)["Overall satisfaction"]: 4},
                               submission_key=f"school-{i}", address=address)
    assert SurveyResponse.objects.count() == 30


def test_errors_name_their_question_and_link_to_a_focusable_control(client, survey):
    _start(client, survey)
    q = question_ids(survey)
    html = client.post(_url(survey, "2/"), {f"q_{q['Feels safe']}": "9"}).content.decode()
    assert re.search(r"<title>Error: ", html)
    assert "autofocus" in re.search(r'<div class="govuk-error-summary"[^>]*>', html).group(0)
    assert "Question 3, about “Feels safe”: choose yes or no." in html
    for target in re.findall(r'<li><a href="#([^"]+)">', html):
        assert re.search(rf'<input[^>]+id="{target}"', html), target


def test_no_django_wording_reaches_a_parent(client, survey):
    _start(client, survey)
    q = question_ids(survey)
    # A pasted null is invisible: it is dropped (core.sanitise), never Django's refusal.
    response = client.post(_url(survey, "3/"), {f"q_{q['One thing to improve']}": "a\x00b"})
    assert "Null characters are not allowed" not in response.content.decode()
    assert response.status_code == 302


def test_a_page_sent_after_the_browser_lost_its_session_is_kept(client, survey):
    # Cookies cleared between page 1 and page 3: page 3's words come through, the start
    # page says what happened, and after it the kept answers fill their page again.
    q = question_ids(survey)
    improve = f"q_{q['One thing to improve']}"
    _start(client, survey)
    client.post(_url(survey, "1/"), {f"q_{q['Overall satisfaction']}": "4"})
    client.cookies.clear()
    sent = client.post(_url(survey, "3/"), {f"q_{q['Equal partner']}": "2",
                                            improve: "Tell us sooner when the driver changes."})
    assert sent.status_code == 302 and sent.url == _url(survey)
    start = client.get(_url(survey)).content.decode()
    assert "We kept the answers you just sent." in start
    assert _start(client, survey).url == _url(survey, "1/")
    page = client.get(_url(survey, "3/")).content.decode()
    assert "Tell us sooner when the driver changes." in page
    assert "We kept the answers" not in client.get(_url(survey)).content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_page_sent_again_after_the_answers_went_goes_to_the_thank_you_page(client, survey):
    # Back from the thank-you page to a page of questions, then Continue: the answers were
    # sent, so the person is told so, and no second response can start from it.
    assert _complete(client, survey).status_code == 302
    q = question_ids(survey)
    again = client.post(_url(survey, "3/"), {f"q_{q['One thing to improve']}": COMMENT})
    assert again.status_code == 302 and again.url == _url(survey, "thank-you/")
    assert "We kept the answers" not in client.get(_url(survey)).content.decode()
    assert SurveyResponse.objects.count() == 1
