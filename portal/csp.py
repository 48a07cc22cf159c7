"""The Content-Security-Policy: strict on the public site, looser in the Wagtail admin.

The public policy is ``CONTENT_SECURITY_POLICY`` in the settings (no inline script or
style, no framing). The editors' admin (``/admin/``, ``/django-admin/``) is served with
``ADMIN_DIRECTIVES`` instead, because Wagtail 8 cannot run under the strict one:

- some of its widgets and panels still write inline ``<script>`` tags (the inline panel,
  the date and time pickers, the multiple chooser panel) and inline styles, and they are
  rendered without the request, so they cannot carry a nonce; a nonce would also switch
  ``'unsafe-inline'`` off for the scripts that cannot have one (wagtail/wagtail#1288,
  #7053);
- its preview panel shows the page being edited in a same-origin frame.

So the admin allows inline script and style but still loads nothing from any other host,
and may only be framed by the portal itself. Only signed-in officers reach it.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

ADMIN_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "report-uri": "/csp-report/",
}


def is_admin_path(path: str) -> bool:
    """True for the addresses served with the admin's policy (``ADMIN_PATH_PREFIXES``)."""
    return path.startswith(ADMIN_PATH_PREFIXES)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy for admin addresses.

    A view's own ``csp_override``/``csp_update`` decorators still win over both.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(ADMIN_DIRECTIVES)
        return parts
