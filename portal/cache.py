"""The anonymous page cache.

Anonymous GET requests for pages that opt in (``mark_cacheable``) are stored in
Django's cache (Redis when ``REDIS_URL`` is set) under a key that includes a
*generation* number. Publishing, unpublishing or moving a page, or changing
anything shown on many pages (a glossary term, a setting), bumps the generation,
so every cached page is dropped at once: glossary terms and settings appear on
every page, so a narrower purge would serve stale explanations.

A request that carries a session cookie (anyone logged in) never reads or
writes the cache; nor do previews, the admin, or responses that set cookies.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost

GENERATION_KEY = "portal:page-cache-generation"
CACHEABLE_ATTR = "portal_cacheable"


def mark_cacheable(response):
    """Let the anonymous page cache keep this response."""
    setattr(response, CACHEABLE_ATTR, True)
    return response


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh number, so entries from before an eviction are never reused.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def purge_page_cache() -> None:
    """Drop every cached page."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _cache_key(request, generation: int) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    # Hashed: query strings can be long, and some cache backends limit key length.
    digest = hashlib.sha256(f"{host}|{request.get_full_path()}".encode()).hexdigest()
    return f"portal:page:{generation}:{digest}"


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
        key = _cache_key(request, current_generation())
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            cache.set(key, response, settings.PORTAL_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


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
