"""The front-end cache (Varnish in ``make cluster``) is told to drop its pages on every
change the app's own page cache is dropped for: here a small HTTP server on this machine
stands in for Varnish and records each PURGE it is sent."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from consultations import services
from consultations.models import ConsultationPage
from tests.consultations.conftest import make_consultation
from tests.factories import publish


class _Purges(BaseHTTPRequestHandler):
    seen: list = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.seen.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_end(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Purges)
    _Purges.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {"varnish": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": f"http://127.0.0.1:{server.server_address[1]}"}}
    yield _Purges.seen
    server.shutdown()


def test_publishing_a_policy_purges_the_front_end_cache(tree, front_end,
                                                        django_capture_on_commit_callbacks):
    tree.policy.change_note = "A new distance."
    with django_capture_on_commit_callbacks(execute=True):
        publish(tree.policy)
    paths = {path for _host, path in front_end}
    assert "/policies/travel-assistance/" in paths  # Wagtail's own purge of the page
    assert "/" in paths  # every page, as the app's page cache drops every page


def test_unpublishing_purges_the_front_end_cache(tree, front_end):
    tree.faq.unpublish()
    assert front_end, "nothing was purged when a page left the site"


def test_a_glossary_or_setting_change_purges_the_front_end_cache(tree, front_end):
    from wagtail.models import Site

    from portal.models import PortalSettings

    PortalSettings.for_site(Site.objects.get(is_default_site=True)).save()
    assert front_end  # nothing was created: the saved setting was there already
    PortalSettings.for_site(Site.objects.get(is_default_site=True)).save()
    assert [path for _host, path in front_end] == ["/", "/"]


def test_a_consultation_opening_on_time_purges_the_front_end_cache(
        tree, front_end, calendar, consultation_index, django_capture_on_commit_callbacks):
    make_consultation(consultation_index, calendar, opens_in_days=-1, closes_in_days=30)
    front_end.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_windows_check(ConsultationPage.objects.all(),
                                            now=timezone.now())
    assert any(path == "/" for _h, path in front_end)


def test_without_a_front_end_cache_configured_nothing_is_sent(tree, front_end, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    publish(tree.policy)
    assert front_end == []
