"""Lockout after repeated wrong passwords, on every login form (django-axes)."""

import datetime as dt

import pytest
from django.conf import settings

from accounts.models import AccountEvent
from tests.accounts.conftest import PASSWORD, make_user
from tests.factories import UserFactory

# Every form that takes a password: the portal's, the Wagtail admin's, the Django admin's.
LOGIN_FORMS = ["/sign-in/", "/admin/login/", "/django-admin/login/"]


def _try(client, path, username, password, address="203.0.113.5"):
    return client.post(path, {"username": username, "password": password},
                       REMOTE_ADDR=address)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("path", LOGIN_FORMS)
def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, db, path):
    make_user("admin")
    for _ in range(30):
        _try(client, path, "admin", "guess")
    response = _try(client, path, "admin", PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    text = response.content.decode()
    assert "Too many tries: sign-in paused" in text
    assert 'value="admin"' in text  # what they typed is kept
    assert "Traceback" not in text


@pytest.mark.parametrize("path", LOGIN_FORMS)
def test_the_right_password_within_the_limit_signs_in(client, db, path):
    make_user("admin")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, path, "admin", "guess")
    response = _try(client, path, "admin", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_an_account_is_locked_from_every_address(client, db):
    make_user("officer")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/sign-in/", "officer", "guess", address=f"198.51.100.{n}")
    assert _try(client, "/sign-in/", "officer", PASSWORD, address="192.0.2.1").status_code == 429


def test_an_address_trying_many_accounts_is_locked_for_all_of_them(client, db):
    make_user("officer")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/sign-in/", f"someone{n}", "guess")
    response = _try(client, "/sign-in/", "officer", PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)


def test_the_lockout_ends_after_the_cool_off(client, db, settings, time_machine):
    time_machine.move_to(dt.datetime(2027, 3, 2, 10, tzinfo=dt.UTC), tick=False)
    make_user("officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/sign-in/", "officer", "guess")
    assert _try(client, "/sign-in/", "officer", PASSWORD).status_code == 429
    time_machine.shift(dt.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1))
    assert _try(client, "/sign-in/", "officer", PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_account(client, db):
    make_user("officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/sign-in/", "officer", "guess", address="198.51.100.7")
    admin = make_user("admin")
    admin_client = client.__class__()
    admin_client.force_login(admin)
    page = admin_client.get("/admin/sign-in-lockouts/")
    assert "officer" in page.content.decode() and "(locked out)" in page.content.decode()
    admin_client.post("/admin/sign-in-lockouts/unlock/", {"username": "officer"})
    admin_client.post("/admin/sign-in-lockouts/unlock/", {"address": "198.51.100.7"})
    assert _try(client, "/sign-in/", "officer", PASSWORD,
                address="198.51.100.7").status_code == 302
    assert AccountEvent.objects.filter(kind="unlocked").count() == 2


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "officer",
                                  "board_member"])
def test_only_administrators_see_or_unlock_lockouts(client, db, role):
    make_user("admin")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/sign-in/", "admin", "guess")
    other = client.__class__()
    if role != "anonymous":
        other.force_login(make_user(role))
    assert other.get("/admin/sign-in-lockouts/").status_code in (302, 403)
    assert other.post("/admin/sign-in-lockouts/unlock/",
                      {"username": "admin"}).status_code in (302, 403)
    assert _try(client, "/sign-in/", "admin", PASSWORD).status_code == 429


def test_the_page_privacy_sign_in_is_the_portals(client, db):
    response = client.get("/_util/login/?next=/private/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/private/"


def test_failures_and_lockouts_are_in_the_audit_log(client, db):
    UserFactory(username="officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "/sign-in/", "officer", "guess", address="198.51.100.9")
    _try(client, "/sign-in/", "nobody-by-this-name", "guess", address="198.51.100.9")
    failed = AccountEvent.objects.filter(kind="sign_in_failed")
    assert failed.filter(username="officer", address="198.51.100.9").count() >= 5
    assert failed.filter(username="nobody-by-this-name", user__isnull=True).exists()
    assert AccountEvent.objects.filter(kind="locked_out", username="officer").exists()
