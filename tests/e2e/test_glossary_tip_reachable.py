"""A glossary explanation stays open while the pointer moves from the word down onto it
(WCAG 1.4.13, hoverable), and a tap on a word near the bottom of a phone screen brings its
explanation into view."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", ["", "/ar"])
def test_the_pointer_can_move_from_the_word_onto_its_explanation(browser, portal_url,
                                                                 language):
    """Straight down from the middle of each word, wherever on its line the word is: on the
    Arabic page the words sit far from the block's left edge (review r13o, F1)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(portal_url + language + "/policies/travel-assistance/")
    terms = page.locator(".portal-term")
    assert terms.count() >= 1
    for index in range(min(terms.count(), 5)):
        term = terms.nth(index)
        link, tip = term.locator(".portal-term__link"), term.locator(".portal-term__tip")
        if not link.is_visible():
            continue  # inside a closed section
        # Mid-screen, so the whole tip under it is on the screen too.
        link.evaluate("el => el.scrollIntoView({block: 'center'})")
        link.hover()
        expect(tip).to_be_visible()
        word, box = link.bounding_box(), tip.bounding_box()
        x = word["x"] + word["width"] / 2
        assert box["x"] <= x <= box["x"] + box["width"], (word, box)
        # From the middle of the word straight down into the tip, a pixel or two at a time.
        page.mouse.move(x, word["y"] + word["height"] / 2)
        page.mouse.move(x, box["y"] + 12, steps=20)
        expect(tip).to_be_visible()
        page.mouse.move(x, box["y"] + box["height"] - 4, steps=10)
        expect(tip).to_be_visible()
        page.mouse.move(1, 1)
    context.close()


def test_a_tap_near_the_bottom_of_a_phone_screen_brings_the_explanation_into_view(
        browser, portal_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.goto(portal_url + "/policies/travel-assistance/")
    link = page.locator(".portal-term__link").first
    tip = page.locator(".portal-term__tip").first
    link.scroll_into_view_if_needed()
    # Put the word on the last lines of the screen.
    page.evaluate("""el => { const r = el.getBoundingClientRect();
                             window.scrollBy(0, r.bottom - window.innerHeight + 8); }""",
                  link.element_handle())
    word = link.bounding_box()
    assert 600 <= word["y"] + word["height"] <= 640, word
    link.tap()
    expect(tip).to_be_visible()
    page.wait_for_function("""el => { const r = el.getBoundingClientRect();
                                      return r.top >= 0 && r.bottom <= window.innerHeight; }""",
                           arg=tip.element_handle(), timeout=3000)
    context.close()
