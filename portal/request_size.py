"""Refuse a request body over ``PORTAL_MAX_REQUEST_BYTES`` before anything reads it.

Django limits form fields (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but streams any size of file
upload to disk; a proxy in front should refuse large bodies too, but the portal does not
rely on one being configured.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    """A request that says (``Content-Length``) it is over the limit gets a plain 413."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PORTAL_MAX_REQUEST_BYTES:
            return HttpResponse(
                _("This is too large to send. Send a smaller file, or fewer at once."),
                status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
