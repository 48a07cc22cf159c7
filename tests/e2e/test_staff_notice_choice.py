"""A forum representative on a 320 px phone chooses, by keyboard, one e-mail a day in
Arabic: the page is reached from the forum's home, fits the screen, and axe finds nothing.
From the link at the end of a notice, without signing in, they turn notices off and back
on."""

import os
import subprocess
import sys
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, SERVER
from tests.e2e.test_coproduction import _sign_in

PHONE = {"width": 320, "height": 640}


def test_a_representative_chooses_a_daily_e_mail_in_arabic_by_keyboard(browser, portal_url,
                                                                       axe_violations):
    context = browser.new_context(viewport=PHONE)
    page = _sign_in(context, portal_url, "forumrep")
    expect(page).to_have_url(portal_url + "/forum/")
    page.get_by_role("link", name="Choose how often we e-mail you, and in which language").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mails about co-production")
    assert axe_violations(page) == []
    expect(page.locator("label[for=id_language_2]")).to_have_attribute("lang", "ar")
    expect(page.locator("label[for=id_language_2]")).to_have_attribute("dir", "rtl")
    page.locator("#id_frequency_0").focus()
    page.keyboard.press("ArrowDown")  # radios move with the arrow keys
    expect(page.locator("#id_frequency_1")).to_be_checked()
    page.keyboard.press("Tab")  # into the language group, at its chosen radio
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_language_2")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Saved. We will e-mail you as you chose.")).to_be_visible()
    expect(page.locator("#id_frequency_1")).to_be_checked()
    expect(page.locator("#id_language_2")).to_be_checked()
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner
    assert axe_violations(page) == []
    # Put it back, so the demo's representative hears at once again.
    page.locator("#id_frequency_0").check()
    page.locator("#id_language_0").check()
    page.get_by_role("button", name="Save my choices").click()
    context.close()


#: The link at the end of the demo representative's notices, in Arabic (what
#: ``notices.emails.staff_emails_url`` puts in the e-mail and its List-Unsubscribe).
STAFF_LINK = """
from django.contrib.auth import get_user_model
from notices.emails import staff_emails_url
print(staff_emails_url(get_user_model().objects.get(username="forumrep"), "ar"))
"""


def _staff_link(portal_url: str) -> str:
    env = {**os.environ, "PORTAL_VAR_DIR": SERVER["var"],
           "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "--no-imports", "-c", STAFF_LINK],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return portal_url + urlsplit(done.stdout.strip().splitlines()[-1]).path


def test_a_representative_turns_notices_off_from_the_link_and_back_on_in_arabic(
        browser, portal_url, axe_violations):
    """Without signing in, on a 320 px phone: the link's page fits the screen, reads right
    to left, and axe finds nothing, before and after the notices are turned off."""
    link = _staff_link(portal_url)
    assert "/ar/notices/staff-emails/" in link
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("رسائلك عن الإنتاج المشترك")
    assert axe_violations(page) == []
    page.get_by_role("button", name="أوقف كل هذه الرسائل").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "أُوقفت رسائلك عن الإنتاج المشترك")
    expect(page.locator("#id_frequency_2")).to_be_checked()
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner
    assert axe_violations(page) == []
    # Back on, at once, in English: as the demo's representative had it.
    page.locator("#id_frequency_0").check()
    page.locator("#id_language_0").check()
    page.get_by_role("button", name="احفظ اختياراتي").click()
    expect(page.locator("#id_frequency_0")).to_be_checked()
    assert axe_violations(page) == []
    context.close()
