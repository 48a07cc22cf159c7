from django.contrib.auth.views import LoginView
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.http import require_POST
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
        sections = page.plain_text_sections()
        parts = [page.plain_text_intro(), *(f"{heading}. {text}" for _, heading, text in sections)]
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


# --- editor: live plain-language check ---------------------------------------


def _unsaved_page_from_form(request, page, parent):
    """The page as the editor's unsaved form describes it (fields that fail validation keep
    their saved values), the way Wagtail's preview builds one."""
    form_class = page.get_edit_handler().get_form_class()
    data = request.POST.copy()
    data.setdefault("title", page.title or "Untitled")
    data.setdefault("slug", page.slug or "untitled")
    form = form_class(data, instance=page, parent_page=parent, for_user=request.user)
    form.is_valid()  # fills form.instance with every field that is valid
    return form.instance


@require_POST
def readability_check(request, page_id=None, app_label=None, model_name=None, parent_id=None):
    """Re-score the editor's unsaved form and return the panel's report as HTML."""
    from portal.panels import readability_context
    from portal.selectors import page_readability, plain_language_settings

    if page_id is not None:
        page = get_object_or_404(Page, pk=page_id).get_latest_revision_as_object()
        if not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        parent = page.get_parent().specific
    else:
        try:
            model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
        except ContentType.DoesNotExist as e:
            raise Http404 from e
        if model is None or not issubclass(model, Page):
            raise Http404
        parent = get_object_or_404(Page, pk=parent_id).specific
        if not parent.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        page = model(locale_id=parent.locale_id)
    page = _unsaved_page_from_form(request, page, parent)
    site = parent.get_site()
    context = readability_context(page_readability(page, site=site), plain_language_settings(site))
    return TemplateResponse(request, "portal/admin/readability_report.html", context)


# --- signing in (forum representatives, board members) -------------------------


class SignInView(LoginView):
    template_name = "portal/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        from charter.permissions import is_board_member, is_forum_rep, is_officer

        user = self.request.user
        if is_forum_rep(user):
            return reverse("forum_home")
        if is_board_member(user):
            return reverse("board_home")
        if is_officer(user):
            return reverse("wagtailadmin_home")
        return "/"
