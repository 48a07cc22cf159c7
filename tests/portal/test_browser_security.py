"""Every public page type is sent with the strict Content-Security-Policy and the
Permissions-Policy, and carries nothing that policy would block (inline script, inline
style, event-handler attributes). The same pages in Chromium: tests/e2e/test_browser_security.py.
"""

import datetime as dt
import re

import pytest
from django.test import Client

from charter.models import CharterPage, WorkingAgreementPage
from portal.models import UpdateIndexPage, UpdatePage
from tests.factories import publish, section
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db

# An executable inline script: a <script> with no src that is not a JSON data block.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def assert_strict_headers(response, where: str) -> None:
    """The strict public policy, with its report address, and the Permissions-Policy."""
    policy = response.get("Content-Security-Policy", "")
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())
    assert directives.get("script-src") == "'self'", (where, policy)
    assert directives.get("style-src") == "'self'", (where, policy)
    assert directives.get("default-src") == "'self'", (where, policy)
    assert directives.get("frame-ancestors") == "'none'", (where, policy)
    assert directives.get("object-src") == "'none'", (where, policy)
    assert directives.get("report-uri") == "/csp-report/", (where, policy)
    permissions = response.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions, (where, permissions)


def assert_nothing_inline(html: str, where: str) -> None:
    assert not INLINE_SCRIPT.search(html), (where, INLINE_SCRIPT.search(html).group(0))
    found = INLINE_STYLE.search(html)
    assert not found, (where, html[max(0, found.start() - 80):found.end() + 80])
    found = EVENT_HANDLER.search(html)
    assert not found, (where, found and found.group(0))


@pytest.fixture
def site_pages(tree, consultation, survey):
    """One published page of every public type, and their subpages' addresses."""
    news = publish(tree.home.add_child(instance=UpdateIndexPage(title="News", slug="news")))
    update = publish(news.add_child(instance=UpdatePage(
        title="New bus passes", slug="bus-passes", date=dt.date(2026, 9, 1),
        summary="New passes for the spring term.",
        body=[section("What changes", "<p>Passes arrive by post.</p>")],
        change_note="First version.")))
    charter = publish(tree.home.add_child(instance=CharterPage(
        title="Co-production charter", slug="charter", vision="We work together.",
        review_date=dt.date(2030, 1, 1), change_note="First version.")))
    agreement = publish(charter.add_child(instance=WorkingAgreementPage(
        title="Working agreement", slug="working-agreement",
        clauses=[("clause", {"heading": "Answers", "text": "We answer every comment."})],
        review_date=dt.date(2030, 1, 1), change_note="First version.")))
    results = make_survey(survey.get_parent().specific, year=2025, opens_in_days=-400,
                          closes_in_days=-370, results_published=True)
    return [
        "/", tree.policies.url, tree.policy.url, tree.policy.url + "versions/", tree.faq.url,
        tree.glossary.url, news.url, update.url, charter.url, agreement.url,
        consultation.get_parent().url, consultation.url, consultation.url + "respond/",
        survey.get_parent().url, survey.url, survey.url + "respond/", results.url + "results/",
        "/search/?q=walking", "/search/?q=walking&page=2", "/record/", "/sign-in/",
        "/ar" + tree.policy.url,
    ]


def test_every_public_page_type_has_the_strict_policy_and_nothing_it_blocks(client, site_pages):
    for url in site_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_headers(response, url)
        assert_nothing_inline(response.content.decode(), url)


def test_a_page_from_the_page_cache_keeps_the_headers(client, tree):
    assert client.get(tree.policy.url)["X-Page-Cache"] == "miss"
    cached = client.get(tree.policy.url)
    assert cached["X-Page-Cache"] == "hit"
    assert_strict_headers(cached, "cached policy page")


def test_the_error_pages_have_the_strict_policy(tree, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client(raise_request_exception=False)
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    assert_strict_headers(not_found, "404")
    assert_nothing_inline(not_found.content.decode(), "404")
    bad = client.get("/search/?q=bus", HTTP_HOST="not-allowed.example")
    assert bad.status_code == 400
    assert_strict_headers(bad, "400")


def test_the_500_page_has_the_strict_policy(client, tree, monkeypatch):
    from portal import views

    def broken():
        raise RuntimeError("the database went away")

    monkeypatch.setattr(views, "active_locale", broken)
    client.raise_request_exception = False
    response = client.get("/search/?q=bus")
    assert response.status_code == 500
    assert_strict_headers(response, "500")
    assert_nothing_inline(response.content.decode(), "500")


@pytest.mark.parametrize("role,url", [("board_member", "/board/"), ("forum_rep", "/forum/")])
def test_signed_in_areas_have_the_strict_policy(client, login_as, tree, role, url):
    login_as(role)
    response = client.get(url)
    assert response.status_code == 200
    assert_strict_headers(response, url)
    assert_nothing_inline(response.content.decode(), url)


def test_the_board_pack_has_no_inline_style(client, login_as, tree):
    login_as("board_member")
    response = client.get(f"/board/pages/{tree.policy.pk}/pack/")
    assert response.status_code == 200
    assert_strict_headers(response, "board pack")
    html = response.content.decode()
    assert_nothing_inline(html, "board pack")
    assert "portal/css/board-pack.css" in html  # its print rules, from a file


def test_the_admin_may_frame_its_own_preview_and_nothing_else(client, login_as, tree):
    login_as("officer")
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "default-src 'self'" in policy
    assert "report-uri /csp-report/" in policy
    assert "http" not in policy  # no other host, for scripts or anything else


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_public_pages_an_editor_reads_carry_nothing_inline(client, login_as, tree, role):
    # Editors see Wagtail's userbar on public pages, and it carries the admin's global CSS:
    # that CSS must come from a file, or the strict policy blocks it in their browser.
    login_as(role)
    response = client.get(tree.policy.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "charter/admin.css" in html  # the userbar is there, with the admin's CSS
    assert_strict_headers(response, "policy page, signed in")
    assert_nothing_inline(html, "policy page, signed in")
