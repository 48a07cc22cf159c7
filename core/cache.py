"""The anonymous page cache.

Anonymous GET requests for pages that opt in (``mark_cacheable``) are stored in
Django's cache (Redis when ``REDIS_URL`` is set) under a key that includes a
*generation* number. Publishing, unpublishing or moving a page, or changing
anything shown on many pages (a glossary term, a setting), bumps the generation,
so every cached page is dropped at once: glossary terms and settings appear on
every page, so a narrower purge would serve stale explanations.

Each entry carries the moment it goes stale by the portal's own clock (``cache_entry``), so
a page listing what is open now is never served past its freshness because the cache server
(Redis) keeps time differently.

A request that carries a session cookie (anyone logged in) never reads or
writes the cache; nor do previews, the admin, or responses that set cookies.

Only query parameters a page reads (``CACHED_QUERY_PARAMETERS``: the search words and the
results page, on the search page alone: ``QUERY_READING_VIEWS``) are part of the key, in a
fixed order. A request with any other parameter, one of them twice, or any parameter on a
page that reads none, is served without the cache: otherwise ``?x=1``, ``?x=2``... (or
``/faq/?q=1``, ``?q=2``...) would each miss the cache, run the page again and fill the cache
with copies.
"""

from __future__ import annotations

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.dispatch import Signal
from django.urls import Resolver404, resolve
from django.utils import translation

from core import memo

GENERATION_KEY = "portal:page-cache-generation"
# The query parameters a cacheable page reads (portal.views.search). Others bypass the cache.
CACHED_QUERY_PARAMETERS = frozenset({"q", "page"})
# The URL names of the views that read those parameters (portal/urls.py).
QUERY_READING_VIEWS = frozenset({"search"})
CACHEABLE_ATTR = "portal_cacheable"


def within_limit(key: str, *, limit: int, seconds: int) -> bool:
    """Count one use of ``key`` in the shared cache (so every app server counts together);
    False once it has been used more than ``limit`` times in a window of ``seconds`` that
    starts at its first use. Used for the subscribe form's and the password reset's limits
    per mailbox and per internet address (notices/services.py, accounts/password_reset.py)."""
    if cache.add(key, 1, seconds):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between the two calls
        return cache.add(key, 1, seconds) or True
#: Sent after every purge, so a cache outside the app (a front-end cache: ``portal.signals``)
#: drops its pages too.
page_cache_purged = Signal()


def mark_cacheable(response):
    """Let the anonymous page cache keep this response."""
    setattr(response, CACHEABLE_ATTR, True)
    return response



class CachedPageMixin:
    """Public pages the anonymous page cache may keep (previews never reach ``serve``).

    Plain Python over ``mark_cacheable``, so every page app (and ``charter``'s pages) can
    mix it in without importing the public site's page models."""

    def serve(self, request, *args, **kwargs):
        return mark_cacheable(super().serve(request, *args, **kwargs))

    def get_view_restrictions(self):
        """Wagtail's privacy check asks this on every request (two queries); while no page
        on the site is private, the answer is "none" without asking the database. Adding
        or removing privacy purges the page cache (``portal.signals``)."""
        restrictions = super().get_view_restrictions()  # lazy: no query yet
        if not any_page_private(restrictions.model):
            return restrictions.none()
        return restrictions


def any_page_private(restriction_model) -> bool:
    """Whether any page has a view restriction (``restriction_model``: Wagtail's
    ``PageViewRestriction``; password, sign-in or groups), kept until the next purge
    (``core.memo``)."""
    return memo.remember(("any-page-private",), restriction_model.objects.exists)


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh number, so entries from before an eviction are never reused; nor are the
        # answers this process kept (core.memo): with the clock stopped (tests), the fresh
        # number could be the one they were kept under.
        memo.forget_all()
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def purge_page_cache() -> None:
    """Drop every cached page, here and in any front-end cache (``page_cache_purged``), and
    every answer kept until the next purge (``core.memo``)."""
    memo.forget_all()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    page_cache_purged.send(sender=None)


def cacheable_query(query) -> str | None:
    """The query string as the cache key holds it (known parameters, sorted, each once),
    or None when the request must not use the cache.

    ``query`` is a ``QueryDict``. ``q`` is kept as the search reads it (trimmed); ``page``
    only as a whole number, since the search shows the first page for anything else.
    """
    kept = []
    for name in sorted(query):
        values = query.getlist(name)
        if name not in CACHED_QUERY_PARAMETERS or len(values) != 1:
            return None
        value = values[0].strip()
        if name == "page" and not (value.isascii() and value.isdigit() and len(value) <= 4):
            return None
        kept.append((name, value))
    return urlencode(kept)


def _cache_key(request, generation: int) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    if request.GET and not _reads_query(request.path_info):
        return None
    query = cacheable_query(request.GET)
    if query is None:
        return None
    # Hashed: query strings can be long, and some cache backends limit key length.
    digest = hashlib.sha256(f"{host}|{request.path}|{query}".encode()).hexdigest()
    return f"portal:page:{generation}:{digest}"


def _reads_query(path: str) -> bool:
    """Whether the view at ``path`` reads the query string (the search page, in any language).

    This middleware runs before the language is chosen, so the path's own language prefix
    (``/pl/``, ``/ar/``) is activated to resolve it.
    """
    with translation.override(translation.get_language_from_path(path)):
        try:
            return resolve(path).url_name in QUERY_READING_VIEWS
        except Resolver404:
            return False


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not settings.PORTAL_PAGE_CACHE
            or request.method != "GET"
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        generation = current_generation()
        key = _cache_key(request, generation)
        if key is None:
            return self.get_response(request)
        cached = fresh_entry(cache.get(key))
        if cached is not None:
            if current_generation() != generation:
                # Purged since this request began: the kept page may be one the record has
                # moved past, so it goes out unmarked and no front-end cache keeps it.
                return cached
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        # A page rendered while a publish landed may show the old version. A front-end cache
        # would keep it after its own purge (Varnish tests only what it held when the ban
        # came), so it is marked, and kept here, only if no purge came in between.
        if _storable(request, response) and current_generation() == generation:
            cache.set(key, cache_entry(response), settings.PORTAL_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


def cache_entry(response) -> tuple[float, object]:
    """What the cache keeps for ``response``: the moment it goes stale (seconds since the
    epoch, by the portal's own clock) and the response.

    The cache's own timeout runs on the cache server's clock (Redis's), which is not the
    portal's: a page listing what is open now (the home page's consultation and survey cards)
    must not be served after the portal's clock has moved past its freshness, whatever the
    cache server thinks. Checked on every read by ``fresh_entry``.
    """
    return (time.time() + settings.PORTAL_PAGE_CACHE_SECONDS, response)


def fresh_entry(entry):
    """The response in a cache ``entry`` (``cache_entry``'s shape) while the portal's clock
    says it is fresh; None when it is stale, missing or in another shape (an older
    release's)."""
    if not isinstance(entry, tuple) or len(entry) != 2:
        return None
    stale_at, response = entry
    return response if time.time() < stale_at else None


def _storable(request, response) -> bool:
    user = getattr(request, "user", None)
    return (
        getattr(response, CACHEABLE_ATTR, False)
        and response.status_code == 200
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and not (user is not None and user.is_authenticated)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )
