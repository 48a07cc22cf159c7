"""Consultations in a real browser: scheduling against the school calendar, and responding on
a small phone screen with JavaScript off."""

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_to_admin

CONSULTATION = "/consultations/walking-distances-under-8/"


def _officer(browser, portal_url):
    context = browser.new_context()
    page = context.new_page()
    sign_in_to_admin(page, portal_url)
    return context, page


def _insert_block(page, name: str) -> None:
    """Choose ``name`` from the first StreamField's "Insert a block" menu. The date field
    filled last still holds its picker open, so focus leaves it first; the menu is opened
    again if a click on a busy machine landed before it could open."""
    page.keyboard.press("Escape")
    page.locator("#id_title").focus()
    option = page.get_by_role("option", name=name)
    deadline = time.monotonic() + 90
    while True:
        if not option.is_visible():
            page.get_by_role("button", name="Insert a block").first.click()
        try:
            option.wait_for(state="visible", timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if time.monotonic() > deadline:
                raise
    option.click()


def test_an_officer_is_refused_half_term_and_uses_a_suggested_window(browser, portal_url):
    context, page = _officer(browser, portal_url)
    page.goto(portal_url + "/admin/pages/search/?q=Consultations")
    link = page.get_by_role("link", name="Consultations", exact=True).first
    href = link.get_attribute("href")
    index_id = re.search(r"/admin/pages/(\d+)/", href).group(1)
    page.goto(f"{portal_url}/admin/pages/add/consultations/consultationpage/{index_id}/")
    page.locator("#id_title").fill("Bus pass renewals")
    page.locator("#id_summary").fill("We want to change how bus passes renew.")
    page.locator("#id_calendar").select_option(label="Maintained schools in the county")
    page.locator("#id_pre_opens").fill("2026-11-16 09:00")
    page.locator("#id_pre_closes").fill("2026-11-20 17:00")
    # A window across the spring half term.
    page.locator("#id_opens").fill("2027-02-01 09:00")
    page.locator("#id_closes").fill("2027-03-12 23:59")
    _insert_block(page, "Free text")
    page.locator("[name$='-value-question']").first.fill("What do you think?")
    page.get_by_role("button", name="Save draft").click()
    error = page.locator(".w-field__errors, .error-message").filter(has_text="Spring half term")
    expect(error.first).to_be_visible()
    text = error.first.inner_text()
    found = re.search(r"Windows that fit: \w+ (\d+ \w+ \d{4}) to \w+ (\d+ \w+ \d{4})", text)
    assert found, text
    import datetime as dt

    first, last = (dt.datetime.strptime(d, "%d %B %Y").date() for d in found.groups())
    page.locator("#id_opens").fill(f"{first:%Y-%m-%d} 09:00")
    page.locator("#id_closes").fill(f"{last:%Y-%m-%d} 23:59")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Page 'Bus pass renewals' created.")).to_be_visible()
    context.close()


def test_a_parent_responds_on_a_small_screen_without_javascript(browser, portal_url,
                                                                axe_violations):
    context = browser.new_context(viewport={"width": 320, "height": 640},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_url + CONSULTATION)
    # The server's clock starts on a day the demo consultation is open (see conftest).
    page.get_by_role("button", name="Respond to this consultation").click()
    # With JavaScript off the click is a plain navigation: measure the form once it is there.
    page.wait_for_url("**/respond/")
    expect(page.get_by_role("heading", name="Respond to this consultation")).to_be_visible()
    page.wait_for_load_state()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    # Forgetting the required answer keeps the rest and says what is wrong.
    page.get_by_label("A parent or carer").check()
    page.get_by_label("Is there anything else you want us to know?").fill("My son is 6.")
    page.get_by_role("button", name="Send my response").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Is there anything else you want us to know?")).to_have_value(
        "My son is 6.")
    page.get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Send my response").click()
    expect(page.get_by_role("heading", name="Response sent")).to_be_visible()
    expect(page.locator(".govuk-panel__body strong")).to_have_text(re.compile(r"^[0-9A-Z]{8}$"))
    context.close()


@pytest.mark.parametrize("path", ["/consultations/", CONSULTATION, CONSULTATION + "respond/",
                                  CONSULTATION + "proposed/"])
def test_no_accessibility_violations_on_consultation_pages(page, portal_url, axe_violations,
                                                           path):
    page.goto(portal_url + path)
    assert axe_violations(page) == [], path


def test_an_officer_fills_the_dates_in_from_a_suggestion_in_one_click(browser, portal_url):
    context, page = _officer(browser, portal_url)
    page.goto(portal_url + "/admin/pages/search/?q=Consultations")
    href = page.get_by_role("link", name="Consultations", exact=True).first.get_attribute("href")
    index_id = re.search(r"/admin/pages/(\d+)/", href).group(1)
    page.goto(f"{portal_url}/admin/pages/add/consultations/consultationpage/{index_id}/")
    page.locator("#id_title").fill("School bus stops")
    page.locator("#id_summary").fill("We want to move some school bus stops.")
    page.locator("#id_calendar").select_option(label="Maintained schools in the county")
    page.locator("#id_pre_opens").fill("2027-01-11 09:00")
    page.locator("#id_pre_closes").fill("2027-01-22 17:00")
    page.get_by_role("link", name=re.compile("Suggest windows that fit")).click()
    use = page.get_by_role("button", name=re.compile("Use these dates")).first
    # The suggestions are worked out on the server: slow on a busy machine.
    expect(use).to_be_visible(timeout=60_000)
    opens, closes = use.get_attribute("data-opens"), use.get_attribute("data-closes")
    assert opens > "2027-01-22"  # after the forum's window
    use.click()
    expect(page.locator("#id_opens")).to_have_value(opens)
    expect(page.locator("#id_closes")).to_have_value(closes)
    assert len(context.pages) == 1  # no new tab: the script answered in place
    _insert_block(page, "Free text")
    page.locator("[name$='-value-question']").first.fill("What do you think?")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Page 'School bus stops' created.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"The public window has \d+ term-time working days"))
           ).to_be_visible()
    context.close()
