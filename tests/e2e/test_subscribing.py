"""A parent on a 320 px phone asks, by keyboard, to hear when the travel policy changes:
a refused address comes back typed as it was, the request goes, and axe finds nothing on
any of the pages, in English and in Arabic."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import tab_to

PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_a_parent_subscribes_to_a_policy_by_keyboard_at_320px(browser, portal_url,
                                                              axe_violations, prefix):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{portal_url}{prefix}/policies/travel-assistance/")
    page.locator("a[href*='/notices/subscribe/?page=']").click()
    assert axe_violations(page) == []
    tab_to(page, "el.id === 'id_email'", 60)
    page.keyboard.type("parent@example")
    expect(page.locator("#id_topics_0")).to_be_checked()  # the policy they came from
    page.keyboard.press("Enter")  # sends the form from the address field
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator("#id_email")).to_have_value("parent@example")
    assert axe_violations(page) == []
    page.fill("#id_email", "parent@example.com")
    page.locator("form[action*='/notices/subscribe/'] button").press("Enter")
    expect(page.locator("h1")).to_have_text(
        "Check your e-mail" if not prefix else "تحقق من بريدك الإلكتروني")
    width, inner = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner
    assert axe_violations(page) == []
    context.close()
