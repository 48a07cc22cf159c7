"""Every notice to a forum representative or an officer carries their own link, at its end and
in ``List-Unsubscribe`` with RFC 8058's one-click ``List-Unsubscribe-Post``: a mail program's
"Unsubscribe" turns that person's co-production e-mails off (nobody else's), and the link's
page, reached without signing in, turns them back on, or changes how often."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from charter import services as charter_services
from charter.models.comments import CommentAnswer, ForumComment
from notices import emails, services, tokens
from notices.models import StaffNoticePreference
from tests.charter.conftest import send_to_forum
from tests.factories import UserFactory

BASE = "https://travel.example.gov.uk"
ONE_CLICK = {"List-Unsubscribe": "One-Click"}
#: Each role that is told of co-production events, and the groups (or superuser) giving it.
ROLES = {"forum_rep": {"groups": ["Forum representatives"]},
         "officer": {"groups": ["Officers"]},
         "administrator": {"is_superuser": True, "is_staff": True},
         "rep_and_officer": {"groups": ["Forum representatives", "Officers"]}}


@pytest.fixture
def staff(db, settings):
    """The person under test's colleagues: an officer who sends drafts and a representative
    who comments, each told of what the other does."""
    settings.WAGTAILADMIN_BASE_URL = BASE
    people = {"sender": UserFactory(username="sender", groups=["Officers"]),
              "commenter": UserFactory(username="commenter", groups=["Forum representatives"])}
    return people


def _person(role):
    person = UserFactory(username=f"p-{role}", **ROLES[role])
    User.objects.filter(pk=person.pk).update(date_joined=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    person.refresh_from_db()
    return person


def _events(tree, staff, review=None):
    """A draft sent to the forum (the forum is told), a comment on it (officers are) and the
    council's answer (the forum is): every role hears of some of them. Returns the review."""
    review = review or send_to_forum(tree.policy, staff["sender"])
    comment = charter_services.comment_submit(
        review=review, author=staff["commenter"],
        body=f"Say who to ring ({ForumComment.objects.count()}).")
    charter_services.comment_answer(comment=comment, officer=staff["sender"],
                                    disposition=CommentAnswer.Disposition.ACCEPTED)
    return review


def _to(person):
    return [m for m in mail.outbox if m.to == [person.email]]


def _link(message) -> str:
    return re.search(rf"{re.escape(BASE)}(\S*/notices/staff-emails/\S+/)", message.body)[1]


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_can_turn_its_notices_off_in_one_click_and_back_on(tree, staff, role):
    person = _person(role)
    review = _events(tree, staff)
    services.staff_notices_send()
    notices = _to(person)
    assert notices, role
    path = _link(notices[0])
    assert path == f"/notices/staff-emails/{tokens.staff_token(person.pk)}/"
    for message in notices:
        sent = message.message()
        assert sent["List-Unsubscribe"] == f"<{BASE}{path}>"
        assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Stop these e-mails, or turn them back on, without signing in:" in message.body

    # The mail program's button: a POST with no cookie, no CSRF token, no page.
    response = Client(enforce_csrf_checks=True).post(path, ONE_CLICK)
    assert response.status_code == 200
    assert "Your e-mails about co-production are turned off" in response.content.decode()
    assert 'value="off" checked' in response.content.decode()  # ready to turn back on
    assert StaffNoticePreference.objects.get(user=person).frequency == "off"

    mail.outbox.clear()
    _events(tree, staff, review)
    services.staff_notices_send()
    services.staff_digests_send()
    assert _to(person) == []
    assert mail.outbox, "the others are still told"

    # Back on, once a day, from the same page.
    page = Client().get(path)
    assert page.status_code == 200
    assert 'value="off" checked' in page.content.decode()
    saved = Client().post(path, {"frequency": "daily", "language": "en-gb"})
    assert saved.status_code == 302 and saved["Location"] == path
    assert StaffNoticePreference.objects.get(user=person).frequency == "daily"
    mail.outbox.clear()
    _events(tree, staff, review)
    services.staff_notices_send()
    assert _to(person) == []  # not at once: once a day
    services.staff_digests_send()
    [digest] = _to(person)
    assert digest.message()["List-Unsubscribe"] == f"<{BASE}{path}>"
    assert path in digest.body


def test_opening_the_link_turns_nothing_off(tree, staff):
    """Mail scanners open links: only the one-click POST, or a button, turns them off."""
    person = _person("forum_rep")
    path = emails.staff_emails_url(person, "en-gb").removeprefix(BASE)
    page = Client().get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Turn off all these e-mails" in html and person.email in html
    assert not StaffNoticePreference.objects.filter(user=person).exists()
    # The page's own button posts what a mail program posts.
    assert Client().post(path, ONE_CLICK).status_code == 200
    assert services.staff_preference(person).frequency == "off"
    assert "Turn off all these e-mails" not in Client().get(path).content.decode()


def test_a_link_altered_or_for_a_closed_account_changes_nothing(tree, staff):
    person = _person("officer")
    other = _person("forum_rep")
    token = tokens.staff_token(person.pk)
    forged = f"{other.pk}:{token.split(':', 1)[1]}"
    for bad in (token[:-3], forged, "nonsense"):
        response = Client().post(f"/notices/staff-emails/{bad}/", ONE_CLICK)
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert not StaffNoticePreference.objects.exists()
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert Client().post(f"/notices/staff-emails/{token}/", ONE_CLICK).status_code == 404
    assert not StaffNoticePreference.objects.exists()


def test_a_polish_reader_gets_the_link_and_the_page_in_polish(tree, staff):
    person = _person("forum_rep")
    services.staff_preference_set(user=person, frequency="immediately", language="pl")
    _events(tree, staff)
    services.staff_notices_send()
    notice = _to(person)[0]
    path = _link(notice)
    assert path.startswith("/pl/notices/staff-emails/")
    assert "Wyłącz te wiadomości albo włącz je ponownie, bez logowania się:" in notice.body
    assert notice.message()["List-Unsubscribe"] == f"<{BASE}{path}>"
    response = Client().post(path, ONE_CLICK)
    html = response.content.decode()
    assert "Twoje wiadomości o współtworzeniu są wyłączone" in html
    assert "Żadnych wiadomości o współtworzeniu" in html
    assert services.staff_preference(person).language == "pl"  # kept


def test_the_signed_in_page_offers_none_too(client, staff):
    person = _person("officer")
    client.force_login(person)
    assert client.post("/notices/yours/", {"frequency": "off",
                                           "language": "ar"}).status_code == 302
    assert services.staff_preference(person).frequency == "off"
    assert 'value="off" checked' in client.get("/notices/yours/").content.decode()
