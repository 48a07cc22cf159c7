"""The anonymous page cache: served to anonymous readers, purged on every publish."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from core import cache as page_cache
from tests.factories import GlossaryTermFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_served_from_the_cache(client, tree, django_assert_num_queries):
    assert client.get(tree.policy.url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(tree.policy.url)
    assert response["X-Page-Cache"] == "hit"
    assert tree.policy.title in response.content.decode()


def test_publishing_a_page_purges_the_cache(client, tree):
    client.get(tree.policy.url)
    tree.policy.in_short = "Changed summary for families."
    tree.policy.change_note = "New summary."
    publish(tree.policy)
    response = client.get(tree.policy.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Changed summary for families." in response.content.decode()


def test_unpublishing_purges_the_cache(client, tree):
    client.get(tree.policy.url)
    tree.policy.unpublish()
    assert client.get(tree.policy.url).status_code == 404


def test_moving_a_page_purges_the_cache(client, tree):
    assert client.get("/policies/travel-assistance/").status_code == 200
    tree.policy.move(tree.home, pos="last-child")
    # The old address no longer serves the cached page (it redirects or is gone).
    assert client.get("/policies/travel-assistance/").status_code in (301, 302, 404)
    assert client.get("/travel-assistance/").status_code == 200


def test_publishing_a_glossary_term_purges_pages_that_show_it(client, tree):
    client.get(tree.policy.url)
    term = GlossaryTermFactory(term="walk", slug="walk", live=False)
    term.save_revision().publish()
    html = client.get(tree.policy.url).content.decode()
    assert 'href="/jargon-buster/#walk"' in html


def test_logged_in_users_never_get_or_fill_the_cache(client, tree):
    client.get(tree.policy.url)  # cached for anonymous readers
    client.force_login(UserFactory(username="officer", groups=["Officers"]))
    response = client.get(tree.policy.url)
    assert "X-Page-Cache" not in response
    # The officer sees the admin user bar; it must never be cached for the public.
    client.logout()
    anonymous = client.get(tree.policy.url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_previews_are_never_cached(client, tree):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(f"/admin/pages/{tree.policy.pk}/view_draft/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_errors_and_posts_are_not_cached(client, tree):
    assert "X-Page-Cache" not in client.get("/missing/")
    assert "X-Page-Cache" not in client.post(tree.policy.url)


@override_settings(PORTAL_PAGE_CACHE=False)
def test_cache_can_be_turned_off(client, tree):
    client.get(tree.policy.url)
    assert "X-Page-Cache" not in client.get(tree.policy.url)


def test_unknown_query_parameters_neither_read_nor_fill_the_cache(client, tree, monkeypatch):
    from core import cache as page_cache

    client.get(tree.policy.url)  # cached
    page_reads, page_writes = [], []
    real_get, real_set = page_cache.cache.get, page_cache.cache.set

    def counting_get(key, *args, **kwargs):
        if key.startswith("portal:page:"):
            page_reads.append(key)
        return real_get(key, *args, **kwargs)

    def counting_set(key, *args, **kwargs):
        if key.startswith("portal:page:"):
            page_writes.append(key)
        return real_set(key, *args, **kwargs)

    # Counted through whatever backend the run uses (local memory, or Redis in CI).
    monkeypatch.setattr(page_cache.cache, "get", counting_get)
    monkeypatch.setattr(page_cache.cache, "set", counting_set)
    for n in range(5):
        response = client.get(tree.policy.url, {"utm_source": f"random-{n}"})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response  # served fresh, not stored
    assert client.get(tree.policy.url + "?x=1&x=2").status_code == 200
    # The search's own parameters count only on the search page: elsewhere they are noise.
    for n in range(3):
        response = client.get(tree.policy.url, {"q": f"random-{n}"})
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get(tree.faq.url, {"page": "2"})
    assert page_reads == [] and page_writes == []
    assert client.get(tree.policy.url)["X-Page-Cache"] == "hit"
    assert len(page_reads) == 1 and page_writes == []


def test_search_is_cached_once_per_words_and_page_whatever_the_order(client, tree):
    assert client.get("/search/?q=walking&page=1")["X-Page-Cache"] == "miss"
    assert client.get("/search/?page=1&q=walking")["X-Page-Cache"] == "hit"
    assert client.get("/search/?q=walking")["X-Page-Cache"] == "miss"  # another address
    for prefix in ("/pl", "/ar"):  # the search in every language
        assert client.get(f"{prefix}/search/?q=walking")["X-Page-Cache"] == "miss"
        assert client.get(f"{prefix}/search/?q=walking")["X-Page-Cache"] == "hit"
    # A page number that is not a number is not cached (the search shows page 1 for it).
    assert "X-Page-Cache" not in client.get("/search/?q=walking&page=abc")
    assert "X-Page-Cache" not in client.get("/search/?q=walking&page=99999")


@pytest.mark.parametrize("query,key", [
    ("", ""),
    ("q=bus", "q=bus"),
    ("page=2&q=+bus+", "page=2&q=bus"),
    ("q=a%26page%3D1", "q=a%26page%3D1"),  # an & typed into the search stays one value
    ("utm_source=x", None),
    ("q=bus&q=train", None),
    ("q=bus&page=two", None),
    ("q=bus&page=12345", None),
])
def test_only_the_searchs_own_parameters_make_a_cache_key(query, key):
    from django.http import QueryDict

    from core.cache import cacheable_query

    assert cacheable_query(QueryDict(query)) == key


def test_a_cached_page_goes_stale_by_the_portals_clock_not_the_cache_servers(
        client, tree, settings):
    """Redis times entries out by its own clock; the portal's clock decides what is open
    now. A page cached before a survey opened is not served once the portal's clock is past
    its freshness, whichever cache holds it."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get(tree.policy.url)["X-Page-Cache"] == "miss"
    later = start + dt.timedelta(seconds=settings.PORTAL_PAGE_CACHE_SECONDS - 1)
    with time_machine.travel(later, tick=False):
        assert client.get(tree.policy.url)["X-Page-Cache"] == "hit"
    stale = start + dt.timedelta(seconds=settings.PORTAL_PAGE_CACHE_SECONDS + 1)
    with time_machine.travel(stale, tick=False):
        assert client.get(tree.policy.url)["X-Page-Cache"] == "miss"


def test_a_page_rendered_while_a_purge_lands_is_neither_kept_nor_marked_for_varnish(
    client, tree, monkeypatch
):
    """A render that began before a publish and finished after it may show the old version:
    the front-end cache keeps only responses marked X-Page-Cache, and Varnish tests a ban only
    against what it held when the ban came, so such a page must go out unmarked."""
    real = page_cache.AnonymousPageCacheMiddleware.__call__
    purged = []

    def render_then_purge(self, request):
        inner = self.get_response

        def get_response(request):
            response = inner(request)
            if not purged:
                purged.append(True)
                page_cache.purge_page_cache()  # a publish lands while the page is rendered
            return response

        self.get_response = get_response
        try:
            return real(self, request)
        finally:
            self.get_response = inner

    monkeypatch.setattr(page_cache.AnonymousPageCacheMiddleware, "__call__", render_then_purge)
    first = client.get(tree.policy.url)
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
    # Nothing was kept: the next request renders again and is marked as usual.
    assert client.get(tree.policy.url)["X-Page-Cache"] == "miss"


def test_a_kept_page_fetched_as_a_purge_lands_goes_out_unmarked(client, tree, monkeypatch):
    assert client.get(tree.policy.url)["X-Page-Cache"] == "miss"
    real = page_cache.fresh_entry

    def purge_then_read(entry):
        page_cache.purge_page_cache()  # a publish lands between the two reads
        return real(entry)

    monkeypatch.setattr(page_cache, "fresh_entry", purge_then_read)
    response = client.get(tree.policy.url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_a_publish_inside_a_transaction_purges_again_once_it_commits(
    tree, django_capture_on_commit_callbacks
):
    """Pages rendered between the publish and its commit read the old version: the purge
    that follows the commit drops them too."""
    with django_capture_on_commit_callbacks() as callbacks:
        tree.home.save_revision().publish()
    assert page_cache.purge_page_cache in callbacks
