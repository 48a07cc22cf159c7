"""The annual survey in a real browser: a parent answers it with the keyboard alone, the
results show each year's trend as a chart with its table, and axe finds nothing."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import tab_to

SURVEY = "/surveys/2026/"
RESULTS = "/surveys/2025/results/"


def _tab_to(page, check: str) -> None:
    tab_to(page, check, limit=80)


def _tab_to_button(page, text: str) -> None:
    _tab_to(page, f"el.textContent.trim() === {text!r}")


def test_a_parent_answers_the_survey_with_the_keyboard_alone(browser, portal_url,
                                                           axe_violations):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(portal_url + SURVEY)
    assert axe_violations(page) == []
    _tab_to_button(page, "Start the survey")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    assert axe_violations(page) == []

    # Who is answering: Tab reaches the first choice; Space picks it.
    _tab_to(page, "el.type === 'radio' && el.name === 'audience'")
    page.keyboard.press("Space")
    expect(page.get_by_label("Parents and carers")).to_be_checked()
    _tab_to_button(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Page 1 of 3")).to_be_visible()

    # Skipping the required question is caught, and the error is reachable by keyboard.
    _tab_to_button(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert axe_violations(page) == []
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]

    # The arrow keys move through a scale and choose as they go.
    _tab_to(page, "el.type === 'radio'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Satisfied", exact=True).first).to_be_checked()
    _tab_to_button(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Page 2 of 3")).to_be_visible()
    _tab_to_button(page, "Continue")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Page 3 of 3")).to_be_visible()
    _tab_to(page, "el.tagName === 'TEXTAREA'")
    page.keyboard.type("Tell us sooner when the driver changes.")
    _tab_to_button(page, "Continue to check your answers")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Check your answers before you send them")
           ).to_be_visible()
    expect(page.get_by_text("Tell us sooner when the driver changes.")).to_be_visible()
    assert axe_violations(page) == []
    _tab_to_button(page, "Send my answers")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Answers sent")).to_be_visible()
    assert axe_violations(page) == []
    context.close()


def test_the_results_show_each_years_trend_as_a_chart_and_a_table(page, portal_url,
                                                                  axe_violations):
    page.goto(portal_url + RESULTS)
    trends = page.locator("#trends")
    expect(trends.get_by_role("heading", name="Over the years")).to_be_visible()
    first = trends.locator("section").first
    chart = first.locator("svg[role=img]")
    expect(chart).to_have_count(1)
    assert chart.get_attribute("aria-labelledby")
    table = first.get_by_role("table")
    for year in ("2023", "2024", "2025"):
        expect(table.get_by_role("rowheader", name=year, exact=False)).to_have_count(1)
    expect(table).to_contain_text("%")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/surveys/", SURVEY, SURVEY + "respond/", RESULTS,
                                  "/ar" + RESULTS])
def test_no_accessibility_violations_or_sideways_scrolling_on_survey_pages(
        browser, portal_url, axe_violations, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(portal_url + path)
    assert axe_violations(page) == [], path
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert widths[0] <= widths[1], f"{path} is {widths[0]}px wide in a {widths[1]}px window"
