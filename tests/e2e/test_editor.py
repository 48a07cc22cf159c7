"""An officer writing a policy in the Wagtail editor sees its plain-language score change."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_to_admin

LONG_SENTENCE = (
    "The local authority shall in accordance with the statutory guidance make such travel "
    "arrangements as it considers necessary in order to secure that suitable arrangements are "
    "made for every eligible child who lives in the area."
)


def test_the_score_updates_while_the_officer_types(page, portal_url):
    sign_in_to_admin(page, portal_url)

    page.goto(portal_url + "/policies/travel-assistance/")
    # The Wagtail user bar takes the officer from the public page to its editor.
    page.get_by_role("button", name="View Wagtail quick actions").click()
    page.get_by_role("menuitem", name="Edit this page").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    panel = page.locator("[data-portal-readability]")
    expect(panel).to_contain_text("Reading age")
    expect(panel).to_contain_text("target 9 or lower")
    expect(panel).not_to_contain_text("Long sentence:")

    # Type into the first section's rich text editor, without saving.
    editor = page.locator(".DraftEditor-root [contenteditable=true]").first
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" " + LONG_SENTENCE)
    expect(panel).to_contain_text("Long sentence:")
    expect(panel).to_contain_text("in accordance with")
