"""The sign-in notice reads in the language of the sign-in page when the account chose no
language for notices (a parent at /pl/sign-in/ reads it in Polish, and lands on the Polish
home), and the audit log keeps the address a notice goes to only as long as the notice
needs it: forgotten once it went, after ``NOTICE_ADDRESS_KEPT`` if it never goes, and when
the account is deleted."""

import datetime as dt

import pytest
import time_machine

from accounts import services, tasks
from accounts.models import AccountEvent
from notices.models import StaffNoticePreference
from tests.accounts.conftest import PASSWORD, make_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Kind = AccountEvent.Kind


def _sign_in(client, path, username, capture, **data):
    with capture(execute=True):
        return client.post(path, {"username": username, "password": PASSWORD, **data})


def _to(smtp, address):
    return [m for m in smtp.messages if address in m["To"]]


@pytest.mark.parametrize(("role", "language", "words"), [
    ("parent", "pl", "logowanie"), ("board_member", "pl", "logowanie"),
    ("parent", "ar", "")])
def test_a_sign_in_from_a_translated_page_is_told_in_that_language(
        client, smtp, django_capture_on_commit_callbacks, role, language, words):
    user = make_user(role)
    _sign_in(client, f"/{language}/sign-in/", user.username,
             django_capture_on_commit_callbacks)
    [notice] = _to(smtp, user.email)
    assert notice["Content-Language"] == language
    assert notice["Subject"] != "New sign-in to your SEND travel portal account"
    assert words in notice["Subject"].lower()
    event = AccountEvent.objects.get(user=user, kind=Kind.SIGNED_IN)
    assert event.language == language


def test_a_sign_in_at_the_english_page_is_told_in_english(
        client, smtp, django_capture_on_commit_callbacks):
    parent = make_user("parent")
    _sign_in(client, "/sign-in/", "parent", django_capture_on_commit_callbacks)
    [notice] = _to(smtp, parent.email)
    assert notice["Content-Language"] == "en-gb"
    assert AccountEvent.objects.get(user=parent, kind=Kind.SIGNED_IN).language == ""


def test_the_language_chosen_for_notices_wins_over_the_sign_in_page_s(
        client, smtp, django_capture_on_commit_callbacks):
    rep = make_user("forum_rep")
    StaffNoticePreference.objects.create(user=rep, language="ar")
    _sign_in(client, "/pl/sign-in/", "forum_rep", django_capture_on_commit_callbacks)
    [notice] = _to(smtp, rep.email)
    assert notice["Content-Language"] == "ar"


def test_a_parent_who_signed_in_in_polish_lands_on_the_polish_home(
        client, smtp, django_capture_on_commit_callbacks):
    make_user("parent")
    response = _sign_in(client, "/pl/sign-in/", "parent", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/pl/"
    english = make_user("officer")  # another reader, at the English page
    client.logout()
    response = _sign_in(client, "/sign-in/", english.username,
                        django_capture_on_commit_callbacks)
    assert response["Location"] != "/pl/" and not response["Location"].startswith("/pl/")


def test_a_page_asked_for_is_still_where_the_parent_goes(
        client, smtp, django_capture_on_commit_callbacks):
    make_user("parent")
    response = _sign_in(client, "/pl/sign-in/?next=/pl/search/", "parent",
                        django_capture_on_commit_callbacks)
    assert response["Location"] == "/pl/search/"


def test_the_address_kept_for_a_notice_is_forgotten_once_it_went(
        client, smtp, django_capture_on_commit_callbacks):
    parent = make_user("parent")
    _sign_in(client, "/sign-in/", "parent", django_capture_on_commit_callbacks)
    assert len(_to(smtp, parent.email)) == 1
    event = AccountEvent.objects.get(user=parent, kind=Kind.SIGNED_IN)
    assert event.notice_email == ""
    # What the audit log still says: who, when, from where, which browser, which page.
    assert (event.username, event.language) == ("parent", "")


def test_the_address_kept_for_a_notice_that_is_refused_is_forgotten_too(smtp):
    user = UserFactory(username="bounced", email="bounced@example.org")
    smtp.no_such_user = {"bounced@example.org"}
    event = services.record(Kind.SIGNED_IN, user=user, notice_email=user.email)
    assert tasks.sign_in_notice_send(event.pk) == 0
    event.refresh_from_db()
    assert event.notice_email == ""


def test_the_address_kept_for_a_deferred_notice_stays_until_it_goes_or_time_is_up(smtp):
    user = UserFactory(username="greylisted", email="grey@example.org")
    smtp.busy = {"grey@example.org"}
    event = services.record(Kind.SIGNED_IN, user=user, notice_email=user.email)
    assert tasks.sign_in_notice_send(event.pk) == 0
    event.refresh_from_db()
    assert event.notice_email == "grey@example.org"  # still where the notice goes
    just_before = event.at + tasks.NOTICE_ADDRESS_KEPT - dt.timedelta(minutes=1)
    assert tasks.notice_addresses_forget(just_before) == 0
    with time_machine.travel(event.at + tasks.NOTICE_ADDRESS_KEPT
                             + dt.timedelta(minutes=1), tick=False):
        tasks.sign_in_notices_resend()  # the ten-minute job
    event.refresh_from_db()
    assert event.notice_email == ""


def test_deleting_an_account_forgets_the_addresses_its_audit_log_kept(smtp):
    user = UserFactory(username="leaving", email="leaving@example.org")
    smtp.busy = {"leaving@example.org"}
    event = services.record(Kind.SIGNED_IN, user=user, notice_email=user.email)
    other = services.record(Kind.SIGNED_IN, user=UserFactory(username="staying"),
                            notice_email="staying@example.org")
    user.delete()
    event.refresh_from_db()
    assert (event.user, event.notice_email, event.username) == (None, "", "leaving")
    other.refresh_from_db()
    assert other.notice_email == "staying@example.org"


def test_the_e_mail_changed_notice_speaks_the_language_of_the_latest_sign_in(
        smtp, django_capture_on_commit_callbacks):
    user = UserFactory(username="rep", email="rep.old@example.org")
    AccountEvent.objects.create(kind=Kind.SIGNED_IN, user=user, language="pl")
    with django_capture_on_commit_callbacks(execute=True):
        user.email = "rep.new@example.org"
        user.save()
    [told] = _to(smtp, "rep.old@example.org")
    assert told["Content-Language"] == "pl"
