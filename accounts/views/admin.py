"""Administrators' pages in the Wagtail admin: the sign-in audit log (read-only), and
locked-out sign-ins with an unlock button, and removing two-factor from an account whose
owner lost their phone."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from accounts import selectors, services
from charter.permissions import is_administrator

PER_PAGE = 50


def _require_administrator(request):
    if not is_administrator(request.user):
        raise PermissionDenied


def audit_log(request):
    """The sign-in audit log, newest first, 50 a page; filter by username."""
    _require_administrator(request)
    entries = selectors.audit_log()
    username = request.GET.get("username", "").strip()
    if username:
        entries = entries.filter(username__iexact=username)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "accounts/admin/audit_log.html",
                            {"page": page, "username": username})


def lockouts(request):
    """Accounts and addresses with failed sign-ins, locked-out ones first."""
    _require_administrator(request)
    attempts = AccessAttempt.objects.order_by("-failures_since_start", "-attempt_time")[:200]
    return TemplateResponse(request, "accounts/admin/lockouts.html", {
        "attempts": attempts, "limit": settings.AXES_FAILURE_LIMIT})


@require_POST
def unlock(request):
    _require_administrator(request)
    username = request.POST.get("username", "")
    address = request.POST.get("address", "")
    if username or address:
        services.unlock(username=username, address=address, request=request)
        messages.success(request, f"Unlocked {username or address}: they can sign in again now.")
    return redirect("accounts_lockouts")


@require_POST
def remove_two_factor(request):
    """Remove two-factor from an account (lost phone and recovery codes): its owner sets it
    up again at their next sign-in."""
    _require_administrator(request)
    username = request.POST.get("username", "").strip()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        messages.error(request, f"There is no account called {username!r}.")
    else:
        services.remove_two_factor(user=user, request=request, by=request.user)
        messages.success(request, f"Two-factor removed from {username}: they set it up again "
                                  "when they next sign in.")
    return redirect("accounts_lockouts")
