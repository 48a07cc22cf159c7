"""The checker's answer ends with the transport team's number ("Need help now?"). At 320 px,
in English and in Arabic (right to left), a parent sees it whole, can tap it (a tel: link),
and reads its digits in the order they are dialled, left to right (isolated in a <bdi>),
without the page scrolling sideways."""

import re

import pytest
from playwright.sync_api import expect

CHECKER = "/policies/travel-assistance/checker/"


def _answer_to_the_result(page):
    """A parent of a 7-year-old who lives 1.8 miles from the nearest suitable school."""

    def answer(name, value):
        page.locator(f'input[name="{name}"][value="{value}"]').check()
        page.locator('main form[method="get"] button.govuk-button').click()

    page.locator("button.govuk-button--start").click()
    answer("age", "7")
    answer("area", "yes")
    page.locator("#distance_miles").fill("1.8")
    page.locator('main form[method="get"] button.govuk-button').click()
    answer("needs", "no")
    answer("school", "yes")


@pytest.mark.parametrize(("prefix", "direction", "heading"), [
    ("", "ltr", "Need help now?"), ("/ar", "rtl", None),
])
def test_the_results_phone_number_at_320_px(browser, portal_url, prefix, direction, heading):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(portal_url + prefix + CHECKER)
    _answer_to_the_result(page)
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == direction
    box = page.locator("main .govuk-inset-text").filter(has=page.locator("a.portal-tel"))
    if heading:
        expect(box.get_by_role("heading", name=heading)).to_be_visible()
    link = box.locator("a.portal-tel")
    expect(link).to_be_visible()
    assert re.fullmatch(r"tel:\+44\d+", link.get_attribute("href"))
    bdi = link.locator("bdi")
    assert bdi.get_attribute("dir") == "ltr"
    number = bdi.inner_text()
    digits = re.sub(r"\D", "", number)
    assert link.get_attribute("href") == "tel:+44" + digits.lstrip("0")
    # Each character's place on the screen, as drawn: on one line, left to right.
    places = bdi.evaluate("""(el) => {
        const text = el.firstChild, out = [];
        for (let i = 0; i < text.length; i++) {
            const range = document.createRange();
            range.setStart(text, i); range.setEnd(text, i + 1);
            const r = range.getBoundingClientRect();
            out.push([text.data[i], r.left, r.top, r.right]);
        }
        return out;
    }""")
    drawn = [(c, left, top) for c, left, top, _ in places if c.strip()]
    assert "".join(c for c, _, _ in drawn) == number.replace(" ", "")
    lines = {}
    for _c, left, top in drawn:
        lines.setdefault(round(top), []).append(left)
    for lefts in lines.values():
        assert lefts == sorted(lefts), places
    # Read top to bottom: a number broken over two lines still reads in order.
    assert [round(top) for _, _, top in drawn] == sorted(round(top) for _, _, top in drawn)
    # Whole on the screen, and no sideways scroll.
    rect = link.bounding_box()
    assert rect["x"] >= 0 and rect["x"] + rect["width"] <= 320
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    context.close()
