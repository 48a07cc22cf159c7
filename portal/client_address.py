"""The address a request came from, and a keyed fingerprint of it for flood limits.

Behind load balancers the visitor's address is in ``X-Forwarded-For``; only the entries our
own proxies added can be trusted, because anyone can send that header with any addresses in
it. ``PORTAL_TRUSTED_PROXIES`` (settings) says how many proxies stand in front of the app:
0 (the default) trusts no header and uses the connection's address; 1 takes the last entry,
the one the load balancer added; 2 the one before it, and so on. The chain is read by
python-ipware, the engine of django-ipware.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from python_ipware import IpWare


def client_address(request) -> str:
    """The visitor's address as text ("unknown" when there is none)."""
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    proxies = int(getattr(settings, "PORTAL_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    # python-ipware counts the proxies named inside the header: the last proxy is the
    # connection itself, so N proxies in front leave N - 1 of them in the header.
    ipware = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1)
    found, _trusted = ipware.get_client_ip(request.META, strict=False)
    return str(found) if found else remote


def sign_in_address(request) -> str | None:
    """The visitor's address for django-axes (``AXES_CLIENT_IP_CALLABLE``): as
    ``client_address``, or None when it is not an IP address (a request made inside the
    app, or a server listening on a Unix socket), because axes stores it in an IP address
    column, which PostgreSQL checks."""
    found = client_address(request)
    try:
        ipaddress.ip_address(found)
    except ValueError:
        return None
    return found


#: The part of an IPv6 address that names one connection: a home or phone line is given a
#: whole /64 (RFC 6177, RFC 7934) and may use any address in it.
IPV6_SITE_PREFIX = 64


def limited_address(address: str) -> str:
    """What a flood limit counts ``address`` as: an IPv4 address itself (an IPv4-mapped IPv6
    address as its IPv4), an IPv6 address as its /64 network (``"2001:db8:1:2::/64"``),
    anything else as it is."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_SITE_PREFIX}", strict=False))
    return str(parsed)


def address_fingerprint(request) -> str:
    """A keyed hash of the visitor's address as a limit counts it (``limited_address``: an
    IPv6 address by its /64): enough to count, never the address itself."""
    return hmac.new(settings.SECRET_KEY.encode(),
                    limited_address(client_address(request)).encode(),
                    hashlib.sha256).hexdigest()


# --- stored responses per address and hour (consultations' and surveys' flood limits) ---


def _hour(now: dt.datetime) -> dt.datetime:
    return now.replace(minute=0, second=0, microsecond=0)


def stored_this_hour(counts, *, address: str, now: dt.datetime) -> int:
    """How many responses ``address`` (a fingerprint) has had stored in the hour of ``now``.

    ``counts`` is the app's count model (fields ``address``, ``hour``, ``count``): only
    stored responses are counted, in the database, so a limit holds across app servers.
    """
    return (counts.objects.filter(address=address, hour=_hour(now))
            .values_list("count", flat=True).first() or 0)


def count_stored(counts, *, address: str, now: dt.datetime) -> None:
    """One more response stored from ``address`` this hour. Call it inside the transaction
    that stores the response, so a response that is not stored is not counted; counts from
    before the last hour are deleted on the way. No link to the response is kept."""
    hour = _hour(now)
    if not counts.objects.filter(address=address, hour=hour).update(count=F("count") + 1):
        try:
            with transaction.atomic():
                counts.objects.create(address=address, hour=hour, count=1)
        except IntegrityError:  # another response from the address got there first
            counts.objects.filter(address=address, hour=hour).update(count=F("count") + 1)
        counts.objects.filter(hour__lt=hour - dt.timedelta(hours=1)).delete()
