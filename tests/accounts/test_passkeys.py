"""Passkeys (django-otp-webauthn): who may add them, naming and removing them, the audit
log, and a passkey counting as the second factor staff must give.

The browser ceremonies themselves (a real authenticator making and using a passkey) run in
Chromium with its virtual authenticator: tests/e2e/test_two_factor.py.
"""

import json

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts import services
from accounts.models import AccountEvent
from accounts.views.passkeys import JUST_ADDED
from tests.accounts.conftest import PASSWORD, make_user
from tests.portal.test_browser_security import assert_nothing_inline, assert_strict_headers
from tests.portal.test_settings import PRODUCTION_ENV, _manage

ROLES = ["anonymous", "parent", "forum_rep", "officer", "board_member"]
OFFERED = {"forum_rep", "officer", "board_member"}
API = "/account/two-factor/passkey-api/"


def _passkey(user, name="Work laptop", number=1) -> WebAuthnCredential:
    """A stored passkey (its key material is never checked by these tests)."""
    return WebAuthnCredential.objects.create(
        user=user, name=name, confirmed=True, credential_id=bytes([number]) * 32,
        public_key=b"\x01" * 77, aaguid="00000000-0000-0000-0000-000000000000")


def _as(client, role):
    if role == "anonymous":
        return None
    user = make_user(role)
    client.force_login(user)
    return user


def _json_post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json",
                       HTTP_ACCEPT="application/json")


@pytest.mark.parametrize("role", ROLES)
def test_the_passkeys_page_is_for_roles_offered_two_factor(client, db, role):
    _as(client, role)
    response = client.get("/account/two-factor/passkeys/")
    if role == "anonymous":
        assert response["Location"].startswith("/sign-in/")
    elif role in OFFERED:
        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="passkey-register-button"' in page
        # The package's scripts are files and its settings JSON data: nothing inline runs.
        assert 'type="module" src="/static/django_otp_webauthn/otp_webauthn_register.js"' in page
        assert '<script id="otp_webauthn_config" type="application/json">' in page
        if role != "officer":  # officers' pages also carry Wagtail's userbar
            assert_nothing_inline(page, "passkeys page")
        assert_strict_headers(response, "passkeys page")
        assert "publickey-credentials-create=(self)" in response["Permissions-Policy"]
    else:
        assert response["Location"] == "/account/"


@pytest.mark.parametrize("role", ROLES)
def test_starting_to_add_a_passkey_needs_a_role_offered_two_factor(client, db, role):
    _as(client, role)
    response = _json_post(client, API + "registration/begin/")
    if role in OFFERED:
        assert response.status_code == 200
        options = response.json()
        assert options["rp"] == {"id": "localhost", "name": "SEND travel portal"}
        assert options["user"]["name"] == role
    else:
        assert response.status_code in (401, 403)
        assert response.json()["code"] in ("not_authenticated", "not_offered")


@pytest.mark.parametrize("role", ROLES)
def test_the_passkey_step_needs_the_password_first(client, db, role):
    """No passwordless sign-in: a passkey is a second step, never the only one."""
    _as(client, role)
    response = _json_post(client, API + "authentication/begin/")
    if role == "anonymous":
        assert response.status_code == 403
        assert response.json()["code"] == "passwordless_login_disabled"
    else:
        assert response.status_code == 200


def test_adding_a_passkey_needs_the_current_second_factor_first(client, db, two_factor_on):
    officer = make_user("officer")
    TOTPDevice.objects.create(user=officer, confirmed=True, name="phone")
    client.post("/sign-in/", {"username": "officer", "password": PASSWORD})
    page = client.get("/account/two-factor/passkeys/")
    assert page["Location"].startswith("/account/two-factor/?next=")
    refused = _json_post(client, API + "registration/begin/")
    assert refused.status_code == 403


def test_a_passkey_added_is_recorded_with_recovery_codes_when_it_is_the_first(
        client, db, rf):
    officer = make_user("officer")
    passkey = _passkey(officer)
    codes = services.passkey_added(user=officer, passkey=passkey)
    assert len(codes) == 10
    entry = AccountEvent.objects.get(kind="two_factor_added", user=officer)
    assert entry.detail == f"passkey {passkey.pk}; recovery codes made"
    # A second passkey leaves the codes the account already has.
    assert services.passkey_added(user=officer, passkey=_passkey(officer, number=2)) == []


def test_a_passkey_is_named_then_renamed_and_each_change_recorded(client, db):
    rep = _as(client, "forum_rep")
    passkey = _passkey(rep, name="Passkey added today")
    _verify_with(client, passkey)
    session = client.session
    session[JUST_ADDED] = passkey.pk
    session.save()
    form = client.get(f"/account/two-factor/passkeys/{passkey.pk}/name/")
    assert "Your passkey is added" in form.content.decode()
    refused = client.post(f"/account/two-factor/passkeys/{passkey.pk}/name/", {"name": "  "})
    assert "Enter a name for the passkey" in refused.content.decode()
    done = client.post(f"/account/two-factor/passkeys/{passkey.pk}/name/", {"name": "My phone"})
    assert done["Location"] == "/account/two-factor/passkeys/"
    passkey.refresh_from_db()
    assert passkey.name == "My phone"
    listing = client.get("/account/two-factor/passkeys/").content.decode()
    assert "My phone" in listing and "The passkey's name is saved." in listing
    entry = AccountEvent.objects.get(kind="passkey_renamed", user=rep)
    assert entry.detail.endswith("Passkey added today -> My phone")


@pytest.mark.parametrize("role", ["anonymous", "parent", "forum_rep", "officer"])
def test_nobody_names_or_removes_another_accounts_passkey(client, db, role):
    owner = make_user("board_member")
    passkey = _passkey(owner)
    _as(client, role)
    named = client.post(f"/account/two-factor/passkeys/{passkey.pk}/name/", {"name": "Mine"})
    removed = client.post(f"/account/two-factor/passkeys/{passkey.pk}/remove/")
    if role == "anonymous":
        assert named["Location"].startswith("/sign-in/")
        assert removed["Location"].startswith("/sign-in/")
    else:
        assert named.status_code == removed.status_code == 404
    passkey.refresh_from_db()
    assert passkey.name == "Work laptop"


def test_staff_keep_their_last_second_factor(client, db, two_factor_on):
    officer = _as(client, "officer")
    only = _passkey(officer)
    _verify_with(client, only)
    page = client.get("/account/two-factor/passkeys/").content.decode()
    assert "You cannot remove your only passkey" in page
    client.post(f"/account/two-factor/passkeys/{only.pk}/remove/")
    assert WebAuthnCredential.objects.filter(pk=only.pk).exists()
    # With a second one, either may go, and the removal is recorded.
    _passkey(officer, name="Security key", number=2)
    client.post(f"/account/two-factor/passkeys/{only.pk}/remove/")
    assert not WebAuthnCredential.objects.filter(pk=only.pk).exists()
    entry = AccountEvent.objects.get(kind="two_factor_removed", user=officer)
    assert entry.detail == f"passkey {only.pk}: Work laptop"


def test_a_forum_rep_may_remove_their_only_passkey(client, db, two_factor_on):
    rep = _as(client, "forum_rep")
    only = _passkey(rep)
    _verify_with(client, only)
    client.post(f"/account/two-factor/passkeys/{only.pk}/remove/")
    assert not WebAuthnCredential.objects.filter(user=rep).exists()
    # Nothing left to give: the rep goes on without a second step.
    assert client.get("/forum/").status_code == 200


def _verify_with(client, passkey):
    """Mark the session as having passed two-factor with ``passkey`` (what
    django-otp-webauthn's authentication view does after a passkey answers)."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = passkey.persistent_id
    session.save()


@pytest.mark.parametrize("role", ["officer", "board_member", "admin"])
def test_a_passkey_counts_as_the_second_factor_staff_must_give(client, db, two_factor_on,
                                                               role):
    user = make_user(role)
    passkey = _passkey(user)
    client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    landing = "/board/" if role == "board_member" else "/admin/"
    asked = client.get(landing)
    assert asked["Location"].startswith("/account/two-factor/?next=")
    response = client.get(asked["Location"])
    page = response.content.decode()
    if role == "board_member":  # officers' pages also carry Wagtail's userbar
        assert_nothing_inline(page, "two-factor page")
    assert_strict_headers(response, "two-factor page")
    assert "publickey-credentials-get=(self)" in response["Permissions-Policy"]
    assert 'id="passkey-verification-button"' in page
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in page
    _verify_with(client, passkey)
    assert client.get(landing).status_code == 200


def test_a_refused_passkey_is_recorded(client, db, two_factor_on):
    officer = make_user("officer")
    _passkey(officer)
    client.post("/sign-in/", {"username": "officer", "password": PASSWORD})
    assert _json_post(client, API + "authentication/begin/").status_code == 200
    refused = _json_post(client, API + "authentication/complete/", {
        "id": "AQEB", "rawId": "AQEB", "type": "public-key",
        "response": {"clientDataJSON": "e30", "authenticatorData": "AA", "signature": "AA"}})
    assert refused.status_code >= 400
    assert AccountEvent.objects.filter(kind="two_factor_failed", user=officer,
                                       detail__startswith="passkey").exists()
    assert client.get("/admin/").status_code == 302


def test_an_administrator_removing_two_factor_removes_passkeys_too(db):
    officer = make_user("officer")
    _passkey(officer)
    services.remove_two_factor(user=officer)
    assert not WebAuthnCredential.objects.filter(user=officer).exists()


def test_the_passkeys_page_queries_stay_few(client, db, django_assert_max_num_queries):
    rep = _as(client, "forum_rep")
    for number in range(1, 6):
        _verify_with(client, _passkey(rep, name=f"Key {number}", number=number))
    client.get("/account/two-factor/passkeys/")  # the site's settings row is made once
    # Session, account, groups, devices: the same number for one passkey or many.
    with django_assert_max_num_queries(16):
        assert client.get("/account/two-factor/passkeys/").status_code == 200


def test_the_deployment_check_warns_when_passkeys_would_not_be_on_https():
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     env={**PRODUCTION_ENV, "PORTAL_BASE_URL": "http://127.0.0.1:8000"})
    assert result.returncode != 0
    assert "accounts.W001" in result.stdout + result.stderr
