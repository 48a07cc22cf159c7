"""Two-factor sign-in in Chromium, on a 320-pixel screen with the keyboard alone: an officer
sets up an authenticator app and keeps the recovery codes, signs in again with password and
code; a recovery code works once; another officer adds a passkey (Chromium's virtual
authenticator, through the DevTools protocol) and signs in with it. axe finds nothing on
any page, and the passkey scripts run under the strict Content-Security-Policy.

Each test signs in an account of its own, made for it in the running portal's database.
"""

import datetime as dt
from base64 import b32decode
from email.utils import parsedate_to_datetime

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.e2e.conftest import AXE, AXE_TAGS, manage_shell, tab_to

PASSWORD = "correct-horse-battery-e2e"  # noqa: S105
PHONE = {"width": 320, "height": 640}
# Registered before any page script runs (DevTools injects it, so the policy allows it).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
});
"""

MAKE_OFFICER = """
from tests.factories import UserFactory
UserFactory(username="{username}", password="{password}", groups=["Officers"],
            email="{username}@example.gov.uk")
"""
EVENTS = """
from accounts.models import AccountEvent
print(",".join(AccountEvent.objects.filter(username="{username}").order_by("pk")
               .values_list("kind", flat=True)))
print(AccountEvent.objects.filter(username="{username}", kind="two_factor_passed")
      .values_list("detail", flat=True).last())
"""


def _tab_to(page, check: str) -> None:
    tab_to(page, check, limit=120)


def _make_officer(username: str) -> None:
    manage_shell(MAKE_OFFICER.format(username=username, password=PASSWORD))


def _press(page, text: str) -> None:
    """Tab to the button or link that reads ``text`` and press Enter."""
    _tab_to(page, f"(el.tagName === 'BUTTON' || el.tagName === 'A' || "
                  f"el.tagName === 'SUMMARY') && el.textContent.trim() === {text!r}")
    page.keyboard.press("Enter")


def _type_into(page, field_id: str, text: str) -> None:
    _tab_to(page, f"el.id === {field_id!r}")
    page.keyboard.type(text)


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/sign-in/")
    _type_into(page, "id_username", username)
    _type_into(page, "id_password", PASSWORD)
    page.keyboard.press("Enter")


def _sign_out(page, base: str) -> None:
    page.goto(base + "/account/")
    _press(page, "Sign out")
    expect(page).to_have_url(base + "/")


def _code_now(key: bytes, server_clock_offset: dt.timedelta) -> str:
    """The code an authenticator app with ``key`` shows at the server's moment (its clock
    starts on the demo's day: tests/e2e/clocked.py)."""
    totp = TOTP(key)
    totp.time = (dt.datetime.now(dt.UTC) + server_clock_offset).timestamp()
    return str(totp.token()).zfill(6)


def _ms_to_next_code(server_clock_offset: dt.timedelta) -> int:
    """Milliseconds until the app shows its next code (codes change every 30 s)."""
    now = (dt.datetime.now(dt.UTC) + server_clock_offset).timestamp()
    return int((30 - now % 30) * 1000) + 500


def _server_clock_offset(response) -> dt.timedelta:
    """How far the server's clock is from this one, from a response's Date header."""
    return parsedate_to_datetime(response.headers["date"]) - dt.datetime.now(dt.UTC)


def _axe(page, cdp) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations, run through ``cdp``, the page's session that
    holds the virtual authenticator (conftest's ``axe_violations`` opens and detaches a
    session of its own, and detaching any session drops Chromium's virtual authenticators)."""
    cdp.send("Runtime.evaluate", {"expression": AXE.read_text()})
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert len(result["passes"]) > 10, "axe-core did not check the page"
    return [f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"]]


def _fits_the_screen(page) -> None:
    """Nothing sticks out sideways on the 320-pixel screen (no scrolling left and right)."""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def _no_script_blocked(page) -> None:
    """No script, connection or frame was refused by the policy on this page. (An officer's
    pages also carry Wagtail's userbar, whose inline style the public policy refuses: that
    is not this feature's, so style reports are left out.)"""
    blocked = [v for v in page.evaluate("() => window.__violations")
               if not v.startswith("style-src")]
    assert blocked == []


def test_an_officer_sets_up_an_app_and_signs_in_with_a_code(browser, portal_url,
                                                           axe_violations):
    _make_officer("officer_app")
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(LISTEN)
    page = context.new_page()
    _sign_in(page, portal_url, "officer_app")
    expect(page).to_have_url(portal_url + "/admin/")

    first = page.goto(portal_url + "/account/")
    offset = _server_clock_offset(first)
    assert axe_violations(page) == []
    _press(page, "Set up two-factor sign-in")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    assert axe_violations(page) == []
    # No camera here: open "I cannot scan the QR code" and read the key, as a person would.
    _press(page, "I cannot scan the QR code")
    _fits_the_screen(page)
    secret = page.locator("#setup-key").inner_text()
    key = b32decode("".join(secret.split()) + "=" * (-len("".join(secret.split())) % 8))
    _type_into(page, "id_code", "000000")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error:")
    assert axe_violations(page) == []
    page.locator("#id_code").fill("")
    # django-otp makes the next try wait a second after a wrong code.
    page.wait_for_timeout(1500)
    _type_into(page, "id_code", _code_now(key, offset))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = page.locator(".accounts-codes code").all_inner_texts()
    assert len(codes) == 10
    assert axe_violations(page) == []
    _press(page, "I have saved my codes: continue")
    expect(page).to_have_url(portal_url + "/admin/")
    _sign_out(page, portal_url)

    # Password, then the code from the app: a new one (each code is taken once).
    _sign_in(page, portal_url, "officer_app")
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    assert axe_violations(page) == []
    page.wait_for_timeout(_ms_to_next_code(offset))
    _type_into(page, "id_code", _code_now(key, offset))
    page.keyboard.press("Enter")
    expect(page).to_have_url(portal_url + "/admin/")
    _sign_out(page, portal_url)

    # A recovery code instead of the app: it works once.
    _sign_in(page, portal_url, "officer_app")
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    _type_into(page, "id_code", codes[0])
    page.keyboard.press("Enter")
    expect(page).to_have_url(portal_url + "/account/")
    expect(page.locator("#account-notice")).to_contain_text("recovery code, which cannot be "
                                                            "used again")
    assert axe_violations(page) == []
    _sign_out(page, portal_url)
    _sign_in(page, portal_url, "officer_app")
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    _type_into(page, "id_code", codes[0])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_url(portal_url + "/account/two-factor/?next=%2Fadmin%2F")
    _no_script_blocked(page)
    context.close()


def test_an_officer_adds_a_passkey_and_signs_in_with_it(browser, portal_url):
    _make_officer("officer_passkey")
    # Passkeys belong to a host name, never an address: the site as http://localhost.
    base = portal_url.replace("127.0.0.1", "localhost")
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(LISTEN)
    page = context.new_page()
    # The authenticator is the open page's: attach it once the page shows the portal.
    page.goto(base + "/sign-in/")
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    authenticator = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})["authenticatorId"]

    _sign_in(page, base, "officer_passkey")
    expect(page).to_have_url(base + "/admin/")
    page.goto(base + "/account/")
    _press(page, "Use a passkey instead")
    expect(page.get_by_role("heading", name="Passkeys", exact=True)).to_be_visible()
    expect(page.locator("#passkey-register-button")).to_be_visible()  # the script ran
    assert _axe(page, cdp) == []
    _press(page, "Add a passkey")

    expect(page.get_by_role("heading", name="Name your passkey")).to_be_visible()
    assert _axe(page, cdp) == []
    _type_into(page, "id_name", "Work laptop")
    page.keyboard.press("Enter")
    # Its first second factor: recovery codes come with it.
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    _press(page, "I have saved my codes: continue")
    expect(page.get_by_role("heading", name="Passkeys", exact=True)).to_be_visible()
    expect(page.locator(".govuk-summary-list__key")).to_have_text("Work laptop")
    assert _axe(page, cdp) == []
    _fits_the_screen(page)
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    _no_script_blocked(page)
    _sign_out(page, base)

    # Password, then the passkey.
    _sign_in(page, base, "officer_passkey")
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    expect(page.locator("#passkey-verification-button")).to_be_visible()
    assert _axe(page, cdp) == []
    _fits_the_screen(page)
    _press(page, "Use your passkey")
    expect(page).to_have_url(base + "/admin/")
    _no_script_blocked(page)

    kinds, detail = manage_shell(EVENTS.format(username="officer_passkey")).splitlines()
    assert "two_factor_added" in kinds.split(",") and "passkey_renamed" in kinds.split(",")
    assert detail.startswith("passkey ")
    context.close()
