"""Routing a public address without walking the page tree on every request.

Wagtail finds a page by looking up the site for the host name, then each page on the way
down from the site's root, one slug at a time, loading each page's specific type: five to
seven queries and about a third of the time an uncached policy page takes. The answer is
the same for every request until the tree changes, and every change to the tree (publish,
unpublish, move, privacy, a site) purges the page cache, so this middleware keeps the
answers per page-cache generation (``core.memo``):

- the site a host and port belong to (``Site.find_for_request``'s answer), given to each
  request as its own copy;
- which page an address leads to, kept as (the page's type, its id, how many of the
  address's parts lead to it). A later request loads that one page afresh and lets the page
  route the rest of the address itself (``Page.route``: a routable page's sub-pages, the
  live check), so what is served, and its freshness, is exactly what Wagtail's walk gives.

Misses (addresses that lead nowhere) are not kept. The answers are read by Wagtail's own
serve view (``request._wagtail_site``, ``request._wagtail_route_for_request``), so its
hooks, privacy checks included, run as before.
"""

from __future__ import annotations

import copy

from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from core import memo
from core.cache import current_generation


def site_for_request(request) -> Site | None:
    """The request's site (Wagtail's rule: host, then host and port, then the default),
    as a copy of the one kept for this generation; also kept on the request, where Wagtail
    looks for it."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        site = memo.remember(("site", hostname, request.get_port()),
                             lambda: Site._find_for_request(request))
        request._wagtail_site = copy.copy(site) if site is not None else None
    return request._wagtail_site


def _root_depth(site: Site) -> int:
    return memo.remember(("root-depth", site.pk), lambda: Page.objects.filter(
        pk=site.root_page_id).values_list("depth", flat=True).get())


def _route_key(site: Site, path: str) -> tuple:
    return ("route", site.pk, translation.get_language(), path)


def _components(path: str) -> list[str]:
    return [component for component in path.split("/") if component]


class GenerationMemoMiddleware:
    """Reads the page cache's generation once per request (``core.memo``), and gives
    Wagtail's serve view the site and the route kept for it. Goes after the language is
    chosen (the route depends on it) and before anything asks for the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = memo.begin(current_generation())
        try:
            site_for_request(request)
            response = self.get_response(request)
            self._keep_route(request)
            return response
        finally:
            memo.end(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        site = site_for_request(request)
        if site is None:
            return None
        key = _route_key(site, path)
        kept = memo.recall(key)
        if kept is None:
            request._portal_route_key = (key, path, site)
            return None
        model, pk, consumed = kept
        page = model.objects.filter(pk=pk).first()
        if page is None:  # gone since (its purge is on its way): Wagtail's own walk
            return None
        try:
            request._wagtail_route_for_request = page.route(request, _components(path)[consumed:])
        except Http404:
            request._wagtail_route_for_request = None
        return None

    @staticmethod
    def _keep_route(request) -> None:
        """After Wagtail's walk: keep which page the address led to, if it led to one."""
        found = getattr(request, "_portal_route_key", None)
        result = getattr(request, "_wagtail_route_for_request", None)
        if found is None or result is None:
            return
        key, path, site = found
        page = result[0]
        components = _components(path)
        consumed = page.depth - _root_depth(site)
        if not 0 <= consumed <= len(components):
            return
        if consumed and page.url_path.strip("/").split("/")[-consumed:] != components[:consumed]:
            return  # not a plain walk down the tree: leave it to Wagtail every time
        memo.remember(key, lambda: (type(page), page.pk, consumed))
