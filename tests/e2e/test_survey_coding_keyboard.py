"""The survey comments' coding screen in a real browser, at a desktop width: an officer codes
ten of the demo survey's comments with the keyboard and a bulk action (every comment already
has its themes, so each gets one more), and the screens pass axe."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import manage_shell, sign_in_to_admin

COUNT_CODES = (
    "from analysis.models import Coding; "
    "print(Coding.objects.filter(removed_at__isnull=True, comment__survey__year=2025).count())")


def _officer(browser, portal_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    sign_in_to_admin(page, portal_url)
    return context, page


def test_an_officer_codes_ten_survey_comments_with_the_keyboard_and_a_bulk_action(
        browser, portal_url, axe_violations):
    context, page = _officer(browser, portal_url)
    before = int(manage_shell(COUNT_CODES))
    page.goto(portal_url + "/admin/analysis/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("Code the comments .*survey 2025")).click()
    expect(page.get_by_text("12 of 12 comments coded")).to_be_visible()
    page.locator("summary", has_text="Keyboard shortcuts").click()
    expect(page.get_by_text("next / previous comment")).to_be_visible()
    assert axe_violations(page) == []

    answers = page.locator("[data-answer]")
    status = page.locator("[data-status]")
    # Seven comments from the keyboard: j to the next one, the number of a theme it lacks.
    for n in range(7):
        page.keyboard.press("j")
        current = answers.nth(n)
        expect(current).to_be_focused()
        key = current.locator("[data-key]:not(:checked)").first.get_attribute("data-key")
        page.keyboard.press(key)
        expect(answers.nth(n).locator(f"[data-key='{key}']")).to_be_checked()
        expect(status).to_contain_text("added")
        expect(answers.nth(n)).to_be_focused()
    # The same key again takes the theme off; once more puts it back.
    page.keyboard.press(key)
    expect(status).to_contain_text("taken off")
    expect(answers.nth(6).locator(f"[data-key='{key}']")).not_to_be_checked()
    page.keyboard.press(key)
    expect(status).to_contain_text("added")

    # Three more selected with x, then given a theme none of them has, in one go.
    for n in range(7, 10):
        page.keyboard.press("j")
        expect(answers.nth(n)).to_be_focused()
        page.keyboard.press("x")
    expect(page.locator("[data-selected-count]")).to_have_text("3 selected")
    chosen = page.locator("[data-select]:checked").evaluate_all(
        "boxes => boxes.map(b => b.closest('[data-answer]'))"
        ".map(a => [...a.querySelectorAll('[data-key]')].filter(k => k.checked)"
        ".map(k => k.value))")
    theme = next(option for option in page.locator("#bulk-theme option").evaluate_all(
        "options => options.map(o => [o.value, o.textContent])")
        if not any(option[0] in ticked for ticked in chosen))
    page.get_by_label("Theme to add or take off").select_option(value=theme[0])
    page.get_by_role("button", name="Add the theme").click()
    name = theme[1].split(". ", 1)[1]
    expect(page.get_by_text(f"3 comments coded to ‘{name}’")).to_be_visible()
    assert int(manage_shell(COUNT_CODES)) == before + 10
    assert axe_violations(page) == []

    page.get_by_label("Theme", exact=True).select_option(label=name)
    page.get_by_role("button", name="Show comments").click()
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ comments? match"))).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Themes and suggested themes").click()
    expect(page.get_by_role("heading", name="The frame's themes")).to_be_visible()
    assert axe_violations(page) == []
    context.close()
