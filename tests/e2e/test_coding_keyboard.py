"""The coding screen in a real browser, at a desktop width: an officer codes ten written
answers with the keyboard and a bulk action, and the screens pass axe."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import manage_shell, sign_in_to_admin

COUNT_CODED = (
    "from analysis.models import Coding; "
    "print(Coding.objects.filter(removed_at__isnull=True).values('response').distinct().count())")


def _officer(browser, portal_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    sign_in_to_admin(page, portal_url)
    return context, page


def test_an_officer_codes_ten_answers_with_the_keyboard_and_a_bulk_action(
        browser, portal_url, axe_violations):
    context, page = _officer(browser, portal_url)
    before = int(manage_shell(COUNT_CODED))
    page.goto(portal_url + "/admin/analysis/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("Code the answers")).first.click()
    # The demo's 200 coded of 309; a browser test run before on the same server may have added
    # a response (the consultation is open), so the figures are read, then must grow by ten.
    summary = page.get_by_text(re.compile(r"^\d+ of \d+ answers coded$"))
    expect(summary).to_be_visible()
    coded, total = (int(n) for n in re.findall(r"\d+", summary.inner_text()))
    assert total >= 309
    page.get_by_label("Theme", exact=True).select_option(label="Not coded yet")
    page.get_by_role("button", name="Show answers").click()
    assert axe_violations(page) == []

    answers = page.locator("[data-answer]")
    status = page.locator("[data-status]")
    # Seven answers coded from the keyboard: j to the next answer, a number for a theme.
    for n, key in enumerate("1234567"):
        page.keyboard.press("j")
        current = answers.nth(n)
        expect(current).to_be_focused()
        page.keyboard.press(key)
        expect(answers.nth(n).locator(f"[data-key='{key}']")).to_be_checked()
        expect(status).to_contain_text("added")
    # The same key again takes the theme off; once more puts it back.
    page.keyboard.press("7")
    expect(status).to_contain_text("taken off")
    page.keyboard.press("7")
    expect(status).to_contain_text("added")
    # Three more selected with x, then coded in one go.
    for n in range(7, 10):
        page.keyboard.press("j")
        expect(answers.nth(n)).to_be_focused()
        page.keyboard.press("x")
    expect(page.locator("[data-selected-count]")).to_have_text("3 selected")
    page.get_by_label("Theme to add or take off").select_option(label="8. Cost and fairness")
    page.get_by_role("button", name="Add the theme").click()
    expect(page.get_by_text("3 answers coded to ‘Cost and fairness’")).to_be_visible()
    expect(page.get_by_text(f"{coded + 10} of {total} answers coded")).to_be_visible()
    assert int(manage_shell(COUNT_CODED)) == before + 10
    assert axe_violations(page) == []

    page.goto(page.url.split("/code/")[0] + "/themes/")
    assert axe_violations(page) == []
    context.close()
