"""The visitor's address behind a configured number of trusted proxies (django-ipware)."""

import pytest
from django.test import RequestFactory

from portal.client_address import address_fingerprint, client_address


def _request(forwarded=None, remote="10.0.0.2"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize("proxies,forwarded,expected", [
    (0, "1.1.1.1", "10.0.0.2"),                     # no proxy: the header is anyone's
    (1, "81.2.69.160", "81.2.69.160"),              # the balancer added the visitor
    (1, "1.1.1.1, 81.2.69.160", "81.2.69.160"),     # a forged first entry is ignored
    (2, "1.1.1.1, 81.2.69.160, 10.0.0.9", "81.2.69.160"),
    (1, None, "10.0.0.2"),                          # no header at all
    (2, "81.2.69.160", "10.0.0.2"),                 # too short a chain: the connection
])
def test_only_entries_our_proxies_added_are_trusted(settings, proxies, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXIES = proxies
    assert client_address(_request(forwarded)) == expected


def test_the_fingerprint_never_holds_the_address(settings):
    settings.PORTAL_TRUSTED_PROXIES = 0
    fingerprint = address_fingerprint(_request(remote="81.2.69.160"))
    assert "81.2.69.160" not in fingerprint and len(fingerprint) == 64
    assert fingerprint == address_fingerprint(_request(remote="81.2.69.160"))


def test_sign_in_lockouts_get_an_ip_address_or_nothing():
    from portal.client_address import sign_in_address

    request = RequestFactory().get("/sign-in/", REMOTE_ADDR="203.0.113.9")
    assert sign_in_address(request) == "203.0.113.9"
    # A request made inside the app (force_login) or over a Unix socket has no IP address:
    # django-axes stores None, never text PostgreSQL's inet column refuses.
    inside = RequestFactory().get("/sign-in/")
    inside.META.pop("REMOTE_ADDR", None)
    assert sign_in_address(inside) is None
    inside.META["REMOTE_ADDR"] = "/run/gunicorn.sock"
    assert sign_in_address(inside) is None
