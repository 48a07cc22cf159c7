"""A parent's journeys through the public site, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

PUBLIC_PAGES = [
    "/",
    "/policies/travel-assistance/",
    "/faq/",
    "/jargon-buster/",
    "/search/?q=walking",
    "/no-such-page/",
]


def test_parent_finds_a_policy_from_home_and_opens_an_faq_answer_by_keyboard(page, portal_url):
    page.goto(portal_url + "/")
    page.get_by_role("link", name="Travel help for children with SEND").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Travel help for children with SEND")
    expect(page.locator("#walking-distances")).to_contain_text("Under 8 years old: up to 2 miles.")

    page.goto(portal_url + "/faq/")
    answer = page.get_by_text("Up to 2 miles if they are under 8")
    expect(answer).to_be_hidden()
    summary = page.locator("summary", has_text="How far is my child expected to walk?")
    for _ in range(60):  # Tab until the question has focus, as a keyboard user would
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the question could not be reached with the Tab key")
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()


def test_glossary_explains_a_term_on_a_policy_page(page, portal_url):
    page.goto(portal_url + "/policies/travel-assistance/")
    term = page.locator(".portal-term", has=page.locator("a", has_text="SENCO")).first
    tip = term.locator(".portal-term__tip")
    expect(tip).to_be_hidden()
    term.locator("a").focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("makes sure children with SEND get the right support")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    term.locator("a").click()
    expect(page).to_have_url(re.compile(r"/jargon-buster/#senco$"))
    expect(page.locator("#senco")).to_contain_text("Special educational needs coordinator")


def test_search_finds_a_policy_by_a_word_in_its_body(page, portal_url):
    page.goto(portal_url + "/")
    page.locator("#site-search").fill("Ombudsman")
    page.locator("#site-search").press("Enter")
    result = page.locator(".portal-results__item a", has_text="appeals and complaints")
    expect(result).to_be_visible()
    expect(page.locator(".portal-results mark").first).to_have_text(re.compile("Ombudsman", re.I))
    result.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("appeals and complaints")


@pytest.mark.parametrize(("prefix", "words", "answer"), [
    ("", "bus didnt show", "Phone the transport team straight away"),
    ("/ar", "ما حدا اخد ابني", "اتصل بفريق المواصلات فوراً"),
])
def test_an_urgent_search_answers_with_a_number_to_tap_and_opens_the_faq_answer(
        browser, portal_url, prefix, words, answer):
    """At 320 px, as on a phone: the best answer's number is a tel: link on the first
    screen, and its question opens the answer on the FAQ page."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True)
    page = context.new_page()
    page.goto(f"{portal_url}{prefix}/search/?q={words}")
    best = page.locator("[data-portal-promotions] li").first
    expect(best.locator('a[href="tel:+441234567890"]')).to_be_visible()
    best.locator("[data-portal-urgent-faq]").tap()
    expect(page).to_have_url(re.compile(rf"{prefix}/faq/#q-"))
    expect(page.locator("details[open]").get_by_text(answer)).to_be_visible()
    context.close()


def test_arabic_policy_renders_right_to_left(page, portal_url):
    page.goto(portal_url + "/ar/policies/travel-assistance/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    direction = page.locator("h1").evaluate("el => getComputedStyle(el).direction")
    assert direction == "rtl"
    expect(page.locator("h1")).to_contain_text("المساعدة في التنقل")


def test_polish_reader_can_switch_language_and_see_untranslated_notice(page, portal_url):
    page.goto(portal_url + "/policies/travel-assistance/")
    page.get_by_role("link", name="Polski").click()
    expect(page.locator("h1")).to_have_text("Pomoc w dojazdach dla dzieci ze SEND")
    # The appeals policy has no Polish translation in the demo.
    page.goto(portal_url + "/pl/policies/appeals-and-complaints/")
    expect(page.get_by_role("heading", name="Strona nie została jeszcze przetłumaczona")
           ).to_be_visible()


@pytest.mark.parametrize("language", ["", "/ar"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_accessibility_violations(page, portal_url, axe_violations, language, path):
    page.goto(portal_url + language + path)
    if path == "/faq/":
        page.locator("summary").first.click()
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("language", ["", "/ar"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_horizontal_scrolling_at_320_pixels(browser, portal_url, language, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(portal_url + language + path)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px window"


def test_pages_work_with_javascript_off(browser, portal_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_url + "/policies/travel-assistance/")
    expect(page.locator("#walking-distances")).to_be_visible()
    expect(page.locator(".portal-print-link")).to_be_hidden()
    page.goto(portal_url + "/faq/")
    page.locator("summary").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details").first).to_have_attribute("open", "")
    context.close()
