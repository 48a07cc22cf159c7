"""The manage page in two tabs keeps the person's choices and says plainly what happened;
confirming gives the manage link on the page and by e-mail; every bulk message (notices,
digests, survey invitations and reminders) carries ``Precedence: bulk`` and a working
``List-Unsubscribe`` (one click, RFC 8058). Headers read from a real SMTP server (aiosmtpd)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from notices import services
from notices.models import Subscriber, Subscription
from notices.tokens import subscriber_token
from surveys import services as survey_services
from surveys.models import SurveyInvitation
from tests.factories import publish
from tests.surveys.conftest import survey, survey_index  # noqa: F401 (fixtures)

BASE = "https://travel.example.gov.uk"


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def _path(message, name):
    found = re.search(re.escape(BASE) + r"(/(?:[a-z]{2}/)?notices/" + name + r"/[^\s]+/)",
                      message.get_content())
    assert found, message.get_content()
    return found.group(1)


def _state(response) -> str:
    return re.search(r'name="state" value="([0-9a-f]+)"', response.content.decode()).group(1)


@pytest.fixture
def subscriber(site):
    """A parent following the policy and new consultations, as it happens, in English."""
    subscriber = Subscriber.objects.create(email="parent@example.com", language="en-gb",
                                           frequency="immediately",
                                           confirmed_at=timezone.now())
    Subscription.objects.create(subscriber=subscriber, topic="page", page=site.policy)
    Subscription.objects.create(subscriber=subscriber, topic="consultations")
    return subscriber


def test_a_save_from_a_second_tab_saves_nothing_says_why_and_keeps_its_choices(
        client, site, subscriber):
    url = f"/notices/manage/{subscriber_token(subscriber.pk)}/"
    tab_a, tab_b = client.get(url), client.get(url)
    # Tab A stops following the policy and reads weekly.
    saved = client.post(url, {"state": _state(tab_a), "topics": ["consultations"],
                              "frequency": "weekly", "language": "en-gb"})
    assert saved.status_code == 302
    # Tab B, opened before, chooses the policy, results and Polish.
    stale = client.post(url, {"state": _state(tab_b),
                              "topics": [f"page:{site.policy.pk}", "results"],
                              "frequency": "immediately", "language": "pl"})
    page = _text(stale)
    assert stale.status_code == 409
    assert "Nothing was saved: your choices were changed in another tab or window" in page
    assert f"You stopped following “{site.policy.title}” in the other tab." in page
    saved_now = re.sub(r"<[^>]+>", " ", page.split("Saved now:")[1].split("</ul>")[0])
    assert " ".join(saved_now.split()) == ("New consultations and their outcomes How often: "
                                           "Once a week, in one message Language: English")
    # The choices made in tab B, ready to save; not "choose one of the answers shown".
    assert re.search(r'value="results" checked', page)
    assert not re.search(r'value="consultations" checked', page)
    assert re.search(r'value="immediately" checked', page)
    assert re.search(r'value="pl" checked', page)
    assert "choose" not in page.lower().split("nothing was saved")[1].split("your e-mails")[0]
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly" and subscriber.language == "en-gb"
    # Saving the page as it came back saves tab B's choices.
    again = client.post(url, {"state": _state(stale), "topics": ["results"],
                              "frequency": "immediately", "language": "pl"})
    assert again.status_code == 302
    subscriber.refresh_from_db()
    assert (subscriber.frequency, subscriber.language) == ("immediately", "pl")
    assert list(subscriber.subscriptions.values_list("topic", flat=True)) == ["results"]


def test_a_save_after_unsubscribing_in_another_tab_offers_the_form_with_the_choices_kept(
        client, site, subscriber):
    token = subscriber_token(subscriber.pk)
    tab = client.get(f"/notices/manage/{token}/")
    client.post(f"/notices/unsubscribe/{token}/")
    response = client.post(f"/notices/manage/{token}/", {
        "state": _state(tab), "topics": [f"page:{site.policy.pk}", "results"],
        "frequency": "weekly", "language": "en-gb"})
    page = _text(response)
    assert response.status_code == 409
    assert "Nothing was saved: you unsubscribed in another tab or window" in page
    assert 'action="/notices/subscribe/"' in page
    assert re.search(rf'value="page:{site.policy.pk}" checked', page)
    assert re.search(r'value="results" checked', page)
    assert re.search(r'value="weekly" checked', page)
    assert not Subscriber.objects.exists()
    # A link cut short is still just a link that does not work.
    assert client.post(f"/notices/manage/{token[:-3]}/", {}).status_code == 404


def test_confirming_gives_the_manage_link_on_the_page_and_by_e_mail_once(client, site, smtp):
    client.post("/pl/notices/subscribe/", {
        "email": "parent@example.com", "topics": [f"page:{site.policy.pk}", "results"],
        "frequency": "weekly", "page": site.policy.pk})
    [confirmation] = smtp.messages
    assert "Precedence" not in confirmation  # one message to one person, asked for
    confirm = _path(confirmation, "confirm")
    response = client.post(confirm, follow=True)
    client.post(confirm)  # pressed again: no second message
    subscriber = Subscriber.objects.get()
    manage = f"/pl/notices/manage/{subscriber_token(subscriber.pk)}/"
    assert response.redirect_chain[-1][0] == manage
    page = _text(response)
    assert "http://testserver" + manage in page  # the page's own address, to keep
    [subscribed] = smtp.messages[1:]
    assert subscribed["To"] == "parent@example.com"
    assert subscribed["Content-Language"] == "pl"
    body = subscribed.get_content()
    assert _path(subscribed, "manage") == manage
    unsubscribe = _path(subscribed, "unsubscribe")
    assert subscribed["List-Unsubscribe"].strip() == f"<{BASE}{unsubscribe}>"
    assert f"{site.policy.title} (po angielsku)" in body  # no Polish copy: marked
    assert "Raz w tygodniu" in body or "tygodni" in body


def test_notices_and_digests_are_marked_bulk_with_a_one_click_unsubscribe(client, site, smtp):
    for email, frequency in (("now@example.com", "immediately"),
                             ("week@example.com", "weekly")):
        client.post("/notices/subscribe/", {"email": email, "topics": [f"page:{site.policy.pk}"],
                                            "frequency": frequency, "page": site.policy.pk})
        client.post(_path(smtp.messages[-1], "confirm"))
    smtp.messages.clear()
    site.policy.change_note = "A new walking distance."
    site.policy.in_short = "Children under 8 walk up to 1.5 miles."
    publish(site.policy)
    assert services.notices_send() == 1
    assert services.digests_send(now=timezone.now() + dt.timedelta(minutes=1)) == 1
    by_person = {m["To"]: m for m in smtp.messages}
    for message in by_person.values():
        assert message["Precedence"] == "bulk"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = _path(message, "unsubscribe")
        assert message["List-Unsubscribe"].strip() == f"<{BASE}{unsubscribe}>"
    # A mail program's one-click unsubscribe: a POST with no page, no cookie, no token.
    bare = Client(enforce_csrf_checks=True)
    assert bare.post(_path(by_person["week@example.com"], "unsubscribe"),
                     {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["now@example.com"]


@pytest.mark.django_db
def test_survey_invitations_and_reminders_are_bulk_with_a_one_click_stop(
        survey, officer, smtp, settings):  # noqa: F811 (the fixture)
    settings.WAGTAILADMIN_BASE_URL = BASE
    rows = [survey_services.InvitationRow(f"p{n}@example.org", "parents", language)
            for n, language in ((0, "en"), (1, "pl"), (2, "en"))]
    mailing = survey_services.invitations_create(survey=survey, user=officer, rows=rows)
    assert survey_services.mailing_send(mailing_id=mailing.pk) == 3
    stops = {}
    for message in smtp.messages:
        assert message["Precedence"] == "bulk"
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        stop = re.fullmatch(r"<(https://[^>]+)>", message["List-Unsubscribe"].strip()).group(1)
        assert stop in message.get_content()  # said in the words too
        stops[message["To"]] = stop.removeprefix(BASE)
    assert stops["p1@example.org"].startswith("/pl/survey-emails/stop/")
    bare = Client(enforce_csrf_checks=True)
    # Opening the link (a mail scanner) stops nothing; the one-click POST does, once.
    assert bare.get(stops["p1@example.org"]).status_code == 200
    assert SurveyInvitation.objects.filter(email="p1@example.org").exists()
    done = bare.post(stops["p1@example.org"], {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert not SurveyInvitation.objects.filter(email="p1@example.org").exists()
    with translation.override("pl"):  # the link in the Polish invitation is Polish
        said = [translation.gettext("We have deleted your e-mail address: you will get no "
                                    "reminder, and no later invitation to this survey."),
                translation.gettext("We had already deleted this address: nothing more will "
                                    "be sent to it.")]
    assert said[0] in _text(done) and said[0] != "We have deleted your e-mail address: " \
        "you will get no reminder, and no later invitation to this survey."
    assert said[1] in _text(bare.post(stops["p1@example.org"]))
    assert bare.get(stops["p1@example.org"][:-4] + "abc/").status_code == 400
    # The reminder: the same headers, and none to the address that asked to stop.
    smtp.messages.clear()
    SurveyInvitation.objects.update(sent_at=timezone.now() - dt.timedelta(days=3))
    reminder, _made = survey_services.invitations_remind(survey=survey, user=officer)
    survey_services.mailing_send(mailing_id=reminder.pk)
    assert sorted(m["To"] for m in smtp.messages) == ["p0@example.org", "p2@example.org"]
    for message in smtp.messages:
        assert message["Precedence"] == "bulk"
        assert message["List-Unsubscribe"].strip().startswith(f"<{BASE}/survey-emails/stop/")


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "officer",
                                  "board_member"])
def test_the_stop_link_works_for_whoever_holds_it_and_for_nobody_without_it(
        client, login_as, role, survey, officer):  # noqa: F811 (the fixture)
    mailing = survey_services.invitations_create(
        survey=survey, user=officer, rows=[survey_services.InvitationRow("a@example.org",
                                                                          "parents")])
    invitation = SurveyInvitation.objects.get(mailing=mailing)
    login_as(role)
    token = survey_services.stop_token(invitation.pk)
    other = survey_services.stop_token(invitation.pk + 1)
    assert client.post(f"/survey-emails/stop/{token[:-1]}x/").status_code == 400
    assert client.post(f"/survey-emails/stop/{other[:-2]}/").status_code == 400
    assert SurveyInvitation.objects.get(pk=invitation.pk).email == "a@example.org"
    response = client.post(f"/survey-emails/stop/{token}/")
    assert response.status_code == 200
    assert "We have deleted your e-mail address" in _text(response)
    assert SurveyInvitation.objects.get(pk=invitation.pk).email == ""
    assert "We had already deleted this address" in _text(
        client.post(f"/survey-emails/stop/{token}/"))
