"""Reads the notices pages need."""

from __future__ import annotations

from wagtail.models import Page

from charter.coproduction import CoProducedPageMixin


def followable_page(page_id) -> Page | None:
    """The live, public, co-produced page ``page_id`` names (specific), or ``None`` for any
    other id (a draft, a private page, a page that is not co-produced, nonsense)."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    return page if isinstance(page, CoProducedPageMixin) else None
