"""Pages served without the page cache (issue 14, part 4): routing, the site, its settings,
privacy and each page's reading view are kept until the next purge, and never past it, on
this app server or any other."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from core import memo
from core.cache import GENERATION_KEY
from portal.models import PortalSettings, ServiceDetails
from tests.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.PORTAL_PAGE_CACHE = False


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _publish_elsewhere():
    """What another app server's purge does to this one: only the shared generation moves
    (this process's own kept answers are not told)."""
    cache.incr(GENERATION_KEY)


def test_a_policy_read_again_reads_only_its_own_record(client, tree):
    first, html = _queries(client, tree.policy.url)
    again, html_again = _queries(client, tree.policy.url)
    # The page itself, its versions and its open disagreements; nothing about routing, the
    # site, its settings, privacy or the translations on the second read.
    assert again <= 4 < first
    assert html_again == html


def test_a_page_moved_on_another_app_server_is_found_at_its_new_address_here(client, tree):
    assert client.get("/policies/travel-assistance/").status_code == 200
    # Another server renames the policy's address and purges: this server's kept route for
    # the old address must not outlive the shared generation.
    Page.objects.filter(pk=tree.policy.pk).update(
        slug="help-with-travel", url_path=tree.policy.url_path.replace(
            "travel-assistance", "help-with-travel"))
    _publish_elsewhere()
    assert client.get("/policies/travel-assistance/").status_code == 404
    assert client.get("/policies/help-with-travel/").status_code == 200


def test_a_page_unpublished_on_another_app_server_is_gone_here_at_once(client, tree):
    assert client.get(tree.policy.url).status_code == 200
    Page.objects.filter(pk=tree.policy.pk).update(live=False)
    _publish_elsewhere()
    assert client.get(tree.policy.url).status_code == 404


def test_making_a_page_private_asks_readers_to_sign_in_on_the_next_request(
        client, tree, django_capture_on_commit_callbacks):
    assert client.get("/jargon-buster/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=tree.glossary,
                                           restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/jargon-buster/")
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"] or "login" in response["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.all().delete()
    assert client.get("/jargon-buster/").status_code == 200


def test_a_new_phone_number_shows_on_the_next_page(client, tree):
    site = Site.objects.get(is_default_site=True)
    details = ServiceDetails.objects.create(phone="01632 960001")
    portal_settings = PortalSettings.for_site(site)
    portal_settings.service_details = details
    portal_settings.save()
    assert "01632 960001" in client.get(tree.policy.url).content.decode()
    details.phone = "01632 960999"
    details.save()
    html = client.get(tree.policy.url).content.decode()
    assert "01632 960999" in html
    assert "01632 960001" not in html


def test_a_published_change_is_read_at_once(client, tree):
    client.get(tree.policy.url)
    page = tree.policy.get_latest_revision_as_object()
    page.in_short = "Changed summary for families."
    page.change_note = "New summary."
    publish(page)
    assert "Changed summary for families." in client.get(tree.policy.url).content.decode()


def test_nothing_is_kept_outside_a_request():
    calls = []
    assert memo.remember("key", lambda: calls.append(1) or 1) == 1
    assert memo.remember("key", lambda: calls.append(1) or 1) == 1
    assert calls == [1, 1]


def test_a_request_keeps_answers_for_its_generation_only():
    calls = []
    token = memo.begin(1)
    try:
        assert memo.remember("key", lambda: calls.append("a") or "a") == "a"
        assert memo.remember("key", lambda: calls.append("b") or "b") == "a"
    finally:
        memo.end(token)
    token = memo.begin(2)
    try:
        assert memo.remember("key", lambda: calls.append("c") or "c") == "c"
        memo.forget_all()  # a purge in this request: read afresh for the rest of it
        assert memo.remember("key", lambda: calls.append("d") or "d") == "d"
        assert memo.remember("key", lambda: calls.append("e") or "e") == "e"
    finally:
        memo.end(token)
    assert calls == ["a", "c", "d", "e"]
