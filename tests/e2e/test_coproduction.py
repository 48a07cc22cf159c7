"""Co-production in a real browser: the forum comments from a phone and sees what the draft
changes, an officer answers and changes the draft, the forum's decision on the draft it
opened comes back with the changes and is recorded with one more press, and the public sees
what changed and why."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_on, sign_in_to_admin

DRAFT_TITLE = "Asking us to look again: appeals and complaints"
COMMENT = "Please put the phone number in the first section, not only at the end."
NEW_WORDS = "Call us on 01234 567 890 to ask."
NOTE = "Agreed at the forum's meeting on Tuesday."


def _sign_in(context, portal_url, username):
    page = context.new_page()
    sign_in_on(page, portal_url, username)
    return page


def test_the_forum_in_arabic_on_a_phone(browser, portal_url, axe_violations):
    """/ar/forum/: the interface in Arabic, right to left; the English draft marked as
    English; no axe violations with a comment form open; the language switcher keeps the
    representative on the same draft."""
    phone = browser.new_context(viewport={"width": 320, "height": 640})
    rep = _sign_in(phone, portal_url, "forumrep")
    rep.goto(portal_url + "/ar/forum/")
    expect(rep.locator("html")).to_have_attribute("lang", "ar")
    expect(rep.locator("html")).to_have_attribute("dir", "rtl")
    expect(rep.get_by_role("heading", level=1)).to_have_text("مسودات بانتظار المنتدى")
    assert axe_violations(rep) == []
    rep.get_by_role("link", name=DRAFT_TITLE).first.click()
    expect(rep).to_have_url(re.compile(r"/ar/forum/drafts/\d+/$"))
    heading = rep.get_by_role("heading", level=1)
    expect(heading).to_have_text(DRAFT_TITLE)
    expect(heading).to_have_attribute("lang", "en")
    expect(heading).to_have_attribute("dir", "ltr")
    first = rep.locator("section.portal-forum-section[id^=section-]").first
    first.locator("summary").click()
    expect(first.get_by_role("button", name="أرسل التعليق")).to_be_visible()
    assert axe_violations(rep) == []
    widths = rep.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    address = rep.url
    rep.locator(".portal-languages").get_by_role("link", name="English").click()
    expect(rep).to_have_url(address.replace("/ar/forum/", "/forum/"))
    expect(rep.locator("html")).to_have_attribute("lang", "en-gb")
    phone.close()


def test_forum_comment_to_published_change(browser, portal_url, axe_violations):
    # A forum representative on a phone comments on the first section of the draft.
    phone = browser.new_context(viewport={"width": 320, "height": 640})
    rep = _sign_in(phone, portal_url, "forumrep")
    expect(rep).to_have_url(portal_url + "/forum/")
    assert axe_violations(rep) == []
    rep.get_by_role("link", name=DRAFT_TITLE).click()
    expect(rep.get_by_role("heading", level=1)).to_have_text(DRAFT_TITLE)
    first = rep.locator("section.portal-forum-section[id^=section-]").first
    first.locator("summary").click()
    assert axe_violations(rep) == []
    widths = rep.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    first.get_by_label("Your comment").fill(COMMENT)
    first.get_by_role("button", name="Send comment").dblclick()  # a double click sends once
    expect(rep.get_by_text("Your comment is sent.")).to_be_visible()
    expect(rep.get_by_text(COMMENT)).to_have_count(1)
    # Before deciding, the representative sees what the draft changes against the version
    # the public reads now, word by word, with the council's note beside the list.
    changes = rep.locator("#changes")
    expect(changes.get_by_role("heading", name="What this draft changes")).to_be_visible()
    changes.get_by_text("Show the changes word by word").click()
    expect(changes.locator("ins", has_text="look at it again")).to_be_visible()
    expect(changes.get_by_text("Plainer words about how to ask for a review.")).to_be_visible()
    assert axe_violations(rep) == []

    # An officer answers it in the admin, makes the change, and marks what it resolves.
    desk = browser.new_context()
    officer = desk.new_page()
    sign_in_to_admin(officer, portal_url)
    officer.goto(portal_url + "/admin/forum-reviews/")
    officer.get_by_role("link", name=DRAFT_TITLE).first.click()
    answer = officer.locator("section.w-panel", has_text=COMMENT)
    answer.get_by_label("Accepted", exact=True).check()
    answer.get_by_role("button", name="Save answer").click()
    expect(officer.get_by_text("Answer saved.")).to_be_visible()
    officer.get_by_role("link", name=f"Edit {DRAFT_TITLE}").click()
    editor = officer.locator(".DraftEditor-root [contenteditable=true]").first
    editor.click()
    officer.keyboard.press("Control+End")
    officer.keyboard.type(" " + NEW_WORDS)
    # Draftail writes the text into the form's hidden field as the officer types.
    expect(officer.locator("input[name$='-value-body']").first).to_have_value(
        re.compile("01234 567 890"))
    officer.get_by_label(re.compile("Please put the phone number")).check()
    officer.get_by_role("button", name="Save draft").click()
    expect(officer.get_by_text("1 forum comment(s) marked as resolved")).to_be_visible()
    desk.close()

    # The representative's phone still shows the draft they opened, and they decide on it.
    # The decision is not recorded on words they have not seen: the page comes back with
    # what changed since, and what they typed.
    rep.get_by_label("Agreed", exact=True).check()
    rep.get_by_label("Note to the council").fill(NOTE)
    rep.get_by_role("button", name="Record the forum's decision").click()
    banner = rep.locator("#changed-since")
    expect(banner.get_by_role("heading", name="The draft has changed since you opened it")
           ).to_be_visible()
    expect(banner.locator("ins", has_text="01234 567 890")).to_be_visible()
    expect(rep.get_by_label("Note to the council")).to_have_value(NOTE)
    expect(rep.get_by_label("Agreed", exact=True)).to_be_checked()
    assert axe_violations(rep) == []
    # One more press records it on the words now shown; the workflow publishes the draft.
    rep.get_by_role("button", name="Record the forum's decision").click()
    expect(rep.get_by_text("Recorded: agreed.")).to_be_visible()
    phone.close()

    # Anyone can see what changed, and the comment that drove it.
    public = browser.new_context().new_page()
    public.goto(portal_url + "/policies/appeals-and-complaints/")
    expect(public.get_by_text(NEW_WORDS)).to_be_visible()
    public.get_by_role("link", name=re.compile("What changed from version 1 to version 2")).click()
    expect(public.locator("ins", has_text="01234 567 890")).to_be_visible()
    expect(public.get_by_text(COMMENT)).to_be_visible()
    expect(public.get_by_text("The council: Accepted")).to_be_visible()
    assert "forumrep" not in public.content()
    assert axe_violations(public) == []


@pytest.mark.parametrize("path", [
    "/policies/travel-assistance/",
    "/policies/travel-assistance/versions/",
    "/policies/travel-assistance/compare/1/2/",
    "/co-production-charter/",
    "/co-production-charter/working-agreement/",
    "/news/",
    "/news/spring-bus-passes/",
    "/sign-in/",
])
def test_no_accessibility_violations_on_the_record(page, portal_url, axe_violations, path):
    page.goto(portal_url + path)
    if path == "/policies/travel-assistance/":
        expect(page.get_by_role("heading", name="Where the forum and the council disagree")
               ).to_be_visible()
    assert axe_violations(page) == [], path


@pytest.mark.parametrize("path", ["/board/", "/forum/"])
def test_no_accessibility_violations_for_board_and_forum(browser, portal_url, axe_violations,
                                                         path):
    context = browser.new_context()
    page = _sign_in(context, portal_url, "board" if path == "/board/" else "forumrep")
    page.goto(portal_url + path)
    assert axe_violations(page) == [], path
    context.close()
