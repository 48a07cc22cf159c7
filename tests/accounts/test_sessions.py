"""Staff sessions: idle time-out by role, shared computers, sign out everywhere, and the
e-mail about a new sign-in."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from accounts.models import AccountEvent
from tests.accounts.conftest import PASSWORD, make_user

START = dt.datetime(2027, 3, 2, 9, 0, tzinfo=dt.UTC)
# A page each role uses, and its idle limit in minutes (the defaults in settings).
ROLE_PAGES = {"officer": ("/admin/", 30), "admin": ("/admin/", 30),
              "board_member": ("/board/", 120), "forum_rep": ("/forum/", 120)}


@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_a_staff_session_ends_after_its_roles_idle_time(client, db, time_machine, role):
    page, minutes = ROLE_PAGES[role]
    time_machine.move_to(START, tick=False)
    client.force_login(make_user(role))
    assert client.get(page).status_code == 200
    time_machine.move_to(START + dt.timedelta(minutes=minutes - 1), tick=False)
    assert client.get(page).status_code == 200  # used in time: the clock starts again
    time_machine.move_to(START + dt.timedelta(minutes=2 * (minutes - 1)), tick=False)
    assert client.get(page).status_code == 200
    time_machine.move_to(START + dt.timedelta(minutes=3 * minutes), tick=False)
    response = client.get(page)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    sign_in = client.get("/sign-in/")
    assert "had not used the portal for a while" in sign_in.content.decode()
    assert AccountEvent.objects.filter(kind="idle_signed_out").exists()


def test_the_idle_time_is_a_setting(client, db, time_machine, settings):
    settings.ACCOUNTS_IDLE_MINUTES = {**settings.ACCOUNTS_IDLE_MINUTES, "officer": 10}
    time_machine.move_to(START, tick=False)
    client.force_login(make_user("officer"))
    assert client.get("/admin/").status_code == 200
    time_machine.move_to(START + dt.timedelta(minutes=11), tick=False)
    assert client.get("/admin/").status_code == 302


def test_a_shared_computer_session_ends_with_the_browser(client, db):
    make_user("forum_rep")
    client.post("/sign-in/", {"username": "forum_rep", "password": PASSWORD, "shared": "1"})
    assert client.session.get_expire_at_browser_close()
    other = Client()
    other.post("/sign-in/", {"username": "forum_rep", "password": PASSWORD})
    assert not other.session.get_expire_at_browser_close()


def test_signing_out_everywhere_ends_every_session(db, time_machine):
    time_machine.move_to(START, tick=True)
    rep = make_user("forum_rep")
    phone, laptop = Client(), Client()
    phone.force_login(rep)
    laptop.force_login(rep)
    assert laptop.get("/forum/").status_code == 200
    time_machine.move_to(START + dt.timedelta(minutes=5), tick=True)
    phone.post("/account/sign-out-everywhere/")
    assert "_auth_user_id" not in phone.session
    time_machine.move_to(START + dt.timedelta(minutes=7), tick=True)
    assert laptop.get("/forum/").status_code == 302
    assert "_auth_user_id" not in laptop.session
    assert AccountEvent.objects.filter(kind="signed_out_everywhere", user=rep).exists()
    # Signing in again afterwards works.
    assert phone.post("/sign-in/", {"username": "forum_rep", "password": PASSWORD}
                      ).status_code == 302
    assert phone.get("/forum/").status_code == 200


def test_a_new_sign_in_is_emailed_to_the_account(client, db,
                                                django_capture_on_commit_callbacks):
    make_user("officer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/sign-in/", {"username": "officer", "password": PASSWORD},
                    REMOTE_ADDR="198.51.100.20", HTTP_USER_AGENT="Firefox on a test")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer@example.org"]
    assert "198.51.100.20" in message.body and "Firefox on a test" in message.body
    assert "/account/" in message.body
    entry = AccountEvent.objects.get(kind="signed_in")
    assert entry.username == "officer" and entry.address == "198.51.100.20"


def test_a_failed_sign_in_sends_no_email(client, db, django_capture_on_commit_callbacks):
    make_user("officer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/sign-in/", {"username": "officer", "password": "wrong"})
    assert mail.outbox == []
