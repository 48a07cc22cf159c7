"""Two-factor: required for officers, administrators and board members; offered to reps."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.html import escape
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.demo import demo_code, give_demo_authenticators
from accounts.models import AccountEvent
from tests.accounts.conftest import PASSWORD, current_code, make_user

# Each role, and a page only that role uses: the page they land on after signing in.
STAFF_PAGES = {"officer": "/admin/", "admin": "/admin/", "board_member": "/board/"}


def _sign_in(client, username):
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password was refused"
    return response


@pytest.mark.parametrize("role", list(STAFF_PAGES))
def test_staff_must_set_up_two_factor_before_any_page(client, db, two_factor_on, role):
    user = make_user(role)
    _sign_in(client, user.username)
    response = client.get(STAFF_PAGES[role])
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/set-up/")

    setup = client.get(response["Location"]).content.decode()
    assert '<svg role="img"' in setup  # the QR code, announced as a picture by its title
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # On a phone, the key opens in the authenticator app from a link (HTML-escaped &).
    assert f'href="{escape(device.config_url)}"' in setup
    assert device.config_url.startswith("otpauth://totp/")
    done = client.post(response["Location"], {"code": current_code(device)})
    codes = client.get(done["Location"])
    assert codes.content.decode().count('<code lang="en" dir="ltr">') == 10
    assert client.get(STAFF_PAGES[role]).status_code == 200
    assert AccountEvent.objects.filter(kind="two_factor_added", user=user).exists()


@pytest.mark.parametrize("role", list(STAFF_PAGES))
def test_staff_with_two_factor_give_a_code_after_the_password(client, db, two_factor_on, role,
                                                             time_machine):
    user = make_user(role)
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="phone")
    _sign_in(client, user.username)
    response = client.get(STAFF_PAGES[role])
    assert response["Location"].startswith("/account/two-factor/?next=")
    wrong = client.post(response["Location"], {"code": "000000"})
    assert wrong.status_code == 200 and "The code is not right" in wrong.content.decode()
    assert client.get(STAFF_PAGES[role]).status_code == 302
    # django-otp makes the next try wait a little longer after each wrong code.
    time_machine.move_to(timezone.now() + dt.timedelta(seconds=2))
    right = client.post(response["Location"], {"code": current_code(device)})
    assert right["Location"] == STAFF_PAGES[role]
    assert client.get(STAFF_PAGES[role]).status_code == 200
    kinds = set(AccountEvent.objects.filter(user=user).values_list("kind", flat=True))
    assert {"signed_in", "two_factor_failed", "two_factor_passed"} <= kinds


def test_a_recovery_code_works_once(client, db, two_factor_on):
    user = make_user("officer")
    TOTPDevice.objects.create(user=user, confirmed=True, name="phone")
    client.force_login(user)
    codes = services.new_recovery_codes(user=user)
    response = client.post("/account/two-factor/", {"code": codes[0]})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    assert AccountEvent.objects.filter(kind="recovery_code_used", user=user).exists()


def test_forum_reps_are_offered_two_factor_not_made_to(client, db, two_factor_on):
    rep = make_user("forum_rep")
    _sign_in(client, rep.username)
    assert client.get("/forum/").status_code == 200
    account = client.get("/account/")
    assert "Set up two-factor sign-in" in account.content.decode()


def test_a_forum_rep_who_set_up_two_factor_gives_a_code_and_may_turn_it_off(client, db,
                                                                            two_factor_on):
    rep = make_user("forum_rep")
    device = TOTPDevice.objects.create(user=rep, confirmed=True, name="phone")
    _sign_in(client, rep.username)
    assert client.get("/forum/")["Location"].startswith("/account/two-factor/")
    client.post("/account/two-factor/", {"code": current_code(device)})
    assert client.get("/forum/").status_code == 200
    client.post("/account/two-factor/remove/")
    assert not TOTPDevice.objects.filter(user=rep).exists()
    assert AccountEvent.objects.filter(kind="two_factor_removed", user=rep).exists()


def test_an_officer_cannot_turn_two_factor_off(client, db, two_factor_on):
    officer = make_user("officer")
    device = TOTPDevice.objects.create(user=officer, confirmed=True, name="phone")
    _sign_in(client, "officer")
    client.post("/account/two-factor/", {"code": current_code(device)})
    assert "Turn off two-factor" not in client.get("/account/").content.decode()
    client.post("/account/two-factor/remove/")
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_the_wagtail_admin_sign_in_also_asks_for_the_code(client, db, two_factor_on):
    officer = make_user("officer")
    TOTPDevice.objects.create(user=officer, confirmed=True, name="phone")
    client.post("/admin/login/", {"username": "officer", "password": PASSWORD})
    assert client.get("/admin/pages/")["Location"].startswith("/account/two-factor/")


@pytest.mark.parametrize("role", ["anonymous", "parent"])
def test_account_pages_ask_visitors_to_sign_in(client, db, role):
    if role != "anonymous":
        client.force_login(make_user(role))
        assert client.get("/account/").status_code == 200
        assert "Two-factor sign-in is off" not in client.get("/account/").content.decode()
    else:
        assert client.get("/account/")["Location"].startswith("/sign-in/")
        assert client.get("/account/two-factor/set-up/")["Location"].startswith("/sign-in/")


def test_an_administrator_removes_two_factor_for_a_lost_phone(client, db, two_factor_on):
    officer = make_user("officer")
    TOTPDevice.objects.create(user=officer, confirmed=True, name="phone")
    admin = make_user("admin")
    admin_device = TOTPDevice.objects.create(user=admin, confirmed=True, name="phone")
    client.force_login(admin)
    client.post("/account/two-factor/", {"code": current_code(admin_device)})
    client.post("/admin/sign-in-lockouts/remove-two-factor/", {"username": "officer"})
    assert not TOTPDevice.objects.filter(user=officer).exists()
    entry = AccountEvent.objects.get(kind="two_factor_removed", user=officer)
    assert "admin" in entry.detail


def test_the_account_page_needs_the_code_first(client, db, two_factor_on):
    officer = make_user("officer")
    TOTPDevice.objects.create(user=officer, confirmed=True, name="phone")
    _sign_in(client, "officer")
    assert client.get("/account/")["Location"].startswith("/account/two-factor/")
    client.post("/account/sign-out-everywhere/")
    assert not AccountEvent.objects.filter(kind="signed_out_everywhere").exists()


def test_the_demo_staff_sign_in_with_the_printed_demo_code(client, db, two_factor_on):
    make_user("officer")
    give_demo_authenticators()
    _sign_in(client, "officer")
    client.post("/account/two-factor/", {"code": demo_code()})
    assert client.get("/admin/").status_code == 200
