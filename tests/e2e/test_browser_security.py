"""Every public page type in Chromium with the Content-Security-Policy enforced: the page
still works, the browser reports no violation (no `securitypolicyviolation` event, no CSP or
Permissions-Policy message in the console, no report sent to /csp-report/), and the
headers are there."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_coproduction import _sign_in

CONSULTATION = "/consultations/walking-distances-under-8/"
PUBLIC_PAGES = [
    "/",
    "/policies/travel-assistance/",
    "/policies/travel-assistance/versions/",
    "/policies/travel-assistance/compare/1/2/",
    "/faq/",
    "/jargon-buster/",
    "/news/",
    "/news/spring-bus-passes/",
    "/co-production-charter/",
    "/co-production-charter/working-agreement/",
    "/consultations/",
    CONSULTATION,
    CONSULTATION + "respond/",
    "/surveys/",
    "/surveys/2026/",
    "/surveys/2026/respond/",
    "/surveys/2025/results/",
    "/ar/surveys/2025/results/",
    "/search/?q=walking",
    "/record/",
    "/sign-in/",
    "/no-such-page/",
]
# Registered before any page script runs (DevTools injects it, so the policy allows it).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                           " at " + e.sourceFile + ":" + e.lineNumber);
});
"""
POLICY_WORDS = ("content security policy", "content-security-policy", "permissions-policy",
                "permissions policy", "refused to")


class Watcher:
    """What the browser said about the policies while a context's pages were open."""

    def __init__(self, context):
        self.console: list[str] = []
        self.reports: list[str] = []
        context.add_init_script(LISTEN)
        context.on("console", self._console)
        context.on("request", self._request)

    def _console(self, message):
        text = message.text
        if any(word in text.lower() for word in POLICY_WORDS):
            self.console.append(f"{message.type}: {text}")

    def _request(self, request):
        if "/csp-report/" in request.url:
            self.reports.append(request.post_data or "")

    def check(self, page, path: str, response) -> None:
        violations = page.evaluate("() => window.__violations")
        assert violations == [], path
        assert self.console == [], path
        assert self.reports == [], path
        if response is None:
            return
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self';" in policy + ";", (path, policy)
        assert "frame-ancestors 'none'" in policy, (path, policy)
        assert "camera=()" in response.headers.get("permissions-policy", ""), path


@pytest.fixture
def watched(browser):
    context = browser.new_context()
    watcher = Watcher(context)
    yield context, watcher
    context.close()


def test_public_pages_work_with_the_policy_enforced(watched, portal_url):
    context, watcher = watched
    page = context.new_page()
    for path in PUBLIC_PAGES:
        response = page.goto(portal_url + path)
        page.wait_for_load_state("load")
        assert response.status == (404 if path == "/no-such-page/" else 200), path
        watcher.check(page, path, response)
    # The site's script still runs: it marks the page for the styles that need it.
    page.goto(portal_url + "/faq/")
    expect(page.locator("html")).to_have_class("govuk-template js-enabled")
    # A form sent with a missing answer: the error summary gets focus (portal.js).
    page.goto(portal_url + CONSULTATION + "respond/")
    page.get_by_role("button", name="Send my response").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    watcher.check(page, "respond, sent with a missing answer", None)


@pytest.mark.parametrize("username,path", [("board", "/board/"), ("forumrep", "/forum/")])
def test_signed_in_areas_work_with_the_policy_enforced(watched, portal_url, username, path):
    context, watcher = watched
    page = _sign_in(context, portal_url, username)
    response = page.goto(portal_url + path)
    assert response.status == 200
    page.wait_for_load_state("load")
    watcher.check(page, path, response)
    if username == "board":
        # A page's record too (the demo has no draft waiting for the forum to open).
        link = page.locator("main a[href^='/board/pages/']").first.get_attribute("href")
        response = page.goto(portal_url + link)
        assert response.status == 200
        watcher.check(page, link, response)
