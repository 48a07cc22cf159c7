"""The checker's answers are sent in a form (POST), never in the address, so they stay out of
access logs and browser history. The form sets no cookie either, so it carries no CSRF token:
the checker changes nothing and stores nothing, so there is nothing to forge."""

from wagtail.models import Site
from wagtail.views import serve

CHECKER_ROUTE = "eligibility_checker"


class CheckerCsrfExemptMiddleware:
    """Lets a POST reach a policy page's checker without a CSRF token. Only that route: the
    address is resolved to the page and its route before the exemption applies. Put it
    before ``CsrfViewMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or view_func is not serve:
            return None
        path = (view_args[0] if view_args else view_kwargs.get("path")) or ""
        if not path.endswith("checker/"):
            return None
        site = Site.find_for_request(request)
        if site is None:
            return None
        try:
            components = [c for c in path.split("/") if c]
            page, args, kwargs = site.root_page.localized.specific.route(request, components)
        except Exception:  # noqa: BLE001 - any routing failure: no exemption, Wagtail's 404
            return None
        match = getattr(page, "resolve_subpage", None)
        if match is None or not getattr(page, "eligibility_checker", False):
            return None
        view = args[0] if args else None
        if getattr(view, "__name__", "") == "checker_view":
            request._dont_enforce_csrf_checks = True
        return None
