"""A forum representative on a 320 px phone chooses, by keyboard, one e-mail a day in
Arabic: the page is reached from the forum's home, fits the screen, and axe finds nothing."""

from playwright.sync_api import expect

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
