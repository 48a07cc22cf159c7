"""Session rules for signed-in accounts: sign out everywhere, idle time-out, two-factor.

A small middleware of our own, not a package: the maintained ones (django-session-timeout,
django-auto-logout) have had no release for Django 5 and give one idle limit for everyone,
while the service needs one per role, and django-user-sessions replaces the session store
(the portal keeps Django's). django-otp's OTPMiddleware, which must come before this one,
tells whether the session gave a code.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from accounts import rules, selectors, services
from accounts.models import AccountEvent
from accounts.session import (
    HAS_TWO_FACTOR,
    LAST_SEEN,
    NOTICE,
    SIGNED_IN_AT,
    remembered_language,
)

# How often (seconds) a session's last-use time is written and the "signed out
# everywhere" moment read: at most one write and one query a minute per session.
CHECK_EVERY = 60
CHECKED_AT = "accounts_checked_at"

# Pages a signed-in person may use before giving their two-factor code (not the account
# page: signing out everywhere or making recovery codes needs the code first).
_OPEN_PREFIXES = ("/account/two-factor/", "/sign-out/", "/static/", "/media/", "/i18n/",
                  "/admin/logout/", "/favicon")


class AccountLanguageMiddleware:
    """The account and two-factor pages (``/account/...``), served at English addresses
    only, in the language the person signed in in (``READER_LANGUAGE``, set by the sign-in
    page at /pl/sign-in/ or /ar/sign-in/): a Polish forum representative asked for a
    two-factor code reads the prompt in Polish, in a page marked ``lang="pl"``. Goes after
    Django's ``LocaleMiddleware``, which gives every address without a prefix English."""

    PREFIXES = ("/account/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = remembered_language(request)
        if language and request.path_info.startswith(self.PREFIXES):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class AccountSessionMiddleware:
    """Ends sessions older than the account's "sign out everywhere", ends a staff session
    idle for longer than its role allows (``ACCOUNTS_IDLE_MINUTES``), and sends staff who
    must use two-factor to give their code (or set it up) before any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _check(self, request):
        session, user, now = request.session, request.user, time.time()
        roles = selectors.account_roles(user)
        limit = rules.idle_limit_minutes(roles, settings.ACCOUNTS_IDLE_MINUTES)
        if rules.idle_expired(last_seen=session.get(LAST_SEEN), now=now, limit_minutes=limit):
            services.record(AccountEvent.Kind.IDLE_SIGNED_OUT, request=request, user=user,
                            detail=f"after {limit} minutes")
            return self._end(request, "idle")
        if now - session.get(CHECKED_AT, 0) >= CHECK_EVERY:
            valid_from = selectors.sessions_valid_from(user)
            if valid_from is not None and session.get(SIGNED_IN_AT, 0) < valid_from.timestamp():
                return self._end(request, "everywhere")
            session[CHECKED_AT] = session[LAST_SEEN] = now
        if HAS_TWO_FACTOR not in session:  # a session from before two-factor came in
            session[HAS_TWO_FACTOR] = selectors.has_two_factor(user)
        if (rules.must_pass_two_factor(roles, has_device=session[HAS_TWO_FACTOR],
                                       enforced=settings.ACCOUNTS_TWO_FACTOR_REQUIRED)
                and not user.is_verified() and not request.path.startswith(_OPEN_PREFIXES)):
            target = "accounts:two_factor" if session[HAS_TWO_FACTOR] else "accounts:setup"
            return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))
        return None

    def _end(self, request, why: str):
        """Sign out and go on as a visitor: the page asks for a sign-in if it needs one (and
        keeps a form being sent, see charter.permissions.role_required)."""
        logout(request)
        request.session[NOTICE] = why
        return None
