from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from portal.cache import mark_cacheable
from portal.excerpts import excerpt
from portal.selectors import active_locale

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def _searchable_text(page) -> str:
    """The words a result's excerpt is cut from."""
    if hasattr(page, "plain_text_sections"):
        intro = getattr(page, "in_short", "") or getattr(page, "intro", "")
        parts = [intro] + [f"{heading}. {text}" for _, heading, text in page.plain_text_sections()]
        return " ".join(parts)
    return strip_tags(getattr(page, "intro", "") or page.search_description or "")


def search(request):
    from portal.models import GlossaryTerm

    query = request.GET.get("q", "").strip()
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = f"Search for {MAX_QUERY_LENGTH} characters or fewer."
        query = query[:MAX_QUERY_LENGTH]
    results, terms, page_obj = [], [], None
    if query:
        locale = active_locale()
        pages = Page.objects.live().public().filter(locale=locale).specific().search(query)
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        results = [
            {"page": p, "excerpt": excerpt(_searchable_text(p), query)} for p in page_obj
        ]
        if page_obj.number == 1:
            terms = list(
                get_search_backend().search(
                    query, GlossaryTerm.objects.filter(live=True, locale=locale)
                )[:5]
            )
    response = TemplateResponse(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "search_error": error,
            "results": results,
            "glossary_results": terms,
            "page_obj": page_obj,
        },
    )
    return mark_cacheable(response)
