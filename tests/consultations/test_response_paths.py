"""Nobody loses what they typed on a consultation: every language's copy takes responses for
the original, the close is the end of its stated minute with a grace for forms already
open, and every refusal or failure shows the answers back with a plain explanation."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from wagtail.models import Locale, Site

from consultations import services
from consultations.models import ConsultationPage, ConsultationResponse, ConsultationSettings
from tests.consultations.conftest import question_ids
from tests.exports.flow import export_text

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# "Closes at 11:59pm on Tuesday 1 December 2026", as an officer types it.
CLOSES = dt.datetime(2026, 12, 1, 23, 59, tzinfo=LONDON)


def _answers(page, **extra):
    agree, single, multi, free = question_ids(page)
    data = {"respondent_type": "parent", f"q_{agree}": "Agree", f"q_{single}": "Bus pass",
            f"q_{multi}": ["Monday", "Friday"], f"q_{free}": "My son is 6 and anxious."}
    data.update(extra)
    return data


def _form(client, url) -> dict:
    """GET the form and return its hidden fields and action, as a browser would send them."""
    html = client.get(url).content.decode()
    hidden = dict(re.findall(r'type="hidden" name="(submission_key|opened)" value="([^"]*)"',
                             html))
    action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
    return {"html": html, "action": action, **hidden}


def _send(client, page, url=None, **extra):
    form = _form(client, url or page.url + "respond/")
    data = _answers(page, submission_key=form.get("submission_key", ""),
                    opened=form.get("opened", ""), **extra)
    return form, client.post(form["action"], data)


def _settings(**values):
    site = Site.objects.get(is_default_site=True)
    found = ConsultationSettings.for_site(site)
    for name, value in values.items():
        setattr(found, name, value)
    found.save()


def _synchronise():
    from wagtail_localize.synctree import synchronize_tree

    for code in ("pl", "ar"):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        synchronize_tree(Locale.get_default(), locale)


def _closing_at(consultation, closes=CLOSES):
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens=closes - dt.timedelta(days=30), closes=closes,
        pre_opens=closes - dt.timedelta(days=45), pre_closes=closes - dt.timedelta(days=31))
    consultation.refresh_from_db()
    return consultation


# --- 1. every language's copy -------------------------------------------------------------


@pytest.mark.parametrize("language,words", [
    ("pl", "Wyślij moją odpowiedź"),
    ("ar", "أرسل ردي"),
])
def test_a_response_from_a_language_copy_is_stored_for_the_original(client, consultation,
                                                                     language, words):
    _synchronise()
    copy = consultation.get_translation(Locale.objects.get(language_code=language))
    assert copy.pk != consultation.pk
    form, response = _send(client, consultation, url=copy.url + "respond/")
    assert words in form["html"]
    assert form["action"] == f"/{language}/consultations/respond/{copy.pk}/"
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = ConsultationResponse.objects.get()
    assert stored.consultation_id == consultation.pk  # counts towards the English original
    assert response["Location"] == f"{copy.url}respond/thank-you/{stored.reference}/"
    thanks = client.get(response["Location"]).content.decode()
    assert stored.reference in thanks and f'<html lang="{language}"' in thanks


def test_errors_from_a_polish_copy_come_back_in_polish(client, consultation):
    _synchronise()
    copy = consultation.get_translation(Locale.objects.get(language_code="pl"))
    agree, *_ = question_ids(consultation)
    data = _answers(consultation)
    del data[f"q_{agree}"]
    response = client.post(f"/pl/consultations/respond/{copy.pk}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="pl"' in html
    assert "Odpowiedz na pytanie 1" in html
    assert "My son is 6 and anxious." in html
    assert not ConsultationResponse.objects.exists()


def test_officers_key_in_from_a_language_copy_for_the_original(client, login_as, consultation):
    _synchronise()
    copy = consultation.get_translation(Locale.objects.get(language_code="ar"))
    login_as("officer")
    agree, *_ = question_ids(consultation)
    client.post(reverse("consultations_add_response", args=[copy.pk]),
                {"respondent_type": "parent", f"q_{agree}": "Agree", "channel": "paper",
                 "submission_key": "paper-1"})
    assert ConsultationResponse.objects.get().consultation_id == consultation.pk


# --- 2. closing time ------------------------------------------------------------------------


def test_a_response_at_half_past_the_closing_minute_is_on_time(client, consultation):
    _closing_at(consultation)
    with time_machine.travel(CLOSES - dt.timedelta(minutes=20), tick=False):
        form = _form(client, consultation.url + "respond/")
    with time_machine.travel(CLOSES + dt.timedelta(seconds=30), tick=False):
        response = client.post(form["action"], _answers(
            consultation, submission_key=form["submission_key"], opened=form["opened"]))
    assert response.status_code == 302
    assert ConsultationResponse.objects.get().late is False


def test_a_form_opened_before_the_close_is_taken_late_in_the_grace(client, login_as,
                                                                   consultation):
    _closing_at(consultation)
    with time_machine.travel(CLOSES - dt.timedelta(minutes=10), tick=False):
        form = _form(client, consultation.url + "respond/")
    with time_machine.travel(CLOSES + dt.timedelta(minutes=25), tick=False):
        response = client.post(form["action"], _answers(
            consultation, submission_key=form["submission_key"], opened=form["opened"]))
        assert response.status_code == 302
        thanks = client.get(response["Location"]).content.decode()
    stored = ConsultationResponse.objects.get()
    assert stored.late is True
    assert "marked it as late" in thanks
    login_as("officer")
    officers = client.get(reverse("consultations_responses", args=[consultation.pk]))
    assert "1 sent late" in officers.content.decode()
    export = export_text(client, reverse("consultations_export", args=[consultation.pk]))
    assert export.splitlines()[0].endswith(",late") and export.splitlines()[1].endswith(",late")


@pytest.mark.parametrize("opened", ["valid", "forged", "missing"])
def test_after_the_grace_or_without_an_opened_form_the_answers_are_shown_back(
        client, consultation, opened):
    _closing_at(consultation)
    _settings(late_grace_minutes=30)
    with time_machine.travel(CLOSES - dt.timedelta(minutes=10), tick=False):
        form = _form(client, consultation.url + "respond/")
    token = {"valid": form["opened"], "forged": form["opened"][:-3] + "abc",
             "missing": ""}[opened]
    later = dt.timedelta(minutes=31) if opened == "valid" else dt.timedelta(minutes=2)
    with time_machine.travel(CLOSES + later, tick=False):
        response = client.post(form["action"], _answers(
            consultation, submission_key=form["submission_key"], opened=token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This consultation closed at 11:59pm on Tuesday 1 December 2026." in html
    assert "Your answers were not sent" in html
    assert "My son is 6 and anxious." in html and "Monday, Friday" in html
    assert "answer by phone: call the transport team" in html  # the other ways
    assert not ConsultationResponse.objects.exists()


def test_the_grace_is_a_setting(client, consultation):
    _closing_at(consultation)
    _settings(late_grace_minutes=5)
    with time_machine.travel(CLOSES - dt.timedelta(minutes=10), tick=False):
        form = _form(client, consultation.url + "respond/")
    with time_machine.travel(CLOSES + dt.timedelta(minutes=7), tick=False):
        client.post(form["action"], _answers(consultation, submission_key=form["submission_key"],
                                             opened=form["opened"]))
    assert not ConsultationResponse.objects.exists()


def test_times_are_written_with_one_full_stop(client, consultation):
    _closing_at(consultation)
    with time_machine.travel(CLOSES - dt.timedelta(hours=1), tick=False):
        pages = [client.get(consultation.url).content.decode(),
                 client.get(consultation.url + "respond/").content.decode()]
    with time_machine.travel(CLOSES + dt.timedelta(days=1), tick=False):
        pages.append(client.get(consultation.url + "respond/").content.decode())
    for html in pages:
        assert "p.m.." not in html and "a.m.." not in html
        assert "11:59pm on Tuesday 1 December 2026" in html


# --- 3. a dropped database connection -------------------------------------------------------


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_connection_lost_once_is_retried_with_the_same_key(client, consultation,
                                                             monkeypatch, error):
    real, calls = services.response_submit, []

    def drops_once(**kwargs):
        calls.append(kwargs["submission_key"])
        if len(calls) == 1:
            raise error("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(services, "response_submit", drops_once)
    form, response = _send(client, consultation)
    assert response.status_code == 302
    assert calls == [form["submission_key"]] * 2
    assert ConsultationResponse.objects.count() == 1


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_that_stays_down_gives_the_answers_back(client, consultation, monkeypatch,
                                                           error):
    def down(**kwargs):
        raise error("could not connect to server")

    monkeypatch.setattr(services, "response_submit", down)
    form, response = _send(client, consultation)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Your response was not saved" in html
    assert "our system is not answering just now" in html
    assert "My son is 6 and anxious." in html
    assert f'value="{form["submission_key"]}"' in html  # the same key: no double later
    assert "call the transport team" in html
    assert "Sorry, something went wrong" not in html


def test_connections_are_checked_before_they_are_reused():
    assert django_settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


# --- 4. spam defences that must not eat real answers ----------------------------------------


def test_a_filled_in_honeypot_shows_the_answers_back_to_send_again(client, consultation):
    form, response = _send(client, consultation, website="Jo")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Our system thought this might have been sent automatically" in html
    assert "My son is 6 and anxious." in html
    assert 'name="website" id="id_website" value=""' in html
    assert "call the transport team" in html
    assert not ConsultationResponse.objects.exists()
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    again = client.post(form["action"], _answers(consultation, submission_key=key))
    assert again.status_code == 302 and ConsultationResponse.objects.count() == 1


# --- 5. the rate limit ------------------------------------------------------------------------


def test_failed_attempts_do_not_count_towards_the_limit(client, consultation):
    agree, *_ = question_ids(consultation)
    for _ in range(12):
        data = _answers(consultation, submission_key="fixing")
        del data[f"q_{agree}"]
        assert client.post(consultation.url + "respond/", data).status_code == 400
    response = client.post(consultation.url + "respond/",
                           _answers(consultation, submission_key="fixing"))
    assert response.status_code == 302
    assert ConsultationResponse.objects.count() == 1


def test_the_limit_holds_across_app_servers(client, consultation):
    _settings(responses_per_hour=2)
    for i in range(2):
        assert client.post(consultation.url + "respond/", _answers(
            consultation, submission_key=f"k{i}")).status_code == 302
        cache.clear()  # another worker's cache would not have the count either
    assert client.post(consultation.url + "respond/", _answers(
        consultation, submission_key="k3")).status_code == 429


def test_a_forged_forwarded_header_neither_dodges_the_limit_nor_locks_out_others(
        client, consultation, settings):
    settings.PORTAL_TRUSTED_PROXIES = 1
    _settings(responses_per_hour=2)
    url = consultation.url + "respond/"
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    for i, forged in enumerate(["1.1.1.1", "2.2.2.2"]):
        assert client.post(url, _answers(consultation, submission_key=f"a{i}"), **balancer,
                           HTTP_X_FORWARDED_FOR=f"{forged}, 81.2.69.160").status_code == 302
    dodging = client.post(url, _answers(consultation, submission_key="a3"), **balancer,
                          HTTP_X_FORWARDED_FOR="3.3.3.3, 81.2.69.160")
    assert dodging.status_code == 429
    # Someone else naming the blocked address first is still themselves.
    other = client.post(url, _answers(consultation, submission_key="b1"), **balancer,
                        HTTP_X_FORWARDED_FOR="81.2.69.160, 81.2.69.161")
    assert other.status_code == 302


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, consultation):
    _settings(responses_per_hour=1)
    url = consultation.url + "respond/"
    assert client.post(url, _answers(consultation, submission_key="x1"),
                       HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 302
    assert client.post(url, _answers(consultation, submission_key="x2"),
                       HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429


# --- 6. Back, then Send again -----------------------------------------------------------------


def test_back_then_send_again_stores_once_and_gives_the_reference(client, consultation):
    url = consultation.url + "respond/"
    first, response = _send(client, consultation)
    assert response.status_code == 302
    reference = ConsultationResponse.objects.get().reference
    back = _form(client, url)  # Back reloads the form
    assert back["submission_key"] == first["submission_key"]
    assert f"You have already sent a response: your reference is {reference}." in back["html"]
    again = client.post(back["action"], _answers(
        consultation, submission_key=back["submission_key"], opened=back["opened"]))
    assert again.status_code == 200
    assert (f"You have already sent this; your reference is {reference}."
            in again.content.decode())
    assert ConsultationResponse.objects.count() == 1


def test_changed_answers_after_back_are_shown_back_to_send_as_a_second_response(client,
                                                                              consultation):
    *_, free = question_ids(consultation)
    first, _response = _send(client, consultation)
    changed = client.post(first["action"], _answers(
        consultation, submission_key=first["submission_key"], opened=first["opened"],
        **{f"q_{free}": "Also, the bus is late."}))
    html = changed.content.decode()
    assert "The answers below are different and have not been sent." in html
    assert "Also, the bus is late." in html
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    assert key != first["submission_key"]
    client.post(first["action"], _answers(consultation, submission_key=key,
                                          **{f"q_{free}": "Also, the bus is late."}))
    assert ConsultationResponse.objects.count() == 2


def test_a_new_response_can_be_started_on_purpose(client, consultation):
    first, _response = _send(client, consultation)
    fresh = _form(client, consultation.url + "respond/?new=1")
    assert fresh["submission_key"] != first["submission_key"]


def test_the_officers_key_in_form_stores_a_resent_post_once(client, login_as, consultation):
    login_as("officer")
    url = reverse("consultations_add_response", args=[consultation.pk])
    html = client.get(url).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
    agree, *_ = question_ids(consultation)
    data = {"respondent_type": "parent", f"q_{agree}": "Agree", "channel": "phone",
            "submission_key": key}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data, follow=True)
    assert ConsultationResponse.objects.count() == 1
    assert "already saved as response" in second.content.decode()
    next_key = re.search(r'name="submission_key" value="([^"]+)"',
                         second.content.decode()).group(1)
    assert next_key != key  # the next paper response gets its own


# --- 7. errors a parent can act on ----------------------------------------------------------


def test_an_error_page_says_error_first_and_focuses_the_summary(client, consultation):
    agree, single, *_ = question_ids(consultation)
    data = _answers(consultation, submission_key="e1")
    del data[f"q_{agree}"]
    data[f"q_{single}"] = "Helicopter"
    html = client.post(consultation.url + "respond/", data).content.decode()
    assert re.search(r"<title>Error: ", html)
    summary = re.search(r'<div class="govuk-error-summary"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    for target in re.findall(r'<li><a href="#([^"]+)">', html):
        assert re.search(rf'<input[^>]+id="{target}"', html), target  # a focusable control
    assert "Answer question 1, “Under-8s should walk no more than 1.5 miles.”" in html
    assert "Question 2, “How does your child get to school?”: choose one" in html


@pytest.mark.parametrize("field,value,django_words,plain", [
    ("contact_name", "S" * 151, "Ensure this value has at most",
     "Keep this answer to 150 characters. It has 151 now."),
    ("respondent_type", "robot", "Select a valid choice",
     "Say who you are answering as: choose one of the answers shown."),
    ("multi", "Sunday", "Select a valid choice",
     "Question 3, “Which days are hardest?”: choose one of the answers shown."),
])
def test_no_django_wording_reaches_a_parent(client, consultation, field, value, django_words,
                                            plain):
    agree, single, multi, free = question_ids(consultation)
    name = {"free": f"q_{free}", "multi": f"q_{multi}"}.get(field, field)
    response = client.post(consultation.url + "respond/",
                           _answers(consultation, submission_key="d1", **{name: value}))
    html = response.content.decode()
    assert response.status_code == 400
    assert django_words not in html
    assert plain in html


def test_plain_messages_are_translated(client, consultation):
    _synchronise()
    copy = consultation.get_translation(Locale.objects.get(language_code="ar"))
    html = client.post(f"/ar/consultations/respond/{copy.pk}/", _answers(
        consultation, contact_name="S" * 151)).content.decode()
    assert "Ensure this value" not in html and "Keep this answer" not in html
    assert "اجعل هذه الإجابة في حدود 150 حرفًا" in html
