"""A parent on a phone whose security cookie is gone before they press send: the answers come
back on a plain page, and sending again gives a reference."""

import re

from playwright.sync_api import expect

CONSULTATION = "/consultations/walking-distances-under-8/"


def test_a_response_sent_after_cookies_were_cleared_comes_back_and_sends(browser, portal_url,
                                                                          axe_violations):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(portal_url + CONSULTATION)
    # The server's clock starts on a day the demo consultation is open (see conftest).
    page.get_by_role("button", name="Respond to this consultation").click()
    page.wait_for_url("**/respond/")
    page.get_by_label("A parent or carer").check()
    page.get_by_label("Agree", exact=True).check()
    words = "My son is 6 and the walk is along a busy road."
    page.get_by_label("Is there anything else you want us to know?").fill(words)
    context.clear_cookies()
    page.get_by_role("button", name="Send my response").click()

    expect(page.get_by_role("heading", name="Your form has not been sent yet")).to_be_visible()
    expect(page.get_by_label("Is there anything else you want us to know?")).to_have_value(words)
    expect(page.get_by_text("A parent or carer")).to_be_visible()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    assert axe_violations(page) == []

    page.get_by_role("button", name="Send again").click()
    expect(page.get_by_role("heading", name="Response sent")).to_be_visible()
    expect(page.locator(".govuk-panel__body strong")).to_have_text(re.compile(r"^[0-9A-Z]{8}$"))
    context.close()
