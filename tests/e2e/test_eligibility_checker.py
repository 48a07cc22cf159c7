"""The "What would this mean for my child?" checker in a real browser: at 320 px, without
JavaScript, and axe-clean on every page (the demo's policy and its open consultation)."""

import pytest
from playwright.sync_api import expect

CHECKER = "/policies/travel-assistance/checker/"


def fits(page) -> bool:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    return widths[0] <= widths[1]


def walk(page, check):
    """A parent of a 7-year-old who lives 1.8 miles from the nearest suitable school."""
    expect(page.get_by_role("heading", name="We keep nothing")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="How old is your child?")).to_be_visible()
    check(page)
    # Continuing without an answer: an error summary linked to the question.
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    check(page)
    page.get_by_label("7", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="How far is the walk to school?")).to_be_visible()
    check(page)
    page.get_by_label("Or type the distance in miles, if you know it").fill("1.8")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="What this could mean for your child")).to_be_visible()
    expect(page.get_by_text("over the proposed 1.5 miles for children under 8")).to_be_visible()
    expect(page.get_by_role("heading", name="The policy now")).to_be_visible()
    expect(page.get_by_role("heading", name="Under the proposal")).to_be_visible()
    check(page)


def test_a_parent_checks_at_320_px_without_javascript(browser, portal_url):
    context = browser.new_context(viewport={"width": 320, "height": 640},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_url + CHECKER)

    def check(p):
        p.wait_for_load_state()
        assert fits(p), p.url

    walk(page, check)
    assert context.cookies() == []
    context.close()


@pytest.mark.parametrize("width", [320, 1024])
def test_every_checker_page_is_axe_clean(browser, portal_url, axe_violations, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(portal_url + CHECKER)

    def check(p):
        p.wait_for_load_state()
        assert axe_violations(p) == [], p.content()[:200]

    walk(page, check)
    context.close()


def test_a_parent_checks_in_arabic_right_to_left_at_320_px_axe_clean(browser, portal_url,
                                                                      axe_violations):
    """The demo's Arabic policy: every page right to left, fitting 320 px and axe-clean, and
    the answer (reasons and what the proposal changes) in Arabic with Arabic numbers' comma."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(portal_url + "/ar" + CHECKER)

    def check():
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("html").get_attribute("lang") == "ar"
        assert fits(page), page.url
        assert axe_violations(page) == [], page.url

    def answer(name, value):
        page.locator(f'input[name="{name}"][value="{value}"]').check()
        page.locator('main form[method="get"] button.govuk-button').click()

    check()
    page.locator("button.govuk-button--start").click()
    expect(page.get_by_role("heading", name="كم عمر طفلك؟")).to_be_visible()
    check()
    answer("age", "7")
    answer("area", "yes")
    page.locator("#distance_miles").fill("1,8")
    page.locator('main form[method="get"] button.govuk-button').click()
    answer("needs", "no")
    answer("school", "yes")
    expect(page.get_by_text("لأن 1,8 ميل أكثر من الحد المقترح وهو 1,5 ميل")).to_be_visible()
    expect(page.get_by_text("المسافة مشياً 1,8 ميل.").first).to_be_visible()
    check()
    context.close()


def test_a_polish_parent_of_a_16_year_old_starting_year_12_at_320_px_axe_clean(
        browser, portal_url, axe_violations):
    """Sixth form at 16: the age question offers it, the answer is the post-16 one (case by
    case, with the yearly charge), all in Polish, fitting 320 px and axe-clean."""
    # axe runs in the page, so scripts are on here; the walk without JavaScript is above.
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(portal_url + "/pl" + CHECKER)

    def check():
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "pl"
        assert fits(page), page.url
        assert axe_violations(page) == [], page.url

    def answer(name, value):
        page.locator(f'input[name="{name}"][value="{value}"]').check()
        page.locator('main form[method="get"] button.govuk-button').click()

    page.locator("button.govuk-button--start").click()
    expect(page.get_by_label("16 lat, zaczyna 12. klasę albo college")).to_be_visible()
    check()
    answer("age", "16-year12")
    answer("area", "yes")
    expect(page.get_by_role("heading", name="Czy dostajesz zasiłki zależne od dochodu?")
           ).to_be_visible()
    answer("benefits", "yes")
    expect(page.get_by_text("Po 11. klasie nie musimy pomagać.").first).to_be_visible()
    expect(page.get_by_text("500 £").first).to_be_visible()
    check()
    context.close()


def test_back_and_a_changed_age_at_320_px_axe_clean(browser, portal_url, axe_violations):
    """The review: the browser's Back gave "Confirm form resubmission", question pages had
    no back link, the error summary's link went nowhere, and a changed age carried the walk
    to school into the young adult's distance to college."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(portal_url + CHECKER)

    def check():
        page.wait_for_load_state()
        assert fits(page), page.url
        assert axe_violations(page) == [], page.url

    def answer(name, value):
        page.locator(f'input[name="{name}"][value="{value}"]').check()
        page.locator('main form[method="get"] button.govuk-button').click()

    page.get_by_role("button", name="Start").click()
    # The error summary's link takes the keyboard to the first answer.
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary a").click()
    expect(page.locator("#age-1")).to_be_focused()
    answer("age", "7")
    expect(page.get_by_role("heading", name="Does your child live in our area?")).to_be_visible()
    check()
    # The page's own Back link: the age again, still chosen.
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("heading", name="How old is your child?")).to_be_visible()
    expect(page.locator('input[name="age"][value="7"]')).to_be_checked()
    page.locator('main form[method="get"] button.govuk-button').click()
    answer("area", "yes")
    expect(page.get_by_role("heading", name="How far is the walk to school?")).to_be_visible()
    # The browser's Back: the question before, not "Confirm form resubmission".
    page.go_back()
    expect(page.get_by_role("heading", name="Does your child live in our area?")).to_be_visible()
    page.go_forward()
    expect(page.get_by_role("heading", name="How far is the walk to school?")).to_be_visible()
    page.locator("#distance_miles").fill("1.8")
    page.locator('main form[method="get"] button.govuk-button').click()
    answer("needs", "no")
    answer("school", "yes")
    expect(page.get_by_role("heading", name="What this could mean for your child")).to_be_visible()
    # Change the age to 21: the distance is asked again, as the distance to college.
    page.get_by_role("link", name="Change How old is your child?").click()
    answer("age", "21")
    expect(page.locator("#asked-again")).to_be_visible()
    check()
    answer("send", "yes")
    expect(page.get_by_role("heading",
                            name="How far is it from home to the college or training place?")
           ).to_be_visible()
    expect(page.locator("#distance_miles")).to_have_value("")
    check()
    context.close()
