"""Text at 200 % on a 320 px phone (WCAG 1.4.4 with 1.4.10): the transport number in the
banner, the footer and the FAQ wraps between its digit groups, still one tel: link, and no
page scrolls sideways (finding F5 of issue 13)."""

import pytest

from tests.e2e.test_every_screen import WIDTHS

PHONE = {"width": 320, "height": 640}
# Every number link: its box inside the screen.
OFF_SCREEN = """() => [...document.querySelectorAll('a[href^="tel:"]')]
  .map(a => [a.textContent.trim(), a.getBoundingClientRect()])
  .filter(([, box]) => box.width && (box.left < -1 || box.right > window.innerWidth + 1))
  .map(([text, box]) => text + ' [' + Math.round(box.left) + ', ' + Math.round(box.right) + ']')"""


@pytest.mark.parametrize("path", ["/", "/ar/", "/pl/", "/faq/", "/ar/faq/",
                                  "/search/?q=taxi%20late"])
def test_numbers_at_200_percent_text_on_a_phone_never_scroll_the_page_sideways(
        browser, portal_url, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(portal_url + path)
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    width, inner = page.evaluate(WIDTHS)
    assert width <= inner, f"{path}: {width} px wide at {inner} px"
    assert page.evaluate(OFF_SCREEN) == []
    # The banner's number is still one link that dials the whole number.
    banner = page.locator(".portal-urgent__phone")
    assert banner.count() == 1
    assert banner.get_attribute("href") == "tel:+441234567890"
    assert " ".join(banner.inner_text().split()) == "01234 567 890"
    context.close()
