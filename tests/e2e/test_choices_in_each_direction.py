"""On a 375 px phone every radio and checkbox is drawn where its input is: on the right of
its label in Arabic, on the left in English and Polish. The drawn box or circle never covers
the label's words, a tap on the box chooses, and the dot or tick appears inside the box."""

import pytest
from playwright.sync_api import expect

PHONE = {"width": 375, "height": 720}
RESPOND = "/consultations/walking-distances-under-8/respond/"
SURVEY = "/surveys/2026/respond/"

# For each visible radio or checkbox: where the input is, where its label's ::before box and
# ::after dot or tick are drawn (positioned against the item, GOV.UK's containing block) and
# where the label's words are. Pseudo-elements have no rect of their own; for a positioned
# box getComputedStyle gives the used left and width in px.
GEOMETRY = """() => [...document.querySelectorAll(
        '.govuk-radios__input, .govuk-checkboxes__input')]
    .filter((input) => input.offsetParent !== null)
    .map((input) => {
        const label = document.querySelector(`label[for="${input.id}"]`);
        const item = input.parentElement.getBoundingClientRect();
        const drawn = (which) => {
            const style = getComputedStyle(label, which);
            const left = item.left + parseFloat(style.left);
            const top = item.top + parseFloat(style.top);
            const width = parseFloat(style.width) + (style.boxSizing === 'border-box' ? 0
                : 2 * parseFloat(style.borderLeftWidth));
            const height = parseFloat(style.height) + (style.boxSizing === 'border-box' ? 0
                : 2 * parseFloat(style.borderTopWidth));
            return {left, right: left + width, top, bottom: top + height};
        };
        const range = document.createRange();
        range.selectNodeContents(label);
        const words = [...range.getClientRects()].filter((r) => r.width > 0)
            .map((r) => ({left: r.left, right: r.right}));
        const rect = input.getBoundingClientRect();
        return {id: input.id, kind: input.type,
                input: {left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom},
                box: drawn('::before'), mark: drawn('::after'), words,
                direction: getComputedStyle(input.parentElement).direction};
    })"""


def _centre(rect):
    return (rect["left"] + rect["right"]) / 2, (rect["top"] + rect["bottom"]) / 2


def _inside(point, rect):
    x, y = point
    return rect["left"] <= x <= rect["right"] and rect["top"] <= y <= rect["bottom"]


def _check_drawn_where_the_input_is(page, rtl: bool) -> list[dict]:
    choices = page.evaluate(GEOMETRY)
    assert choices, "the page shows no radios or checkboxes"
    for choice in choices:
        box, words = choice["box"], choice["words"]
        assert choice["direction"] == ("rtl" if rtl else "ltr"), choice["id"]
        # The drawn box is under the (invisible) input a tap lands on.
        assert _inside(_centre(box), choice["input"]), choice
        # The dot or tick is drawn inside the box.
        assert _inside(_centre(choice["mark"]), box), choice
        assert words, choice["id"]
        for line in words:
            if rtl:  # the words run to the left of the box, never under it
                assert line["right"] <= box["left"], (choice["id"], line, box)
            else:
                assert line["left"] >= box["right"], (choice["id"], line, box)
    return choices


def _tap_each_box(page, choices) -> None:
    for choice in choices:
        # Checked radios stay checked; only the others show that a tap chooses.
        was = page.locator(f"#{choice['id']}").is_checked()
        if choice["kind"] == "radio" and was:
            continue
        page.locator(f"#{choice['id']}").scroll_into_view_if_needed()
        box = next(c["box"] for c in page.evaluate(GEOMETRY) if c["id"] == choice["id"])
        page.mouse.click(*_centre(box))
        expect(page.locator(f"#{choice['id']}")).to_be_checked(checked=not was)
        opacity = page.evaluate(
            "id => getComputedStyle(document.querySelector(`label[for='${id}']`),"
            " '::after').opacity", choice["id"])
        assert opacity == ("0" if was else "1"), choice["id"]


def _subscribe(page, portal_url, prefix):
    page.goto(f"{portal_url}{prefix}/policies/travel-assistance/")
    page.locator("a[href*='/notices/subscribe/?page=']").click()
    expect(page.locator("#id_email")).to_be_visible()


@pytest.mark.parametrize(("prefix", "rtl"), [("/ar", True), ("", False), ("/pl", False)])
def test_radios_and_checkboxes_are_drawn_over_their_inputs_at_375px(browser, portal_url,
                                                                     axe_violations,
                                                                     prefix, rtl):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _subscribe(page, portal_url, prefix)
    kinds = {c["kind"] for c in _check_drawn_where_the_input_is(page, rtl)}
    assert kinds == {"radio", "checkbox"}
    _tap_each_box(page, page.evaluate(GEOMETRY))
    # The page is scrolled by the taps: measure again, still over the inputs.
    _check_drawn_where_the_input_is(page, rtl)
    assert axe_violations(page) == []

    for path in (RESPOND, SURVEY):
        page.goto(f"{portal_url}{prefix}{path}")
        choices = _check_drawn_where_the_input_is(page, rtl)
        _tap_each_box(page, choices[:3])
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    context.close()
